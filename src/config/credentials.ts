/**
 * Shape checks for an OAuth client id and client secret: the mistakes that happen when
 * credentials are copied from Developer Hub into an environment.
 *
 * Messages name the field, never its value.
 *
 * @module
 */

import { type ConfigIssue, issue } from "./issues.js";

/** The two credentials to check; either may be left out. */
export interface CredentialValues {
  /** The app's client id, from Developer Hub > Basic Information. */
  readonly clientId?: string | undefined;
  /**
   * The app's client secret. **Security:** the value is only inspected, never copied
   * into an issue.
   */
  readonly clientSecret?: string | undefined;
}

/** Labels for messages, so that callers can say where a value came from (`clientId (from $X)`). @internal */
export interface CredentialLabels {
  readonly clientId?: string;
  readonly clientSecret?: string;
}

// Intercom's client ids look like UUIDs (8-4-4-4-12 hex); the exact format is unconfirmed.
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 and C1 controls, DEL, zero-width characters and the BOM: invisible when pasted.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NON_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/;
const QUOTES = /^["'`\u2018\u2019\u201c\u201d]|["'`\u2018\u2019\u201c\u201d]$/;
const PLACEHOLDERS = new Set([
  "your-client-id",
  "your_client_id",
  "yourclientid",
  "your-client-secret",
  "your_client_secret",
  "yourclientsecret",
  "client-id",
  "client_id",
  "clientid",
  "client-secret",
  "client_secret",
  "clientsecret",
  "changeme",
  "change-me",
  "change_me",
  "replace-me",
  "replaceme",
  "placeholder",
  "secret",
  "todo",
  "tbd",
  "none",
  "null",
  "undefined",
  "test",
  "...",
  "…",
]);
// "tok:" in base64: every Intercom access token starts with it.
const TOKEN_PREFIX = "dG9rO";

/** Whether a credential value is a placeholder (`your-client-id`, `xxx`, `<…>`, `${VAR}`…). @internal */
export function isPlaceholder(value: string): boolean {
  const v = value.toLowerCase();
  if (PLACEHOLDERS.has(v)) return true;
  if (/^x{3,}$/.test(v) || /^\*{3,}$/.test(v) || /^0{8,}$/.test(v)) return true;
  if (/^<.*>$/.test(v) || /^\{\{.*\}\}$/.test(v)) return true;
  return /^\$\{?[a-z_][a-z0-9_]*\}?$/.test(v);
}

function checkOne(field: "clientId" | "clientSecret", value: string, label: string): ConfigIssue[] {
  const path = [field];
  const trimmed = value.trim();
  if (trimmed === "") {
    return [
      issue(
        "CREDENTIAL_EMPTY",
        path,
        `${label} is empty.`,
        "Copy the value from Developer Hub > your app > Basic Information.",
      ),
    ];
  }
  const issues: ConfigIssue[] = [];
  if (trimmed !== value) {
    issues.push(
      issue(
        "CREDENTIAL_WHITESPACE",
        path,
        `${label} has whitespace or a line break before or after it.`,
        "Remove the surrounding whitespace; check how the variable is set (a trailing newline from a file is common).",
      ),
    );
  }
  if (QUOTES.test(trimmed)) {
    issues.push(
      issue(
        "CREDENTIAL_QUOTED",
        path,
        `${label} is wrapped in quote characters.`,
        "Remove the quotes: they became part of the value (common in .env files and CI secret settings).",
      ),
    );
  }
  // Ordinary surrounding whitespace is CREDENTIAL_WHITESPACE; anything else invisible is reported here.
  if (NON_PRINTABLE.test(value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""))) {
    issues.push(
      issue(
        "CREDENTIAL_NON_PRINTABLE",
        path,
        `${label} contains control or invisible characters.`,
        "Copy the value again from Developer Hub, or retype it.",
      ),
    );
  }
  const bare = trimmed.replace(/^["'`]+|["'`]+$/g, "");
  if (isPlaceholder(bare)) {
    const envLike = /^\$/.test(bare);
    issues.push(
      issue(
        "CREDENTIAL_PLACEHOLDER",
        path,
        `${label} is a placeholder, not a real ${field === "clientId" ? "client id" : "client secret"}.`,
        envLike
          ? "Shell-style variables are not expanded in the config; write env:NAME to read an environment variable."
          : "Set the real value from Developer Hub > your app > Basic Information.",
      ),
    );
  }
  if (bare.startsWith(TOKEN_PREFIX)) {
    issues.push(
      issue(
        "CREDENTIAL_LOOKS_LIKE_TOKEN",
        path,
        `${label} looks like an Intercom access token (it starts with dG9rO, "tok:" in base64).`,
        "Use the app's client id and secret from Developer Hub > Basic Information, not a workspace access token. If this token was committed anywhere, revoke it.",
      ),
    );
  }
  return issues;
}

/**
 * Checks the shape of a client id and a client secret (the values themselves, not env
 * references). Issue paths are `["clientId"]` or `["clientSecret"]`.
 *
 * Errors: empty; whitespace around the value; quotes around it; control or invisible
 * characters; a placeholder (`your-client-id`, `xxx`, `changeme`, `<…>`, `${VAR}`); the id
 * equal to the secret; a value that looks like an access token (`dG9rO…`). Warning: a
 * client id that is not UUID-like, the shape Intercom issues (the exact format is
 * unconfirmed, so this is only a warning).
 *
 * **Security:** messages name the field, never the value.
 *
 * @param values - `{ clientId?, clientSecret? }`
 * @returns the issues found; empty when both look right
 */
export function checkCredentialShape(values: CredentialValues, labels: CredentialLabels = {}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { clientId, clientSecret } = values;
  if (typeof clientId === "string") {
    const idIssues = checkOne("clientId", clientId, labels.clientId ?? "clientId");
    issues.push(...idIssues);
    if (idIssues.length === 0 && !UUID_LIKE.test(clientId)) {
      issues.push(
        issue(
          "CLIENT_ID_UNUSUAL_SHAPE",
          ["clientId"],
          `${labels.clientId ?? "clientId"} is not UUID-like (8-4-4-4-12 hex digits), the shape Intercom client ids have.`,
          "Check that you copied the Client ID from Developer Hub > Basic Information, not the app id or the secret.",
        ),
      );
    }
  }
  if (typeof clientSecret === "string") {
    issues.push(...checkOne("clientSecret", clientSecret, labels.clientSecret ?? "clientSecret"));
  }
  if (
    typeof clientId === "string" &&
    typeof clientSecret === "string" &&
    clientId.trim() !== "" &&
    clientId.trim() === clientSecret.trim()
  ) {
    issues.push(
      issue(
        "CREDENTIAL_ID_EQUALS_SECRET",
        ["clientSecret"],
        "clientSecret is the same value as clientId.",
        "Copy the Client secret (not the Client ID) from Developer Hub > Basic Information.",
      ),
    );
  }
  return issues;
}
