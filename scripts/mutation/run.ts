// `npm run mutation [-- <stryker options>]`: StrykerJS on the security-critical modules
// (scripts/mutation/modules.json), then each module's score against the floor (check.ts).
// StrykerJS 10 needs Node 22 or later: on an older Node this runs it with the registry's node@22
// binary (npx), as .ci/run does for the test matrix.
//
//   npm run mutation                 re-tests only what changed since scripts/mutation/incremental.json
//   npm run mutation -- --force      every mutant again (the full run; docs/quality.md has its length)
//   npm run mutation -- --ci         first refuses a stale incremental file (stale.ts), for .ci/run
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkReport } from "./check.js";
import { moduleScores, readModules, readReport, scoreTable, withScoreTable } from "./score.js";
import { PG_URL_ENV, startPostgres } from "../../test/support/postgres.js";
import { exitIfStale, INCREMENTAL } from "./stale.js";

const args = process.argv.slice(2);
const ci = args.includes("--ci");
const strykerArgs = args.filter((a) => a !== "--ci");

function node22(): string {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const out = execFileSync("npx", ["-y", "node@22", "-p", "process.execPath"], { encoding: "utf8" });
  return out.trim().split("\n").at(-1) ?? "";
}

if (ci) exitIfStale();

const node = node22();
const stryker = join("node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
// The PostgreSQL tests' cluster is started here, not in vitest's global setup, so that an
// interrupted run (Ctrl-C) still stops it: StrykerJS kills its test runners without teardown.
const pg = process.env[PG_URL_ENV] ? undefined : await startPostgres();
const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ""}` };
if (pg !== undefined) env[PG_URL_ENV] = pg.url;
let status: number | null;
try {
  const child = spawn(node, [stryker, "run", ...strykerArgs], { stdio: "inherit", env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward).on("SIGTERM", forward);
  status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
} finally {
  pg?.stop();
}
const whole = !strykerArgs.some((a) => a.startsWith("--mutate") || a === "-m" || a.startsWith("--incrementalFile"));
const ok = checkReport({ requireAll: whole });
// A run of every module rewrites the committed incremental file: docs/quality.md's table follows it
// (test/quality-mutation.test.ts holds the two together).
if (whole && !ci && status !== null) {
  const page = "docs/quality.md";
  const table = scoreTable(moduleScores(readReport(INCREMENTAL), readModules()));
  writeFileSync(page, withScoreTable(readFileSync(page, "utf8"), table));
  console.log(`mutation: ${page} updated from ${INCREMENTAL}`);
}
process.exit(status === 0 && ok ? 0 : 1);
