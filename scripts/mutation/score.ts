// Per-module mutation scores from a StrykerJS report (the JSON reporter's output or the
// incremental file: both use the mutation-testing-report schema).
import { readFileSync } from "node:fs";

export interface Modules {
  readonly break: number;
  readonly modules: Record<string, readonly string[]>;
}

export interface ModuleScore {
  readonly module: string;
  readonly files: readonly string[];
  /** Files of the module that the report does not hold. */
  readonly missing: readonly string[];
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants left out of the score: static (ignoreStatic) or under a `Stryker disable` comment. */
  readonly ignored: number;
  /** detected / (detected + undetected), as StrykerJS counts it; NaN with no valid mutant. */
  readonly score: number;
}

interface ReportMutant {
  readonly status: string;
}
export interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly ReportMutant[] }>;
  readonly testFiles?: Record<string, { readonly source?: string; readonly tests: readonly { id: string }[] }>;
}

export function readModules(path = "scripts/mutation/modules.json"): Modules {
  return JSON.parse(readFileSync(path, "utf8")) as Modules;
}

export function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, "utf8")) as Report;
}

export function moduleScores(report: Report, modules: Modules): ModuleScore[] {
  return Object.entries(modules.modules).map(([module, files]) => {
    const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 } as Record<string, number>;
    const missing: string[] = [];
    for (const file of files) {
      const entry = report.files[file];
      if (entry === undefined) {
        missing.push(file);
        continue;
      }
      for (const mutant of entry.mutants) count[mutant.status] = (count[mutant.status] ?? 0) + 1;
    }
    const detected = (count.Killed ?? 0) + (count.Timeout ?? 0);
    const valid = detected + (count.Survived ?? 0) + (count.NoCoverage ?? 0);
    return {
      module,
      files,
      missing,
      killed: count.Killed ?? 0,
      timeout: count.Timeout ?? 0,
      survived: count.Survived ?? 0,
      noCoverage: count.NoCoverage ?? 0,
      ignored: count.Ignored ?? 0,
      score: valid === 0 ? Number.NaN : (detected / valid) * 100,
    };
  });
}

/** One decimal, rounded down: 89.96 must not print as 90.0. */
export function formatScore(score: number): string {
  return Number.isNaN(score) ? "n/a" : (Math.floor(score * 10) / 10).toFixed(1);
}

export const TABLE_START = "<!-- mutation-scores:start -->";
export const TABLE_END = "<!-- mutation-scores:end -->";

/** The per-module table of docs/quality.md, between its markers. */
export function scoreTable(scores: readonly ModuleScore[]): string {
  const rows = scores.map((m) => {
    const mutants = m.killed + m.timeout + m.survived + m.noCoverage;
    const files = m.files.map((f) => `\`${f.replace(/^src\//, "")}\``).join(", ");
    return `| ${m.module} | ${files} | ${mutants} | ${m.killed + m.timeout} | ${m.survived} | ${m.noCoverage} | ${m.ignored} | ${formatScore(m.score)}% |`;
  });
  return [
    TABLE_START,
    "| module | files (under `src/`) | mutants | detected | survived | no coverage | ignored | score |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...rows,
    TABLE_END,
  ].join("\n");
}

/** Replaces the table between the markers of a Markdown page. */
export function withScoreTable(page: string, table: string): string {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`no ${TABLE_START} … ${TABLE_END} markers`);
  return page.slice(0, start) + table + page.slice(end + TABLE_END.length);
}
