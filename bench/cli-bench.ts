// Benchmark 4: `intercom-oauth validate` on a valid config (wall time against `node -e 0`,
// and its peak RSS), and in-process `validateConfig` throughput.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  FIXTURES,
  PKG,
  CLIENT_ID,
  CLIENT_SECRET,
  REDIRECT_URI,
  type ConfigKit,
  type Summary,
  median,
  summarize,
} from "./common.js";
import { type Command, NODE_LABEL, timeInterleaved } from "./cold-start.js";

export const CONFIG = {
  clientId: "env:INTERCOM_CLIENT_ID",
  clientSecret: "env:INTERCOM_CLIENT_SECRET",
  redirectUris: [REDIRECT_URI],
  region: "us",
  scopes: "user-level",
} as const;

export const CONFIG_ENV = { INTERCOM_CLIENT_ID: CLIENT_ID, INTERCOM_CLIENT_SECRET: CLIENT_SECRET };

export const CLI_LABEL = "intercom-oauth validate (valid config)";
export const ZOD_LABEL = "import zod";

export type Unavailable = { readonly available: false; readonly reason: string };

export interface CliWallResult {
  readonly available: true;
  readonly command: string;
  readonly runs: number;
  readonly unit: "ms";
  readonly variants: Record<string, Summary>;
  /** median(cli) / median(node -e 0). */
  readonly ratio: number;
  readonly peakRss: {
    readonly method: string;
    readonly cliMiB: number;
    readonly nodeMiB: number;
    readonly runs: number;
  };
}

export interface ThroughputResult {
  readonly available: true;
  readonly warmupCalls: number;
  readonly perSecond: Summary;
  readonly goal: string;
  readonly goalPerSecond: number;
  readonly pass: boolean;
}

function configFile(): string {
  const dir = FIXTURES;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "intercom-oauth.json");
  writeFileSync(file, `${JSON.stringify(CONFIG, null, 2)}\n`);
  return file;
}

/** Peak RSS of one run in KiB: /usr/bin/time when present, else a preload that reports maxRSS at exit. */
function peakRssKiB(args: readonly string[], env: NodeJS.ProcessEnv): { kib: number; method: string } {
  if (existsSync("/usr/bin/time")) {
    const result = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const last = result.stderr.toString().trim().split("\n").pop() ?? "";
    if (result.status === 0 && /^\d+$/.test(last)) return { kib: Number(last), method: "/usr/bin/time -f %M" };
  }
  const out = join(FIXTURES, "maxrss.txt");
  const preload = join(FIXTURES, "maxrss.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  rmSync(out, { force: true });
  spawnSync(process.execPath, ["--require", preload, ...args], { env, stdio: "ignore" });
  return { kib: Number(readFileSync(out, "utf8")), method: "process.resourceUsage().maxRSS at exit (preload)" };
}

/** Whether `node dist/cli.js validate` runs and accepts the valid config. */
export function cliAvailability(): { available: true; file: string } | Unavailable {
  const cli = join(PKG, "dist", "cli.js");
  if (!existsSync(cli)) return { available: false, reason: "dist/cli.js is not built" };
  const file = configFile();
  const result = spawnSync(process.execPath, [cli, "validate", file], {
    env: { ...process.env, ...CONFIG_ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.status !== 0) {
    const said = `${result.stdout.toString()}${result.stderr.toString()}`.trim().split("\n").slice(0, 3).join(" / ");
    return {
      available: false,
      reason: `\`intercom-oauth validate\` exited with ${result.status} on the valid config: ${said}`,
    };
  }
  return { available: true, file };
}

export function runCliWall(file: string, runs = 30): CliWallResult {
  const cli = join(PKG, "dist", "cli.js");
  const env = { ...process.env, ...CONFIG_ENV };
  const cliArgs = [cli, "validate", file];
  const commands: Command[] = [
    { label: CLI_LABEL, args: cliArgs, env },
    { label: NODE_LABEL, args: ["-e", "0"], env },
    // Context: what loading zod alone costs; validation needs it.
    {
      label: ZOD_LABEL,
      args: [
        "--input-type=module",
        "-e",
        `import { z } from "zod"; if (typeof z.object !== "function") process.exit(1);`,
      ],
      env,
    },
  ];
  const variants = timeInterleaved(commands, runs);
  const rssRuns = 5;
  const cliRss: number[] = [];
  const nodeRss: number[] = [];
  let method = "";
  for (let i = 0; i < rssRuns; i++) {
    const a = peakRssKiB(cliArgs, env);
    const b = peakRssKiB(["-e", "0"], env);
    cliRss.push(a.kib);
    nodeRss.push(b.kib);
    method = a.method;
  }
  return {
    available: true,
    command: `node dist/cli.js validate ${file.slice(PKG.length + 1)}`,
    runs,
    unit: "ms",
    variants,
    ratio: (variants[CLI_LABEL] as Summary).median / (variants[NODE_LABEL] as Summary).median,
    peakRss: { method, cliMiB: median(cliRss) / 1024, nodeMiB: median(nodeRss) / 1024, runs: rssRuns },
  };
}

/**
 * validateConfig(input, { env }) calls per second: median over batches, after a warm-up
 * long enough for the JIT to settle (the first few tens of thousands of calls are slower).
 */
export function runValidateThroughput(
  config: ConfigKit,
  batches = 10,
  batchSize = 10_000,
  warmupMs = 1_000,
): ThroughputResult | Unavailable {
  const validateConfig = (config as Partial<ConfigKit>).validateConfig;
  if (typeof validateConfig !== "function")
    return { available: false, reason: "validateConfig is not exported by dist/config.js" };
  const options = { env: CONFIG_ENV };
  const first = validateConfig(CONFIG, options);
  if (!first.valid)
    return {
      available: false,
      reason: `validateConfig rejects the valid config: ${first.issues.map((i) => i.code).join(", ")}`,
    };
  const warmupEnd = performance.now() + warmupMs;
  let warmupCalls = 0;
  while (performance.now() < warmupEnd || warmupCalls < 20_000) {
    for (let i = 0; i < 1_000; i++) validateConfig(CONFIG, options);
    warmupCalls += 1_000;
  }
  const rates: number[] = [];
  let sink = 0;
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < batchSize; i++) if (validateConfig(CONFIG, options).valid) sink++;
    rates.push(batchSize / ((performance.now() - start) / 1000));
  }
  if (sink !== batches * batchSize) throw new Error("bench: validateConfig stopped accepting the valid config");
  const perSecond = summarize(rates);
  return {
    available: true,
    warmupCalls,
    perSecond,
    goal: ">= 50,000 validations/s",
    goalPerSecond: 50_000,
    pass: perSecond.median >= 50_000,
  };
}
