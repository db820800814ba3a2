// Output, exit codes and usage errors, shared by the commands. Config files are read by
// config-file.ts, which only the commands load (it brings in the config library and zod).
import path from "node:path";
import { IntercomOAuthError } from "../errors.js";

/** The CLI's exit codes (docs/cli.md). */
export const EXIT = { OK: 0, FAIL: 1, USAGE: 2 } as const;

/**
 * Everything the CLI touches outside itself, so it can run in-process (tests) as well as
 * in a process (`main.ts`). Relative file paths are resolved against `cwd`.
 */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** The environment: env:NAME references, NO_COLOR, FORCE_COLOR and DEBUG are read from it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory; relative file arguments are resolved against it. */
  readonly cwd: string;
  /** Whether standard output is a terminal (colors are used only then, unless forced). */
  readonly isTTY: boolean;
  /** Standard input, read by `validate -` and by `init`'s questions. Absent: nothing to read. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Whether standard input is a terminal: `init` asks its questions only when both are. */
  readonly stdinIsTTY?: boolean;
}

/** `file` as given on the command line, resolved against the CLI's working directory. */
export function resolvePath(io: CliIo, file: string): string {
  return path.resolve(io.cwd, file);
}

/** A usage error: exit 2, with how to fix it. */
export function usageError(message: string, hint?: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", hint === undefined ? message : `${message}\n${hint}`);
}

/** Whether to color standard output: NO_COLOR (non-empty) wins, then FORCE_COLOR, then whether it is a TTY. */
export function useColor(io: CliIo): boolean {
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  return io.isTTY;
}

export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** Reads a string flag that must be one of `allowed`. */
export function choice<T extends string>(value: unknown, flag: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${flag} must be one of ${allowed.join(", ")}; got "${String(value)}".`);
}
