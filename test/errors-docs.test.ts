import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../src/index.js";

const doc = readFileSync(fileURLToPath(new URL("../docs/errors.md", import.meta.url)), "utf8");

/** The backticked ALL_CAPS words in the first column of the table under "## Error codes". */
function documentedCodes(markdown: string): string[] {
  const section = markdown.split(/^## Error codes\s*$/m)[1];
  if (section === undefined) return [];
  const body = section.split(/^## /m)[0] ?? "";
  const codes: string[] = [];
  for (const line of body.split("\n")) {
    const first = /^\|\s*([^|]*)\|/.exec(line)?.[1] ?? "";
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) codes.push(match[1] as string);
  }
  return codes;
}

describe("docs/errors.md", () => {
  const documented = documentedCodes(doc);

  it("has an Error codes table", () => {
    expect(documented.length).toBeGreaterThan(0);
  });

  it("documents every code in ERROR_CODES", () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !documented.includes(code));
    expect(missing, "codes missing from docs/errors.md").toEqual([]);
  });

  it("documents no code that ERROR_CODES lacks, and none twice", () => {
    const unknown = documented.filter((code) => !(code in ERROR_CODES));
    expect(unknown, "codes in docs/errors.md but not in ERROR_CODES").toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it("the parser finds codes only in the first column", () => {
    const sample =
      "## Error codes\n\n| Code | When | Fix |\n|---|---|---|\n| `A_B` | x `NOT_THIS` | y |\n\n## Next\n| `LATER` | z |";
    expect(documentedCodes(sample)).toEqual(["A_B"]);
  });
});
