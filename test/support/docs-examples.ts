// Finds the TypeScript examples in README.md and docs/*.md, and type-checks them all in one
// TypeScript program, as a reader who copies them would compile them.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The placeholders examples may use without declaring them (`intercom`, `code`, `db`, …). */
export const PLACEHOLDERS_FILE = join(ROOT, "test", "support", "docs-examples-placeholders.d.ts");

/** The fence flag that keeps a recipe for a framework the project does not install out of the check. */
export const NO_CHECK = "no-check";

/** One ```ts or ```typescript fence. */
export interface Example {
  /** The markdown file, relative to the root, with `/` separators. */
  readonly file: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  /** The words after the language in the fence's info string, such as `no-check`. */
  readonly flags: readonly string[];
  /** The code, without the fence's indentation. */
  readonly code: string;
}

const LANGUAGES = new Set(["ts", "typescript"]);

/**
 * Every ```ts and ```typescript fence of `markdown`, indented ones included (a fence in a
 * list item). A fence closes on the same character repeated at least as often (CommonMark).
 */
export function extractExamples(markdown: string, file: string): Example[] {
  const lines = markdown.split(/\r?\n/);
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "", language = "", rest = ""] = open;
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end] ?? "")) end++;
    if (LANGUAGES.has(language.toLowerCase())) {
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
      examples.push({ file, line: i + 1, flags: rest.trim().split(/\s+/).filter(Boolean), code: body.join("\n") });
    }
    i = end;
  }
  return examples;
}

/** README.md and every docs/*.md, relative to the root. */
export function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs];
}

/** Every example of {@link markdownFiles}. */
export function allExamples(): Example[] {
  return markdownFiles().flatMap((file) => extractExamples(readFileSync(join(ROOT, file), "utf8"), file));
}

/** One problem found, placed in the markdown. */
export interface ExampleDiagnostic {
  readonly example: Example;
  /** The 1-based markdown line the diagnostic points at. */
  readonly line: number;
  /** For example `TS2345`. */
  readonly code: string;
  readonly message: string;
}

/** What {@link checkExamples} found. */
export interface CheckResult {
  /** Problems inside the examples. */
  readonly diagnostics: readonly ExampleDiagnostic[];
  /** Problems elsewhere (the placeholders file, the options): a broken harness, not a broken example. */
  readonly other: readonly string[];
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
  return {
    ...parsed.options,
    strict: true,
    noEmit: true,
    declaration: false,
    // The entry points, as a reader's `import … from "intercom-oauth"` reaches them.
    paths: {
      "intercom-oauth": [join(ROOT, "src", "index.ts")],
      "intercom-oauth/config": [join(ROOT, "src", "config", "index.ts")],
      "intercom-oauth/connections": [join(ROOT, "src", "connections", "index.ts")],
      "intercom-oauth/testing": [join(ROOT, "src", "testing", "index.ts")],
      "intercom-oauth/node": [join(ROOT, "src", "node", "index.ts")],
      "intercom-oauth/testing/msw": [join(ROOT, "src", "testing", "msw.ts")],
      "intercom-oauth/testing/node": [join(ROOT, "src", "testing", "node.ts")],
    },
  };
}

/** The virtual file an example compiles as: an ES module next to its markdown file. */
function virtualName(example: Example): string {
  return join(ROOT, `${example.file}.L${example.line}.mts`);
}

/**
 * Type-checks `examples` in ONE program with the project's strict options. Each example is
 * its own module, so examples may declare the same names; free names come from the
 * placeholders file.
 */
export function checkExamples(examples: readonly Example[]): CheckResult {
  const options = compilerOptions();
  const sources = new Map<string, Example>();
  for (const example of examples) sources.set(virtualName(example), example);
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  // `export {}` makes every example a module, even one with no import.
  const textOf = (name: string) => {
    const example = sources.get(name);
    return example === undefined ? undefined : `${example.code}\nexport {};\n`;
  };
  host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
  host.readFile = (name) => textOf(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = textOf(name);
    return text === undefined
      ? getSourceFile.call(host, name, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(name, text, languageVersion, true);
  };
  const program = ts.createProgram({ rootNames: [...sources.keys(), PLACEHOLDERS_FILE], options, host });
  const diagnostics: ExampleDiagnostic[] = [];
  const other: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const example = diagnostic.file === undefined ? undefined : sources.get(diagnostic.file.fileName);
    if (example === undefined || diagnostic.file === undefined || diagnostic.start === undefined) {
      const where = diagnostic.file === undefined ? "" : `${relative(ROOT, diagnostic.file.fileName)}: `;
      other.push(`${where}TS${diagnostic.code} ${message}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    diagnostics.push({ example, line: example.line + 1 + line, code: `TS${diagnostic.code}`, message });
  }
  return { diagnostics, other };
}

/** `docs/flow.md:231 (example at line 229): TS2345 …`, one per line. */
export function formatDiagnostics(diagnostics: readonly ExampleDiagnostic[]): string {
  return diagnostics
    .map((d) => `${d.example.file}:${d.line} (example at line ${d.example.line}): ${d.code} ${d.message}`)
    .join("\n");
}
