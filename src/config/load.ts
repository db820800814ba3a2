/**
 * `loadConfig`: parse and validate a config file's text in one call, throwing on failure.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { parseConfigSource } from "./locate.js";
import { type ResolvedConfig, type ValidateConfigOptions, displayPath, validateConfig } from "./validate.js";

/**
 * Parses a config file's text (JSON with comments and trailing commas) and validates it,
 * for apps that read their settings at start-up.
 *
 * Warnings are ignored; use {@link validateConfig} with `parseConfigSource` to see them.
 *
 * **Security:** the error never contains a credential value; the returned config hides the
 * client secret from `JSON.stringify` and `util.inspect`.
 *
 * @param text - the contents of `intercom-oauth.config.json`
 * @param options - `{ env }` to resolve `env:NAME` references, usually `process.env`
 * @returns the resolved config
 * @throws {@link IntercomOAuthError} `INVALID_CONFIG` for a syntax error (with its line and
 *   column) or a config with errors (one line per error in `problems`, with line and column)
 */
export function loadConfig(text: string, options: ValidateConfigOptions = {}): ResolvedConfig {
  const source = parseConfigSource(text);
  if (!source.ok) {
    const where = `line ${source.line}, column ${source.column}`;
    throw new IntercomOAuthError(
      "INVALID_CONFIG",
      `The config is not valid JSON (${where}): ${source.message} Fix the syntax; comments and trailing commas are allowed.`,
      { problems: [`${where}: ${source.message}`] },
    );
  }
  const result = validateConfig(source.value, options);
  if (result.valid) return result.config;
  const problems = result.issues
    .filter((one) => one.severity === "error")
    .map((one) => {
      const { line, column } = source.position(one.path);
      return `line ${line}, column ${column}: ${one.code} at ${displayPath(one.path)}: ${one.message}`;
    });
  throw new IntercomOAuthError(
    "INVALID_CONFIG",
    `The config has ${problems.length} error${problems.length === 1 ? "" : "s"}. First: ${problems[0] ?? ""} Run \`intercom-oauth validate\` for all of them with fixes.`,
    { problems },
  );
}
