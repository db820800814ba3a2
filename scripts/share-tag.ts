// type-fest's `Tagged` keys every tag with one `unique symbol` (from its tagged-tag package).
// tsup inlines it into each declaration file, and two declarations of a unique symbol are two
// different types: a WorkspaceId from dist/index.d.ts (ESM) would not be assignable to one from
// dist/index.d.cts (CommonJS), nor to one from another entry built apart. This moves that one
// declaration into dist/tag.d.cts, which every declaration file then imports. Run by
// `npm run build`, after tsup; test/package.test.ts proves the ids assignable across copies.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The file that declares the tag, next to the declarations that import it. */
export const TAG_FILE = "tag.d.cts";

const TAG_SOURCE = `// The key of type-fest's Tagged types (WorkspaceId), declared once for every declaration file,
// so that a tagged id from one entry or format is assignable to the same id from another.
export declare const tag: unique symbol;
`;

// tsup's bundler may rename the inlined constant (tag$1) when a name clashes.
const INLINED_TAG = /^declare const (tag(?:\$\d+)?): unique symbol;$/gm;

/**
 * Rewrites the declaration files in `dist` to import the tag from {@link TAG_FILE}, and writes
 * that file when any does. Returns the names of the files rewritten.
 *
 * @throws Error when a declaration file declares a unique symbol other than the tag: the
 *   rewrite would not know what it is.
 */
export function shareTag(dist: string): string[] {
  const rewritten: string[] = [];
  for (const name of readdirSync(dist)) {
    if (!/\.d\.c?ts$/.test(name) || name === TAG_FILE) continue;
    const path = join(dist, name);
    const text = readFileSync(path, "utf8");
    const shared = text.replace(INLINED_TAG, (_line, local: string) => `import { tag as ${local} } from './tag.cjs';`);
    if (/\bunique symbol\b/.test(shared.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, ""))) {
      throw new Error(`${name} declares a unique symbol that is not type-fest's tag; share it too, or drop it.`);
    }
    if (shared !== text) {
      writeFileSync(path, shared);
      rewritten.push(name);
    }
  }
  if (rewritten.length > 0) writeFileSync(join(dist, TAG_FILE), TAG_SOURCE);
  return rewritten;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = fileURLToPath(new URL("../dist", import.meta.url));
  const rewritten = shareTag(dist);
  process.stdout.write(`Shared the Tagged key (dist/${TAG_FILE}) with: ${rewritten.join(", ") || "no file"}\n`);
}
