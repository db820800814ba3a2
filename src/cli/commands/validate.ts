// `intercom-oauth validate [file]`: check a config, print the issues in one of three formats.
import path from "node:path";
import { type ConfigIssue, DEFAULT_CONFIG_FILE, type ParsedConfigSource, validateConfig } from "../../config/index.js";
import { displayPath, toJsonPointer } from "../../json-path.js";
import { DEFAULT_STDIN_TIMEOUT_MS, type LoadResult, loadConfigFile, loadConfigStdin } from "../config-file.js";
import { type CliIo, EXIT, choice, paint, useColor, usageError } from "../io.js";

/** The version of the `--format json` output; bumped only for incompatible changes. */
export const JSON_FORMAT_VERSION = 1;

const FORMATS = ["text", "json", "github"] as const;
type Format = (typeof FORMATS)[number];

interface Located extends ConfigIssue {
  readonly line: number;
  readonly column: number;
}

function locateAll(issues: readonly ConfigIssue[], source: ParsedConfigSource): Located[] {
  const located = issues.map((one, order) => {
    const { line, column } = source.position(one.path);
    return { ...one, line, column, order };
  });
  // Errors first, then by position in the file.
  located.sort((a, b) =>
    a.severity !== b.severity
      ? a.severity === "error"
        ? -1
        : 1
      : a.line - b.line || a.column - b.column || a.order - b.order,
  );
  return located.map(({ order: _order, ...rest }) => rest);
}

// GitHub Actions workflow-command escaping: data and property values.
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function renderText(
  file: string,
  issues: readonly Located[],
  failed: boolean,
  strict: boolean,
  color: boolean,
): string {
  const c = paint(color);
  const errors = issues.filter((one) => one.severity === "error");
  const warnings = issues.filter((one) => one.severity === "warning");
  const lines: string[] = [];
  for (const [title, group, color] of [
    ["Errors", errors, c.red],
    ["Warnings", warnings, c.yellow],
  ] as const) {
    if (group.length === 0) continue;
    lines.push(c.bold(`${title} in ${file}:`));
    for (const one of group) {
      lines.push(
        `  ${color(one.severity === "error" ? "error  " : "warning")} ${c.dim(`${one.line}:${one.column}`)}  ${displayPath(one.path)}  ${c.dim(one.code)}`,
      );
      lines.push(`    ${one.message}`);
      if (one.hint !== undefined) lines.push(`    ${c.dim(`Fix: ${one.hint}`)}`);
    }
    lines.push("");
  }
  const summary = `${plural(errors.length, "error")}, ${plural(warnings.length, "warning")}`;
  if (failed)
    lines.push(
      c.red(`✖ ${file} is invalid: ${summary}${strict && errors.length === 0 ? " (--strict: warnings fail)" : ""}.`),
    );
  else
    lines.push(c.green(`✔ ${file} is valid${warnings.length > 0 ? ` (${plural(warnings.length, "warning")})` : ""}.`));
  return `${lines.join("\n")}\n`;
}

function renderGithub(file: string, issues: readonly Located[]): string {
  return issues
    .map((one) => {
      const props = `file=${escapeProperty(file)},line=${one.line},col=${one.column},title=${escapeProperty(`intercom-oauth ${one.code}`)}`;
      const body = one.hint === undefined ? one.message : `${one.message} Fix: ${one.hint}`;
      return `::${one.severity} ${props}::${escapeData(body)}\n`;
    })
    .join("");
}

function renderLoadFailure(format: Format, loaded: Extract<LoadResult, { ok: false }>): string {
  if (format === "json") {
    const error: Record<string, unknown> = { code: loaded.code, message: loaded.message };
    if (loaded.line !== undefined) Object.assign(error, { line: loaded.line, column: loaded.column });
    return `${JSON.stringify({ version: JSON_FORMAT_VERSION, file: loaded.file, valid: false, error }, null, 2)}\n`;
  }
  if (format === "github") {
    const where = loaded.line === undefined ? "" : `,line=${loaded.line},col=${loaded.column}`;
    return `::error file=${escapeProperty(loaded.file)}${where},title=${escapeProperty(`intercom-oauth ${loaded.code}`)}::${escapeData(loaded.message)}\n`;
  }
  return `intercom-oauth: ${loaded.message}\n`;
}

/** What `-` (standard input) is called in messages, annotations and JSON. */
const STDIN_NAME = "<stdin>";

/** --stdin-timeout in seconds (0.1 to 600) as milliseconds. */
function stdinTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_STDIN_TIMEOUT_MS;
  const seconds = typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 0.1 && seconds <= 600)) {
    throw usageError(`--stdin-timeout must be a number of seconds from 0.1 to 600; got "${String(value)}".`);
  }
  return Math.round(seconds * 1000);
}

export async function run(values: Record<string, unknown>, positionals: string[], io: CliIo): Promise<number> {
  const format = choice(values.format, "format", FORMATS, "text");
  const strict = values.strict === true;
  const timeoutMs = stdinTimeout(values["stdin-timeout"]);
  const input = positionals[0] ?? DEFAULT_CONFIG_FILE;
  const fromStdin = input === "-";
  if (fromStdin && io.stdinIsTTY === true) {
    // Nobody is piping a config: waiting for the timeout would only look like a hang.
    throw usageError(
      "`validate -` reads the config from stdin, but stdin is a terminal.",
      "Pipe the config in (`cat intercom-oauth.config.json | intercom-oauth validate -`) or pass a file path.",
    );
  }
  // Annotations and JSON name the file relative to the working directory (the repo root in CI).
  const file = fromStdin
    ? STDIN_NAME
    : path.isAbsolute(input)
      ? path.relative(io.cwd, input) || input
      : path.normalize(input);
  const loaded = fromStdin ? await loadConfigStdin(io, file, timeoutMs) : loadConfigFile(io, input);
  if (!loaded.ok) {
    const text = renderLoadFailure(format, { ...loaded, file });
    if (format === "text") io.stderr(text);
    else io.stdout(text);
    return EXIT.USAGE;
  }
  const result = validateConfig(loaded.source.value, values["no-env"] === true ? {} : { env: io.env });
  const issues = locateAll(result.issues, loaded.source);
  const errors = issues.filter((one) => one.severity === "error").length;
  const warnings = issues.length - errors;
  const failed = errors > 0 || (strict && warnings > 0);

  if (format === "json") {
    const report = {
      version: JSON_FORMAT_VERSION,
      file,
      valid: result.valid,
      ok: !failed,
      strict,
      errorCount: errors,
      warningCount: warnings,
      issues: issues.map((one) => ({
        code: one.code,
        severity: one.severity,
        path: toJsonPointer(one.path),
        line: one.line,
        column: one.column,
        message: one.message,
        ...(one.hint === undefined ? {} : { hint: one.hint }),
      })),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else if (format === "github") {
    io.stdout(renderGithub(file, issues));
    io.stdout(
      `intercom-oauth: ${file}: ${plural(errors, "error")}, ${plural(warnings, "warning")}${failed ? "" : " (valid)"}.\n`,
    );
  } else {
    io.stdout(renderText(file, issues, failed, strict, useColor(io)));
  }
  return failed ? EXIT.FAIL : EXIT.OK;
}
