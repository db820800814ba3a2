// Shared by the bench scripts: paths, loading the built package, statistics, fixtures.
// The bench measures dist/ (what users run), so the SDK is imported from there at run
// time; src/ is only used for types, which the bench build erases.

import { fork } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The package root: the nearest folder above this script with package.json. */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("bench: package.json not found above the bench scripts");
    dir = up;
  }
  return dir;
})();

/** Where the compiled bench scripts live (this file's folder). */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

export type Sdk = typeof import("../src/index.js");
export type TestingKit = typeof import("../src/testing/node.js");
export type ConfigKit = typeof import("../src/config/index.js");

/**
 * A private copy of the built package (package.json and dist/), taken when the bench
 * starts. Every benchmark runs it, so that another `npm run build` in the same tree
 * (which empties dist/ first) cannot pull files away mid-run. Dependencies still resolve
 * from the repository's node_modules, two folders up.
 */
export const PKG = join(BENCH_DIR, "pkg");

/** Takes the copy; run.ts calls this once, before anything is measured. */
export function snapshotPackage(): void {
  if (!existsSync(join(ROOT, "dist", "index.js"))) {
    throw new Error("bench: dist/index.js is missing. Run `npm run bench` (it builds first), or `npm run build`.");
  }
  rmSync(PKG, { recursive: true, force: true });
  mkdirSync(PKG, { recursive: true });
  cpSync(join(ROOT, "package.json"), join(PKG, "package.json"));
  cpSync(join(ROOT, "dist"), join(PKG, "dist"), { recursive: true });
}

/** The built main entry, as users import it. */
export async function loadSdk(): Promise<Sdk> {
  return (await import(pathToFileURL(join(PKG, "dist", "index.js")).href)) as Sdk;
}

/** The built config entry. */
export async function loadConfigKit(): Promise<ConfigKit> {
  return (await import(pathToFileURL(join(PKG, "dist", "config.js")).href)) as ConfigKit;
}

/** The built testing entry. */
export async function loadTestingKit(): Promise<TestingKit> {
  return (await import(pathToFileURL(join(PKG, "dist", "testing-node.js")).href)) as TestingKit;
}

/** Where the bench writes its fixture files: inside the copy, so `import "intercom-oauth"` resolves to it. */
export const FIXTURES = join(PKG, "fixtures");

/** Made-up credentials in Intercom's shape (UUID-like). */
export const CLIENT_ID = "0b9a3c3e-4f5d-4c4e-9d0b-1a2b3c4d5e6f";
export const CLIENT_SECRET = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
export const REDIRECT_URI = "https://app.merge.dev/oauth/callback";
export const TIMEOUT_MS = 10_000;
/** A fixed code for the minimal server, which accepts any non-empty code. */
export const FIXED_CODE = "c2FtcGxlLWNvZGUtZm9yLWJlbmNo+/ab=";

/** Value at quantile q (0..1) of the sorted copy, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p90 = (values: readonly number[]): number => quantile(values, 0.9);

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return { n: values.length, median: median(values), p90: p90(values), mean };
}

/** Round to `digits` significant decimals for display and JSON. */
export function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}

/** The variant order for round `r`: a rotation, so no variant always runs first. */
export function rotation<T>(variants: readonly T[], r: number): T[] {
  const k = r % variants.length;
  return [...variants.slice(k), ...variants.slice(0, k)];
}

/** base64 of `tok:<uuid>:1:0`, the shape of Intercom's tokens; the minimal server's answer. */
export const FIXED_TOKEN = Buffer.from("tok:6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b:1:0").toString("base64");

export type ServerMode = "minimal" | "standin";
export type ServerMessage = { type: "ready"; origin: string } | { type: "codes"; codes: string[] };
export type ParentMessage = { type: "mint"; count: number } | { type: "stop" };

/** A forked bench server (server.js). */
export interface BenchServer {
  readonly origin: string;
  /** Valid codes from the stand-in (standin mode only). */
  mint(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

export function startServer(mode: ServerMode): Promise<BenchServer> {
  const child = fork(join(BENCH_DIR, "server.js"), [mode], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
    child.once("message", (message: ServerMessage) => {
      if (message.type !== "ready") return reject(new Error("bench server: unexpected first message"));
      child.removeAllListeners("exit");
      resolve({
        origin: message.origin,
        mint: (count) =>
          new Promise((done) => {
            child.once("message", (reply: ServerMessage) => {
              if (reply.type === "codes") done(reply.codes);
            });
            child.send({ type: "mint", count } satisfies ParentMessage);
          }),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.send({ type: "stop" } satisfies ParentMessage);
          }),
      });
    });
  });
}
