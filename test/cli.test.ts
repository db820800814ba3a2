// The built CLI, run as a child process. `npm test` builds first; in a bare
// `npx vitest run`, run `npx tsup` before.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configWriter, MERGE, validConfig } from "./support/config-fixture.js";
import { SCOPE_PRESETS, SCOPES } from "../src/index.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CLI = path.join(ROOT, "dist", "cli.js");
const PKG = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const SECRET = "Lit3ral-Secret-Do-Not-Print-8d7c6b5a";
const ENV_SECRET = "Env-Secret-Value-Do-Not-Print-1a2b3c4d";
const ENV = { INTERCOM_CLIENT_ID: CLIENT_ID, INTERCOM_CLIENT_SECRET: ENV_SECRET };

let dir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Run {
  // A clean environment: no INTERCOM_* or color variables leak in from the test runner.
  // The timeout turns a hang (a CLI blocked on a FIFO) into a failure (status null).
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 15_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const config = validConfig;

const write = configWriter(() => dir, "config");

function noStack(run: Run): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npx tsup` (npm test builds it).");
  dir = mkdtempSync(path.join(os.tmpdir(), "intercom-oauth-cli-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("global", () => {
  it("prints the version", () => {
    for (const flag of ["--version", "-v"]) {
      const run = cli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(PKG.version);
    }
  });

  it("prints help with exit 0, and exits 2 with help when no command is given", () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["validate", "scopes", "authorize-url", "checklist", "init", "schema"])
      expect(help.stdout).toContain(command);
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: intercom-oauth <command>");
  });

  it("suggests a command for a typo, with exit 2 and no stack trace", () => {
    const run = cli(["valdate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "validate"');
    noStack(run);
  });

  it("rejects an unknown flag and a bad flag value with exit 2", () => {
    for (const args of [
      ["validate", "--bogus"],
      ["validate", "--format", "xml"],
      ["scopes", "--preset", "owner-level"],
      ["checklist", "--format", "json"],
      ["validate", "a.json", "b.json"],
    ]) {
      const run = cli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^intercom-oauth: /);
      noStack(run);
    }
  });

  it("loads zod and the commands lazily: the entry's static imports do not reach them", () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/^import\s+(?:[^"';]*?from\s+)?["']([^"']+)["']/gm)) {
        const spec = match[1] as string;
        expect(spec, `${path.basename(file)} imports ${spec} statically`).not.toMatch(/^(zod|ky)(\/|$)/);
        if (spec.startsWith(".")) visit(path.join(path.dirname(file), spec));
      }
    };
    visit(CLI);
    expect(seen.size).toBeGreaterThan(1);
    expect(readFileSync(CLI, "utf8")).toMatch(/import\(["']\.\/validate-[\w-]+\.js["']\)/);
  });

  it.each(["validate", "scopes", "authorize-url", "checklist", "init", "schema"])(
    "%s --help exits 0 and shows usage",
    (command) => {
      const run = cli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: intercom-oauth ${command}`);
      expect(run.stdout).toContain("--help");
    },
  );
});

describe("internal errors", () => {
  // A preload that breaks JSON.stringify simulates a bug inside a command.
  function crash(env: Record<string, string>): Run {
    const preload = path.join(dir, "break-json.mjs");
    writeFileSync(preload, 'JSON.stringify = () => { throw new TypeError("simulated bug"); };\n');
    const result = spawnSync(process.execPath, ["--import", preload, CLI, "schema"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("prints a short message without a stack, exit 1", () => {
    const run = crash({});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("intercom-oauth: internal error: simulated bug");
    expect(run.stderr).toContain("DEBUG=intercom-oauth");
    noStack(run);
  });

  it("adds the stack under DEBUG=intercom-oauth", () => {
    const run = crash({ DEBUG: "intercom-oauth" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TypeError: simulated bug\n\s+at /);
  });
});

describe("validate", () => {
  it.each(["user-level", "admin-level"])("passes the seed's setup (%s, Merge callback) in every format", (preset) => {
    const file = write(config({ scopes: preset }));
    const text = cli(["validate", file], ENV);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`✔ ${file} is valid.`);
    const json = cli(["validate", file, "--format", "json"], ENV);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      version: 1,
      file,
      valid: true,
      ok: true,
      strict: false,
      errorCount: 0,
      warningCount: 0,
      issues: [],
    });
    const github = cli(["validate", file, "--format", "github"], ENV);
    expect(github.code).toBe(0);
    expect(github.stdout).not.toContain("::error");
    expect(github.stdout).toContain("0 errors");
  });

  it("reads ./intercom-oauth.config.json by default", () => {
    write(config(), "intercom-oauth.config.json");
    const run = cli(["validate"], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("intercom-oauth.config.json is valid");
    rmSync(path.join(dir, "intercom-oauth.config.json"));
  });

  it("fails on unset env variables unless --no-env is given", () => {
    const file = write(config());
    const withEnv = cli(["validate", file]);
    expect(withEnv.code).toBe(1);
    expect(withEnv.stdout).toContain("ENV_VAR_UNSET");
    expect(withEnv.stdout).toContain("INTERCOM_CLIENT_SECRET");
    const noEnv = cli(["validate", file, "--no-env"]);
    expect(noEnv.code).toBe(0);
  });

  it("exits 1 with the issues in every format for an invalid config", () => {
    const file = write(config({ redirectUris: ["http://app.merge.dev/cb"], scopes: ["read_tag"] }));
    const text = cli(["validate", file, "--no-env"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("REDIRECT_URI_NOT_HTTPS");
    expect(text.stdout).toContain('did you mean "read_tags"');
    expect(text.stdout).toContain("is invalid: 2 errors, 0 warnings");
    const json = JSON.parse(cli(["validate", file, "--no-env", "--format", "json"]).stdout) as {
      valid: boolean;
      issues: { code: string; path: string }[];
    };
    expect(json.valid).toBe(false);
    expect(json.issues.map((one) => [one.code, one.path])).toEqual([
      ["REDIRECT_URI_NOT_HTTPS", "/redirectUris/0"],
      ["UNKNOWN_SCOPE", "/scopes/0"],
    ]);
    const github = cli(["validate", file, "--no-env", "--format", "github"]);
    expect(github.code).toBe(1);
    expect(github.stdout.match(/^::error /gm)).toHaveLength(2);
  });

  it("passes with warnings, and fails with them under --strict", () => {
    const file = write(config({ redirectUris: [MERGE, "https://localhost:3000/cb"] }));
    const loose = cli(["validate", file, "--no-env"]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain("REDIRECT_URI_LOCAL");
    expect(loose.stdout).toContain("valid (1 warning)");
    for (const format of ["text", "json", "github"]) {
      const strict = cli(["validate", file, "--no-env", "--strict", "--format", format]);
      expect(strict.code, format).toBe(1);
    }
    const json = JSON.parse(cli(["validate", file, "--no-env", "--strict", "--format", "json"]).stdout) as Record<
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
    const run = cli(["validate", file, "--no-env", "--format", "github"]);
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
    const run = cli(["validate", file, "--no-env", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { issues: { code: string; line: number; column: number }[] };
    expect(report.issues).toEqual([expect.objectContaining({ code: "MISSING_KEY", line: 1, column: 1 })]);
  });

  it("escapes newlines, % and : in annotations", () => {
    const file = write(config({ scopes: ["a%b\nc"] }), "odd,name:1.json");
    const run = cli(["validate", file, "--no-env", "--format", "github"]);
    const error = run.stdout.split("\n").find((line) => line.startsWith("::error"));
    expect(error).toContain("file=odd%2Cname%3A1.json");
    expect(error).toContain("a%25b%0Ac");
  });

  it("reports a literal secret without ever printing it, in every format and every command", () => {
    const file = write(config({ clientSecret: SECRET }));
    for (const format of ["text", "json", "github"]) {
      for (const env of [{}, ENV]) {
        const run = cli(["validate", file, "--format", format], env);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("SECRET_IN_FILE");
        expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
        expect(`${run.stdout}${run.stderr}`).not.toContain(ENV_SECRET);
      }
    }
    for (const args of [
      ["checklist", file],
      ["scopes", "--config", file],
      ["authorize-url", file],
    ]) {
      const run = cli(args, ENV);
      expect(`${run.stdout}${run.stderr}`, args[0]).not.toContain(SECRET);
      expect(`${run.stdout}${run.stderr}`, args[0]).not.toContain(ENV_SECRET);
    }
  });

  it("does not print an env secret that has a problem", () => {
    const file = write(config());
    for (const format of ["text", "json", "github"]) {
      const run = cli(["validate", file, "--format", format], { ...ENV, INTERCOM_CLIENT_SECRET: `"${ENV_SECRET}"` });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("CREDENTIAL_QUOTED");
      expect(`${run.stdout}${run.stderr}`).not.toContain(ENV_SECRET);
    }
  });

  it("reports a JSON syntax error with line and column, exit 2, in every format", () => {
    const file = write('{\n  "clientId": "env:A",\n  "clientSecret" "env:B"\n}\n');
    const text = cli(["validate", file]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`${file}:3:18: JSON syntax error`);
    noStack(text);
    const json = cli(["validate", file, "--format", "json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      version: 1,
      valid: false,
      error: { code: "JSON_SYNTAX", line: 3, column: 18 },
    });
    const github = cli(["validate", file, "--format", "github"]);
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(
      new RegExp(`^::error file=${file.replace(".", "\\.")},line=3,col=18,title=intercom-oauth JSON_SYNTAX::`),
    );
  });

  it("accepts comments and trailing commas", () => {
    const file = write(
      `{\n  // where the id comes from\n  "clientId": "env:INTERCOM_CLIENT_ID", /* CI secret */\n  "clientSecret": "env:INTERCOM_CLIENT_SECRET",\n  "redirectUris": ["${MERGE}",],\n  "scopes": "admin-level",\n}\n`,
    );
    expect(cli(["validate", file], ENV).code).toBe(0);
  });

  it("exits 2 for a missing file and for a directory, in every format", () => {
    mkdirSync(path.join(dir, "a-directory"), { recursive: true });
    for (const target of ["missing.json", "a-directory"]) {
      for (const format of ["text", "json", "github"]) {
        const run = cli(["validate", target, "--format", format]);
        expect(run.code, `${target} ${format}`).toBe(2);
        noStack(run);
      }
    }
    expect(cli(["validate", "missing.json"]).stderr).toContain("missing.json not found");
    expect(JSON.parse(cli(["validate", "missing.json", "--format", "json"]).stdout)).toMatchObject({
      error: { code: "FILE_NOT_FOUND" },
    });
    expect(JSON.parse(cli(["validate", "a-directory", "--format", "json"]).stdout)).toMatchObject({
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
      const text = cli(["validate", target]);
      expect(text.code, target).toBe(2);
      expect(text.stderr).toContain(message);
      noStack(text);
      const json = cli(["validate", target, "--format", "json"]);
      expect(json.code, target).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, error: { code } });
      expect(cli(["checklist", target]).code).toBe(2);
    }
  });

  it("regression: issue 8 — refuses a config that is not UTF-8 instead of replacing the bytes", () => {
    const file = "latin1.json";
    writeFileSync(path.join(dir, file), Buffer.from(JSON.stringify(config({ app: { name: "Caf\u00e9" } })), "latin1"));
    const run = cli(["validate", file, "--no-env", "--format", "github"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=latin1\.json,line=1,col=\d+,title=intercom-oauth FILE_NOT_UTF8::/);
  });

  it("regression: issue 8 — a second region is an error with its line and column, not a silent switch to EU", () => {
    const file = write(
      '{\n  "clientId": "env:INTERCOM_CLIENT_ID",\n  "clientSecret": "env:INTERCOM_CLIENT_SECRET",\n  "redirectUris": ["https://app.merge.dev/oauth/callback"],\n  "region": "us",\n  "scopes": "user-level",\n  "region": "eu"\n}\n',
    );
    const run = cli(["validate", file, "--no-env", "--format", "github"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error file=${file},line=7,col=3,title=intercom-oauth DUPLICATE_KEY::region is written twice`,
    );
    expect(cli(["authorize-url", file], ENV).code).toBe(1);
  });

  it("reports a config that is not an object", () => {
    const file = write("[1, 2]");
    const run = cli(["validate", file, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ issues: [{ code: "CONFIG_NOT_OBJECT" }] });
  });

  it("colors text only when forced or on a TTY, and honours NO_COLOR", () => {
    const file = write(config({ redirectUris: ["http://x.dev/cb"] }));
    const ESC = "\u001b[";
    expect(cli(["validate", file, "--no-env"]).stdout).not.toContain(ESC);
    expect(cli(["validate", file, "--no-env"], { FORCE_COLOR: "1" }).stdout).toContain(ESC);
    expect(cli(["validate", file, "--no-env"], { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toContain(ESC);
    expect(cli(["validate", file, "--no-env", "--format", "json"], { FORCE_COLOR: "1" }).stdout).not.toContain(ESC);
  });

  it("groups errors before warnings in text output", () => {
    const file = write(config({ redirectUris: ["https://localhost/cb", "http://x.dev/cb"] }));
    const out = cli(["validate", file, "--no-env"]).stdout;
    expect(out.indexOf("Errors in")).toBeGreaterThanOrEqual(0);
    expect(out.indexOf("Errors in")).toBeLessThan(out.indexOf("Warnings in"));
  });
});

describe("scopes", () => {
  it("prints a preset's Developer Hub checklist in markdown, text and json", () => {
    const md = cli(["scopes", "--preset", "admin-level"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("- [ ] **Read one admin**");
    const text = cli(["scopes", "--preset", "user-level", "--format", "text"]);
    expect(text.stdout).toContain("[ ] Read admins (read_admins)");
    expect(text.stdout).not.toContain("**");
    const json = JSON.parse(cli(["scopes", "--preset", "user-level", "--format", "json"]).stdout) as {
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
    const run = cli(["scopes", "--config", file, "--format", "json"]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { scopes: { id: string }[] }).scopes.map((one) => one.id)).toContain("read_tags");
    write(config({ scopes: ["read_counts"] }), "intercom-oauth.config.json");
    expect(cli(["scopes", "--format", "text"]).stdout).toContain("Read counts");
    rmSync(path.join(dir, "intercom-oauth.config.json"));
  });

  it("exits 2 for both or neither source, and 1 for an invalid config", () => {
    expect(cli(["scopes", "--preset", "user-level", "--config", "x.json"]).code).toBe(2);
    const neither = cli(["scopes"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("--preset");
    const bad = write(config({ scopes: ["nope"] }));
    const run = cli(["scopes", "--config", bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("UNKNOWN_SCOPE");
  });
});

describe("authorize-url", () => {
  it("prints a URL with the client id from the environment and a fresh state", () => {
    const file = write(config());
    const first = cli(["authorize-url", file], ENV);
    expect(first.code).toBe(0);
    const url = new URL(first.stdout.trim());
    expect(url.origin + url.pathname).toBe("https://app.intercom.com/oauth");
    expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(url.searchParams.get("state")?.length).toBeGreaterThanOrEqual(16);
    expect(url.searchParams.has("redirect_uri")).toBe(false);
    const second = new URL(cli(["authorize-url", file], ENV).stdout.trim());
    expect(second.searchParams.get("state")).not.toBe(url.searchParams.get("state"));
  });

  it("uses --state, --redirect-uri and the config's region", () => {
    const file = write(config({ region: "eu", clientId: CLIENT_ID }));
    const run = cli(["authorize-url", file, "--state", "review-video-1", "--redirect-uri", MERGE]);
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.host).toBe("app.eu.intercom.com");
    expect(url.searchParams.get("state")).toBe("review-video-1");
    expect(url.searchParams.get("redirect_uri")).toBe(MERGE);
    expect(run.stderr).toBe("");
  });

  it("warns when --redirect-uri is not registered, and exits 2 when it is malformed", () => {
    const file = write(config({ clientId: CLIENT_ID }));
    const unregistered = cli(["authorize-url", file, "--redirect-uri", "https://other.dev/cb"]);
    expect(unregistered.code).toBe(0);
    expect(unregistered.stderr).toContain("not in");
    expect(cli(["authorize-url", file, "--redirect-uri", "http://other.dev/cb"]).code).toBe(2);
  });

  it("regression: issue 8 — accepts --redirect-uri http://localhost:3000/cb, as the client does", () => {
    const run = cli([
      "authorize-url",
      write(config({ clientId: CLIENT_ID })),
      "--redirect-uri",
      "http://localhost:3000/cb",
    ]);
    expect(run.code).toBe(0);
    expect(new URL(run.stdout.trim()).searchParams.get("redirect_uri")).toBe("http://localhost:3000/cb");
    expect(run.stderr).toContain("REDIRECT_URI_LOCAL");
  });

  it("exits 1 with a clear message when the client id variable is unset or malformed", () => {
    const file = write(config());
    const unset = cli(["authorize-url", file]);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain("INTERCOM_CLIENT_ID");
    expect(unset.stdout).toBe("");
    noStack(unset);
    const placeholder = cli(["authorize-url", write(config({ clientId: "your-client-id" }))]);
    expect(placeholder.code).toBe(1);
    expect(placeholder.stderr).toContain("CREDENTIAL_PLACEHOLDER");
  });

  it("exits 2 when the file is missing", () => {
    expect(cli(["authorize-url", "nope.json"], ENV).code).toBe(2);
  });
});

describe("checklist", () => {
  it("prints the four-step runbook for the seed's setup", () => {
    const file = write(
      config({
        scopes: "admin-level",
        app: { name: "Acme sync", listing: "unlisted", installInstructionsUrl: "https://acme.io/docs/intercom" },
      }),
    );
    const run = cli(["checklist", file]);
    expect(run.code).toBe(0);
    const out = run.stdout;
    for (const heading of [
      "## 1. Create a developer workspace",
      "## 2. Create the OAuth app",
      "## 3. Submit the app for review",
      "## 4. Store the credentials",
    ]) {
      expect(out).toContain(heading);
    }
    expect(out).toContain("only in the US region");
    expect(out).toContain(`\`${MERGE}\``);
    for (const entry of SCOPE_PRESETS["admin-level"].scopes) {
      const label = SCOPES.find((scope) => scope.id === entry.id)?.label ?? "";
      expect(out).toContain(`${label} (\`${entry.id}\`)`);
    }
    expect(out).toContain("`client_id` and `state`");
    expect(out).toContain("Unlisted app");
    expect(out).toContain("https://acme.io/docs/intercom");
    expect(out).toContain("`INTERCOM_CLIENT_ID`");
    expect(out).toContain("`INTERCOM_CLIENT_SECRET`");
    expect(out).toContain('"Acme sync"');
  });

  it("prints plain text with --format text", () => {
    const run = cli(["checklist", write(config()), "--format", "text"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1. Create a developer workspace");
    expect(run.stdout).not.toContain("##");
    expect(run.stdout).not.toContain("`");
  });

  it("exits 1 with the errors for an invalid config, and 2 for a missing one", () => {
    const run = cli(["checklist", write(config({ redirectUris: [] }))]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("REDIRECT_URIS_EMPTY");
    expect(cli(["checklist", "nope.json"]).code).toBe(2);
  });
});

describe("init", () => {
  it("writes a starter config with env references that validates", () => {
    const sub = mkdtempSync(path.join(dir, "init-"));
    const file = path.join(sub, "intercom-oauth.config.json");
    const run = cli([
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
    expect(cli(["validate", file, "--strict"], ENV).code).toBe(0);
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
    const refused = cli(["init", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(path.join(dir, file), "utf8")).toBe('{ "keep": true }\n');
    const forced = cli(["init", file, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, file), "utf8")).toContain("env:INTERCOM_CLIENT_ID");
  });

  it("exits 2 for a bad --redirect-uri and writes nothing", () => {
    const run = cli(["init", "bad-init.json", "--redirect-uri", "http://dev.acme.io/cb"]);
    expect(run.code).toBe(2);
    expect(existsSync(path.join(dir, "bad-init.json"))).toBe(false);
    // http on a loopback host is a development-only warning, not an error (intercom-facts §7).
    expect(cli(["init", "dev-init.json", "--redirect-uri", "http://localhost/cb"]).code).toBe(0);
  });

  it("exits 2 when the target directory does not exist", () => {
    expect(cli(["init", "no/such/dir/config.json"]).code).toBe(2);
  });
});

describe("schema", () => {
  it("prints the shipped JSON Schema", () => {
    const run = cli(["schema"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(path.join(ROOT, "schema.json"), "utf8")));
  });

  it("takes no arguments", () => {
    expect(cli(["schema", "extra"]).code).toBe(2);
  });
});
