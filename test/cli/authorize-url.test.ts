// The CLI: `intercom-oauth authorize-url`. Built-program tests first, then in-process ones
// (the harness, test/support/cli.ts, says how each runs).
import { describe, expect, it } from "vitest";
import { MERGE } from "../support/config-fixture.js";
import { validateConfig } from "../../src/config/index.js";
import {
  CLIENT_ID,
  LITERAL_SECRET,
  ENV_SECRET,
  ENV,
  config,
  write,
  built,
  noStack,
  cli,
  all,
  type Run,
  useCliDir,
} from "../support/cli.js";

useCliDir("authorize-url");

describe("authorize-url — the built program", () => {
  it("prints a URL with the client id from the environment and a fresh state", () => {
    const file = write(config());
    const first = built(["authorize-url", file], ENV);
    expect(first.code).toBe(0);
    const url = new URL(first.stdout.trim());
    expect(url.origin + url.pathname).toBe("https://app.intercom.com/oauth");
    expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(url.searchParams.get("state")?.length).toBeGreaterThanOrEqual(16);
    expect(url.searchParams.has("redirect_uri")).toBe(false);
    const second = new URL(built(["authorize-url", file], ENV).stdout.trim());
    expect(second.searchParams.get("state")).not.toBe(url.searchParams.get("state"));
  });

  it("uses --state, --redirect-uri and the config's region", () => {
    const file = write(config({ region: "eu", clientId: CLIENT_ID }));
    const run = built(["authorize-url", file, "--state", "review-video-1", "--redirect-uri", MERGE]);
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.host).toBe("app.eu.intercom.com");
    expect(url.searchParams.get("state")).toBe("review-video-1");
    expect(url.searchParams.get("redirect_uri")).toBe(MERGE);
    expect(run.stderr).toBe("");
  });

  it("warns when --redirect-uri is not registered, and exits 2 when it is malformed", () => {
    const file = write(config({ clientId: CLIENT_ID }));
    const unregistered = built(["authorize-url", file, "--redirect-uri", "https://other.dev/cb"]);
    expect(unregistered.code).toBe(0);
    expect(unregistered.stderr).toContain("not in");
    expect(built(["authorize-url", file, "--redirect-uri", "http://other.dev/cb"]).code).toBe(2);
  });

  it("regression: issue 8 — accepts --redirect-uri http://localhost:3000/cb, as the client does", () => {
    const run = built([
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
    const unset = built(["authorize-url", file]);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain("INTERCOM_CLIENT_ID");
    expect(unset.stdout).toBe("");
    noStack(unset);
    const placeholder = built(["authorize-url", write(config({ clientId: "your-client-id" }))]);
    expect(placeholder.code).toBe(1);
    expect(placeholder.stderr).toContain("CREDENTIAL_PLACEHOLDER");
  });

  it("exits 2 when the file is missing", () => {
    expect(built(["authorize-url", "nope.json"], ENV).code).toBe(2);
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

describe("regression: issue 9 — authorize-url and validate read env:NAME the same way", () => {
  const values = [
    "env:INTERCOM_CLIENT_ID",
    "env:UNSET_VARIABLE",
    "env:EMPTY_VARIABLE",
    "env:1NTERCOM",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, on purpose.
    "env:${INTERCOM_CLIENT_ID}",
    "ENV:INTERCOM_CLIENT_ID",
    " env:INTERCOM_CLIENT_ID",
    "env: INTERCOM_CLIENT_ID",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, on purpose.
    "${INTERCOM_CLIENT_ID}",
    "%INTERCOM_CLIENT_ID%",
    CLIENT_ID,
    "your-client-id",
  ];
  const env = { ...ENV, EMPTY_VARIABLE: "" };

  it.each(values)("clientId %j: a URL exactly when the config has no clientId error", async (clientId) => {
    const spec = config({ clientId });
    const errors = validateConfig(spec, { env }).issues.filter(
      (one) => one.path[0] === "clientId" && one.severity === "error",
    );
    const run = await cli(["authorize-url", write(spec)], { env });
    expect(run.code === 0, all(run)).toBe(errors.length === 0);
    // A variable named another way: both name the same env:NAME to write instead.
    const intended = /Write "clientId": "(env:[A-Za-z_][A-Za-z0-9_]*)"/.exec(run.stderr)?.[1];
    if (intended !== undefined) expect(errors.map((one) => one.hint).join(" ")).toContain(`"${intended}"`);
  });
});
