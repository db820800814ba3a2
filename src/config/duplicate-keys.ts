/**
 * Duplicate keys as config issues. A second `"scopes"` or `"region"` silently replaces the
 * first, and a literal `clientSecret` followed by an `env:` one hides a committed secret, so
 * each duplicate is an error, and a dropped literal secret is reported as well.
 *
 * @module
 */

import { isPlaceholder } from "./credentials.js";
import { resolveEnvRef } from "./env-ref.js";
import { type ConfigIssue, displayPath, issue } from "./issues.js";
import { type SourcePosition, duplicateKeysOf } from "./locate.js";

// Enough positions to find them all in a real file, few enough to keep the message short.
const LISTED_POSITIONS = 5;

function where(positions: readonly SourcePosition[]): string {
  const shown = positions.slice(0, LISTED_POSITIONS).map((at) => `line ${at.line}, column ${at.column}`);
  const more = positions.length - shown.length;
  if (more > 0) return `${shown.join("; ")} and ${more} more`;
  return shown.length < 3 ? shown.join(" and ") : `${shown.slice(0, -1).join("; ")} and ${shown.at(-1)}`;
}

function count(n: number): string {
  return n === 2 ? "twice" : `${n} times`;
}

// A value that is a secret itself, not a reference, a placeholder or nothing.
function isLiteralSecret(value: unknown): boolean {
  return (
    typeof value === "string" &&
    value.trim() !== "" &&
    resolveEnvRef(value).kind === "literal" &&
    !isPlaceholder(value.trim())
  );
}

/**
 * The `DUPLICATE_KEY` issues of a value parsed by `parseConfigSource`, at every nesting
 * level, one per repeated key, plus `SECRET_IN_FILE` when a dropped `clientSecret` is a
 * literal secret. Values are never shown. @internal
 */
export function duplicateKeyIssues(value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const duplicate of duplicateKeysOf(value)) {
    const name = displayPath(duplicate.path);
    const key = String(duplicate.path.at(-1));
    issues.push(
      issue(
        "DUPLICATE_KEY",
        duplicate.path,
        `${name} is written ${count(duplicate.positions.length)} (${where(duplicate.positions)}); JSON keeps only the last one and silently drops the others.`,
        `Keep one "${key}" and delete the others.`,
      ),
    );
    const literals = duplicate.positions.filter((_, index) => isLiteralSecret(duplicate.dropped[index]));
    if (duplicate.path.length === 1 && key === "clientSecret" && literals.length > 0) {
      issues.push(
        issue(
          "SECRET_IN_FILE",
          duplicate.path,
          `An earlier clientSecret (${where(literals)}) holds a literal secret, hidden by the later one; a secret must never be in a committed file (its value is not shown here).`,
          'Delete the literal clientSecret, keep "clientSecret": "env:INTERCOM_CLIENT_SECRET", and rotate the secret in Developer Hub if this file was ever committed or shared.',
        ),
      );
    }
  }
  return issues;
}
