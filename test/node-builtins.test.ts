// Only intercom-oauth/node may import Node's own modules: every other entry must load on Workers,
// Deno, Bun and edge runtimes. Checked on the built files an app imports (each entry's ESM and CJS
// file and the files they pull in), for `node:` specifiers and bare built-in names alike.
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { import?: { default: string }; require?: { default: string } }>;
};
const BUILTINS = new Set(builtinModules);
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

/** The Node built-ins `file` and the relative files it imports reach, as `file: specifier`. */
function builtinsReached(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const found: string[] = [];
  for (const [, specifier = ""] of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
    if (specifier.startsWith(".")) found.push(...builtinsReached(join(dirname(file), specifier), seen));
    else if (specifier.startsWith("node:") || BUILTINS.has(specifier.split("/")[0] ?? ""))
      found.push(`${file.slice(root.length + 1)}: ${specifier}`);
  }
  return found;
}

const entries = Object.entries(pkg.exports).flatMap(([name, target]) =>
  typeof target === "string"
    ? []
    : [target.import?.default, target.require?.default].flatMap((file) => (file ? [[name, file] as const] : [])),
);

describe("issue 11 — intercom-oauth/node is the only entry that imports Node's modules", () => {
  if (!existsSync(join(root, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does it).");
  }

  it("lists the node entry among the package's exports", () => {
    expect(entries.filter(([name]) => name === "./node").map(([, file]) => file)).toEqual([
      "./dist/node.js",
      "./dist/node.cjs",
    ]);
  });

  it.each(entries.filter(([name]) => name !== "./node"))("%s (%s) imports no Node built-in", (_, file) => {
    expect(builtinsReached(join(root, file))).toEqual([]);
  });

  it("finds them where they are: the CLI and its chunks import fs, path and util (the scan is not blind)", () => {
    const found = builtinsReached(join(root, "dist", "cli.js"));
    expect(found).toContain("dist/cli.js: util");
    expect(found.some((line) => line.endsWith(": fs"))).toBe(true);
  });
});
