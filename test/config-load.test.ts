import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.js";
import { type IntercomOAuthError, isIntercomOAuthError } from "../src/index.js";

const SECRET = "load-config-secret-value-0123456789";
const ENV = { INTERCOM_CLIENT_ID: "0f8fad5b-d9cb-469f-a165-70867728950e", INTERCOM_CLIENT_SECRET: SECRET };
const GOOD = `{
  // the seed's setup
  "clientId": "env:INTERCOM_CLIENT_ID",
  "clientSecret": "env:INTERCOM_CLIENT_SECRET",
  "redirectUris": ["https://app.merge.dev/oauth/callback"],
  "scopes": "user-level",
}`;

function thrown(run: () => unknown): IntercomOAuthError {
  try {
    run();
  } catch (error) {
    if (isIntercomOAuthError(error)) return error;
    throw error;
  }
  throw new Error("expected a throw");
}

describe("loadConfig", () => {
  it("parses, validates and resolves a config", () => {
    const config = loadConfig(GOOD, { env: ENV });
    expect(config.clientId).toBe(ENV.INTERCOM_CLIENT_ID);
    expect(config.clientSecret).toBe(SECRET);
    expect(config.region).toBe("us");
    expect(JSON.stringify(config)).not.toContain(SECRET);
  });

  it("throws INVALID_CONFIG with line and column for a syntax error", () => {
    const error = thrown(() => loadConfig('{\n  "clientId": "x"\n  "scopes": []\n}'));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.message).toContain("line 3, column 3");
    expect(error.problems).toHaveLength(1);
  });

  it("throws INVALID_CONFIG listing every error with its position, and no secret", () => {
    const text = GOOD.replace('"env:INTERCOM_CLIENT_SECRET"', JSON.stringify(SECRET)).replace(
      '"user-level"',
      '["read_tag"]',
    );
    const error = thrown(() => loadConfig(text, { env: ENV }));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.problems).toEqual([
      expect.stringMatching(/^line 4, column 3: SECRET_IN_FILE at clientSecret: /),
      expect.stringMatching(/^line 6, column 14: UNKNOWN_SCOPE at scopes\[0\]: .*did you mean "read_tags"/),
    ]);
    for (const view of [error.message, JSON.stringify(error), inspect(error), String(error.stack)])
      expect(view).not.toContain(SECRET);
  });

  it("says 1 error, singular, and quotes it as the first", () => {
    const error = thrown(() => loadConfig(GOOD.replace('"user-level"', '"user"')));
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.problems).toHaveLength(1);
    expect(error.message).toMatch(
      /^The config has 1 error\. First: line 6, column 3: INVALID_SCOPE_SPEC at scopes: "user" is not a scope preset\. Run `intercom-oauth validate`/,
    );
  });

  it("throws for an unset env variable when env is given, not when it is left out", () => {
    expect(thrown(() => loadConfig(GOOD, { env: {} })).problems.join("\n")).toContain("ENV_VAR_UNSET");
    expect(loadConfig(GOOD).clientId).toBeUndefined();
  });
});
