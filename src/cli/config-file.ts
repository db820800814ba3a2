// Reading and parsing a config file for the commands that take one. Kept apart from io.ts,
// which the CLI's entry loads at start-up: this module brings in the config library (and zod).
import { type Stats, closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { type ParsedConfigSource, parseConfigSource } from "../config/index.js";
import { IntercomOAuthError } from "../errors.js";
import { type CliIo, resolvePath } from "./io.js";

/** Why a config file could not be loaded; these codes appear in `--format json` output. */
export type LoadFailureCode =
  | "FILE_NOT_FOUND"
  | "FILE_UNREADABLE"
  | "FILE_TOO_LARGE"
  | "FILE_NOT_UTF8"
  | "JSON_SYNTAX"
  | "STDIN_TIMEOUT";

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

type LoadFailure = Extract<LoadResult, { ok: false }>;

/** The largest config file read, in bytes (1 MiB): a real config is a few hundred bytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function whatItIs(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe (FIFO), not a regular file";
  if (stats.isCharacterDevice()) return "a character device, not a regular file";
  if (stats.isBlockDevice()) return "a block device, not a regular file";
  if (stats.isSocket()) return "a socket, not a regular file";
  return "not a regular file";
}

function notAFile(file: string, stats: Stats): LoadFailure {
  return {
    ok: false,
    file,
    code: "FILE_UNREADABLE",
    message: `Cannot read ${file}: it is ${whatItIs(stats)}. Pass the path of the config file itself.`,
  };
}

function tooLarge(file: string, size: string): LoadFailure {
  return {
    ok: false,
    file,
    code: "FILE_TOO_LARGE",
    message: `${file} is ${size}; a config file may be at most 1 MiB (${MAX_CONFIG_BYTES} bytes). Check that it is the config file.`,
  };
}

function systemFailure(file: string, error: unknown): LoadFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return {
      ok: false,
      file,
      code: "FILE_NOT_FOUND",
      message: `${file} not found. Create one with \`intercom-oauth init\`, or pass the config's path.`,
    };
  }
  const why = code === "EACCES" ? "permission denied" : (code ?? "unknown error");
  return { ok: false, file, code: "FILE_UNREADABLE", message: `Cannot read ${file}: ${why}.` };
}

// Where the first byte that is not UTF-8 is: the decoder's replacement character marks it.
function notUtf8(file: string, bytes: Uint8Array): LoadFailure {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      file,
      code: "FILE_NOT_UTF8",
      message: `${file} is UTF-16 text, not UTF-8. Save it as UTF-8.`,
    };
  }
  const text = new TextDecoder().decode(bytes);
  const at = text.indexOf("\ufffd");
  const before = text.slice(0, Math.max(at, 0));
  const line = before.split("\n").length;
  const column = at - (before.lastIndexOf("\n") + 1) + 1;
  return {
    ok: false,
    file,
    code: "FILE_NOT_UTF8",
    message: `${file}:${line}:${column}: not valid UTF-8 text (a byte of another encoding, such as Latin-1). Save the file as UTF-8.`,
    line,
    column,
  };
}

/**
 * Reads a config file's bytes without ever blocking on or draining something that is not
 * a file: stat first, refuse anything but a regular file up to {@link MAX_CONFIG_BYTES},
 * then open non-blocking (a FIFO swapped in after the stat cannot hang the read) and read
 * at most one byte more than the cap.
 */
function readConfigBytes(file: string, absolute: string): Uint8Array | LoadFailure {
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    return systemFailure(file, error);
  }
  if (!stats.isFile()) return notAFile(file, stats);
  if (stats.size > MAX_CONFIG_BYTES) return tooLarge(file, `${stats.size} bytes`);
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return systemFailure(file, error);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return notAFile(file, opened);
    const buffer = Buffer.allocUnsafe(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) return tooLarge(file, "over 1 MiB");
    }
    return buffer.subarray(0, length);
  } catch (error) {
    return systemFailure(file, error);
  } finally {
    closeSync(fd);
  }
}

/** How long `validate -` waits for standard input to end, by default (10 s). */
export const DEFAULT_STDIN_TIMEOUT_MS = 10_000;

/**
 * Reads standard input to its end, but never more than one byte over the cap nor for longer
 * than `timeoutMs`: a pipe that never closes (a forgotten `cat`, a stuck producer) must not
 * hang a CI job. The stream is destroyed once the outcome is known, so the process can exit.
 */
function readStdinBytes(
  stream: NodeJS.ReadableStream | undefined,
  file: string,
  timeoutMs: number,
): Promise<Uint8Array | LoadFailure> {
  if (stream === undefined) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (outcome: Uint8Array | LoadFailure): void => {
      clearTimeout(timer);
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      (stream as { destroy?: () => void }).destroy?.();
      resolve(outcome);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      length += bytes.length;
      if (length > MAX_CONFIG_BYTES) finish(tooLarge(file, "over 1 MiB"));
      else chunks.push(bytes);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks, length));
    const onError = (error: unknown): void => finish(systemFailure(file, error));
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          file,
          code: "STDIN_TIMEOUT",
          message: `${file}: no end of input after ${timeoutMs / 1000} s. Pipe the config in (\`intercom-oauth validate - < config.json\`), or raise --stdin-timeout.`,
        }),
      timeoutMs,
    );
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
  });
}

/**
 * Reads and parses a config file, reporting failures as data (validate formats them).
 * Messages name `file` as given. Only a regular file of at most 1 MiB of UTF-8 is read.
 */
export function loadConfigFile(io: CliIo, file: string): LoadResult {
  return decodeAndParse(file, readConfigBytes(file, resolvePath(io, file)));
}

/**
 * Reads and parses a config from standard input (`validate -`): not a regular file, so exempt
 * from that rule, but with the same 1 MiB cap and UTF-8 check, and a read timeout.
 */
export async function loadConfigStdin(io: CliIo, file: string, timeoutMs: number): Promise<LoadResult> {
  return decodeAndParse(file, await readStdinBytes(io.stdin, file, timeoutMs));
}

function decodeAndParse(file: string, bytes: Uint8Array | LoadFailure): LoadResult {
  if (!(bytes instanceof Uint8Array)) return bytes;
  let text: string;
  try {
    // fatal: a byte that is not UTF-8 is an error, not a silent U+FFFD. A UTF-8 BOM is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return notUtf8(file, bytes);
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
export function loadConfigFileOrThrow(io: CliIo, file: string): ParsedConfigSource {
  const loaded = loadConfigFile(io, file);
  if (!loaded.ok) throw new IntercomOAuthError("INVALID_CONFIG", loaded.message);
  return loaded.source;
}
