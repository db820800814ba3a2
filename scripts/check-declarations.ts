// What the emitted declarations (dist/*.d.ts, dist/*.d.cts) may import: only packages a consumer
// installs with ours (dependencies, peerDependencies) and files that exist in dist. type-fest is
// a devDependency whose types tsup inlines (`dts: { resolve: true }`); its list form
// (`resolve: ["type-fest"]`) leaves imports of './source/*.js' that exist nowhere, and tsup
// still exits 0. Also: only dist/tag.d.cts declares a unique symbol (see scripts/share-tag.ts).
// test/declarations.test.ts runs it on dist/ in `npm test`; `tsx scripts/check-declarations.ts`
// runs it alone after a build.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { TAG_FILE } from "./share-tag.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The packages a consumer has installed along with ours: `dependencies` and `peerDependencies`. */
export function installedWithUs(packageJson: string = join(root, "package.json")): Set<string> {
  const manifest = JSON.parse(readFileSync(packageJson, "utf8")) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  return new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
}

function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

// The declaration file a relative import in a declaration file resolves to.
function declarationFor(specifier: string): string {
  return specifier
    .replace(/\.js$/, ".d.ts")
    .replace(/\.cjs$/, ".d.cts")
    .replace(/\.mjs$/, ".d.mts");
}

/** The declarations of `intercom-oauth/node`, the one entry allowed to name Node's own modules. */
const NODE_ENTRY = /^node\.d\.c?ts$/;

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

/**
 * Every problem in the declaration files of `dist`, one line each: an import of a package the
 * consumer does not install (type-fest above all), a relative import of a file that is not
 * there, or a unique symbol declared outside {@link TAG_FILE}. Empty when all is well.
 */
export function declarationProblems(dist: string, allowed: ReadonlySet<string> = installedWithUs()): string[] {
  const problems: string[] = [];
  const names = readdirSync(dist).filter((name) => /\.d\.[cm]?ts$/.test(name));
  if (names.length === 0) return [`${dist} holds no declaration file: build first.`];
  for (const name of names) {
    const text = readFileSync(join(dist, name), "utf8");
    // The TypeScript scanner, not a regex: type-fest's inlined docs hold `import … from 'type-fest'` examples.
    const info = ts.preProcessFile(text, true, true);
    const specifiers = new Set([...info.importedFiles, ...info.typeReferenceDirectives].map((ref) => ref.fileName));
    for (const specifier of specifiers) {
      if (specifier.startsWith(".")) {
        if (!existsSync(join(dist, declarationFor(specifier)))) {
          problems.push(`${name} imports "${specifier}", which is not in dist/ (a broken inlined type?).`);
        }
      } else if (NODE_ENTRY.test(name) && specifier.startsWith("node:")) {
        // intercom-oauth/node is for Node servers only: its users have Node's types (@types/node).
      } else if (!allowed.has(packageOf(specifier))) {
        problems.push(`${name} imports "${specifier}", which consumers do not install: inline its types.`);
      }
    }
    if (name !== TAG_FILE && /\bunique symbol\b/.test(withoutComments(text))) {
      problems.push(`${name} declares its own unique symbol: tagged ids would not match across files.`);
    }
  }
  return problems;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const problems = declarationProblems(join(root, "dist"));
  process.stdout.write(problems.length === 0 ? "Declarations: ok\n" : `${problems.join("\n")}\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
