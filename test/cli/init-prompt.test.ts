// The CLI: `init --region`, and init's questions in a terminal when no flag gives the values
// (issue 11 §6). The prompt path runs twice: the built program in a pseudo-terminal (util-linux
// `script`, skipped where it is missing), and in-process with an injected stdin.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { MERGE } from "../support/config-fixture.js";
import { all, built, CLI, cli, config, dir, ENV, useCliDir } from "../support/cli.js";

useCliDir("init-prompt");

const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

function fresh(): string {
  return mkdtempSync(path.join(dir, "init-"));
}

function written(cwd: string, name = "intercom-oauth.config.json"): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(cwd, name), "utf8")) as Record<string, unknown>;
}

/** Runs init in-process as if in a terminal, with `answers` typed ahead. */
async function ask(answers: string[], cwd: string, argv: string[] = []) {
  const stdin = new PassThrough();
  stdin.end(answers.map((line) => `${line}\n`).join(""));
  return cli(["init", ...argv], { cwd, stdin, stdinIsTTY: true, isTTY: true });
}

describe("init --region — the built program", () => {
  it("writes the region given, and the config validates", () => {
    const cwd = fresh();
    const file = path.join(cwd, "intercom-oauth.config.json");
    const run = built(["init", file, "--region", "au", "--redirect-uri", MERGE]);
    expect(run.code, all(run)).toBe(0);
    expect(run.stdout).toContain("region: au");
    expect(written(cwd)).toEqual(config({ region: "au" }));
    expect(built(["validate", file, "--strict"], ENV).code).toBe(0);
  });

  it("refuses an unknown region (exit 2) and writes nothing", () => {
    const cwd = fresh();
    const run = built(["init", path.join(cwd, "x.json"), "--region", "mars"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--region must be one of us, eu, au");
    expect(existsSync(path.join(cwd, "x.json"))).toBe(false);
  });

  it("asks nothing when stdin is not a terminal (a pipe): defaults, exit 0", () => {
    const cwd = fresh();
    const run = spawnSync(process.execPath, [CLI, "init"], { cwd, input: "eu\n", encoding: "utf8", timeout: 15_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("Region");
    expect(written(cwd)).toMatchObject({ region: "us", scopes: "user-level" });
  });
});

describe.skipIf(!hasScript)("init in a pseudo-terminal (util-linux script)", () => {
  it("asks for the region, the preset and the Redirect URL, and writes the answers", () => {
    const cwd = fresh();
    const run = spawnSync("script", ["-qec", `"${process.execPath}" "${CLI}" init`, "/dev/null"], {
      cwd,
      input: `eu\nadmin-level\n${MERGE}\n`,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", TERM: "dumb" },
      timeout: 15_000,
    });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).toContain("Region of the Intercom workspaces (us, eu, au) [us]: ");
    expect(run.stdout).toContain("Scope preset (user-level, admin-level) [user-level]: ");
    expect(run.stdout).toContain("Wrote intercom-oauth.config.json (region: eu, scopes: admin-level).");
    expect(written(cwd)).toEqual(config({ region: "eu", scopes: "admin-level" }));
  });
});

describe("init's questions — in-process", () => {
  it("takes the defaults on empty answers", async () => {
    const cwd = fresh();
    const run = await ask(["", "", ""], cwd);
    expect(run.code, all(run)).toBe(0);
    expect(written(cwd)).toMatchObject({ region: "us", scopes: "user-level" });
    expect(written(cwd).redirectUris).toEqual(["https://app.example.com/oauth/intercom/callback"]);
    expect(run.stdout).toContain("Replace https://app.example.com");
  });

  it("issue 11 review: refuses before asking when the file exists (answers would be lost), exit 1", async () => {
    const cwd = fresh();
    writeFileSync(path.join(cwd, "intercom-oauth.config.json"), "{}\n");
    const run = await ask(["eu", "admin-level", MERGE], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("Region");
    expect(run.stderr).toContain("already exists; nothing was asked or written");
    expect(readFileSync(path.join(cwd, "intercom-oauth.config.json"), "utf8")).toBe("{}\n");
    expect((await ask(["eu", "admin-level", MERGE], cwd, ["--force"])).code).toBe(0);
    expect(written(cwd)).toMatchObject({ region: "eu", scopes: "admin-level" });
  });

  it("asks again after a wrong answer, case-insensitive for the choices", async () => {
    const cwd = fresh();
    const run = await ask(["mars", "EU", "everything", "Admin-Level", "http://dev.acme.io/cb", MERGE], cwd);
    expect(run.code, all(run)).toBe(0);
    expect(run.stdout).toContain("Answer one of us, eu, au.");
    expect(run.stdout).toContain("Answer one of user-level, admin-level.");
    expect(run.stdout.match(/Redirect URL \(your app/g)).toHaveLength(2);
    expect(written(cwd)).toEqual(config({ region: "eu", scopes: "admin-level" }));
  });

  it("gives up after three wrong answers (exit 2) and writes nothing", async () => {
    const cwd = fresh();
    const run = await ask(["mars", "venus", "pluto", "us"], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no valid answer after 3 tries; nothing was written");
    expect(existsSync(path.join(cwd, "intercom-oauth.config.json"))).toBe(false);
  });

  it("exits 2 when the input ends early (Ctrl-D), naming the flags, and writes nothing", async () => {
    const cwd = fresh();
    const run = await ask(["au"], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Pass --region, --preset and --redirect-uri");
    expect(existsSync(path.join(cwd, "intercom-oauth.config.json"))).toBe(false);
  });

  it("asks nothing when a flag gives a value, even in a terminal", async () => {
    const cwd = fresh();
    const run = await ask(["eu"], cwd, ["--preset", "admin-level"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Region of");
    expect(written(cwd)).toMatchObject({ region: "us", scopes: "admin-level" });
  });

  it("asks nothing when stdout is not a terminal", async () => {
    const cwd = fresh();
    const stdin = new PassThrough();
    stdin.end("eu\n");
    const run = await cli(["init"], { cwd, stdin, stdinIsTTY: true, isTTY: false });
    expect(run.code).toBe(0);
    expect(written(cwd)).toMatchObject({ region: "us" });
  });
});
