// Bundle size budget: each public entry and the bench's serverless callback, bundled with their
// dependencies, minified and gzipped, stay within size-budget.json.
import { describe, expect, it } from "vitest";
import {
  budgetFor,
  ENTRIES,
  EXTERNAL,
  formatSizes,
  measure,
  measureFile,
  overBudget,
  readBudget,
  type Entry,
} from "../scripts/size.js";

describe("bundle size", () => {
  it("keeps every entry, dependencies included, within its min+gzip budget", async () => {
    const sizes = await measure();
    const budget = readBudget();
    expect(Object.keys(budget).sort()).toEqual(Object.keys(ENTRIES).sort());
    expect(overBudget(sizes, budget), formatSizes(sizes, budget)).toEqual([]);
  });

  it("regression: issue 9 — the budget includes the dependencies, only the msw peer stays out", async () => {
    expect(EXTERNAL).toEqual(["msw", "msw/*"]);
    const sizes = await measure();
    for (const entry of ["index", "serverless-callback"] as const) {
      expect(sizes[entry].packages, entry).toEqual(expect.arrayContaining(["ky", "zod"]));
      expect(sizes[entry].dependencies, entry).toBeGreaterThan(0);
    }
  });

  it("regression: issue 9 — the flow imports zod/mini, never zod classic or its locales", async () => {
    const flow = await measureFile("src/oauth/client.ts");
    expect(flow.packages).toEqual(["ky", "zod"]);
    expect(flow.inputs.filter((input) => /zod\/v4\/(classic|locales)\//.test(input))).toEqual([]);
  });

  const sizes: Record<Entry, { gzipped: number }> = {
    index: { gzipped: 1000 },
    config: { gzipped: 500 },
    connections: { gzipped: 400 },
    testing: { gzipped: 300 },
    node: { gzipped: 200 },
    "testing-msw": { gzipped: 350 },
    "testing-node": { gzipped: 320 },
    "serverless-callback": { gzipped: 2000 },
  };

  it("reports an entry over budget with the overshoot and how to update the budget", () => {
    const [problem, ...rest] = overBudget(sizes, {
      index: 900,
      config: 500,
      connections: 400,
      testing: 300,
      node: 200,
      "testing-msw": 350,
      "testing-node": 320,
      "serverless-callback": 2000,
    });
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^index \(dist\/index\.js, dependencies included\) is 1000 B min\+gzip, 100 B \(11\.1%\) over its budget of 900 B\./,
    );
    expect(problem).toContain("npm run size -- --update");
  });

  it("reports an entry without a budget", () => {
    expect(
      overBudget(sizes, {
        index: 1000,
        config: 500,
        connections: 400,
        testing: 300,
        "testing-msw": 350,
        "testing-node": 320,
        node: 200,
      }),
    ).toEqual(["serverless-callback: no budget in size-budget.json. Add one with `npm run size -- --update`."]);
  });

  it("sets a budget 10% above the measured size, rounded up", () => {
    expect(budgetFor({ gzipped: 1000 })).toBe(1100);
    expect(budgetFor({ gzipped: 1001 })).toBe(1102);
  });
});
