// The runtime conformance run (issue 11 §4). For each runtime: the stand-in served by that
// runtime in one process, the conformance app in another (both on ports the OS picks), then
// GET /checks (in-runtime checks) and, from here over loopback, start → consent → callback in
// cookie and signed modes and a signed uninstall. Every process is killed with its group and
// checked gone. A runtime that cannot be found or started fails the run: nothing is skipped.
//
//   npx tsx scripts/conformance/run.ts                 every runtime
//   npx tsx scripts/conformance/run.ts bun deno        some of them
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { createIntercomStandInCore } from "../../src/testing/index.js";
import { CLIENT_ID, CLIENT_SECRET } from "./app.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const here = join(root, "scripts", "conformance");
const out = join(root, ".tmp", "conformance");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

/** The `node` binary of a major version, from the npm registry's `node` package (npx cache). */
function nodeBinary(major: number): string {
  if (process.versions.node.startsWith(`${major}.`)) return process.execPath;
  for (let attempt = 1; ; attempt++) {
    try {
      const printed = execFileSync("npx", ["-y", `node@${major}`, "-p", "process.execPath"], { encoding: "utf8" });
      return printed.trim().split("\n").at(-1) ?? "";
    } catch (error) {
      if (attempt === 3) throw new Error(`node@${major} could not be installed from npm: ${String(error)}`);
    }
  }
}

interface Runtime {
  readonly name: string;
  /** The command that serves `role` ("app" | "standin") from `bundle`. */
  readonly command: (role: string, bundle: string, standIn: string) => [string, string[]];
  readonly bundle: "esm" | "iife";
  readonly version: () => string;
}

function nodeRuntime(major: number): Runtime {
  let binary = "";
  const node = () => (binary ||= nodeBinary(major));
  return {
    name: `node ${major}`,
    bundle: "esm",
    version: () => execFileSync(node(), ["-v"], { encoding: "utf8" }).trim(),
    command: (role, bundle, standIn) => [node(), [join(here, "serve-node.mjs"), role, bundle, standIn]],
  };
}

const RUNTIMES: Record<string, Runtime> = {
  node20: nodeRuntime(20),
  node22: nodeRuntime(22),
  node24: nodeRuntime(24),
  node26: nodeRuntime(26),
  bun: {
    name: "bun",
    bundle: "esm",
    version: () => `bun ${execFileSync(bin("bun"), ["--version"], { encoding: "utf8" }).trim()}`,
    command: (role, bundle, standIn) => [bin("bun"), [join(here, "serve-bun.mjs"), role, bundle, standIn]],
  },
  deno: {
    name: "deno",
    bundle: "esm",
    version: () => execFileSync(bin("deno"), ["--version"], { encoding: "utf8" }).split("\n")[0] ?? "",
    command: (role, bundle, standIn) => [
      bin("deno"),
      [
        "run",
        "--no-prompt",
        "--allow-net=127.0.0.1",
        `--allow-read=${out}`,
        join(here, "serve-deno.mjs"),
        role,
        bundle,
        standIn,
      ],
    ],
  },
  workerd: {
    name: "workerd",
    bundle: "esm",
    version: () => execFileSync(bin("workerd"), ["--version"], { encoding: "utf8" }).trim(),
    command: (role, bundle, standIn) => [nodeBinary(22), [join(here, "serve-workerd.mjs"), role, bundle, standIn]],
  },
  "edge-runtime": {
    name: "edge-runtime",
    bundle: "iife",
    version: () => {
      const pkg = JSON.parse(
        execFileSync("node", ["-p", "JSON.stringify(require('edge-runtime/package.json'))"], {
          cwd: root,
          encoding: "utf8",
        }),
      );
      return `edge-runtime ${pkg.version}`;
    },
    command: (role, bundle, standIn) => [process.execPath, [join(here, "serve-edge.mjs"), role, bundle, standIn]],
  },
};

async function bundles(): Promise<Record<"esm" | "iife", string>> {
  mkdirSync(out, { recursive: true });
  const common = {
    entryPoints: [join(here, "app.ts")],
    bundle: true,
    platform: "neutral" as const,
    mainFields: ["module", "main"],
    logLevel: "warning" as const,
  };
  const esm = join(out, "app.mjs");
  const iife = join(out, "app.iife.js");
  await build({ ...common, format: "esm", outfile: esm });
  await build({ ...common, format: "iife", globalName: "conformance", outfile: iife });
  return { esm, iife };
}

const children = new Set<ChildProcess>();

/** Starts a server process in its own group and waits for its "LISTENING <origin>" line. */
function serve(runtime: Runtime, role: string, bundle: string, standIn: string): Promise<string> {
  const [command, args] = runtime.command(role, bundle, standIn);
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  return new Promise((resolveOrigin, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${runtime.name} ${role}: no LISTENING line in 30 s\n${output}`)),
      30_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveOrigin(match[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("error", (error) => reject(new Error(`${runtime.name} ${role} could not start: ${error.message}`)));
    child.on("exit", (code) =>
      reject(new Error(`${runtime.name} ${role} exited (${code}) before listening:\n${output}`)),
    );
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends every process group started here, and checks none is left. */
async function stopAll(): Promise<string[]> {
  const left: string[] = [];
  for (const child of children) {
    const pid = child.pid;
    if (pid === undefined) continue;
    if (alive(pid)) process.kill(-pid, "SIGTERM");
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) {
      process.kill(-pid, "SIGKILL");
      await new Promise((r) => setTimeout(r, 200));
    }
    if (alive(pid)) left.push(String(pid));
  }
  children.clear();
  return left;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** start → the stand-in's consent (a 302 back) → the app's callback, from outside. */
async function connect(app: string, mode: "cookie" | "signed"): Promise<string> {
  const start = await fetch(`${app}/${mode}/start`, { redirect: "manual" });
  const authorize = start.headers.get("location");
  if (start.status !== 302 || !authorize) return `start answered ${start.status}`;
  const consent = await fetch(authorize, { redirect: "manual" });
  const back = new URL(consent.headers.get("location") ?? "about:blank");
  if (!back.searchParams.get("code")) return `consent answered ${consent.status} ${back}`;
  const callbackUrl = `${app}/${mode}/callback${back.search}`;
  const headers = mode === "cookie" ? { cookie: cookiesOf(start) } : undefined;
  const callback = await fetch(callbackUrl, { redirect: "manual", headers });
  const text = await callback.text();
  if (callback.status !== 200 || text !== "connected")
    return `callback answered ${callback.status} ${text.slice(0, 200)}`;
  if (mode === "cookie") {
    const replay = await fetch(callbackUrl, { redirect: "manual" });
    if (replay.status < 400) return `a replay without the cookie answered ${replay.status}`;
  }
  return "ok";
}

interface Result {
  readonly runtime: string;
  readonly version: string;
  readonly failures: string[];
  readonly seconds: number;
}

async function conform(runtime: Runtime, files: Record<"esm" | "iife", string>): Promise<Result> {
  const started = Date.now();
  const failures: string[] = [];
  let version = "?";
  try {
    try {
      version = runtime.version();
    } catch (error) {
      throw new Error(`${runtime.name} is not installed or does not run (npm ci installs it): ${String(error)}`);
    }
    const bundle = files[runtime.bundle];
    const standIn = await serve(runtime, "standin", bundle, "");
    const app = await serve(runtime, "app", bundle, standIn);
    const checks = (await (await fetch(`${app}/checks`)).json()) as { name: string; ok: boolean; detail?: string }[];
    for (const check of checks) if (!check.ok) failures.push(`${check.name}: ${check.detail}`);
    if (checks.length < 6) failures.push(`only ${checks.length} checks ran`);
    for (const mode of ["cookie", "signed"] as const) {
      const outcome = await connect(app, mode);
      if (outcome !== "ok") failures.push(`${mode} connect: ${outcome}`);
    }
    const signer = createIntercomStandInCore({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const uninstall = await fetch(
      await signer.uninstallRequest(`${app}/intercom/uninstall`, { workspaceId: "ws_gone" }),
    );
    if (uninstall.status !== 200) failures.push(`signed uninstall answered ${uninstall.status}`);
    const forged = await fetch(`${app}/intercom/uninstall`, { method: "POST", body: '{"app_id":"ws_x"}' });
    if (forged.status !== 401) failures.push(`an unsigned uninstall answered ${forged.status}`);
    const events = (await (await fetch(`${app}/events`)).json()) as string[];
    if (events.filter((e) => e.startsWith("connected:")).length !== 2 || !events.includes("uninstalled:ws_gone")) {
      failures.push(`events: ${JSON.stringify(events)}`);
    }
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  } finally {
    const left = await stopAll();
    if (left.length > 0) failures.push(`processes left behind: ${left.join(", ")}`);
  }
  return { runtime: runtime.name, version, failures, seconds: (Date.now() - started) / 1000 };
}

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(RUNTIMES);
const unknown = names.filter((name) => !(name in RUNTIMES));
if (unknown.length > 0) {
  console.error(`Unknown runtime(s): ${unknown.join(", ")}. Known: ${Object.keys(RUNTIMES).join(", ")}`);
  process.exit(2);
}
const files = await bundles();
const results: Result[] = [];
for (const name of names) {
  const runtime = RUNTIMES[name] as Runtime;
  const result = await conform(runtime, files);
  results.push(result);
  const status = result.failures.length === 0 ? "PASS" : "FAIL";
  console.log(`== ${status} ${result.runtime} (${result.version}) in ${result.seconds.toFixed(1)} s`);
  for (const failure of result.failures) console.log(`   - ${failure}`);
}
writeFileSync(join(out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));
if (results.some((result) => result.failures.length > 0)) process.exit(1);
