// Benchmark 3: cold start. A fresh `node` process that imports the package's main entry and
// builds one authorize URL, against one that only imports ky and zod/mini (the dependencies'
// floor), and `node -e 0` (the runtime's floor). Runs are interleaved, in rotated order.

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CLIENT_ID, CLIENT_SECRET, FIXTURES, REDIRECT_URI, type Summary, rotation, summarize } from "./common.js";

/** A process to time: node plus arguments. */
export interface Command {
  readonly label: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Wall time of one run in ms; throws when the process fails. */
export function timeRun(command: Command): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, command.args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: command.env ?? process.env,
  });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(
      `bench: \`node ${command.args.join(" ")}\` exited with ${result.status}: ${result.stderr.toString().slice(0, 500)}`,
    );
  }
  return ms;
}

/** Interleaved timings (ms) of each command: `warmup` untimed runs each, then `runs` rounds. */
export function timeInterleaved(commands: readonly Command[], runs: number, warmup = 3): Record<string, Summary> {
  const samples = new Map<string, number[]>(commands.map((c) => [c.label, []]));
  for (let w = 0; w < warmup; w++) for (const c of commands) timeRun(c);
  for (let r = 0; r < runs; r++) {
    for (const c of rotation(commands, r)) samples.get(c.label)?.push(timeRun(c));
  }
  return Object.fromEntries([...samples].map(([label, values]) => [label, summarize(values)]));
}

export interface ColdStartResult {
  readonly runs: number;
  readonly unit: "ms";
  readonly variants: Record<string, Summary>;
  /** median(sdk) / median(ky + zod). */
  readonly ratio: number;
  /** median(sdk) - median(ky + zod), ms: what our own code adds. */
  readonly addedMs: number;
  readonly goal: string;
  readonly goalRatio: number;
  readonly pass: boolean;
  /**
   * Measured inside fresh processes that have already loaded ky and zod: the import of
   * intercom-oauth alone, and the first client plus authorize URL, in ms.
   */
  readonly inProcess: { readonly runs: number; readonly importMs: Summary; readonly firstUrlMs: Summary };
}

export const SDK_LABEL = "import intercom-oauth + 1 authorize URL";
export const DEPS_LABEL = "import ky + zod/mini";
export const NODE_LABEL = "node -e 0";

export function runColdStart(runs = 30): ColdStartResult {
  const dir = FIXTURES;
  mkdirSync(dir, { recursive: true });
  const sdkFile = join(dir, "cold-sdk.mjs");
  const depsFile = join(dir, "cold-deps.mjs");
  // The package is imported by its name (a self-reference), as users import it: dist/index.js.
  writeFileSync(
    sdkFile,
    [
      `import { createIntercomOAuth } from "intercom-oauth";`,
      `const client = createIntercomOAuth({ clientId: ${JSON.stringify(CLIENT_ID)}, clientSecret: ${JSON.stringify(CLIENT_SECRET)}, redirectUri: ${JSON.stringify(REDIRECT_URI)} });`,
      `const { url } = client.createAuthorizationUrl();`,
      `if (!url.searchParams.get("state")) process.exit(1);`,
      ``,
    ].join("\n"),
  );
  writeFileSync(
    depsFile,
    [
      `import ky from "ky";`,
      `import * as z from "zod/mini";`,
      `if (typeof ky !== "function" || typeof z.object !== "function") process.exit(1);`,
      ``,
    ].join("\n"),
  );
  const splitFile = join(dir, "cold-split.mjs");
  writeFileSync(
    splitFile,
    [
      `import "ky";`,
      `import "zod/mini";`,
      `const t0 = performance.now();`,
      `const { createIntercomOAuth } = await import("intercom-oauth");`,
      `const t1 = performance.now();`,
      `const client = createIntercomOAuth({ clientId: ${JSON.stringify(CLIENT_ID)}, clientSecret: ${JSON.stringify(CLIENT_SECRET)}, redirectUri: ${JSON.stringify(REDIRECT_URI)} });`,
      `client.createAuthorizationUrl();`,
      `const t2 = performance.now();`,
      `process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstUrlMs: t2 - t1 }));`,
      ``,
    ].join("\n"),
  );
  const variants = timeInterleaved(
    [
      { label: SDK_LABEL, args: [sdkFile] },
      { label: DEPS_LABEL, args: [depsFile] },
      { label: NODE_LABEL, args: ["-e", "0"] },
    ],
    runs,
  );
  const splitRuns = Math.max(5, Math.round(runs / 3));
  const importMs: number[] = [];
  const firstUrlMs: number[] = [];
  for (let i = 0; i < splitRuns; i++) {
    const out = spawnSync(process.execPath, [splitFile], { stdio: ["ignore", "pipe", "inherit"] });
    const split = JSON.parse(out.stdout.toString()) as { importMs: number; firstUrlMs: number };
    importMs.push(split.importMs);
    firstUrlMs.push(split.firstUrlMs);
  }
  const sdk = variants[SDK_LABEL] as Summary;
  const deps = variants[DEPS_LABEL] as Summary;
  const ratio = sdk.median / deps.median;
  return {
    runs,
    unit: "ms",
    variants,
    ratio,
    addedMs: sdk.median - deps.median,
    goal: "median <= 1.15x import ky + zod/mini",
    goalRatio: 1.15,
    pass: ratio <= 1.15,
    inProcess: { runs: splitRuns, importMs: summarize(importMs), firstUrlMs: summarize(firstUrlMs) },
  };
}
