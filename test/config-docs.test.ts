// docs/config.md and docs/cli.md document every issue code, command, flag and exit code.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONFIG_ISSUE_CODES, configSchema } from "../src/config/index.js";

const read = (file: string) => readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8");
const configDoc = read("../docs/config.md");
const cliDoc = read("../docs/cli.md");
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const COMMANDS = ["validate", "verify", "scopes", "authorize-url", "checklist", "review-kit", "init", "schema"];

function help(args: string[]): string {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npx tsup` (npm test builds it).");
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" }).stdout;
}

describe("docs/config.md", () => {
  it("has a table row for every issue code, with its severity", () => {
    for (const [code, { severity }] of Object.entries(CONFIG_ISSUE_CODES)) {
      expect(configDoc, code).toMatch(new RegExp(`^\\| \`${code}\` \\| ${severity} \\|`, "m"));
    }
  });

  it("documents no code that does not exist", () => {
    const table = configDoc.split("## Issue codes")[1] ?? "";
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(CONFIG_ISSUE_CODES).sort());
  });

  it("documents every key of the config, including the app block", () => {
    const appShape = (configSchema.shape.app.unwrap() as { shape: Record<string, unknown> }).shape;
    for (const key of Object.keys(configSchema.shape)) expect(configDoc, key).toContain(`| \`${key}\` |`);
    for (const key of Object.keys(appShape)) expect(configDoc, key).toContain(`| \`app.${key}\` |`);
  });
});

describe("docs/cli.md", () => {
  it.each(COMMANDS)("documents the %s command and every flag its --help lists", (command) => {
    expect(cliDoc).toContain(`## ${command}`);
    const flags = [...help([command, "--help"]).matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1] as string);
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of new Set(flags)) expect(cliDoc, `--${flag} (${command})`).toContain(`--${flag}`);
  });

  it("lists every command in the top-level help and the docs", () => {
    const top = help(["--help"]);
    for (const command of COMMANDS) {
      expect(top).toContain(command);
      expect(cliDoc).toContain(`\`${command}`);
    }
    for (const flag of top.matchAll(/--([a-z][a-z-]*)/g)) expect(cliDoc).toContain(`--${flag[1]}`);
  });

  it("documents the exit codes and the file-failure codes", () => {
    for (const code of [0, 1, 2]) expect(cliDoc).toMatch(new RegExp(`^\\| \`${code}\` \\|`, "m"));
    for (const code of ["FILE_NOT_FOUND", "FILE_UNREADABLE", "FILE_TOO_LARGE", "FILE_NOT_UTF8", "JSON_SYNTAX"])
      expect(cliDoc).toContain(`\`${code}\``);
    expect(cliDoc).toContain("parseArgs");
    expect(cliDoc).toContain("DEBUG=intercom-oauth");
    expect(cliDoc).toContain("NO_COLOR");
  });
});
