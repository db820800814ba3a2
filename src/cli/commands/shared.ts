// Helpers for commands that need a valid config before doing their job.
import { type ConfigIssue, type ParsedConfigSource, type ResolvedConfig, validateConfig } from "../../config/index.js";
import { displayPath } from "../../json-path.js";
import { loadConfigFileOrThrow } from "../config-file.js";
import type { CliIo } from "../io.js";

/** Prints the errors of a config to stderr, one per line with its position. */
export function printIssues(io: CliIo, file: string, issues: readonly ConfigIssue[], source: ParsedConfigSource): void {
  for (const one of issues) {
    if (one.severity !== "error") continue;
    const { line, column } = source.position(one.path);
    io.stderr(`${file}:${line}:${column}: ${one.code}: ${displayPath(one.path)}: ${one.message}\n`);
  }
}

/**
 * Loads and validates a config without the environment (the command needs no secret, so env
 * references are checked for syntax only). Prints the errors and returns undefined when invalid.
 */
export function loadValidConfigWithoutEnv(
  io: CliIo,
  file: string,
): { readonly config: ResolvedConfig; readonly raw: unknown } | undefined {
  const source = loadConfigFileOrThrow(io, file);
  const result = validateConfig(source.value);
  if (!result.valid) {
    printIssues(io, file, result.issues, source);
    io.stderr(`intercom-oauth: ${file} is invalid; fix the errors above first.\n`);
    return undefined;
  }
  return { config: result.config, raw: source.value };
}
