// The CLI: `intercom-oauth init`. Built-program tests first, then in-process ones
// (the harness, test/support/cli.ts, says how each runs).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MERGE } from "../support/config-fixture.js";
import { CLI, ENV, config, dir, write, built, cli, useCliDir } from "../support/cli.js";

useCliDir("init");

describe("init — the built program", () => {
  it("writes a starter config with env references that validates", () => {
    const sub = mkdtempSync(path.join(dir, "init-"));
    const file = path.join(sub, "intercom-oauth.config.json");
    const run = built([
      "init",
      file,
      "--preset",
      "admin-level",
      "--redirect-uri",
      MERGE,
      "--redirect-uri",
      "https://app.merge.dev/oauth/callback2",
    ]);
    expect(run.code).toBe(0);
    const written = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    expect(written).toEqual(
      config({ scopes: "admin-level", redirectUris: [MERGE, "https://app.merge.dev/oauth/callback2"] }),
    );
    expect(built(["validate", file, "--strict"], ENV).code).toBe(0);
  });

  it("writes ./intercom-oauth.config.json by default, with a placeholder redirect URL", () => {
    const sub = mkdtempSync(path.join(dir, "init-"));
    const result = spawnSync(process.execPath, [CLI, "init"], {
      cwd: sub,
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    const written = JSON.parse(readFileSync(path.join(sub, "intercom-oauth.config.json"), "utf8")) as {
      clientSecret: string;
      scopes: string;
    };
    expect(written.clientSecret).toBe("env:INTERCOM_CLIENT_SECRET");
    expect(written.scopes).toBe("user-level");
    expect(result.stdout).toContain("Replace https://app.example.com");
  });

  it("refuses to overwrite without --force (exit 1, file unchanged), and overwrites with it", () => {
    const file = write('{ "keep": true }\n');
    const refused = built(["init", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(path.join(dir, file), "utf8")).toBe('{ "keep": true }\n');
    const forced = built(["init", file, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, file), "utf8")).toContain("env:INTERCOM_CLIENT_ID");
  });

  it("exits 2 for a bad --redirect-uri and writes nothing", () => {
    const run = built(["init", "bad-init.json", "--redirect-uri", "http://dev.acme.io/cb"]);
    expect(run.code).toBe(2);
    expect(existsSync(path.join(dir, "bad-init.json"))).toBe(false);
    // http on a loopback host is a development-only warning, not an error (intercom-facts §7).
    expect(built(["init", "dev-init.json", "--redirect-uri", "http://localhost/cb"]).code).toBe(0);
  });

  it("exits 2 when the target directory does not exist", () => {
    expect(built(["init", "no/such/dir/config.json"]).code).toBe(2);
  });
});

describe("init", () => {
  it("writes the default file in io.cwd, refuses to overwrite it, and overwrites with --force", async () => {
    const cwd = mkdtempSync(path.join(dir, "init-"));
    const target = path.join(cwd, "intercom-oauth.config.json");
    const first = await cli(["init"], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Wrote intercom-oauth.config.json (region: us, scopes: user-level).");
    expect(first.stdout).toContain("Replace https://app.example.com/oauth/intercom/callback");
    expect(first.stdout).toContain("Run `intercom-oauth validate`.");
    expect(first.stdout).toContain("Run `intercom-oauth checklist` for");
    const written = JSON.parse(readFileSync(target, "utf8")) as Record<string, unknown>;
    expect(written).toMatchObject({
      clientId: "env:INTERCOM_CLIENT_ID",
      clientSecret: "env:INTERCOM_CLIENT_SECRET",
      scopes: "user-level",
    });
    expect((await cli(["validate", "--no-env"], { cwd })).code).toBe(0);

    writeFileSync(target, "keep me");
    const again = await cli(["init", "--preset", "admin-level"], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      "intercom-oauth: intercom-oauth.config.json already exists; nothing was written. Pass --force to overwrite it.\n",
    );
    expect(readFileSync(target, "utf8")).toBe("keep me");

    const forced = await cli(["init", "--preset", "admin-level", "--force"], { cwd });
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(target, "utf8"))).toMatchObject({ scopes: "admin-level" });
  });

  it("writes a named file with the given redirect URLs, and names it in the next steps", async () => {
    const cwd = mkdtempSync(path.join(dir, "init-"));
    const run = await cli(
      ["init", "custom.json", "--redirect-uri", MERGE, "--redirect-uri", "https://app.example.com/cb"],
      { cwd },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Replace ");
    expect(run.stdout).toContain("Run `intercom-oauth validate custom.json`.");
    expect(JSON.parse(readFileSync(path.join(cwd, "custom.json"), "utf8"))).toMatchObject({
      redirectUris: [MERGE, "https://app.example.com/cb"],
    });
  });

  it("exits 2 for a bad --redirect-uri or --preset, or an unwritable path, and writes nothing", async () => {
    const cwd = mkdtempSync(path.join(dir, "init-"));
    const bad = await cli(["init", "--redirect-uri", "http://x.dev/cb"], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Intercom needs absolute https URLs");
    const preset = await cli(["init", "--preset", "everything"], { cwd });
    expect(preset.code).toBe(2);
    const nowhere = await cli(["init", "no/such/dir.json"], { cwd });
    expect(nowhere).toMatchObject({ code: 2, stderr: "intercom-oauth: Cannot write no/such/dir.json: ENOENT.\n" });
    expect(() => readFileSync(path.join(cwd, "intercom-oauth.config.json"))).toThrow();
  });
});
