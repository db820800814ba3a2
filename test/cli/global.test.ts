// The CLI: the program as a whole: version, help, unknown commands and options, internal errors. Built-program tests first, then in-process ones
// (the harness, test/support/cli.ts, says how each runs).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  CLI,
  PKG,
  COMMAND_NAMES,
  dir,
  built,
  noStack,
  cli,
  type BuiltRun,
  type Run,
  useCliDir,
} from "../support/cli.js";
import { type CliIo, runCli } from "../../src/cli/run.js";

useCliDir("global");

describe("global — the built program", () => {
  it("prints the version", () => {
    for (const flag of ["--version", "-v"]) {
      const run = built([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(PKG.version);
    }
  });

  it("prints help with exit 0, and exits 2 with help when no command is given", () => {
    const help = built(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["validate", "scopes", "authorize-url", "checklist", "init", "schema"])
      expect(help.stdout).toContain(command);
    const none = built([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: intercom-oauth <command>");
  });

  it("suggests a command for a typo, with exit 2 and no stack trace", () => {
    const run = built(["valdate"]);
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
      const run = built(args);
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
      const run = built([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: intercom-oauth ${command}`);
      expect(run.stdout).toContain("--help");
    },
  );
});

describe("internal errors — the built program", () => {
  // A preload that breaks JSON.stringify simulates a bug inside a command.
  function crash(env: Record<string, string>): BuiltRun {
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
