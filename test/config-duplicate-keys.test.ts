// Duplicate keys in a config are errors with their line and column, in every output format,
// at every nesting level, never silently merged; a hidden literal secret is never printed.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { configWriter } from "./support/config-fixture.js";
import { all, cli as cliInProcess, dir, useCliDir } from "./support/cli.js";
import { type ConfigIssue, loadConfig, parseConfigSource, validateConfig } from "../src/config/index.js";
import { IntercomOAuthError } from "../src/index.js";

const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const SECRET = "Zx9+Lit3ral/Secret=Hidden-By-Env-4f3e2d";
const ENV = { INTERCOM_CLIENT_ID: CLIENT_ID, INTERCOM_CLIENT_SECRET: "env-secret-value-0a1b2c3d4e" };
useCliDir("duplicate-keys");
const write = configWriter(() => dir, "dup");
const cli = async (argv: string[]) => {
  const run = await cliInProcess(argv, { env: ENV });
  return { ...run, all: all(run) };
};

// A config as text, one member a line, so that line L is member L - 1.
function text(...members: string[]): string {
  return `{\n${members.map((one) => `  ${one}`).join(",\n")}\n}\n`;
}

const ID = '"clientId": "env:INTERCOM_CLIENT_ID"';
const SECRET_REF = '"clientSecret": "env:INTERCOM_CLIENT_SECRET"';
const REDIRECTS = '"redirectUris": ["https://app.merge.dev/oauth/callback"]';

function issuesOf(source: string): readonly ConfigIssue[] {
  const parsed = parseConfigSource(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return validateConfig(parsed.value).issues;
}

describe("regression: issue 8 — duplicate keys in a config are errors, not silently merged", () => {
  // The issue's three cases: 5 permissions turned into 18, US switched to EU, a literal secret hidden.
  const CASES = [
    {
      name: "a second scopes",
      file: text(ID, SECRET_REF, REDIRECTS, '"scopes": "user-level"', '"scopes": "admin-level"'),
      path: "/scopes",
      line: 6,
    },
    {
      name: "a second region",
      file: text(ID, SECRET_REF, REDIRECTS, '"region": "us"', '"scopes": "user-level"', '"region": "eu"'),
      path: "/region",
      line: 7,
    },
    {
      name: "a literal clientSecret followed by an env: one",
      file: text(ID, `"clientSecret": ${JSON.stringify(SECRET)}`, SECRET_REF, REDIRECTS, '"scopes": "user-level"'),
      path: "/clientSecret",
      line: 4,
    },
  ];

  it.each(CASES)("fails validate on $name, with the line and column in text, json and github", async (one) => {
    const file = write(one.file);
    const key = one.path.slice(1);
    const firstLine = one.file.split("\n").findIndex((row) => row.includes(`"${key}"`)) + 1;

    const textRun = await cli(["validate", file]);
    expect(textRun.code).toBe(1);
    expect(textRun.stdout).toMatch(new RegExp(`error {3}${one.line}:3 {2}${key} {2}DUPLICATE_KEY`));
    expect(textRun.stdout).toContain(`line ${firstLine}, column 3 and line ${one.line}, column 3`);

    const jsonRun = await cli(["validate", file, "--format", "json"]);
    expect(jsonRun.code).toBe(1);
    const report = JSON.parse(jsonRun.stdout) as { valid: boolean; issues: Record<string, unknown>[] };
    expect(report.valid).toBe(false);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: "DUPLICATE_KEY", severity: "error", path: one.path, line: one.line, column: 3 }),
    );

    const githubRun = await cli(["validate", file, "--format", "github"]);
    expect(githubRun.code).toBe(1);
    expect(githubRun.stdout).toContain(
      `::error file=${file},line=${one.line},col=3,title=intercom-oauth DUPLICATE_KEY::${key} is written twice`,
    );
    for (const run of [textRun, jsonRun, githubRun]) {
      expect(run.all).not.toContain(SECRET);
      expect(run.all).not.toContain(encodeURIComponent(SECRET));
      expect(run.all).not.toContain(ENV.INTERCOM_CLIENT_SECRET);
    }
  });

  it("reports the literal secret that an env: clientSecret hides as SECRET_IN_FILE, at its own line", () => {
    const issues = issuesOf(CASES[2]?.file ?? "");
    expect(issues.map((one) => one.code).sort()).toEqual(["DUPLICATE_KEY", "SECRET_IN_FILE"]);
    const secret = issues.find((one) => one.code === "SECRET_IN_FILE");
    expect(secret?.message).toContain("An earlier clientSecret (line 3, column 3)");
    expect(secret?.hint).toContain("rotate");
    expect(JSON.stringify(issues)).not.toContain(SECRET);
    // An env: reference or a placeholder dropped by a later clientSecret is no secret to rotate.
    for (const dropped of ["env:OLD_SECRET", "your-client-secret", "$INTERCOM_CLIENT_SECRET", ""]) {
      const codes = issuesOf(
        text(ID, `"clientSecret": ${JSON.stringify(dropped)}`, SECRET_REF, REDIRECTS, '"scopes": []'),
      )
        .map((one) => one.code)
        .filter((code) => code !== "SCOPES_EMPTY");
      expect(codes, dropped).toEqual(["DUPLICATE_KEY"]);
    }
  });

  it("finds duplicates at every level, including inside a value that is itself dropped", () => {
    const source = [
      "{",
      `  ${ID}, ${SECRET_REF}, ${REDIRECTS},`,
      '  "scopes": { "preset": "user-level", "add": ["read_tags"], "preset": "admin-level" },',
      '  "app": { "name": "A", "name": "B", "name": "C" },',
      '  "app": { "listing": "listed", "listing": "unlisted", "installInstructionsUrl": "https://acme.dev/i" }',
      "}",
    ].join("\n");
    const lines = source.split("\n");
    // "line L, column C" of every `"key":` on line L, as the message should list them.
    const at = (line: number, key: string): string[] =>
      [...(lines[line - 1] ?? "").matchAll(new RegExp(`"${key}":`, "g"))].map(
        (match) => `line ${line}, column ${(match.index ?? 0) + 1}`,
      );
    const duplicates = issuesOf(source).filter((one) => one.code === "DUPLICATE_KEY");
    expect(duplicates.map((one) => one.path)).toEqual([
      ["scopes", "preset"],
      ["app"],
      ["app", "name"],
      ["app", "listing"],
    ]);
    const expected = [at(3, "preset"), [...at(4, "app"), ...at(5, "app")], at(4, "name"), at(5, "listing")];
    duplicates.forEach((one, index) => {
      const positions = expected[index] ?? [];
      const listed =
        positions.length === 2
          ? positions.join(" and ")
          : `${positions.slice(0, -1).join("; ")} and ${positions.at(-1)}`;
      expect(one.message).toContain(`${positions.length === 2 ? "twice" : `${positions.length} times`} (${listed});`);
    });
  });

  it("compares keys after unescaping, and keeps keys that only look alike apart", () => {
    const escaped = issuesOf(text(ID, SECRET_REF, REDIRECTS, '"scopes": []', '"\\u0073copes": []'));
    expect(escaped.filter((one) => one.code === "DUPLICATE_KEY").map((one) => one.path)).toEqual([["scopes"]]);
    const alike = issuesOf(text(ID, SECRET_REF, REDIRECTS, '"scopes": []', '"Scopes": []', '"app": { "scopes": 1 }'));
    expect(alike.map((one) => one.code)).not.toContain("DUPLICATE_KEY");
  });

  it("lists at most five positions in the message", () => {
    const many = text(ID, SECRET_REF, REDIRECTS, ...Array.from({ length: 8 }, () => '"scopes": []'));
    const [duplicate] = issuesOf(many).filter((one) => one.code === "DUPLICATE_KEY");
    expect(duplicate?.message).toMatch(
      /^scopes is written 8 times \((line \d+, column 3; ){4}line 9, column 3 and 3 more\)/,
    );
  });

  it("throws INVALID_CONFIG from loadConfig with each duplicate's line and column, and no secret", () => {
    let error: unknown;
    try {
      loadConfig(CASES[2]?.file ?? "", { env: ENV });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IntercomOAuthError);
    const thrown = error as IntercomOAuthError;
    expect(thrown.code).toBe("INVALID_CONFIG");
    expect(thrown.problems).toEqual([
      expect.stringMatching(/^line 4, column 3: DUPLICATE_KEY at clientSecret: clientSecret is written twice/),
      expect.stringMatching(/^line 4, column 3: SECRET_IN_FILE at clientSecret: An earlier clientSecret/),
    ]);
    for (const view of [thrown.message, JSON.stringify(thrown), inspect(thrown, { depth: 10 }), String(thrown.stack)])
      expect(view).not.toContain(SECRET);
  });

  it("refuses duplicates in authorize-url, checklist and scopes --config, which read the same file", async () => {
    const file = write(CASES[1]?.file ?? "");
    const authorize = await cli(["authorize-url", file]);
    expect(authorize.code).toBe(1);
    expect(authorize.stdout).toBe("");
    expect(authorize.stderr).toContain(`${file}:7:3: DUPLICATE_KEY: region: region is written twice`);
    for (const argv of [
      ["checklist", file],
      ["scopes", "--config", file],
    ]) {
      const run = await cli(argv);
      expect(run.code, argv[0]).toBe(1);
      expect(run.stderr).toContain("DUPLICATE_KEY");
    }
  });

  it("sees duplicates only in what parseConfigSource parsed: JSON.parse has already dropped them", () => {
    const source = CASES[0]?.file ?? "";
    expect(validateConfig(JSON.parse(source)).issues.map((one) => one.code)).not.toContain("DUPLICATE_KEY");
    expect(issuesOf(source).map((one) => one.code)).toContain("DUPLICATE_KEY");
  });
});
