/**
 * The catalogue of config issue codes, and the shape of one issue.
 *
 * Codes are stable SCREAMING_SNAKE strings: CI scripts may match on them. Messages
 * may improve between versions; codes keep their meaning.
 *
 * @module
 */

import { closestMatch } from "../suggest.js";

// The path spellings live in ../json-path.ts, shared with the CLI; config modules take them from here.
import { displayPath } from "../json-path.js";

export { displayPath, toJsonPointer } from "../json-path.js";

/** How bad an issue is. Errors make a config invalid; warnings do not (unless the CLI runs with `--strict`). */
export type ConfigIssueSeverity = "error" | "warning";

/**
 * Every issue code `validateConfig`, `checkRedirectUri(s)` and `checkCredentialShape`
 * can report, with its severity and a one-line description. `docs/config.md` documents
 * each one; the test suite checks that it does.
 */
export const CONFIG_ISSUE_CODES = {
  CONFIG_NOT_OBJECT: { severity: "error", description: "The config is not a JSON object." },
  DUPLICATE_KEY: {
    severity: "error",
    description:
      "A key is written twice in one object; JSON keeps only the last value, so the others are silently dropped.",
  },
  UNKNOWN_KEY: { severity: "error", description: "A key the config format does not define (often a typo)." },
  MISSING_KEY: { severity: "error", description: "A required key is absent." },
  WRONG_TYPE: {
    severity: "error",
    description: "A value has the wrong JSON type (for example a number where a string belongs).",
  },
  INVALID_VALUE: {
    severity: "error",
    description: "A value is not one of the allowed values, or breaks the schema in another way.",
  },
  INVALID_REGION: { severity: "error", description: 'The region is not "us", "eu" or "au".' },
  INVALID_URL: {
    severity: "error",
    description: "A URL outside redirectUris (such as app.installInstructionsUrl) is not an absolute HTTPS URL.",
  },
  ENV_REF_INVALID: {
    severity: "error",
    description:
      "A value is meant as an env reference but is not written env:NAME (a bad name, or env: in the wrong case).",
  },
  ENV_VAR_UNSET: {
    severity: "error",
    description: "An env reference names a variable that is not set (only when an environment is checked).",
  },
  SECRET_IN_FILE: { severity: "error", description: "clientSecret is a literal value; it must be an env reference." },
  CREDENTIAL_EMPTY: { severity: "error", description: "A client id or secret is empty." },
  CREDENTIAL_WHITESPACE: { severity: "error", description: "A client id or secret has whitespace before or after it." },
  CREDENTIAL_QUOTED: { severity: "error", description: "A client id or secret is wrapped in quote characters." },
  CREDENTIAL_NON_PRINTABLE: {
    severity: "error",
    description: "A client id or secret holds control or invisible characters.",
  },
  CREDENTIAL_PLACEHOLDER: {
    severity: "error",
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, quoted on purpose.
      "A client id or secret is a placeholder such as your-client-id, xxx, changeme or <…>, or a variable in another syntax (${NAME}, $NAME).",
  },
  CREDENTIAL_ID_EQUALS_SECRET: {
    severity: "error",
    description: "The client id and the client secret are the same value.",
  },
  CREDENTIAL_LOOKS_LIKE_TOKEN: {
    severity: "error",
    description: "A client id or secret looks like an Intercom access token (it starts with dG9rO, base64 of tok:).",
  },
  CLIENT_ID_UNUSUAL_SHAPE: {
    severity: "warning",
    description: "The client id is not UUID-like, the shape Intercom issues (unconfirmed, hence a warning).",
  },
  REDIRECT_URIS_EMPTY: { severity: "error", description: "redirectUris is an empty list." },
  REDIRECT_URI_NOT_ABSOLUTE: {
    severity: "error",
    description: "A redirect URL is not absolute (it has no scheme://host).",
  },
  REDIRECT_URI_NOT_HTTPS: {
    severity: "error",
    description: "A redirect URL does not use https (http is a warning on localhost, 127.0.0.1 or [::1] only).",
  },
  REDIRECT_URI_FRAGMENT: { severity: "error", description: "A redirect URL has a #fragment." },
  REDIRECT_URI_WILDCARD: { severity: "error", description: "A redirect URL has a * wildcard." },
  REDIRECT_URI_USERINFO: { severity: "error", description: "A redirect URL has user info (user:password@)." },
  REDIRECT_URI_EMPTY_HOST: { severity: "error", description: "A redirect URL has an empty host." },
  REDIRECT_URI_WHITESPACE: { severity: "error", description: "A redirect URL holds whitespace." },
  REDIRECT_URI_TOO_LONG: { severity: "error", description: "A redirect URL is longer than 2,048 characters." },
  REDIRECT_URI_DUPLICATE: { severity: "error", description: "A redirect URL appears twice in the list." },
  REDIRECT_URI_LOCAL: {
    severity: "warning",
    description:
      "A redirect URL is for local development: http on localhost, 127.0.0.1 or [::1], or any URL on localhost or an IP literal.",
  },
  REDIRECT_URI_PLACEHOLDER: {
    severity: "warning",
    description: "A redirect URL uses a reserved example host (example.com, .test, .invalid …).",
  },
  REDIRECT_URI_TRAILING_SLASH_TWIN: {
    severity: "warning",
    description: "Two redirect URLs differ only by a trailing slash.",
  },
  INVALID_SCOPE_SPEC: {
    severity: "error",
    description: "scopes is not a preset name, a list of scope ids, or { preset, add, remove }.",
  },
  UNKNOWN_SCOPE: { severity: "error", description: "A scope id is not one of Intercom's permissions." },
  SCOPES_EMPTY: { severity: "warning", description: "The scope spec resolves to no permissions at all." },
  SCOPES_BEYOND_PRESETS: {
    severity: "warning",
    description:
      "The scopes include permissions outside the admin-level preset; reviewers reject apps that ask for more than they use.",
  },
  JUSTIFICATION_UNUSED: {
    severity: "warning",
    description: "justifications has a sentence for a permission that scopes does not tick.",
  },
  APP_INSTALL_INSTRUCTIONS_MISSING: {
    severity: "warning",
    description: "app.listing is unlisted but app.installInstructionsUrl is not set.",
  },
} as const satisfies Record<string, { readonly severity: ConfigIssueSeverity; readonly description: string }>;

/** A stable config issue code; see {@link CONFIG_ISSUE_CODES}. */
export type ConfigIssueCode = keyof typeof CONFIG_ISSUE_CODES;

/**
 * Where an issue is, as the keys and indexes from the config's root: `["redirectUris", 0]`
 * is the first redirect URL, `[]` the whole config. It is the decoded form of a JSON
 * Pointer (`/redirectUris/0`), the form the CLI's JSON output uses.
 */
export type ConfigIssuePath = readonly (string | number)[];

/** One problem found in a config. Never holds a secret value. */
export interface ConfigIssue {
  /** Stable code from {@link CONFIG_ISSUE_CODES}. */
  readonly code: ConfigIssueCode;
  /** `error` makes the config invalid; `warning` does not. */
  readonly severity: ConfigIssueSeverity;
  /** Where the problem is; see {@link ConfigIssuePath}. */
  readonly path: ConfigIssuePath;
  /** What is wrong, in one sentence. Never echoes a secret. */
  readonly message: string;
  /** How to fix it, when there is more to say than the message. */
  readonly hint?: string;
}

/** Builds an issue with the catalogue's severity. @internal */
export function issue(code: ConfigIssueCode, path: ConfigIssuePath, message: string, hint?: string): ConfigIssue {
  const severity: ConfigIssueSeverity = CONFIG_ISSUE_CODES[code].severity;
  return hint === undefined ? { code, severity, path, message } : { code, severity, path, message, hint };
}

/** A value's JSON kind, for messages: `"an array"`, `"a string"`, `"null"`. Never the value itself. @internal */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** An `UNKNOWN_KEY` issue, with a "did you mean" among the `known` keys. @internal */
export function unknownKey(path: ConfigIssuePath, key: string, known: readonly string[]): ConfigIssue {
  const near = closestMatch(key, known);
  return issue(
    "UNKNOWN_KEY",
    [...path, key],
    near === undefined
      ? `Unknown key "${key}" in ${displayPath(path)}.`
      : `Unknown key "${key}" in ${displayPath(path)}; did you mean "${near}"?`,
    `The keys allowed here are: ${known.join(", ")}.`,
  );
}

/** Prefixes each issue's path, for checks that run on one part of the config. @internal */
export function underPath(prefix: ConfigIssuePath, issues: readonly ConfigIssue[]): ConfigIssue[] {
  return issues.map((one) => ({ ...one, path: [...prefix, ...one.path] }));
}
