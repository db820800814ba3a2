// Bundle size budget: each public entry, minified and gzipped, stays within size-budget.json.
import { describe, expect, it } from "vitest";
import {
  budgetFor,
  ENTRIES,
  formatSizes,
  measure,
  overBudget,
  readBudget,
  type Entry,
  type Size,
} from "../scripts/size.js";

describe("bundle size", () => {
  it("keeps every entry within its min+gzip budget", async () => {
    const sizes = await measure();
    const budget = readBudget();
    expect(Object.keys(budget).sort()).toEqual(Object.keys(ENTRIES).sort());
    expect(overBudget(sizes, budget), formatSizes(sizes, budget)).toEqual([]);
  });

  const sizes: Record<Entry, Size> = {
    index: { minified: 3000, gzipped: 1000 },
    testing: { minified: 900, gzipped: 300 },
  };

  it("reports an entry over budget with the overshoot and how to update the budget", () => {
    const [problem, ...rest] = overBudget(sizes, { index: 900, testing: 300 });
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^index \(dist\/index\.js\) is 1000 B min\+gzip, 100 B \(11\.1%\) over its budget of 900 B\./,
    );
    expect(problem).toContain("npm run size -- --update");
  });

  it("reports an entry without a budget", () => {
    expect(overBudget(sizes, { index: 1000 })).toEqual([
      "testing: no budget in size-budget.json. Add one with `npm run size -- --update`.",
    ]);
  });

  it("sets a budget 10% above the measured size, rounded up", () => {
    expect(budgetFor({ minified: 0, gzipped: 1000 })).toBe(1100);
    expect(budgetFor({ minified: 0, gzipped: 1001 })).toBe(1102);
  });
});
