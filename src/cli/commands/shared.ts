// Helpers for commands that need a valid config before doing their job.
import type { ConfigIssue, ParsedConfigSource } from "../../config/index.js";
import { displayPath } from "../../json-path.js";
import type { CliIo } from "../io.js";

/** Prints the errors of a config to stderr, one per line with its position. */
export function printIssues(io: CliIo, file: string, issues: readonly ConfigIssue[], source: ParsedConfigSource): void {
  for (const one of issues) {
    if (one.severity !== "error") continue;
    const { line, column } = source.position(one.path);
    io.stderr(`${file}:${line}:${column}: ${one.code}: ${displayPath(one.path)}: ${one.message}\n`);
  }
}
