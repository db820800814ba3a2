// The CLI: `intercom-oauth scopes`. Built-program tests first, then in-process ones
// (the harness, test/support/cli.ts, says how each runs).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LITERAL_SECRET, config, dir, write, built, cli, all, useCliDir } from "../support/cli.js";
import { SCOPE_PRESETS } from "../../src/index.js";

useCliDir("scopes");

describe("scopes — the built program", () => {
  it("prints a preset's Developer Hub checklist in markdown, text and json", () => {
    const md = built(["scopes", "--preset", "admin-level"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("- [ ] **Read one admin**");
    const text = built(["scopes", "--preset", "user-level", "--format", "text"]);
    expect(text.stdout).toContain("[ ] Read admins (read_admins)");
    expect(text.stdout).not.toContain("**");
    const json = JSON.parse(built(["scopes", "--preset", "user-level", "--format", "json"]).stdout) as {
      version: number;
      scopes: { id: string }[];
    };
    expect(json.version).toBe(1);
    expect(json.scopes.map((one) => one.id).sort()).toEqual(
      SCOPE_PRESETS["user-level"].scopes.map((entry) => entry.id).sort(),
    );
  });

  it("uses a config's scopes with --config, or the default file", () => {
    const file = write(config({ scopes: { preset: "user-level", add: ["read_tags"] } }));
    const run = built(["scopes", "--config", file, "--format", "json"]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { scopes: { id: string }[] }).scopes.map((one) => one.id)).toContain("read_tags");
    write(config({ scopes: ["read_counts"] }), "intercom-oauth.config.json");
    expect(built(["scopes", "--format", "text"]).stdout).toContain("Read counts");
    rmSync(path.join(dir, "intercom-oauth.config.json"));
  });

  it("exits 2 for both or neither source, and 1 for an invalid config", () => {
    expect(built(["scopes", "--preset", "user-level", "--config", "x.json"]).code).toBe(2);
    const neither = built(["scopes"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("--preset");
    const bad = write(config({ scopes: ["nope"] }));
    const run = built(["scopes", "--config", bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("UNKNOWN_SCOPE");
  });
});

describe("scopes", () => {
  it("prints a preset in markdown (default), text and json", async () => {
    const md = await cli(["scopes", "--preset", "user-level"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^#/);
    expect(md.stdout).toContain("- [ ] ");
    const text = await cli(["scopes", "--preset", "user-level", "--format", "text"]);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toBe(md.stdout);
    const json = JSON.parse((await cli(["scopes", "--preset", "admin-level", "--format", "json"])).stdout) as {
      version: number;
      spec: unknown;
      scopes: { id: string; tier: string }[];
    };
    expect(json.version).toBe(1);
    expect(json.spec).toBe("admin-level");
    expect(json.scopes.map((one) => one.id).sort()).toEqual(
      SCOPE_PRESETS["admin-level"].scopes.map((entry) => entry.id).sort(),
    );
    expect(Object.keys(json.scopes[0] ?? {}).sort()).toEqual(["access", "description", "id", "label", "tier"]);
  });

  it("uses the scopes of --config, or of the default file in io.cwd", async () => {
    const spec = { preset: "user-level", add: ["read_tags"] };
    const file = write(config({ scopes: spec }));
    const json = JSON.parse((await cli(["scopes", "--config", file, "--format", "json"])).stdout) as {
      spec: unknown;
      scopes: { id: string }[];
    };
    expect(json.spec).toEqual(spec);
    expect(json.scopes.map((one) => one.id)).toContain("read_tags");
    const sub = mkdtempSync(path.join(dir, "scopes-"));
    writeFileSync(path.join(sub, "intercom-oauth.config.json"), JSON.stringify(config({ scopes: "admin-level" })));
    const byDefault = await cli(["scopes", "--format", "json"], { cwd: sub });
    expect(byDefault.code).toBe(0);
    expect((JSON.parse(byDefault.stdout) as { spec: unknown }).spec).toBe("admin-level");
  });

  it("exits 2 for both sources, for neither, for a bad preset and for an unreadable --config", async () => {
    const both = await cli(["scopes", "--preset", "user-level", "--config", "x.json"]);
    expect(both).toMatchObject({ code: 2, stderr: "intercom-oauth: Pass --preset or --config, not both.\n" });
    const empty = mkdtempSync(path.join(dir, "empty-"));
    const neither = await cli(["scopes"], { cwd: empty });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("No --preset or --config given, and intercom-oauth.config.json does not exist.");
    const preset = await cli(["scopes", "--preset", "owner-level"]);
    expect(preset.code).toBe(2);
    expect(preset.stderr).toContain("--preset must be one of user-level, admin-level");
    const missing = await cli(["scopes", "--config", "nowhere.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nowhere.json not found");
  });

  it("exits 1 with positioned errors for an invalid config, without printing its secret", async () => {
    const file = write(config({ clientSecret: LITERAL_SECRET, scopes: ["read_tagz"] }));
    const run = await cli(["scopes", "--config", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^${file}:\\d+:\\d+: `, "m"));
    expect(run.stderr).toContain("UNKNOWN_SCOPE");
    expect(run.stderr).toContain(
      `intercom-oauth: ${file} is invalid; fix it (see \`intercom-oauth validate ${file}\`).`,
    );
    expect(all(run)).not.toContain(LITERAL_SECRET);
  });
});
