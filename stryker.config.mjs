// @ts-check
// StrykerJS on the security-critical modules of scripts/mutation/modules.json (issue 13).
// Run it with `npm run mutation` (scripts/mutation/run.ts: StrykerJS 10 needs Node 22, fetched
// with npx when the machine's Node is older); docs/quality.md has the scores and how to refresh.
import { readFileSync } from "node:fs";

const { modules, break: floor } = JSON.parse(
  readFileSync(new URL("./scripts/mutation/modules.json", import.meta.url), "utf8"),
);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  mutate: Object.values(modules).flat(),
  // Committed, so that a run re-tests only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: "scripts/mutation/incremental.json",
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // `break` is one number for all files; scripts/mutation/check.ts applies it to each module.
  thresholds: { high: 95, low: floor, break: floor },
  concurrency: 2,
  timeoutMS: 10_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
export default config;
