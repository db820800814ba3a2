// Every TypeScript example in README.md and docs/ compiles, strict, against src/, so none can rot
// (issue 8, "Types and docs that mislead"). docs/contributing.md explains the rules to writers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  allExamples,
  type CheckResult,
  checkExamples,
  type Example,
  extractExamples,
  formatDiagnostics,
  markdownFiles,
  NO_CHECK,
  ROOT,
} from "./support/docs-examples.js";

const examples = allExamples();
const checked = examples.filter((example) => !example.flags.includes(NO_CHECK));

// A wrong example compiled alongside the real ones: proof that the check reports what it should.
const CANARY: Example = {
  file: "docs/canary.md",
  line: 10,
  flags: [],
  code: 'import { createIntercomOAuth } from "intercom-oauth";\n\nconst n: number = createIntercomOAuth;',
};

let result: CheckResult;
beforeAll(() => {
  result = checkExamples([...checked, CANARY]);
}, 120_000);

describe("extractExamples", () => {
  it("finds ts and typescript fences, indented ones too, with their line and flags", () => {
    const markdown = [
      "# Title", // 1
      "```ts", // 2
      "const a = 1;", // 3
      "```", // 4
      "- a list item:", // 5
      "", // 6
      "  ```typescript", // 7
      "  const b: string = 'x';", // 8
      "    const c = 2;", // 9
      "  ```", // 10
      "```ts no-check", // 11
      "app.get('/x', (req, res) => {});", // 12
      "```", // 13
      "~~~TS", // 14
      "let d = 3;", // 15
      "~~~", // 16
    ].join("\n");
    expect(extractExamples(markdown, "x.md")).toEqual([
      { file: "x.md", line: 2, flags: [], code: "const a = 1;" },
      { file: "x.md", line: 7, flags: [], code: "const b: string = 'x';\n  const c = 2;" },
      { file: "x.md", line: 11, flags: ["no-check"], code: "app.get('/x', (req, res) => {});" },
      { file: "x.md", line: 14, flags: [], code: "let d = 3;" },
    ]);
  });

  it("skips other languages, and reads a longer fence that holds a shorter one as one block", () => {
    const markdown = [
      "```json",
      '{ "a": 1 }',
      "```",
      "````md",
      "```ts",
      "not an example",
      "```",
      "````",
      "```sh",
      "npm test",
      "```",
      "```",
      "plain",
      "```",
    ].join("\n");
    expect(extractExamples(markdown, "y.md")).toEqual([]);
  });

  it("finds every ts fence of README.md and docs/ (cross-checked by a plain line count)", () => {
    // An independent count, so that a broken extractor cannot make the check pass vacuously.
    const fenceLines = markdownFiles().flatMap((file) =>
      readFileSync(join(ROOT, file), "utf8")
        .split("\n")
        .flatMap((text, i) => (/^\s*```(ts|typescript)\b/.test(text) ? [`${file}:${i + 1}`] : [])),
    );
    expect(examples.map((e) => `${e.file}:${e.line}`)).toEqual(fenceLines);
    expect(examples.length).toBeGreaterThanOrEqual(20);
    for (const file of ["README.md", "docs/flow.md", "docs/testing.md", "docs/setup-guide.md"]) {
      expect(examples.some((e) => e.file === file)).toBe(true);
    }
    expect(examples.every((e) => e.code.trim() !== "")).toBe(true);
    // no-check: flow.md's Express routes, frameworks.md's Bun.serve and Deno.serve, and
    // testing.md's stand-in served by Bun, Deno and a Worker (run by `npm run conformance`).
    expect(checked.length).toBeGreaterThanOrEqual(examples.length - 5);
  });
});

describe("the TypeScript examples in README.md and docs/", () => {
  it("compile in one strict program against src/ (intercom-oauth, intercom-oauth/testing)", () => {
    expect(result.other, "problems outside the examples (the harness or the placeholders)").toEqual([]);
    const failures = result.diagnostics.filter((d) => d.example !== CANARY);
    expect(formatDiagnostics(failures), "each line: file:line (example at line N): TS code and message").toBe("");
  });

  it("really type-check: a wrong example is reported with its file, line and diagnostic", () => {
    const canary = result.diagnostics.filter((d) => d.example === CANARY);
    expect(formatDiagnostics(canary)).toMatch(/^docs\/canary\.md:13 \(example at line 10\): TS2322 /);
  });

  it("use only known fence flags", () => {
    for (const example of examples) {
      expect(
        example.flags.filter((flag) => flag !== NO_CHECK),
        `${example.file}:${example.line}`,
      ).toEqual([]);
    }
  });

  it(`list in docs/contributing.md exactly the pages that opt out with ${NO_CHECK}`, () => {
    const optedOut = [...new Set(examples.filter((e) => e.flags.includes(NO_CHECK)).map((e) => e.file))].sort();
    const contributing = readFileSync(join(ROOT, "docs", "contributing.md"), "utf8");
    const section = contributing.split("<!-- no-check pages -->")[1]?.split("<!-- /no-check pages -->")[0] ?? "";
    const listed = [...section.matchAll(/^- `([^`]+\.md)`/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(optedOut);
  });
});
