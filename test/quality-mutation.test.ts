// Issue 13: the mutation-testing setup holds together. The committed incremental file is what
// .ci/run re-tests from; its scores are the ones docs/quality.md shows, every module is at or
// above the floor, and every `Stryker disable` comment gives its reason.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PartialStrykerOptions } from "@stryker-mutator/api/core";
import { moduleScores, readModules, readReport, scoreTable, TABLE_START } from "../scripts/mutation/score.js";
import { INCREMENTAL, staleness } from "../scripts/mutation/stale.js";

// A plain .mjs file (StrykerJS reads it on Node 22 without a build): imported by a computed path.
const configPath = new URL("../stryker.config.mjs", import.meta.url).href;
const config = ((await import(configPath)) as { default: PartialStrykerOptions }).default;
const modules = readModules();
const files = Object.values(modules.modules).flat();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("issue 13 — mutation testing of the security-critical modules", () => {
  it("mutates exactly the files of scripts/mutation/modules.json, each of which exists", () => {
    expect(config.mutate).toEqual(files);
    for (const file of files) expect(existsSync(file), file).toBe(true);
    expect(new Set(files).size).toBe(files.length);
  });

  it("keeps the floor of 90% in modules.json and as StrykerJS's own break threshold", () => {
    expect(modules.break).toBeGreaterThanOrEqual(90);
    expect(config.thresholds?.break).toBe(modules.break);
  });

  it("gives a reason for every `Stryker disable` comment, one line at a time", () => {
    const found: string[] = [];
    for (const file of sourceFiles("src")) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!/Stryker\s+(disable|restore)/.test(line)) return;
          found.push(`${file}:${i + 1}`);
          // `// Stryker disable next-line Mutator[,Mutator]: a reason of a few words`
          expect(line, `${file}:${i + 1}`).toMatch(/\/\/ Stryker disable next-line [A-Za-z]+(,[A-Za-z]+)*: \S.{19,}/);
        });
    }
    // The count is in docs/quality.md too: a new one is a decision to write down.
    const page = readFileSync("docs/quality.md", "utf8");
    expect(page).toContain(`${found.length} \`Stryker disable\` comment`);
  });

  it("has every module at or above the floor in the committed incremental file", () => {
    const scores = moduleScores(readReport(INCREMENTAL), modules);
    for (const m of scores) {
      expect(m.missing, m.module).toEqual([]);
      expect(m.score, m.module).toBeGreaterThanOrEqual(modules.break);
    }
  });

  it("shows the committed incremental file's scores in docs/quality.md", () => {
    const table = scoreTable(moduleScores(readReport(INCREMENTAL), modules));
    const page = readFileSync("docs/quality.md", "utf8");
    expect(page).toContain(TABLE_START);
    // Refresh with `npm run mutation`, which rewrites the table from the incremental file.
    expect(page).toContain(table);
  });

  describe("a stale incremental file fails fast (scripts/mutation/stale.ts)", () => {
    const copy = () => {
      const path = join(mkdtempSync(join(tmpdir(), "mutation-")), "incremental.json");
      copyFileSync(INCREMENTAL, path);
      return path;
    };
    const edit = (path: string, change: (report: ReturnType<typeof readReport>) => void) => {
      const report = readReport(path);
      change(report);
      writeFileSync(path, JSON.stringify(report));
    };

    it("counts every mutant of a changed source file, names it and says how to refresh", () => {
      const path = copy();
      const file = "src/oauth/callback.ts";
      edit(path, (r) => {
        (r.files[file] as { source: string }).source += "\n// an edit";
      });
      const mutants = readReport(path).files[file]?.mutants.length ?? 0;
      expect(mutants).toBeGreaterThan(0);
      const stale = staleness(path, mutants - 1);
      expect(stale.retest).toBeGreaterThanOrEqual(mutants);
      expect(stale.problem).toContain(file);
      expect(stale.problem).toContain("npm run mutation");
      expect(staleness(path, Number.POSITIVE_INFINITY).problem).toBeUndefined();
    });

    it("counts the mutants covered by the tests of a changed test file", () => {
      const path = copy();
      const report = readReport(path);
      const [testFile] = Object.keys(report.testFiles ?? {}).filter((f) => f.includes("callback"));
      expect(testFile).toBeDefined();
      edit(path, (r) => {
        const entry = r.testFiles?.[testFile as string] as { source: string };
        entry.source += "\n// an edit";
      });
      const stale = staleness(path, 0);
      expect(stale.retest).toBeGreaterThan(0);
      expect(stale.problem).toContain(testFile);
    });

    it("refuses a missing incremental file, and one without a listed module's file", () => {
      expect(staleness(join(tmpdir(), "no-such-incremental.json")).problem).toMatch(/missing.*npm run mutation/);
      const path = copy();
      edit(path, (r) => {
        delete (r.files as Record<string, unknown>)["src/oauth/token.ts"];
      });
      expect(staleness(path).problem).toMatch(/src\/oauth\/token\.ts not in .*npm run mutation/);
    });
  });
});
