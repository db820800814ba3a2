// The emitted declarations stand alone: type-fest's types are inlined (tsup `dts: { resolve: true }`),
// so nothing imports a package consumers do not install, and every relative import is a file in
// dist/. The list form `resolve: ["type-fest"]` emits imports of './source/*.js' while tsup exits 0:
// this is the check that fails then. Runs on the build that `npm test` makes first.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { declarationProblems } from "../scripts/check-declarations.js";
import { shareTag, TAG_FILE } from "../scripts/share-tag.js";

const dist = resolve(import.meta.dirname, "..", "dist");
const scratch = mkdtempSync(join(tmpdir(), "intercom-oauth-dts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe("regression: issue 9 — the declarations inline type-fest", () => {
  it("dist/*.d.ts and dist/*.d.cts import only zod, msw and their own files", () => {
    expect(declarationProblems(dist)).toEqual([]);
  });

  it("no emitted declaration mentions type-fest outside its inlined docs", () => {
    const names = readdirSync(dist).filter((name) => /\.d\.c?ts$/.test(name));
    expect(names).toEqual(expect.arrayContaining(["index.d.ts", "index.d.cts", "testing.d.ts", "testing.d.cts"]));
    for (const name of names) {
      const code = readFileSync(join(dist, name), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      expect(code, name).not.toMatch(/from ['"](type-fest|tagged-tag)['"]|import\(['"](type-fest|tagged-tag)['"]\)/);
    }
  });

  it("declares the Tagged key once, in dist/tag.d.cts, which both formats import", () => {
    expect(readFileSync(join(dist, TAG_FILE), "utf8")).toMatch(/^export declare const tag: unique symbol;$/m);
    for (const name of ["index.d.ts", "index.d.cts"]) {
      expect(readFileSync(join(dist, name), "utf8"), name).toContain("import { tag as tag } from './tag.cjs';");
    }
  });

  it('reports what the list form resolve: ["type-fest"] emits, and a package consumers lack', () => {
    const dir = folder("list-form", {
      "index.d.ts": [
        "import { LiteralUnion } from './source/literal-union.js';",
        "import type { Tagged } from 'type-fest';",
        "/** @example import type {Simplify} from 'type-fest'; */",
        "export type V = LiteralUnion<'1', string> | Tagged<string, 'x'> | import('tagged-tag').X;",
      ].join("\n"),
    });
    expect(declarationProblems(dir, new Set(["zod", "msw"]))).toEqual([
      'index.d.ts imports "./source/literal-union.js", which is not in dist/ (a broken inlined type?).',
      'index.d.ts imports "type-fest", which consumers do not install: inline its types.',
      'index.d.ts imports "tagged-tag", which consumers do not install: inline its types.',
    ]);
  });

  it("reports a unique symbol inlined into an entry's declarations, which shareTag then moves out", () => {
    const inlined =
      "declare const tag: unique symbol;\ntype TagContainer<T> = { readonly [tag]: T };\nexport type Id = string & TagContainer<'Id'>;\n";
    const dir = folder("inlined", { "index.d.ts": inlined, "index.d.cts": inlined.replaceAll("tag", "tag$1") });
    expect(declarationProblems(dir, new Set())).toEqual([
      "index.d.cts declares its own unique symbol: tagged ids would not match across files.",
      "index.d.ts declares its own unique symbol: tagged ids would not match across files.",
    ]);
    expect(shareTag(dir)).toEqual(["index.d.cts", "index.d.ts"]);
    expect(declarationProblems(dir, new Set())).toEqual([]);
    expect(readFileSync(join(dir, "index.d.cts"), "utf8")).toMatch(
      /^import \{ tag as tag\$1 \} from '\.\/tag\.cjs';$/m,
    );
  });

  it("refuses to rewrite a unique symbol it does not know", () => {
    const dir = folder("other-symbol", {
      "index.d.ts": "declare const brand: unique symbol;\nexport type B = { [brand]: 1 };\n",
    });
    expect(() => shareTag(dir)).toThrow(/index\.d\.ts declares a unique symbol that is not type-fest's tag/);
  });
});
