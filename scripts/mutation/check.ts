// Applies the floor of scripts/mutation/modules.json to each module of a StrykerJS report:
// StrykerJS's own `thresholds.break` is one number for all files together.
import { existsSync } from "node:fs";
import { formatScore, moduleScores, readModules, readReport } from "./score.js";

export const REPORT = "reports/mutation/mutation.json";

/** Prints each module's score; false when a module is under the floor (or, with requireAll, missing). */
export function checkReport({ requireAll, path = REPORT }: { requireAll: boolean; path?: string }): boolean {
  if (!existsSync(path)) {
    console.error(`mutation: no report at ${path}; StrykerJS did not finish`);
    return false;
  }
  const modules = readModules();
  let ok = true;
  console.log(`\nmutation score per module (floor ${modules.break}%):`);
  for (const m of moduleScores(readReport(path), modules)) {
    if (m.missing.length === m.files.length) {
      console.log(`  -     ${m.module}: not in this run`);
      if (requireAll) ok = false;
      continue;
    }
    const low = !(m.score >= modules.break);
    if (low || m.missing.length > 0) ok = false;
    const detail = `${m.killed + m.timeout} detected, ${m.survived} survived, ${m.noCoverage} no coverage, ${m.ignored} ignored`;
    const missing = m.missing.length > 0 ? `; missing from the report: ${m.missing.join(", ")}` : "";
    console.log(`  ${low ? "FAIL" : "ok  "}  ${m.module}: ${formatScore(m.score)}% (${detail})${missing}`);
  }
  if (!ok) console.error(`mutation: a module is under ${modules.break}% or missing; see docs/quality.md`);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(checkReport({ requireAll: true, path: process.argv[2] ?? REPORT }) ? 0 : 1);
}
