// Output, exit codes, usage errors and config-file loading, shared by the commands.
import { readFileSync } from "node:fs";
import { IntercomOAuthError } from "../errors.js";
import { type ParsedConfigSource, parseConfigSource } from "../config/locate.js";

/** The CLI's exit codes (docs/cli.md). */
export const EXIT = { OK: 0, FAIL: 1, USAGE: 2 } as const;

export function writeOut(text: string): void {
  process.stdout.write(text);
}

export function writeErr(text: string): void {
  process.stderr.write(text);
}

/** A usage error: exit 2, with how to fix it. */
export function usageError(message: string, hint?: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", hint === undefined ? message : `${message}\n${hint}`);
}

/** Why a config file could not be loaded; these codes appear in `--format json` output. */
export type LoadFailureCode = "FILE_NOT_FOUND" | "FILE_UNREADABLE" | "JSON_SYNTAX";

export type LoadResult =
  | { readonly ok: true; readonly file: string; readonly source: ParsedConfigSource }
  | {
      readonly ok: false;
      readonly file: string;
      readonly code: LoadFailureCode;
      readonly message: string;
      readonly line?: number;
      readonly column?: number;
    };

/** Reads and parses a config file, reporting failures as data (validate formats them). */
export function loadConfigFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      return { ok: false, file, code: "FILE_NOT_FOUND", message: `${file} not found. Create one with \`intercom-oauth init\`, or pass the config's path.` };
    }
    const why = code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (code ?? "unknown error");
    return { ok: false, file, code: "FILE_UNREADABLE", message: `Cannot read ${file}: ${why}.` };
  }
  const source = parseConfigSource(text);
  if (!source.ok) {
    return {
      ok: false,
      file,
      code: "JSON_SYNTAX",
      message: `${file}:${source.line}:${source.column}: JSON syntax error: ${source.message}`,
      line: source.line,
      column: source.column,
    };
  }
  return { ok: true, file, source };
}

/** As {@link loadConfigFile}, throwing `INVALID_CONFIG` (exit 2) on failure. */
export function loadConfigFileOrThrow(file: string): ParsedConfigSource {
  const loaded = loadConfigFile(file);
  if (!loaded.ok) throw new IntercomOAuthError("INVALID_CONFIG", loaded.message);
  return loaded.source;
}

/** Whether to color a stream: NO_COLOR (non-empty) wins, then FORCE_COLOR, then whether it is a TTY. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  return stream.isTTY === true;
}

export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** Reads a string flag that must be one of `allowed`. */
export function choice<T extends string>(value: unknown, flag: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${flag} must be one of ${allowed.join(", ")}; got "${String(value)}".`);
}
