// Is the committed incremental file current enough for a short CI run? StrykerJS re-tests the
// mutants of changed source files and those covered by changed tests; when that would be more
// than a few minutes' work, .ci/run fails at once and says to refresh the file, instead of
// turning into a full run.
import { existsSync, readFileSync } from "node:fs";
import { readModules, readReport } from "./score.js";

export const INCREMENTAL = "scripts/mutation/incremental.json";
/** About 5 minutes at the speed measured on 2 cores (docs/quality.md). */
export const MAX_RETEST = 250;

const REFRESH = `run \`npm run mutation\` (or \`npm run mutation -- --force\`) and commit ${INCREMENTAL}`;

export function staleness(path = INCREMENTAL, max = MAX_RETEST): { retest: number; problem?: string } {
  if (!existsSync(path)) return { retest: Number.NaN, problem: `${path} is missing: ${REFRESH}` };
  const report = readReport(path);
  const wanted = Object.values(readModules().modules).flat();
  const current = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

  const added = wanted.filter((file) => report.files[file] === undefined);
  if (added.length > 0) return { retest: Number.NaN, problem: `${added.join(", ")} not in ${path}: ${REFRESH}` };

  let retest = 0;
  const changedSources: string[] = [];
  for (const file of wanted) {
    const entry = report.files[file];
    if (entry !== undefined && current(file) !== entry.source) {
      changedSources.push(file);
      retest += entry.mutants.length;
    }
  }
  const changedTestIds = new Set<string>();
  const changedTests: string[] = [];
  for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
    if (entry.source !== undefined && current(file) !== entry.source) {
      changedTests.push(file);
      for (const test of entry.tests) changedTestIds.add(test.id);
    }
  }
  for (const file of wanted) {
    if (changedSources.includes(file)) continue;
    for (const mutant of report.files[file]?.mutants ?? []) {
      const ids = (mutant as { coveredBy?: string[] }).coveredBy ?? [];
      if (ids.some((id) => changedTestIds.has(id))) retest++;
    }
  }
  if (retest > max) {
    const what = [...changedSources, ...changedTests].slice(0, 8).join(", ");
    return {
      retest,
      problem: `${path} is stale: about ${retest} mutants would be re-tested (more than ${max}), as ${what} changed since it was written; ${REFRESH}`,
    };
  }
  return { retest };
}

/** Exits 1 with the reason when the incremental file is stale; run first by .ci/run and by `--ci`. */
export function exitIfStale(): void {
  const stale = staleness();
  if (stale.problem !== undefined) {
    console.error(`mutation: ${stale.problem}`);
    process.exit(1);
  }
  console.log(`mutation: ${INCREMENTAL} is current enough (about ${stale.retest} mutants to re-test)`);
}

// `tsx scripts/mutation/stale.ts`: the check alone.
if (import.meta.url === `file://${process.argv[1]}`) exitIfStale();
