import { inspect } from "node:util";
import { describe, expect, expectTypeOf, it } from "vitest";
import { MERGE, validConfig } from "./support/config-fixture.js";
import {
  CONFIG_ISSUE_CODES,
  type ConfigIssue,
  type ConfigIssueCode,
  type ResolvedConfig,
  parseConfigSource,
  validateConfig,
} from "../src/config/index.js";
import { SCOPE_PRESETS, resolveScopes } from "../src/index.js";

const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const SECRET = "s3cr3t-Value-That-Must-Never-Leak-9f8e7d";
const ENV = { INTERCOM_CLIENT_ID: CLIENT_ID, INTERCOM_CLIENT_SECRET: SECRET };

const base = validConfig;

function codes(issues: readonly ConfigIssue[]): ConfigIssueCode[] {
  return issues.map((one) => one.code);
}

describe("validateConfig: the seed's setup", () => {
  it.each(["user-level", "admin-level"] as const)("accepts the Merge callback with the %s preset", (preset) => {
    const result = validateConfig(base({ scopes: preset }), { env: ENV });
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.config.clientId).toBe(CLIENT_ID);
    expect(result.config.clientIdEnv).toBe("INTERCOM_CLIENT_ID");
    expect(result.config.clientSecret).toBe(SECRET);
    expect(result.config.clientSecretEnv).toBe("INTERCOM_CLIENT_SECRET");
    expect(result.config.redirectUris).toEqual([MERGE]);
    expect(result.config.scopes).toEqual(resolveScopes(preset));
    expect(result.config.scopes).toHaveLength(SCOPE_PRESETS[preset].scopes.length);
  });

  it("accepts the issue's example (preset + add, app block) and applies the region default", () => {
    const input = base({
      region: undefined,
      scopes: { preset: "user-level", add: ["read_tags"] },
      app: {
        name: "Acme sync",
        listing: "unlisted",
        description: "Syncs tickets.",
        installInstructionsUrl: "https://acme.example/help/intercom",
      },
    });
    delete input.region;
    const result = validateConfig(input, { env: ENV });
    expect(result.issues).toEqual([]);
    expect(result.valid && result.config.region).toBe("us");
    expect(result.valid && result.config.scopes).toContain("read_tags");
    expect(result.valid && result.config.app?.name).toBe("Acme sync");
  });

  it("checks env references only for syntax when no env is given", () => {
    const result = validateConfig(base());
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.valid && result.config.clientId).toBeUndefined();
    expect(result.valid && result.config.clientSecret).toBeUndefined();
  });

  it("accepts a literal client id", () => {
    const result = validateConfig(base({ clientId: CLIENT_ID }), { env: ENV });
    expect(result.valid && result.config.clientId).toBe(CLIENT_ID);
    expect(result.valid && result.config.clientIdEnv).toBeUndefined();
  });

  it("accepts an upper-case scheme, like the JSON Schema does", () => {
    expect(validateConfig(base({ redirectUris: ["HTTPS://App.merge.dev/oauth/callback"] })).issues).toEqual([]);
  });

  it("types the result as a union on valid", () => {
    const result = validateConfig({});
    if (result.valid) expectTypeOf(result.config).toEqualTypeOf<ResolvedConfig>();
    else expectTypeOf(result.config).toEqualTypeOf<undefined>();
    expectTypeOf(result.issues[0]?.code).toEqualTypeOf<ConfigIssueCode | undefined>();
  });
});

describe("validateConfig: secret safety", () => {
  const result = validateConfig(base(), { env: ENV });

  it("hides the resolved secret from JSON.stringify and util.inspect", () => {
    expect(result.valid).toBe(true);
    expect(result.config?.clientSecret).toBe(SECRET);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result.config)).not.toContain(SECRET);
    expect(inspect(result, { depth: 10 })).not.toContain(SECRET);
    expect(inspect(result, { depth: 10, showHidden: true, getters: true })).not.toContain(SECRET);
    expect(String(result.config)).not.toContain(SECRET);
    expect(Object.keys(result.config ?? {})).not.toContain("clientSecret");
    expect({ ...result.config }).not.toHaveProperty("clientSecret");
  });

  it("shows a mask in JSON so that logs say the secret was resolved", () => {
    const json = JSON.parse(JSON.stringify(result.config)) as Record<string, unknown>;
    expect(json.clientSecret).toMatch(/chars\)$/);
    expect(json.clientId).toBe(CLIENT_ID);
  });

  it("freezes the config", () => {
    expect(Object.isFrozen(result.config)).toBe(true);
  });

  it("never echoes a literal secret or an env secret in issues", () => {
    const bad = [
      validateConfig(base({ clientSecret: SECRET })),
      validateConfig(base({ clientSecret: `"${SECRET}"` })),
      validateConfig(base({ clientSecret: `env:${SECRET}-bad name` })),
      validateConfig(base(), { env: { ...ENV, INTERCOM_CLIENT_SECRET: ` ${SECRET}\n` } }),
      validateConfig(base(), { env: { ...ENV, INTERCOM_CLIENT_SECRET: `dG9rO${SECRET}` } }),
      validateConfig(base(), { env: { INTERCOM_CLIENT_ID: SECRET, INTERCOM_CLIENT_SECRET: SECRET } }),
      validateConfig(base({ clientSecret: 12345, clientSecretz: SECRET })),
    ];
    for (const one of bad) {
      expect(one.valid).toBe(false);
      expect(JSON.stringify(one)).not.toContain(SECRET);
      expect(inspect(one, { depth: 10 })).not.toContain(SECRET);
    }
  });
});

// The value parseConfigSource gives, which carries its duplicate keys.
function parsed(text: string): unknown {
  const source = parseConfigSource(text);
  if (!source.ok) throw new Error(source.message);
  return source.value;
}

// One input per issue code; the last test checks that the table covers the catalogue.
const CASES: Record<
  ConfigIssueCode,
  { input: unknown; env?: Record<string, string | undefined>; path: (string | number)[] }
> = {
  CONFIG_NOT_OBJECT: { input: [base()], path: [] },
  DUPLICATE_KEY: {
    input: parsed('{"clientId": "env:A", "clientSecret": "env:B", "redirectUris": [], "scopes": [], "scopes": []}'),
    path: ["scopes"],
  },
  UNKNOWN_KEY: { input: base({ redirectUri: [MERGE] }), path: ["redirectUri"] },
  MISSING_KEY: { input: { ...base(), scopes: undefined }, path: ["scopes"] },
  WRONG_TYPE: { input: base({ redirectUris: MERGE }), path: ["redirectUris"] },
  INVALID_VALUE: { input: base({ app: { listing: "public" } }), path: ["app", "listing"] },
  INVALID_REGION: { input: base({ region: "eu-west-1" }), path: ["region"] },
  INVALID_URL: {
    input: base({ app: { installInstructionsUrl: "acme.example/help" } }),
    path: ["app", "installInstructionsUrl"],
  },
  ENV_REF_INVALID: { input: base({ clientId: "env:1NTERCOM" }), path: ["clientId"] },
  ENV_VAR_UNSET: { input: base(), env: { INTERCOM_CLIENT_SECRET: SECRET }, path: ["clientId"] },
  SECRET_IN_FILE: { input: base({ clientSecret: SECRET }), path: ["clientSecret"] },
  CREDENTIAL_EMPTY: { input: base({ clientId: "" }), path: ["clientId"] },
  CREDENTIAL_WHITESPACE: {
    input: base(),
    env: { ...ENV, INTERCOM_CLIENT_SECRET: `${SECRET}\n` },
    path: ["clientSecret"],
  },
  CREDENTIAL_QUOTED: { input: base({ clientId: `"${CLIENT_ID}"` }), path: ["clientId"] },
  CREDENTIAL_NON_PRINTABLE: { input: base({ clientId: `${CLIENT_ID}\u200b` }), path: ["clientId"] },
  CREDENTIAL_PLACEHOLDER: { input: base({ clientId: "your-client-id" }), path: ["clientId"] },
  CREDENTIAL_ID_EQUALS_SECRET: {
    input: base(),
    env: { INTERCOM_CLIENT_ID: CLIENT_ID, INTERCOM_CLIENT_SECRET: CLIENT_ID },
    path: ["clientSecret"],
  },
  CREDENTIAL_LOOKS_LIKE_TOKEN: {
    input: base(),
    env: { ...ENV, INTERCOM_CLIENT_SECRET: "dG9rOjBiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6" },
    path: ["clientSecret"],
  },
  CLIENT_ID_UNUSUAL_SHAPE: { input: base({ clientId: "abc123" }), path: ["clientId"] },
  REDIRECT_URIS_EMPTY: { input: base({ redirectUris: [] }), path: ["redirectUris"] },
  REDIRECT_URI_NOT_ABSOLUTE: { input: base({ redirectUris: ["/oauth/callback"] }), path: ["redirectUris", 0] },
  REDIRECT_URI_NOT_HTTPS: {
    input: base({ redirectUris: ["http://app.merge.dev/oauth/callback"] }),
    path: ["redirectUris", 0],
  },
  REDIRECT_URI_FRAGMENT: { input: base({ redirectUris: [`${MERGE}#done`] }), path: ["redirectUris", 0] },
  REDIRECT_URI_WILDCARD: {
    input: base({ redirectUris: ["https://*.merge.dev/oauth/callback"] }),
    path: ["redirectUris", 0],
  },
  REDIRECT_URI_USERINFO: {
    input: base({ redirectUris: ["https://user:pw@app.merge.dev/cb"] }),
    path: ["redirectUris", 0],
  },
  REDIRECT_URI_EMPTY_HOST: { input: base({ redirectUris: ["https:///oauth/callback"] }), path: ["redirectUris", 0] },
  REDIRECT_URI_WHITESPACE: { input: base({ redirectUris: [`${MERGE} `] }), path: ["redirectUris", 0] },
  REDIRECT_URI_TOO_LONG: {
    input: base({ redirectUris: [`${MERGE}?x=${"a".repeat(2048)}`] }),
    path: ["redirectUris", 0],
  },
  REDIRECT_URI_DUPLICATE: {
    input: base({ redirectUris: [MERGE, "https://APP.merge.dev/oauth/callback"] }),
    path: ["redirectUris", 1],
  },
  REDIRECT_URI_LOCAL: {
    input: base({ redirectUris: [MERGE, "https://localhost:3000/cb"] }),
    path: ["redirectUris", 1],
  },
  REDIRECT_URI_PLACEHOLDER: { input: base({ redirectUris: ["https://example.com/cb"] }), path: ["redirectUris", 0] },
  REDIRECT_URI_TRAILING_SLASH_TWIN: { input: base({ redirectUris: [MERGE, `${MERGE}/`] }), path: ["redirectUris", 1] },
  INVALID_SCOPE_SPEC: { input: base({ scopes: "user" }), path: ["scopes"] },
  UNKNOWN_SCOPE: { input: base({ scopes: ["read_conversation"] }), path: ["scopes", 0] },
  SCOPES_EMPTY: { input: base({ scopes: [] }), path: ["scopes"] },
  SCOPES_BEYOND_PRESETS: {
    input: base({ scopes: { preset: "admin-level", add: ["delete_conversations_and_metrics"] } }),
    path: ["scopes"],
  },
  JUSTIFICATION_UNUSED: {
    input: base({ scopes: ["read_conversations"], justifications: { read_tags: "Shows the tags." } }),
    path: ["justifications", "read_tags"],
  },
  APP_INSTALL_INSTRUCTIONS_MISSING: { input: base({ app: { listing: "unlisted" } }), path: ["app"] },
};

describe("validateConfig: each issue code", () => {
  it.each(Object.entries(CASES))("%s", (code, { input, env, path }) => {
    const result = validateConfig(input, env === undefined ? {} : { env });
    const found = result.issues.find((one) => one.code === code);
    expect(found, JSON.stringify(result.issues)).toBeDefined();
    expect(found?.path).toEqual(path);
    const severity = CONFIG_ISSUE_CODES[code as ConfigIssueCode].severity;
    expect(found?.severity).toBe(severity);
    expect(found?.message.length).toBeGreaterThan(10);
    // Errors make the config invalid; a warning alone does not.
    if (severity === "error") expect(result.valid).toBe(false);
    else expect(result.issues.filter((one) => one.severity === "error")).toEqual([]);
    if (severity === "warning") expect(result.valid).toBe(true);
  });

  it("has a case for every code in the catalogue", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(CONFIG_ISSUE_CODES).sort());
  });

  it("gives every code a SCREAMING_SNAKE name, a severity and a description", () => {
    for (const [code, entry] of Object.entries(CONFIG_ISSUE_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(["error", "warning"]).toContain(entry.severity);
      expect(entry.description.length).toBeGreaterThan(10);
    }
  });
});

describe("validateConfig: details of the messages", () => {
  it("suggests the closest key for an unknown key, at every level", () => {
    const result = validateConfig(base({ clientID: "x", scopes: { preset: "user-level", ad: [] }, app: { nam: "x" } }));
    const unknown = result.issues.filter((one) => one.code === "UNKNOWN_KEY");
    expect(unknown.map((one) => one.path)).toEqual(
      expect.arrayContaining([["clientID"], ["scopes", "ad"], ["app", "nam"]]),
    );
    expect(unknown.find((one) => one.path[0] === "clientID")?.message).toContain('did you mean "clientId"');
    expect(unknown.find((one) => one.path[1] === "ad")?.message).toContain('did you mean "add"');
    expect(unknown.find((one) => one.path[1] === "nam")?.message).toContain('did you mean "name"');
  });

  it("suggests a scope id for a typo and for a Developer Hub label", () => {
    const result = validateConfig(
      base({ scopes: { preset: "admin-level", add: ["read_tiket", "Read tickets"], remove: ["read_tag"] } }),
    );
    const messages = result.issues.filter((one) => one.code === "UNKNOWN_SCOPE").map((one) => one.message);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('did you mean "read_tickets"');
    expect(messages[1]).toContain("Developer Hub label");
    expect(messages[2]).toContain('did you mean "read_tags"');
  });

  it("suggests a preset and the region for near misses", () => {
    expect(validateConfig(base({ scopes: "admin_level" })).issues[0]?.message).toContain('did you mean "admin-level"');
    expect(validateConfig(base({ region: "EU" })).issues[0]?.message).toContain('did you mean "eu"');
  });

  it("reports an id in both add and remove, and a scope id used as a preset", () => {
    const both = validateConfig(base({ scopes: { add: ["read_tags"], remove: ["read_tags"] } }));
    expect(codes(both.issues)).toEqual(["INVALID_SCOPE_SPEC"]);
    const asPreset = validateConfig(base({ scopes: "read_tags" }));
    expect(asPreset.issues[0]?.hint).toContain('["read_tags"]');
  });

  it("does not warn about the ticket permissions the admin-level preset suggests adding", () => {
    const result = validateConfig(base({ scopes: { preset: "admin-level", add: ["read_tickets", "write_tickets"] } }));
    expect(result.issues).toEqual([]);
  });

  it("warns about a list of ids beyond both presets, naming them", () => {
    const result = validateConfig(
      base({ scopes: ["read_tags", "export_messages", "update_admins", "read_write_ai_content"] }),
    );
    expect(codes(result.issues)).toEqual(["SCOPES_BEYOND_PRESETS"]);
    expect(result.issues[0]?.message).toContain("read_write_ai_content");
    expect(result.issues[0]?.message).not.toContain("update_admins");
    expect(result.valid).toBe(true);
  });

  it("reports an empty env variable as an empty credential, naming the variable", () => {
    const result = validateConfig(base(), { env: { ...ENV, INTERCOM_CLIENT_ID: "" } });
    expect(result.issues[0]).toMatchObject({ code: "CREDENTIAL_EMPTY", path: ["clientId"] });
    expect(result.issues[0]?.message).toContain("INTERCOM_CLIENT_ID");
  });

  it("reports an empty clientSecret as empty, not as a literal secret", () => {
    expect(codes(validateConfig(base({ clientSecret: "" })).issues)).toEqual(["CREDENTIAL_EMPTY"]);
  });

  it("reports a shell-style variable as a placeholder with a hint about env:", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style placeholder, on purpose.
    const result = validateConfig(base({ clientId: "${INTERCOM_CLIENT_ID}" }));
    expect(result.issues[0]?.code).toBe("CREDENTIAL_PLACEHOLDER");
    expect(result.issues[0]?.hint).toContain("env:NAME");
  });

  it("reports every problem at once", () => {
    const result = validateConfig({
      clientSecret: "literal",
      redirectUris: ["http://x.dev/cb#a"],
      scopes: ["nope"],
      extra: 1,
    });
    expect(codes(result.issues)).toEqual(
      expect.arrayContaining([
        "MISSING_KEY",
        "UNKNOWN_KEY",
        "SECRET_IN_FILE",
        "REDIRECT_URI_NOT_HTTPS",
        "REDIRECT_URI_FRAGMENT",
        "UNKNOWN_SCOPE",
      ]),
    );
  });

  it("reports non-objects without throwing", () => {
    for (const input of [null, undefined, 42, "config", [], true]) {
      expect(validateConfig(input).issues.map((one) => one.code)).toEqual(["CONFIG_NOT_OBJECT"]);
    }
  });

  it("reports wrong types for each key without crashing", () => {
    const result = validateConfig({
      $schema: 1,
      clientId: 1,
      clientSecret: [],
      redirectUris: [1, MERGE],
      region: 3,
      scopes: 7,
      app: "x",
    });
    expect(result.valid).toBe(false);
    expect(result.issues.map((one) => one.path)).toEqual(
      expect.arrayContaining([
        ["$schema"],
        ["clientId"],
        ["clientSecret"],
        ["redirectUris", 0],
        ["region"],
        ["scopes"],
        ["app"],
      ]),
    );
  });

  it("ignores inherited properties of the input", () => {
    const input = Object.create({ clientSecret: "inherited-literal" }) as Record<string, unknown>;
    Object.assign(input, base());
    delete input.clientSecret;
    const result = validateConfig(input);
    expect(codes(result.issues)).toContain("MISSING_KEY");
  });
});

describe("validateConfig: malformed scope objects and URLs", () => {
  it("reports add or remove that is not an array, at its path", () => {
    const result = validateConfig(
      base({ scopes: { preset: "user-level", add: "read_tags", remove: { id: "read_admins" } } }),
    );
    expect(result.valid).toBe(false);
    expect(result.issues.filter((one) => one.code === "WRONG_TYPE").map((one) => [one.path, one.message])).toEqual([
      [["scopes", "add"], "scopes.add must be an array of scope ids, not a string."],
      [["scopes", "remove"], "scopes.remove must be an array of scope ids, not an object."],
    ]);
  });

  it("reports a preset that is not a string, without guessing a name", () => {
    for (const preset of [7, null, ["user-level"]]) {
      const result = validateConfig(base({ scopes: { preset } }));
      const found = result.issues.find((one) => one.code === "INVALID_SCOPE_SPEC");
      expect(found?.path, JSON.stringify(preset)).toEqual(["scopes", "preset"]);
      expect(found?.message).toMatch(/^scopes\.preset must be "user-level" or "admin-level", not /);
      expect(found?.hint).toBeUndefined();
    }
  });

  it("reports an installInstructionsUrl that starts with https:// but does not parse", () => {
    for (const url of ["https://exa mple.com/help", "https://[::1/help"]) {
      const result = validateConfig(base({ app: { listing: "unlisted", installInstructionsUrl: url } }));
      expect(result.valid, url).toBe(false);
      expect(result.issues.find((one) => one.code === "INVALID_URL")?.path).toEqual(["app", "installInstructionsUrl"]);
    }
  });
});

describe("validateConfig: justifications and app.readOnly", () => {
  it("keeps the sentences of ticked permissions, and app.readOnly", () => {
    const result = validateConfig(
      base({
        scopes: ["read_conversations"],
        justifications: { read_conversations: "Shows open conversations." },
        app: { readOnly: true },
      }),
    );
    expect(result.valid).toBe(true);
    expect(result.config?.justifications).toEqual({ read_conversations: "Shows open conversations." });
    expect(result.config?.app?.readOnly).toBe(true);
  });

  it("an unknown scope id as a key is an error, with a did-you-mean", () => {
    const result = validateConfig(base({ justifications: { read_conversation: "x" } }));
    expect(result.valid).toBe(false);
    const found = result.issues.find((one) => one.code === "UNKNOWN_SCOPE");
    expect(found?.path).toEqual(["justifications", "read_conversation"]);
    expect(found?.message).toContain('"read_conversations"');
  });

  it("a non-string or empty sentence, and a non-object map, are errors", () => {
    expect(validateConfig(base({ justifications: { read_conversations: 3 } })).issues.map((one) => one.code)).toContain(
      "WRONG_TYPE",
    );
    expect(validateConfig(base({ justifications: { read_conversations: " " } })).valid).toBe(false);
    expect(validateConfig(base({ justifications: ["read_conversations"] })).issues.map((one) => one.code)).toEqual([
      "WRONG_TYPE",
    ]);
  });

  it("app.readOnly must be a boolean", () => {
    expect(validateConfig(base({ app: { readOnly: "yes" } })).issues.map((one) => one.code)).toEqual(["WRONG_TYPE"]);
  });
});
