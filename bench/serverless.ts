// Benchmark 6: the serverless callback. The same short script (authorize URL, callback
// check, code exchange against the loopback server) is written for intercom-oauth,
// oauth4webapi and arctic's generic client, each bundled as a serverless function ships:
// esbuild, ESM, minified, platform node, dependencies included and tree-shaken. Reports each
// bundle's size (min and min+gzip) and its cold start, a fresh `node` process per run,
// interleaved, as a ratio to oauth4webapi's median.

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { timeInterleaved } from "./cold-start.js";
import { CLIENT_ID, CLIENT_SECRET, FIXED_CODE, PKG, REDIRECT_URI, ROOT, type Summary } from "./common.js";

/** The clients compared, each with its script in bench/serverless/. */
export const SERVERLESS_CLIENTS = ["intercom-oauth", "oauth4webapi", "arctic"] as const;
export type ServerlessClient = (typeof SERVERLESS_CLIENTS)[number];
/** What each cold start is compared with. */
export const BASELINE: ServerlessClient = "oauth4webapi";

/** The goals: our bundle at most 20 kB min+gzip, our cold start at most 1.05× the baseline's. */
export const GOAL_GZIP_BYTES = 20_000;
export const GOAL_COLD_RATIO = 1.05;

export interface BundleSize {
  readonly minified: number;
  readonly gzipped: number;
}

export interface ServerlessResult {
  readonly runs: number;
  readonly sizes: Record<ServerlessClient, BundleSize>;
  readonly cold: Record<ServerlessClient, Summary>;
  /** median(client) / median(oauth4webapi). */
  readonly ratios: Record<ServerlessClient, number>;
  readonly goal: string;
  readonly pass: { readonly size: boolean; readonly coldStart: boolean };
}

/** Bundles one client's script; intercom-oauth resolves to the bench's copy of dist/. */
async function bundle(client: ServerlessClient, outdir: string): Promise<{ file: string; size: BundleSize }> {
  const file = join(outdir, `${client}.mjs`);
  const result = await build({
    entryPoints: [join(ROOT, "bench", "serverless", `${client}.ts`)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    alias: { "intercom-oauth": join(PKG, "dist", "index.js") },
    outfile: file,
    write: true,
    metafile: false,
    logLevel: "silent",
  });
  if (result.errors.length > 0) throw new Error(`bench: bundling the ${client} callback failed`);
  const code = readFileSync(file);
  return { file, size: { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength } };
}

/** Builds the three bundles, then times `runs` interleaved cold starts of each against `origin`. */
export async function runServerless(origin: string, runs: number): Promise<ServerlessResult> {
  const outdir = join(PKG, "serverless");
  mkdirSync(outdir, { recursive: true });
  const files = {} as Record<ServerlessClient, string>;
  const sizes = {} as Record<ServerlessClient, BundleSize>;
  for (const client of SERVERLESS_CLIENTS) {
    const built = await bundle(client, outdir);
    files[client] = built.file;
    sizes[client] = built.size;
  }
  const env = {
    ...process.env,
    BENCH_ORIGIN: origin,
    BENCH_CLIENT_ID: CLIENT_ID,
    BENCH_CLIENT_SECRET: CLIENT_SECRET,
    BENCH_REDIRECT_URI: REDIRECT_URI,
    BENCH_CODE: FIXED_CODE,
  };
  const cold = timeInterleaved(
    SERVERLESS_CLIENTS.map((client) => ({ label: client, args: [files[client]], env })),
    runs,
  ) as Record<ServerlessClient, Summary>;
  const base = cold[BASELINE].median;
  const ratios = Object.fromEntries(SERVERLESS_CLIENTS.map((c) => [c, cold[c].median / base])) as Record<
    ServerlessClient,
    number
  >;
  return {
    runs,
    sizes,
    cold,
    ratios,
    goal: `intercom-oauth ≤ ${GOAL_GZIP_BYTES / 1000} kB min+gzip, cold start ≤ ${GOAL_COLD_RATIO}× ${BASELINE}`,
    pass: {
      size: sizes["intercom-oauth"].gzipped <= GOAL_GZIP_BYTES,
      coldStart: ratios["intercom-oauth"] <= GOAL_COLD_RATIO,
    },
  };
}
