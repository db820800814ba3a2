// Every public export carries TSDoc: the package's types are a product surface.
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const entries = [
  "src/index.ts",
  "src/config/index.ts",
  "src/connections/index.ts",
  "src/testing/index.ts",
  "src/node/index.ts",
  "src/testing/msw.ts",
  "src/testing/node.ts",
];
const program = ts.createProgram(
  entries.map((entry) => resolve(root, entry)),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
);
const checker = program.getTypeChecker();

function undocumented(entry: string): { missing: string[]; checked: number } {
  const file = program.getSourceFile(resolve(root, entry));
  if (file === undefined) throw new Error(`${entry} not found`);
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (moduleSymbol === undefined) throw new Error(`${entry} has no exports`);
  const missing: string[] = [];
  let checked = 0;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const documented =
      symbol.getDocumentationComment(checker).length > 0 ||
      (symbol.declarations ?? []).some((declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0);
    checked++;
    if (!documented) missing.push(exported.name);
  }
  return { missing, checked };
}

describe("TSDoc on public exports", () => {
  it.each(entries)("every export of %s is documented", (entry) => {
    const { missing, checked } = undocumented(entry);
    expect(checked).toBeGreaterThan(entry === "src/node/index.ts" ? 5 : 10);
    expect(missing).toEqual([]);
  });
});
