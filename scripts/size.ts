// Bundle size of each public entry, as an app bundler would ship it: the built dist file bundled
// again by esbuild (minified, ESM, platform neutral, dependencies external), then gzipped at
// level 9. Checked against size-budget.json by test/size.test.ts.
//
//   npm run size               measure and compare with the budget (exit 1 when over)
//   npm run size -- --update   set each budget to the measured min+gzip size + 10%
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The measured entries and the built file each is measured from. */
export const ENTRIES = { index: "dist/index.js", testing: "dist/testing.js" } as const;
export type Entry = keyof typeof ENTRIES;

/** Dependencies and peers: the app installs them once, so they are not this package's weight. */
export const EXTERNAL = ["ky", "zod", "zod/*", "type-fest", "msw", "msw/*"];

/** Headroom of a budget over the measured size, in percent. */
export const HEADROOM_PERCENT = 10;

export const BUDGET_FILE = join(root, "size-budget.json");

/** One entry's size in bytes. */
export interface Size {
  readonly minified: number;
  readonly gzipped: number;
}

/** The min+gzip budget, in bytes, per entry. */
export type Budget = Record<Entry, number>;

/** Bundles and measures every entry. The dist files must exist (`npm run build`). */
export async function measure(): Promise<Record<Entry, Size>> {
  const sizes = {} as Record<Entry, Size>;
  for (const [entry, file] of Object.entries(ENTRIES) as [Entry, string][]) {
    const path = join(root, file);
    if (!existsSync(path)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
    const result = await build({
      entryPoints: [path],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      external: EXTERNAL,
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.contents;
    if (code === undefined) throw new Error(`esbuild produced no output for ${file}.`);
    sizes[entry] = { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
  }
  return sizes;
}

/** The budget for a measured size: +10%, rounded up to a whole byte. */
export function budgetFor(size: Size): number {
  // Integer arithmetic first: 1.1 is not exact in binary floating point.
  return Math.ceil((size.gzipped * (100 + HEADROOM_PERCENT)) / 100);
}

export function readBudget(file = BUDGET_FILE): Budget {
  if (!existsSync(file)) throw new Error(`${file} is missing. Create it with \`npm run size -- --update\`.`);
  return JSON.parse(readFileSync(file, "utf8")) as Budget;
}

/** One message per entry over its budget (or without one); empty when all fit. */
export function overBudget(sizes: Record<Entry, Size>, budget: Partial<Budget>): string[] {
  const problems: string[] = [];
  for (const [entry, size] of Object.entries(sizes) as [Entry, Size][]) {
    const limit = budget[entry];
    if (typeof limit !== "number") {
      problems.push(`${entry}: no budget in size-budget.json. Add one with \`npm run size -- --update\`.`);
    } else if (size.gzipped > limit) {
      const over = size.gzipped - limit;
      problems.push(
        `${entry} (${ENTRIES[entry]}) is ${size.gzipped} B min+gzip, ${over} B (${((over / limit) * 100).toFixed(1)}%) over its budget of ${limit} B. ` +
          "Make it smaller, or if the growth is intended, run `npm run size -- --update` and commit size-budget.json " +
          "with the reason, and update docs/performance.md.",
      );
    }
  }
  return problems;
}

export function formatSizes(sizes: Record<Entry, Size>, budget?: Partial<Budget>): string {
  const rows = (Object.entries(sizes) as [Entry, Size][]).map(
    ([entry, size]) =>
      `${entry.padEnd(8)} ${String(size.minified).padStart(8)} B min  ${String(size.gzipped).padStart(7)} B min+gzip` +
      (budget?.[entry] === undefined ? "" : `  (budget ${budget[entry]} B)`),
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
