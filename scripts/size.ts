// Bundle size of each public entry as an app ships it, dependencies included: the built dist file
// bundled again by esbuild (minified, ESM, platform node, tree-shaken) with ky and zod inside and
// only the msw peer left out, then gzipped at level 9. The serverless callback of the bench
// (bench/serverless/intercom-oauth.ts, importing the built package) is budgeted as an entry of its
// own. Checked against size-budget.json by test/size.test.ts, so a dependency that grows fails
// `npm test` too.
//
//   npm run size               measure and compare with the budget (exit 1 when over)
//   npm run size -- --update   set each budget to the measured min+gzip size + 10%
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The measured entries and the file each is bundled from; add an entry with one line. */
export const ENTRIES = {
  index: "dist/index.js",
  config: "dist/config.js",
  connections: "dist/connections.js",
  testing: "dist/testing.js",
  node: "dist/node.js",
  "testing-msw": "dist/testing-msw.js",
  "testing-node": "dist/testing-node.js",
  "serverless-callback": "bench/serverless/intercom-oauth.ts",
} as const;
export type Entry = keyof typeof ENTRIES;

/** Peers only: the app brings msw itself, for tests. Dependencies (ky, zod) are measured. */
export const EXTERNAL = ["msw", "msw/*"];

/** The package as built, for an entry that imports it by name (the serverless callback). */
const ALIAS = { "intercom-oauth": join(root, "dist", "index.js") };

/** Headroom of a budget over the measured size, in percent. */
export const HEADROOM_PERCENT = 10;

export const BUDGET_FILE = join(root, "size-budget.json");

/** One entry's size in bytes. */
export interface Size {
  readonly minified: number;
  readonly gzipped: number;
  /** Bytes of the minified bundle that come from node_modules (ky, zod). */
  readonly dependencies: number;
  /** The packages bundled, such as `ky` and `zod`. */
  readonly packages: readonly string[];
  /** Every file with code in the bundle, as esbuild names it (files tree-shaken away are not listed). */
  readonly inputs: readonly string[];
}

/** The min+gzip budget, in bytes, per entry. */
export type Budget = Record<Entry, number>;

/** The package a bundled input belongs to, or undefined for this package's own files. */
function packageOf(input: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

function dependencyBytes(metafile: Metafile): { bytes: number; packages: string[] } {
  let bytes = 0;
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      if (name === undefined) continue;
      bytes += bytesInOutput;
      packages.add(name);
    }
  }
  return { bytes, packages: [...packages].sort() };
}

/** Bundles and measures one file, as {@link measure} does. */
export async function measureFile(file: string): Promise<Size> {
  const path = join(root, file);
  if (!existsSync(path)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
  const result = await build({
    entryPoints: [path],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    alias: ALIAS,
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error(`esbuild produced no output for ${file}.`);
  const { bytes, packages } = dependencyBytes(result.metafile);
  return {
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    dependencies: bytes,
    packages,
    inputs: Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([name]) => name),
    ),
  };
}

/** Bundles and measures every entry. The dist files must exist (`npm run build`). */
export async function measure(): Promise<Record<Entry, Size>> {
  const sizes = {} as Record<Entry, Size>;
  for (const [entry, file] of Object.entries(ENTRIES) as [Entry, string][]) sizes[entry] = await measureFile(file);
  return sizes;
}

/** The budget for a measured size: +10%, rounded up to a whole byte. */
export function budgetFor(size: Pick<Size, "gzipped">): number {
  // Integer arithmetic first: 1.1 is not exact in binary floating point.
  return Math.ceil((size.gzipped * (100 + HEADROOM_PERCENT)) / 100);
}

export function readBudget(file = BUDGET_FILE): Budget {
  if (!existsSync(file)) throw new Error(`${file} is missing. Create it with \`npm run size -- --update\`.`);
  return JSON.parse(readFileSync(file, "utf8")) as Budget;
}

/** One message per entry over its budget (or without one); empty when all fit. */
export function overBudget(sizes: Record<Entry, Pick<Size, "gzipped">>, budget: Partial<Budget>): string[] {
  const problems: string[] = [];
  for (const [entry, size] of Object.entries(sizes) as [Entry, Size][]) {
    const limit = budget[entry];
    if (typeof limit !== "number") {
      problems.push(`${entry}: no budget in size-budget.json. Add one with \`npm run size -- --update\`.`);
    } else if (size.gzipped > limit) {
      const over = size.gzipped - limit;
      problems.push(
        `${entry} (${ENTRIES[entry]}, dependencies included) is ${size.gzipped} B min+gzip, ${over} B (${((over / limit) * 100).toFixed(1)}%) over its budget of ${limit} B. ` +
          "Check what grew (our code or a dependency: `npm run size` prints both), make it smaller, or if the growth is intended, " +
          "run `npm run size -- --update` and commit size-budget.json with the reason, and update docs/performance.md.",
      );
    }
  }
  return problems;
}

export function formatSizes(sizes: Record<Entry, Size>, budget?: Partial<Budget>): string {
  const width = Math.max(...Object.keys(sizes).map((entry) => entry.length));
  const rows = (Object.entries(sizes) as [Entry, Size][]).map(
    ([entry, size]) =>
      `${entry.padEnd(width)} ${String(size.minified).padStart(7)} B min  ${String(size.gzipped).padStart(7)} B min+gzip` +
      (budget?.[entry] === undefined ? "" : `  (budget ${budget[entry]} B)`) +
      `  ${size.dependencies} B of the min from ${size.packages.join(", ") || "no dependency"}`,
  );
  return `${rows.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const sizes = await measure();
  if (argv.includes("--update")) {
    const budget = Object.fromEntries(
      (Object.entries(sizes) as [Entry, Size][]).map(([entry, size]) => [entry, budgetFor(size)]),
    );
    writeFileSync(BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
    process.stdout.write(`${formatSizes(sizes, budget)}Wrote ${BUDGET_FILE}\n`);
    return 0;
  }
  const budget = readBudget();
  process.stdout.write(formatSizes(sizes, budget));
  const problems = overBudget(sizes, budget);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
