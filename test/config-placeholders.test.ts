// A clientSecret written as a variable in another syntax (${VAR}, $VAR, ENV:NAME…) is a
// misspelled reference, not a committed secret: no advice to rotate, and the corrected form.
import { describe, expect, it } from "vitest";
import { configWriter, validConfig } from "./support/config-fixture.js";
import { cli as cliInProcess, dir, useCliDir } from "./support/cli.js";
import { validateConfig } from "../src/config/index.js";

const SECRET = "Lit3ral-Secret-Placeholder-Test-7a6b5c";
useCliDir("placeholder");
const write = configWriter(() => dir, "placeholder");
const cli = (argv: string[], env: Record<string, string> = {}) => cliInProcess(argv, { env });

// What each syntax is, and the code it gets: wrong-case env: is a malformed reference, the rest are placeholders.
const SECRET_REFERENCES: [string, string][] = [
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, on purpose.
  ["${INTERCOM_CLIENT_SECRET}", "CREDENTIAL_PLACEHOLDER"],
  ["$INTERCOM_CLIENT_SECRET", "CREDENTIAL_PLACEHOLDER"],
  ["%INTERCOM_CLIENT_SECRET%", "CREDENTIAL_PLACEHOLDER"],
  ["$env:INTERCOM_CLIENT_SECRET", "CREDENTIAL_PLACEHOLDER"],
  ["process.env.INTERCOM_CLIENT_SECRET", "CREDENTIAL_PLACEHOLDER"],
  ["ENV:INTERCOM_CLIENT_SECRET", "ENV_REF_INVALID"],
  ["Env:INTERCOM_CLIENT_SECRET", "ENV_REF_INVALID"],
  [" env:INTERCOM_CLIENT_SECRET", "ENV_REF_INVALID"],
  ["env: INTERCOM_CLIENT_SECRET", "ENV_REF_INVALID"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax inside env:, on purpose.
  ["env:${INTERCOM_CLIENT_SECRET}", "ENV_REF_INVALID"],
];

describe("regression: issue 8 — a placeholder in clientSecret is not reported as a committed secret", () => {
  it.each(SECRET_REFERENCES)("%j is %s with the corrected form env:NAME, and no advice to rotate", (value, code) => {
    const result = validateConfig(validConfig({ clientSecret: value }));
    expect(result.valid).toBe(false);
    expect(result.issues.map((one) => [one.code, one.path])).toEqual([[code, ["clientSecret"]]]);
    const [only] = result.issues;
    expect(only?.hint).toContain('Write "clientSecret": "env:INTERCOM_CLIENT_SECRET"');
    expect(`${only?.message} ${only?.hint}`).not.toMatch(/rotate|committed|literal secret/i);
  });

  it.each(["your-client-secret", "<client secret>", "changeme", "xxx"])(
    "calls the placeholder %j a placeholder, not a secret to rotate",
    (value) => {
      const issues = validateConfig(validConfig({ clientSecret: value })).issues;
      expect(issues.map((one) => one.code)).toEqual(["CREDENTIAL_PLACEHOLDER"]);
      expect(issues[0]?.hint).toContain("env:INTERCOM_CLIENT_SECRET");
      expect(`${issues[0]?.message} ${issues[0]?.hint}`).not.toMatch(/rotate/i);
    },
  );

  it("still reports a real literal secret as SECRET_IN_FILE, with advice to rotate and without its value", () => {
    const issues = validateConfig(validConfig({ clientSecret: SECRET })).issues;
    expect(issues.map((one) => one.code)).toEqual(["SECRET_IN_FILE"]);
    expect(issues[0]?.hint).toContain("rotate");
    expect(JSON.stringify(issues)).not.toContain(SECRET);
  });

  it("gives the corrected form for clientId too: ENV:NAME is an error, no longer a UUID-shape warning", () => {
    const wrongCase = validateConfig(validConfig({ clientId: "ENV:INTERCOM_CLIENT_ID" }));
    expect(wrongCase.issues.map((one) => [one.code, one.severity])).toEqual([["ENV_REF_INVALID", "error"]]);
    expect(wrongCase.issues[0]?.hint).toContain('Write "clientId": "env:INTERCOM_CLIENT_ID"');
    const shell = validateConfig(validConfig({ clientId: "$INTERCOM_CLIENT_ID" }));
    expect(shell.issues.map((one) => one.code)).toEqual(["CREDENTIAL_PLACEHOLDER"]);
    expect(shell.issues[0]?.hint).toContain('"env:INTERCOM_CLIENT_ID"');
    const badName = validateConfig(validConfig({ clientSecret: "env:1SECRET" }));
    expect(badName.issues[0]?.hint).toContain("for example env:INTERCOM_CLIENT_SECRET");
  });

  it("says so in validate's text, json and github output", async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, on purpose.
    const file = write(validConfig({ clientSecret: "${INTERCOM_CLIENT_SECRET}" }));
    for (const format of ["text", "json", "github"]) {
      const run = await cli(["validate", file, "--no-env", "--format", format]);
      expect(run.code, format).toBe(1);
      expect(run.stdout).toContain("CREDENTIAL_PLACEHOLDER");
      expect(run.stdout).toContain("env:INTERCOM_CLIENT_SECRET");
      expect(run.stdout).not.toMatch(/rotate|SECRET_IN_FILE/);
    }
  });

  it("makes authorize-url refuse a clientId written ENV:NAME or in shell syntax, with the corrected form", async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, on purpose.
    for (const clientId of ["ENV:INTERCOM_CLIENT_ID", "${INTERCOM_CLIENT_ID}"]) {
      const run = await cli(["authorize-url", write(validConfig({ clientId }))], {
        INTERCOM_CLIENT_ID: "0f8fad5b-d9cb-469f-a165-70867728950e",
      });
      expect(run.code, clientId).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain('Write "clientId": "env:INTERCOM_CLIENT_ID"');
    }
  });
});
