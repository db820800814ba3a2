// The CLI: `intercom-oauth schema`. Built-program tests first, then in-process ones
// (the harness, test/support/cli.ts, says how each runs).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, built, cli, useCliDir } from "../support/cli.js";

useCliDir("schema");

describe("schema — the built program", () => {
  it("prints the shipped JSON Schema", () => {
    const run = built(["schema"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(path.join(ROOT, "schema.json"), "utf8")));
  });

  it("takes no arguments", () => {
    expect(built(["schema", "extra"]).code).toBe(2);
  });
});

describe("schema", () => {
  it("prints the JSON Schema", async () => {
    const run = await cli(["schema"]);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(run.stdout).toBe(readFileSync(path.join(ROOT, "schema.json"), "utf8"));
  });
});
