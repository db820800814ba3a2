// The CLI in-process: runCli with captured I/O, aimed at branches. test/cli.test.ts runs the
// built program end to end; this file covers the paths between, where v8 coverage can see them.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { configWriter, MERGE, validConfig } from "./support/config-fixture.js";
import { type CliIo, runCli } from "../src/cli/run.js";
import { SCOPE_PRESETS } from "../src/index.js";

const PKG = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as {
  version: string;
};
const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const LITERAL_SECRET = "Lit3ral-Secret-In-Process-5e4d3c2b";
const ENV_SECRET = "Env-Secret-In-Process-9f8e7d6c";
const ENV = { INTERCOM_CLIENT_ID: CLIENT_ID, INTERCOM_CLIENT_SECRET: ENV_SECRET };
const ESC = "\u001b[";
const COMMAND_NAMES = ["validate", "scopes", "authorize-url", "checklist", "init", "schema"];

let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface Options {
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  cwd?: string;
}

async function cli(argv: string[], options: Options = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? dir,
    isTTY: options.isTTY ?? false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const config = validConfig;

const write = configWriter(() => dir, "run");

function all(run: Run): string {
  return `${run.stdout}${run.stderr}`;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "intercom-oauth-run-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("runCli", () => {
  it("has the documented signature", () => {
    expectTypeOf(runCli).parameters.toEqualTypeOf<[readonly string[], CliIo]>();
    expectTypeOf(runCli).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf<CliIo["env"]>().toEqualTypeOf<Readonly<Record<string, string | undefined>>>();
  });

  it("prints the version for --version and -v", async () => {
    for (const flag of ["--version", "-v"]) {
      expect(await cli([flag])).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: "" });
    }
  });

  it("prints the main help for --help, -h, help and help with an unknown topic", async () => {
    for (const argv of [["--help"], ["-h"], ["help"], ["help", "nope"], ["help", "constructor"]]) {
      const run = await cli(argv);
      expect(run.code, argv.join(" ")).toBe(0);
      expect(run.stdout).toContain("Usage: intercom-oauth <command> [options]");
      for (const name of COMMAND_NAMES) expect(run.stdout).toContain(`  ${name}`);
      expect(run.stderr).toBe("");
    }
  });

  it.each(COMMAND_NAMES)("shows the help of %s through `help NAME` and `NAME --help` alike", async (name) => {
    const topic = await cli(["help", name]);
    const flag = await cli([name, "--help"]);
    const short = await cli([name, "-h"]);
    expect(topic.code).toBe(0);
    expect(topic.stdout).toMatch(new RegExp(`^Usage: intercom-oauth ${name}`));
    expect(topic.stdout).toContain(`Docs: docs/cli.md#${name}`);
    expect(flag).toEqual(topic);
    expect(short).toEqual(topic);
  });

  it("writes the main help to stderr with exit 2 when no command is given", async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Usage: intercom-oauth <command>");
  });

  it("suggests the nearest command for a typo, and none for something far off", async () => {
    const near = await cli(["chekclist"]);
    expect(near.code).toBe(2);
    expect(near.stderr).toBe(
      'intercom-oauth: Unknown command "chekclist"; did you mean "checklist"?\nRun `intercom-oauth --help` for the list of commands.\n',
    );
    const far = await cli(["zzzzzzzzzzzz"]);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('Unknown command "zzzzzzzzzzzz"\n');
    expect(far.stderr).not.toContain("did you mean");
  });

  it("calls an unknown leading flag an option and suggests nothing", async () => {
    const run = await cli(["--verbose"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown option "--verbose"\n');
    expect(run.stderr).not.toContain("did you mean");
  });

  it("does not treat inherited property names as commands", async () => {
    for (const name of ["constructor", "toString", "__proto__"]) {
      const run = await cli([name]);
      expect(run.code, name).toBe(2);
      expect(run.stderr).toContain(`Unknown command "${name}"`);
      expect(run.stderr).not.toContain("internal error");
    }
  });

  it("turns parseArgs errors into usage errors that name the command's help", async () => {
    const unknown = await cli(["validate", "--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^intercom-oauth: Unknown option '--bogus'\.\nRun `intercom-oauth validate --help` for its options\.\n$/,
    );
    const missingValue = await cli(["scopes", "--preset"]);
    expect(missingValue.code).toBe(2);
    expect(missingValue.stderr).toContain("--preset");
    const booleanWithValue = await cli(["validate", "--strict=yes"]);
    expect(booleanWithValue.code).toBe(2);
  });

  it("rejects too many positionals with the usage line", async () => {
    const run = await cli(["schema", "extra", "more"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "intercom-oauth: Too many arguments for schema: extra more.\nUsage: intercom-oauth schema\n",
    );
    const one = await cli(["checklist", "a.json", "b.json"]);
    expect(one.stderr).toContain("Too many arguments for checklist: b.json.");
  });

  it("rejects a flag value outside its choices", async () => {
    const run = await cli(["validate", "--format", "xml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('intercom-oauth: --format must be one of text, json, github; got "xml".\n');
  });
});

describe("internal errors", () => {
  // A stdout that throws stands in for a bug inside a command.
  async function crash(env: Record<string, string>, thrown: unknown): Promise<Run> {
    let stderr = "";
    const io: CliIo = {
      stdout: () => {
        throw thrown;
      },
      stderr: (text) => {
        stderr += text;
      },
      env,
      cwd: dir,
      isTTY: false,
    };
    const code = await runCli(["schema"], io);
    return { code, stdout: "", stderr };
  }

  it("prints a short message without a stack, exit 1", async () => {
    const run = await crash({}, new TypeError("simulated bug"));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "intercom-oauth: internal error: simulated bug\nThis is a bug; set DEBUG=intercom-oauth to see the stack trace, and please report it.\n",
    );
  });

  it("adds the stack when DEBUG names intercom-oauth or *, among others", async () => {
    for (const DEBUG of ["intercom-oauth", "express, intercom-oauth", "*"]) {
      const run = await crash({ DEBUG }, new TypeError("simulated bug"));
      expect(run.code).toBe(1);
      expect(run.stderr, DEBUG).toMatch(
        /^intercom-oauth: internal error: simulated bug\nTypeError: simulated bug\n\s+at /,
      );
    }
    const other = await crash({ DEBUG: "intercom-oauth-extra" }, new TypeError("simulated bug"));
    expect(other.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a thrown non-Error value, even under DEBUG", async () => {
    const run = await crash({ DEBUG: "*" }, "a string");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("intercom-oauth: internal error: a string\nThis is a bug;");
  });
});

describe("validate", () => {
  it("passes a good config in text, json and github formats", async () => {
    const file = write(config());
    const text = await cli(["validate", file], { env: ENV });
    expect(text).toEqual({ code: 0, stdout: `✔ ${file} is valid.\n`, stderr: "" });
    const json = await cli(["validate", file, "--format", "json"], { env: ENV });
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

describe("regression: issue 8 — the CLI reads only regular files of at most 1 MiB of UTF-8", () => {
  const FORMATS = ["text", "json", "github"] as const;

  // Runs `validate` in each format and checks the load failure's code and message in each.
  async function refused(target: string, code: string, fragment: string): Promise<void> {
    for (const format of FORMATS) {
      const run = await cli(["validate", target, "--format", format]);
      expect(run.code, `${target} (${format})`).toBe(2);
      if (format === "json") {
        expect(JSON.parse(run.stdout)).toMatchObject({ valid: false, error: { code } });
        expect(run.stdout).toContain(fragment);
      } else if (format === "github") {
        expect(run.stdout).toMatch(new RegExp(`^::error file=[^\\n]*title=intercom-oauth ${code}::`));
      } else {
        expect(run.stderr).toContain(fragment);
        expect(run.stdout).toBe("");
      }
    }
  }

  it("refuses a named pipe without opening it, so it cannot hang", async () => {
    const fifo = path.join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    // A writer stands by so that a CLI that does open the pipe reads "{}" instead of hanging forever.
    const writer = spawn("sh", ["-c", `printf '{}' > '${fifo}'`], { stdio: "ignore" });
    try {
      await refused(
        "pipe.json",
        "FILE_UNREADABLE",
        "Cannot read pipe.json: it is a named pipe (FIFO), not a regular file.",
      );
      for (const argv of [
        ["checklist", "pipe.json"],
        ["scopes", "--config", "pipe.json"],
        ["authorize-url", "pipe.json"],
      ]) {
        const run = await cli(argv, { env: ENV });
        expect(run.code, argv.join(" ")).toBe(2);
        expect(run.stderr).toContain("named pipe");
      }
    } finally {
      writer.kill();
    }
  });

  it("refuses a device and a directory, naming what they are", async () => {
    await refused("/dev/null", "FILE_UNREADABLE", "it is a character device, not a regular file.");
    mkdirSync(path.join(dir, "conf-dir"), { recursive: true });
    await refused("conf-dir", "FILE_UNREADABLE", "Cannot read conf-dir: it is a directory.");
  });

  it("reads a file of exactly 1 MiB, and refuses one byte more from its size alone", async () => {
    const json = JSON.stringify(config());
    const exact = write(json + " ".repeat(1024 * 1024 - json.length), "exactly-1mib.json");
    expect(statSync(path.join(dir, exact)).size).toBe(1024 * 1024);
    expect((await cli(["validate", exact, "--no-env"])).code).toBe(0);
    const over = write(json + " ".repeat(1024 * 1024 + 1 - json.length), "over-1mib.json");
    await refused(over, "FILE_TOO_LARGE", `${over} is 1048577 bytes; a config file may be at most 1 MiB`);
    // A 50 MB file (sparse: it costs no disk) is refused at once, without being read.
    const huge = path.join(dir, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, 50 * 1024 * 1024);
    await refused("huge.json", "FILE_TOO_LARGE", "huge.json is 52428800 bytes");
  });

  it("refuses bytes that are not UTF-8 with their line and column, instead of replacing them", async () => {
    const text = `${JSON.stringify(config({ app: { name: "Caf\u00e9" } }), null, 2)}\n`;
    const latin1 = "latin1.json";
    writeFileSync(path.join(dir, latin1), Buffer.from(text, "latin1"));
    const line = text.split("\n").findIndex((row) => row.includes("Caf")) + 1;
    const column = (text.split("\n")[line - 1] ?? "").indexOf("\u00e9") + 1;
    await refused(latin1, "FILE_NOT_UTF8", `${latin1}:${line}:${column}: not valid UTF-8 text`);
    const json = JSON.parse((await cli(["validate", latin1, "--format", "json"])).stdout) as { error: object };
    expect(json.error).toMatchObject({ line, column });
    const utf16 = "utf16.json";
    writeFileSync(path.join(dir, utf16), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    await refused(utf16, "FILE_NOT_UTF8", "utf16.json is UTF-16 text, not UTF-8.");
    // The same text as UTF-8, with or without a byte-order mark, is fine.
    writeFileSync(path.join(dir, "utf8.json"), `\ufeff${text}`);
    expect((await cli(["validate", "utf8.json", "--no-env"])).code).toBe(0);
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

describe("authorize-url", () => {
  function url(run: Run): URL {
    expect(run.code).toBe(0);
    return new URL(run.stdout.trim());
  }

  it("reads the client id from io.env, and fails clearly when it is unset or empty", async () => {
    const file = write(config());
    const ok = url(await cli(["authorize-url", file], { env: ENV }));
    expect(ok.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(ok.searchParams.get("state")?.length).toBeGreaterThan(16);
    expect(ok.searchParams.has("redirect_uri")).toBe(false);
    for (const env of [{}, { INTERCOM_CLIENT_ID: "" }]) {
      const run = await cli(["authorize-url", file], { env });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("clientId refers to the environment variable INTERCOM_CLIENT_ID, which is not set.");
    }
  });

  it("uses a literal client id, warns about an unusual shape, and refuses a malformed one", async () => {
    const literal = url(await cli(["authorize-url", write(config({ clientId: CLIENT_ID }))]));
    expect(literal.searchParams.get("client_id")).toBe(CLIENT_ID);
    const odd = await cli(["authorize-url", write(config({ clientId: "abc123" }))]);
    expect(odd.code).toBe(0);
    expect(odd.stderr).toContain("warning: CLIENT_ID_UNUSUAL_SHAPE: clientId is not UUID-like");
    const fromEnv = await cli(["authorize-url", write(config())], { env: { INTERCOM_CLIENT_ID: ` ${CLIENT_ID}\n` } });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain("CREDENTIAL_WHITESPACE: clientId (from INTERCOM_CLIENT_ID) has whitespace");
    expect(fromEnv.stdout).toBe("");
  });

  it("exits 1 when the config has no usable clientId or region", async () => {
    const cases: [string | Record<string, unknown>, string][] = [
      [config({ clientId: 42 }), "has no clientId string"],
      ["[1, 2]", "has no clientId string"],
      ["null", "has no clientId string"],
      [config({ clientId: "env:1BAD" }), "ENV_REF_INVALID: clientId starts with env: but what follows is not a valid"],
      [config({ region: "mars" }), 'region must be "us", "eu" or "au".'],
    ];
    for (const [content, message] of cases) {
      const run = await cli(["authorize-url", write(content)], { env: ENV });
      expect(run.code, message).toBe(1);
      expect(run.stderr).toContain(message);
    }
  });

  it("uses --state, --redirect-uri and the region, and warns about an unregistered redirect", async () => {
    const file = write(config({ region: "eu", redirectUris: [MERGE, "https://app.example.com/cb"] }));
    const run = await cli(["authorize-url", file, "--state", "s-123", "--redirect-uri", "https://app.example.com/cb"], {
      env: ENV,
    });
    const u = url(run);
    expect(u.hostname).toContain("eu");
    expect(u.searchParams.get("state")).toBe("s-123");
    expect(u.searchParams.get("redirect_uri")).toBe("https://app.example.com/cb");
    // A warning of the shared redirect rules (here the reserved example host) is shown, not fatal.
    expect(run.stderr).toBe(
      'warning: --redirect-uri: REDIRECT_URI_PLACEHOLDER: Redirect URL "https://app.example.com/cb" uses the reserved example host app.example.com.\n',
    );
    const unregistered = await cli(["authorize-url", file, "--redirect-uri", "https://other.example.com/cb"], {
      env: ENV,
    });
    expect(unregistered.code).toBe(0);
    expect(unregistered.stderr).toContain("warning: https://other.example.com/cb is not in");
    // Without a redirectUris array, every --redirect-uri is unregistered.
    const noList = await cli(["authorize-url", write(config({ redirectUris: "nope" })), "--redirect-uri", MERGE], {
      env: ENV,
    });
    expect(noList.code).toBe(0);
    expect(noList.stderr).toContain(`warning: ${MERGE} is not in`);
    // Region defaults to us when absent.
    const usDefault = url(await cli(["authorize-url", write(config({ region: undefined }))], { env: ENV }));
    expect(usDefault.hostname).toBe("app.intercom.com");
  });

  it("exits 2 for a malformed --redirect-uri, an empty --state or a missing file", async () => {
    const file = write(config());
    const bad = await cli(["authorize-url", file, "--redirect-uri", "http://x.dev/cb"], { env: ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^intercom-oauth: --redirect-uri: /);
    const empty = await cli(["authorize-url", file, "--state", "  "], { env: ENV });
    expect(empty).toMatchObject({ code: 2, stderr: "intercom-oauth: --state must not be empty.\n" });
    const missing = await cli(["authorize-url", "nowhere.json"], { env: ENV });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nowhere.json not found");
  });

  it("never prints the client secret", async () => {
    const run = await cli(["authorize-url", write(config({ clientSecret: LITERAL_SECRET }))], { env: ENV });
    expect(all(run)).not.toContain(LITERAL_SECRET);
    expect(all(run)).not.toContain(ENV_SECRET);
  });
});

describe("checklist", () => {
  it("renders markdown by default and text on request, from the same steps", async () => {
    const file = write(config());
    const md = await cli(["checklist", file]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Intercom partner credentials: checklist for your app\n/);
    expect(md.stdout).toContain(`Generated from \`${file}\``);
    expect(md.stdout).toContain("## 4. Store the credentials");
    expect(md.stdout).toContain(`- [ ] Under Redirect URLs, add this URL:\n  - \`${MERGE}\``);
    const text = await cli(["checklist", file, "--format", "text"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Intercom partner credentials: checklist for your app\n\(generated from /);
    expect(text.stdout).not.toContain("`");
    expect(text.stdout).toContain(`  [ ] Under Redirect URLs, add this URL:\n    - ${MERGE}`);
    expect((await cli(["checklist", file, "--format", "json"])).code).toBe(2);
  });

  it("follows the config: several redirects, region, app facts, listing and a literal client id", async () => {
    const listed = await cli([
      "checklist",
      write(
        config({
          clientId: CLIENT_ID,
          region: "eu",
          redirectUris: [MERGE, "https://app.example.com/cb"],
          scopes: "admin-level",
          app: { name: "Acme Sync", listing: "listed", description: "Syncs tags." },
        }),
      ),
    ]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("checklist for Acme Sync");
    expect(listed.stdout).toContain("(this config: eu)");
    expect(listed.stdout).toContain("these 2 URLs, in this order (the first is the default)");
    expect(listed.stdout).toContain(`\`${MERGE}\` (default)`);
    expect(listed.stdout).toContain('Name the app "Acme Sync".');
    expect(listed.stdout).toContain('App description: "Syncs tags."');
    expect(listed.stdout).toContain("Listed app: fill in the Installation status section");
    expect(listed.stdout).toContain("Submit as listed.");
    expect(listed.stdout).toContain("The config holds the client id itself");
    expect(listed.stdout).toContain("Extended:");

    const unlisted = (
      await cli([
        "checklist",
        write(config({ app: { listing: "unlisted", installInstructionsUrl: "https://acme.dev/install" } })),
      ])
    ).stdout;
    expect(unlisted).toContain(
      "Unlisted app: skip the Installation status section and give clear install instructions in your own product (https://acme.dev/install).",
    );
    expect(unlisted).toContain("Submit as unlisted.");
    expect(unlisted).toContain("Put the Client ID in the environment variable `INTERCOM_CLIENT_ID`");

    const plain = (await cli(["checklist", write(config({ scopes: ["read_tags"] }))])).stdout;
    expect(plain).toContain(
      "If unlisted: skip the Installation status section and give clear install instructions in your own product.",
    );
    expect(plain).toContain("Choose listed or unlisted");
    expect(plain).toContain("tick these 1 permission and nothing else");
    expect(plain).toContain("Name the app.");
    expect(plain).toContain("Write the app description");
    expect(plain).not.toContain("(this config:");
  });

  it("exits 1 with positioned errors for an invalid config, and 2 for a missing one", async () => {
    const file = write(config({ redirectUris: ["http://x.dev/cb"] }));
    const run = await cli(["checklist", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^${file}:\\d+:\\d+: \\w+: redirectUris\\[0\\]: `));
    expect(run.stderr).toContain(`intercom-oauth: ${file} is invalid; fix the errors above first.`);
    const missing = await cli(["checklist"], { cwd: mkdtempSync(path.join(dir, "none-")) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("intercom-oauth.config.json not found");
  });

  it("needs no environment and never prints a secret", async () => {
    const run = await cli(["checklist", write(config())], { env: ENV });
    expect(run.code).toBe(0);
    expect(all(run)).not.toContain(ENV_SECRET);
    expect(all(run)).not.toContain(CLIENT_ID);
  });
});

describe("init", () => {
  it("writes the default file in io.cwd, refuses to overwrite it, and overwrites with --force", async () => {
    const cwd = mkdtempSync(path.join(dir, "init-"));
    const target = path.join(cwd, "intercom-oauth.config.json");
    const first = await cli(["init"], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Wrote intercom-oauth.config.json (scopes: user-level).");
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

describe("schema", () => {
  it("prints the JSON Schema", async () => {
    const run = await cli(["schema"]);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(run.stdout).toBe(readFileSync(fileURLToPath(new URL("../schema.json", import.meta.url)), "utf8"));
  });
});
