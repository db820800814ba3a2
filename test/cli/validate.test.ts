// The CLI: `intercom-oauth validate`. Built-program tests first, then in-process ones
// (the harness, test/support/cli.ts, says how each runs).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MERGE } from "../support/config-fixture.js";
import {
  LITERAL_SECRET,
  ENV_SECRET,
  ENV,
  ESC,
  config,
  dir,
  write,
  built,
  noStack,
  cli,
  all,
  useCliDir,
} from "../support/cli.js";

useCliDir("validate");

/** The `--format json` report of a config with no issues. */
function validReport(file: string) {
  return { version: 1, file, valid: true, ok: true, strict: false, errorCount: 0, warningCount: 0, issues: [] };
}

describe("validate — the built program", () => {
  it.each(["user-level", "admin-level"])("passes the seed's setup (%s, Merge callback) in every format", (preset) => {
    const file = write(config({ scopes: preset }));
    const text = built(["validate", file], ENV);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`✔ ${file} is valid.`);
    const json = built(["validate", file, "--format", "json"], ENV);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(validReport(file));
    const github = built(["validate", file, "--format", "github"], ENV);
    expect(github.code).toBe(0);
    expect(github.stdout).not.toContain("::error");
    expect(github.stdout).toContain("0 errors");
  });

  it("reads ./intercom-oauth.config.json by default", () => {
    write(config(), "intercom-oauth.config.json");
    const run = built(["validate"], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("intercom-oauth.config.json is valid");
    rmSync(path.join(dir, "intercom-oauth.config.json"));
  });

  it("fails on unset env variables unless --no-env is given", () => {
    const file = write(config());
    const withEnv = built(["validate", file]);
    expect(withEnv.code).toBe(1);
    expect(withEnv.stdout).toContain("ENV_VAR_UNSET");
    expect(withEnv.stdout).toContain("INTERCOM_CLIENT_SECRET");
    const noEnv = built(["validate", file, "--no-env"]);
    expect(noEnv.code).toBe(0);
  });

  it("exits 1 with the issues in every format for an invalid config", () => {
    const file = write(config({ redirectUris: ["http://app.merge.dev/cb"], scopes: ["read_tag"] }));
    const text = built(["validate", file, "--no-env"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("REDIRECT_URI_NOT_HTTPS");
    expect(text.stdout).toContain('did you mean "read_tags"');
    expect(text.stdout).toContain("is invalid: 2 errors, 0 warnings");
    const json = JSON.parse(built(["validate", file, "--no-env", "--format", "json"]).stdout) as {
      valid: boolean;
      issues: { code: string; path: string }[];
    };
    expect(json.valid).toBe(false);
    expect(json.issues.map((one) => [one.code, one.path])).toEqual([
      ["REDIRECT_URI_NOT_HTTPS", "/redirectUris/0"],
      ["UNKNOWN_SCOPE", "/scopes/0"],
    ]);
    const github = built(["validate", file, "--no-env", "--format", "github"]);
    expect(github.code).toBe(1);
    expect(github.stdout.match(/^::error /gm)).toHaveLength(2);
  });

  it("passes with warnings, and fails with them under --strict", () => {
    const file = write(config({ redirectUris: [MERGE, "https://localhost:3000/cb"] }));
    const loose = built(["validate", file, "--no-env"]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain("REDIRECT_URI_LOCAL");
    expect(loose.stdout).toContain("valid (1 warning)");
    for (const format of ["text", "json", "github"]) {
      const strict = built(["validate", file, "--no-env", "--strict", "--format", format]);
      expect(strict.code, format).toBe(1);
    }
    const json = JSON.parse(built(["validate", file, "--no-env", "--strict", "--format", "json"]).stdout) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ valid: true, ok: false, strict: true, warningCount: 1 });
  });

  it("prints GitHub annotations with the line and column of each problem", () => {
    const text = [
      "{",
      '  "clientId": "env:INTERCOM_CLIENT_ID",',
      '  "clientSecret": "env:INTERCOM_CLIENT_SECRET",',
      '  "redirectUris": [',
      `    "${MERGE}",`,
      '    "https://app.merge.dev/cb#frag"',
      "  ],",
      '  "regoin": "us",',
      '  "scopes": { "preset": "user-level", "add": ["read_tags", "read_tagz"] }',
      "}",
    ].join("\n");
    const file = write(text);
    const run = built(["validate", file, "--no-env", "--format", "github"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toContain(
      `::error file=${file},line=6,col=5,title=intercom-oauth REDIRECT_URI_FRAGMENT::${lines.find((l) => l.includes("FRAGMENT"))?.split("::")[2]}`,
    );
    const where = (code: string) =>
      /line=(\d+),col=(\d+)/
        .exec(lines.find((line) => line.includes(`intercom-oauth ${code}`)) ?? "")
        ?.slice(1)
        .map(Number);
    expect(where("REDIRECT_URI_FRAGMENT")).toEqual([6, 5]);
    expect(where("UNKNOWN_KEY")).toEqual([8, 3]);
    expect(where("UNKNOWN_SCOPE")).toEqual([9, 60]);
    expect(lines.find((line) => line.includes("UNKNOWN_KEY"))).toContain('did you mean "region"');
  });

  it("points a missing key at its parent object", () => {
    const file = write(
      '{\n  "clientId": "env:A",\n  "clientSecret": "env:B",\n  "redirectUris": ["https://app.merge.dev/cb"]\n}\n',
    );
    const run = built(["validate", file, "--no-env", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { issues: { code: string; line: number; column: number }[] };
    expect(report.issues).toEqual([expect.objectContaining({ code: "MISSING_KEY", line: 1, column: 1 })]);
  });

  it("escapes newlines, % and : in annotations", () => {
    const file = write(config({ scopes: ["a%b\nc"] }), "odd,name:1.json");
    const run = built(["validate", file, "--no-env", "--format", "github"]);
    const error = run.stdout.split("\n").find((line) => line.startsWith("::error"));
    expect(error).toContain("file=odd%2Cname%3A1.json");
    expect(error).toContain("a%25b%0Ac");
  });

  it("reports a literal secret without ever printing it, in every format and every command", () => {
    const file = write(config({ clientSecret: LITERAL_SECRET }));
    for (const format of ["text", "json", "github"]) {
      for (const env of [{}, ENV]) {
        const run = built(["validate", file, "--format", format], env);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("SECRET_IN_FILE");
        expect(`${run.stdout}${run.stderr}`).not.toContain(LITERAL_SECRET);
        expect(`${run.stdout}${run.stderr}`).not.toContain(ENV_SECRET);
      }
    }
    for (const args of [
      ["checklist", file],
      ["scopes", "--config", file],
      ["authorize-url", file],
    ]) {
      const run = built(args, ENV);
      expect(`${run.stdout}${run.stderr}`, args[0]).not.toContain(LITERAL_SECRET);
      expect(`${run.stdout}${run.stderr}`, args[0]).not.toContain(ENV_SECRET);
    }
  });

  it("does not print an env secret that has a problem", () => {
    const file = write(config());
    for (const format of ["text", "json", "github"]) {
      const run = built(["validate", file, "--format", format], { ...ENV, INTERCOM_CLIENT_SECRET: `"${ENV_SECRET}"` });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("CREDENTIAL_QUOTED");
      expect(`${run.stdout}${run.stderr}`).not.toContain(ENV_SECRET);
    }
  });

  it("reports a JSON syntax error with line and column, exit 2, in every format", () => {
    const file = write('{\n  "clientId": "env:A",\n  "clientSecret" "env:B"\n}\n');
    const text = built(["validate", file]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`${file}:3:18: JSON syntax error`);
    noStack(text);
    const json = built(["validate", file, "--format", "json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      version: 1,
      valid: false,
      error: { code: "JSON_SYNTAX", line: 3, column: 18 },
    });
    const github = built(["validate", file, "--format", "github"]);
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(
      new RegExp(`^::error file=${file.replace(".", "\\.")},line=3,col=18,title=intercom-oauth JSON_SYNTAX::`),
    );
  });

  it("accepts comments and trailing commas", () => {
    const file = write(
      `{\n  // where the id comes from\n  "clientId": "env:INTERCOM_CLIENT_ID", /* CI secret */\n  "clientSecret": "env:INTERCOM_CLIENT_SECRET",\n  "redirectUris": ["${MERGE}",],\n  "scopes": "admin-level",\n}\n`,
    );
    expect(built(["validate", file], ENV).code).toBe(0);
  });

  it("exits 2 for a missing file and for a directory, in every format", () => {
    mkdirSync(path.join(dir, "a-directory"), { recursive: true });
    for (const target of ["missing.json", "a-directory"]) {
      for (const format of ["text", "json", "github"]) {
        const run = built(["validate", target, "--format", format]);
        expect(run.code, `${target} ${format}`).toBe(2);
        noStack(run);
      }
    }
    expect(built(["validate", "missing.json"]).stderr).toContain("missing.json not found");
    expect(JSON.parse(built(["validate", "missing.json", "--format", "json"]).stdout)).toMatchObject({
      error: { code: "FILE_NOT_FOUND" },
    });
    expect(JSON.parse(built(["validate", "a-directory", "--format", "json"]).stdout)).toMatchObject({
      error: { code: "FILE_UNREADABLE" },
    });
  });

  it("regression: issue 8 — refuses a FIFO, /dev/zero and a 50 MB file at once, exit 2, without reading them", () => {
    const fifo = path.join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    const huge = path.join(dir, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, 50 * 1024 * 1024);
    const cases = [
      ["pipe.json", "FILE_UNREADABLE", "it is a named pipe (FIFO), not a regular file."],
      ["/dev/zero", "FILE_UNREADABLE", "it is a character device, not a regular file."],
      ["huge.json", "FILE_TOO_LARGE", "huge.json is 52428800 bytes; a config file may be at most 1 MiB"],
    ] as const;
    for (const [target, code, message] of cases) {
      const text = built(["validate", target]);
      expect(text.code, target).toBe(2);
      expect(text.stderr).toContain(message);
      noStack(text);
      const json = built(["validate", target, "--format", "json"]);
      expect(json.code, target).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, error: { code } });
      expect(built(["checklist", target]).code).toBe(2);
    }
  });

  it("regression: issue 8 — refuses a config that is not UTF-8 instead of replacing the bytes", () => {
    const file = "latin1.json";
    writeFileSync(path.join(dir, file), Buffer.from(JSON.stringify(config({ app: { name: "Caf\u00e9" } })), "latin1"));
    const run = built(["validate", file, "--no-env", "--format", "github"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=latin1\.json,line=1,col=\d+,title=intercom-oauth FILE_NOT_UTF8::/);
  });

  it("regression: issue 8 — a second region is an error with its line and column, not a silent switch to EU", () => {
    const file = write(
      '{\n  "clientId": "env:INTERCOM_CLIENT_ID",\n  "clientSecret": "env:INTERCOM_CLIENT_SECRET",\n  "redirectUris": ["https://app.merge.dev/oauth/callback"],\n  "region": "us",\n  "scopes": "user-level",\n  "region": "eu"\n}\n',
    );
    const run = built(["validate", file, "--no-env", "--format", "github"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error file=${file},line=7,col=3,title=intercom-oauth DUPLICATE_KEY::region is written twice`,
    );
    expect(built(["authorize-url", file], ENV).code).toBe(1);
  });

  it("reports a config that is not an object", () => {
    const file = write("[1, 2]");
    const run = built(["validate", file, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ issues: [{ code: "CONFIG_NOT_OBJECT" }] });
  });

  it("colors text only when forced or on a TTY, and honours NO_COLOR", () => {
    const file = write(config({ redirectUris: ["http://x.dev/cb"] }));
    const ESC = "\u001b[";
    expect(built(["validate", file, "--no-env"]).stdout).not.toContain(ESC);
    expect(built(["validate", file, "--no-env"], { FORCE_COLOR: "1" }).stdout).toContain(ESC);
    expect(built(["validate", file, "--no-env"], { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toContain(ESC);
    expect(built(["validate", file, "--no-env", "--format", "json"], { FORCE_COLOR: "1" }).stdout).not.toContain(ESC);
  });

  it("groups errors before warnings in text output", () => {
    const file = write(config({ redirectUris: ["https://localhost/cb", "http://x.dev/cb"] }));
    const out = built(["validate", file, "--no-env"]).stdout;
    expect(out.indexOf("Errors in")).toBeGreaterThanOrEqual(0);
    expect(out.indexOf("Errors in")).toBeLessThan(out.indexOf("Warnings in"));
  });
});

describe("validate", () => {
  it("passes a good config in text, json and github formats", async () => {
    const file = write(config());
    const text = await cli(["validate", file], { env: ENV });
    expect(text).toEqual({ code: 0, stdout: `✔ ${file} is valid.\n`, stderr: "" });
    const json = await cli(["validate", file, "--format", "json"], { env: ENV });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(validReport(file));
    const github = await cli(["validate", file, "--format", "github"], { env: ENV });
    expect(github).toEqual({ code: 0, stdout: `intercom-oauth: ${file}: 0 errors, 0 warnings (valid).\n`, stderr: "" });
    expect(all(json)).not.toContain(ENV_SECRET);
  });

  it("reads the environment from io.env, and not at all under --no-env", async () => {
    const file = write(config());
    const unset = await cli(["validate", file, "--format", "json"]);
    expect(unset.code).toBe(1);
    expect((JSON.parse(unset.stdout) as { issues: { code: string }[] }).issues.map((one) => one.code)).toContain(
      "ENV_VAR_UNSET",
    );
    const noEnv = await cli(["validate", file, "--no-env"]);
    expect(noEnv.code).toBe(0);
    // With --no-env, a bad value in the environment is not looked at either.
    const ignored = await cli(["validate", file, "--no-env"], { env: { ...ENV, INTERCOM_CLIENT_SECRET: "" } });
    expect(ignored.code).toBe(0);
  });

  it("summarises one warning in text, and fails on it under --strict in each format", async () => {
    const file = write(config({ redirectUris: [MERGE, "https://localhost:3000/cb"] }));
    const loose = await cli(["validate", file, "--no-env"]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain(`Warnings in ${file}:`);
    expect(loose.stdout).not.toContain("Errors in");
    expect(loose.stdout).toContain(`✔ ${file} is valid (1 warning).`);
    const strict = await cli(["validate", file, "--no-env", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(`✖ ${file} is invalid: 0 errors, 1 warning (--strict: warnings fail).`);
    const github = await cli(["validate", file, "--no-env", "--strict", "--format", "github"]);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::warning file=/);
    expect(github.stdout).toContain(`intercom-oauth: ${file}: 0 errors, 1 warning.\n`);
    const json = JSON.parse(
      (await cli(["validate", file, "--no-env", "--strict", "--format", "json"])).stdout,
    ) as Record<string, unknown>;
    expect(json).toMatchObject({ valid: true, ok: false, strict: true, errorCount: 0, warningCount: 1 });
  });

  it("lists errors with their fix, and does not blame --strict when errors fail the file", async () => {
    const file = write(config({ redirectUris: ["http://x.dev/cb", "http://y.dev/cb"] }));
    const run = await cli(["validate", file, "--no-env", "--strict"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Errors in ${file}:`);
    expect(run.stdout).toMatch(/ {2}error {3}\d+:\d+ {2}redirectUris\[0\]/);
    expect(run.stdout).toContain("Fix: ");
    expect(run.stdout).toMatch(/✖ .* is invalid: 2 errors, 0 warnings\.\n$/);
    expect(run.stdout).not.toContain("--strict: warnings fail");
    const json = JSON.parse((await cli(["validate", file, "--no-env", "--format", "json"])).stdout) as {
      issues: Record<string, unknown>[];
    };
    expect(json.issues[0]).toMatchObject({ severity: "error", path: "/redirectUris/0", hint: expect.any(String) });
  });

  it("omits hint from json and Fix from text and github when an issue has none", async () => {
    // The fixture's $schema key is line 2, so redirectUris is line 5.
    const file = write(config({ redirectUris: "https://app.merge.dev/cb" }));
    const json = JSON.parse((await cli(["validate", file, "--no-env", "--format", "json"])).stdout) as {
      issues: Record<string, unknown>[];
    };
    expect(json.issues).toEqual([
      { code: "WRONG_TYPE", severity: "error", path: "/redirectUris", line: 5, column: 3, message: expect.any(String) },
    ]);
    const github = await cli(["validate", file, "--no-env", "--format", "github"]);
    expect(github.stdout).toMatch(/^::error file=[^\n]*::redirectUris must be an array[^\n]*\n/);
    expect(github.stdout).not.toContain("Fix:");
    expect((await cli(["validate", file, "--no-env"])).stdout).not.toContain("Fix:");
  });

  it("colors text on a TTY, with FORCE_COLOR, and never with NO_COLOR or in json", async () => {
    const file = write(config({ redirectUris: ["http://x.dev/cb", "https://localhost/cb"] }));
    const args = ["validate", file, "--no-env"];
    expect((await cli(args)).stdout).not.toContain(ESC);
    expect((await cli(args, { isTTY: true })).stdout).toContain(`${ESC}31m`);
    expect((await cli(args, { isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    // An empty NO_COLOR does not count.
    expect((await cli(args, { isTTY: true, env: { NO_COLOR: "" } })).stdout).toContain(ESC);
    expect((await cli(args, { env: { FORCE_COLOR: "1" } })).stdout).toContain(ESC);
    expect((await cli(args, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    for (const off of ["0", "false", ""]) {
      expect((await cli(args, { env: { FORCE_COLOR: off } })).stdout, `FORCE_COLOR=${off}`).not.toContain(ESC);
      expect(
        (await cli(args, { env: { FORCE_COLOR: off }, isTTY: true })).stdout,
        `FORCE_COLOR=${off} on a TTY`,
      ).toContain(ESC);
    }
    expect((await cli([...args, "--format", "json"], { isTTY: true, env: { FORCE_COLOR: "1" } })).stdout).not.toContain(
      ESC,
    );
    const validFile = write(config());
    const valid = await cli(["validate", validFile, "--no-env"], { isTTY: true });
    expect(valid.stdout).toBe(`${ESC}32m✔ ${validFile} is valid.${ESC}39m\n`);
  });

  it("resolves the file against io.cwd and names an absolute path relative to it", async () => {
    const sub = path.join(dir, "nested");
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, "intercom-oauth.config.json"), JSON.stringify(config()));
    const byDefault = await cli(["validate", "--no-env"], { cwd: sub });
    expect(byDefault.stdout).toBe("✔ intercom-oauth.config.json is valid.\n");
    const absolute = await cli([
      "validate",
      path.join(sub, "intercom-oauth.config.json"),
      "--no-env",
      "--format",
      "json",
    ]);
    expect(JSON.parse(absolute.stdout)).toMatchObject({
      file: path.join("nested", "intercom-oauth.config.json"),
      valid: true,
    });
    // The working directory itself as the file: the relative path would be empty, so the absolute one is kept.
    const itself = await cli(["validate", sub, "--format", "json"], { cwd: sub });
    expect(itself.code).toBe(2);
    expect(JSON.parse(itself.stdout)).toMatchObject({ file: sub, error: { code: "FILE_UNREADABLE" } });
    const messy = await cli([
      "validate",
      "./nested/../nested/intercom-oauth.config.json",
      "--no-env",
      "--format",
      "json",
    ]);
    expect(JSON.parse(messy.stdout)).toMatchObject({ file: path.join("nested", "intercom-oauth.config.json") });
  });

  it("reports load failures: missing, a directory, not a directory, JSON syntax, per format", async () => {
    mkdirSync(path.join(dir, "a-dir"), { recursive: true });
    const plain = write(config());
    const broken = write('{\n  "clientId": 1,,\n}');
    const cases = [
      {
        target: "missing.json",
        code: "FILE_NOT_FOUND",
        text: "missing.json not found. Create one with `intercom-oauth init`",
      },
      { target: "a-dir", code: "FILE_UNREADABLE", text: "Cannot read a-dir: it is a directory." },
      { target: `${plain}/inner.json`, code: "FILE_UNREADABLE", text: `Cannot read ${plain}/inner.json: ENOTDIR.` },
      { target: broken, code: "JSON_SYNTAX", text: `${broken}:2:` },
    ];
    for (const one of cases) {
      const text = await cli(["validate", one.target]);
      expect(text.code, one.target).toBe(2);
      expect(text.stdout).toBe("");
      expect(text.stderr).toContain(`intercom-oauth: ${one.text}`);
      const json = await cli(["validate", one.target, "--format", "json"]);
      expect(json.code).toBe(2);
      expect(json.stderr).toBe("");
      const report = JSON.parse(json.stdout) as { error: Record<string, unknown> };
      expect(report).toMatchObject({ version: 1, file: one.target, valid: false, error: { code: one.code } });
      expect("line" in report.error).toBe(one.code === "JSON_SYNTAX");
      const github = await cli(["validate", one.target, "--format", "github"]);
      expect(github.code).toBe(2);
      expect(github.stdout).toMatch(
        new RegExp(
          `^::error file=[^,]+${one.code === "JSON_SYNTAX" ? ",line=2,col=\\d+" : ""},title=intercom-oauth ${one.code}::`,
        ),
      );
    }
  });

  it("never prints a literal secret from the file or a secret from io.env", async () => {
    const file = write(config({ clientSecret: LITERAL_SECRET }));
    for (const format of ["text", "json", "github"]) {
      const run = await cli(["validate", file, "--format", format], { env: ENV });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("SECRET_IN_FILE");
      expect(all(run)).not.toContain(LITERAL_SECRET);
      expect(all(run)).not.toContain(ENV_SECRET);
    }
  });
});
