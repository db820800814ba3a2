// One rule set for redirect URLs: the config lint, the client's redirectUri and the CLI's
// --redirect-uri accept and refuse the same URLs (intercom-facts §7).
import { describe, expect, it } from "vitest";
import { configWriter, MERGE, validConfig } from "./support/config-fixture.js";
import { cli as cliInProcess, dir, useCliDir } from "./support/cli.js";
import { checkRedirectUri, validateConfig } from "../src/config/index.js";
import { createAuthorizationUrl, createIntercomOAuth, IntercomOAuthError } from "../src/index.js";

const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const ENV = { INTERCOM_CLIENT_ID: CLIENT_ID };
const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

useCliDir("rules");
const write = configWriter(() => dir, "rules");
const cli = (argv: string[]) => cliInProcess(argv, { env: ENV });

// The client's verdict: undefined when accepted, else its problems.
function clientProblems(redirectUri: string): string[] | undefined {
  try {
    createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: "s3cret-value", redirectUri });
    createAuthorizationUrl({ clientId: CLIENT_ID, redirectUri });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(IntercomOAuthError);
    return [...(error as IntercomOAuthError).problems];
  }
}

describe("regression: issue 8 — the config, the client and the CLI share one redirect URL rule set", () => {
  it("authorize-url --redirect-uri http://localhost:3000/cb exits 0, as the client accepts it", async () => {
    const uri = "http://localhost:3000/cb";
    expect(clientProblems(uri)).toBeUndefined();
    const run = await cli(["authorize-url", write(validConfig({ redirectUris: [MERGE, uri] })), "--redirect-uri", uri]);
    expect(run.code).toBe(0);
    expect(new URL(run.stdout.trim()).searchParams.get("redirect_uri")).toBe(uri);
    expect(run.stderr).toContain("warning: --redirect-uri: REDIRECT_URI_LOCAL:");
  });

  it.each(
    [
      // accepted everywhere (some with a config warning)
      [MERGE, true],
      ["https://app.acme.io:8443/intercom/callback?tenant=1", true],
      ["http://localhost:3000/cb", true],
      ["http://127.0.0.1/cb", true],
      ["http://[::1]:8080/cb", true],
      ["HTTP://LOCALHOST/cb", true],
      ["https://localhost/cb", true],
      // refused everywhere
      ["http://app.merge.dev/cb", false],
      ["http://10.0.0.5/cb", false],
      ["http://app.localhost/cb", false],
      ["http://localhost.evil.com/cb", false],
      // the host as written: URL would normalise 127.1 to 127.0.0.1
      ["http://127.1/cb", false],
      ["ftp://localhost/cb", false],
      ["/oauth/callback", false],
      ["https:/app.merge.dev/cb", false],
      ["https:///cb", false],
      [" https://app.merge.dev/cb", false],
      ["https://app.merge.dev/cb#x", false],
      ["https://*.merge.dev/cb", false],
      ["https://user:pw@app.merge.dev/cb", false],
      [`https://app.merge.dev/${"a".repeat(2048)}`, false],
    ].map(([uri, accepted]) => ({
      uri: uri as string,
      accepted: accepted as boolean,
      name: (uri as string).length > 80 ? `a URL of ${(uri as string).length} characters` : JSON.stringify(uri),
    })),
  )("$name: accepted by all three = $accepted", async ({ uri, accepted }) => {
    const lintErrors = checkRedirectUri(uri).filter((one) => one.severity === "error");
    expect(lintErrors.length === 0, "config lint").toBe(accepted);
    const config = validateConfig(validConfig({ redirectUris: [uri] }));
    expect(config.valid, "validateConfig").toBe(accepted);
    expect(clientProblems(uri) === undefined, "client").toBe(accepted);
    const run = await cli(["authorize-url", write(validConfig()), "--redirect-uri", uri]);
    expect(run.code, "authorize-url").toBe(accepted ? 0 : 2);
  });

  it("names all three loopback hosts when it refuses http, in the client, the lint and the CLI", async () => {
    const uri = "http://app.merge.dev/cb";
    const messages = [
      (clientProblems(uri) ?? []).join("\n"),
      checkRedirectUri(uri)
        .map((one) => one.message)
        .join("\n"),
      (await cli(["authorize-url", write(validConfig()), "--redirect-uri", uri])).stderr,
    ];
    for (const message of messages) for (const host of LOOPBACK) expect(message).toContain(host);
  });

  it("makes an http loopback Redirect URL a config warning that only --strict fails", async () => {
    const file = write(validConfig({ redirectUris: [MERGE, "http://localhost:3000/cb"] }));
    const loose = await cli(["validate", file, "--no-env", "--format", "json"]);
    expect(loose.code).toBe(0);
    const report = JSON.parse(loose.stdout) as { issues: { code: string; severity: string; path: string }[] };
    expect(report.issues).toEqual([
      expect.objectContaining({ code: "REDIRECT_URI_LOCAL", severity: "warning", path: "/redirectUris/1" }),
    ]);
    expect((await cli(["validate", file, "--no-env", "--strict"])).code).toBe(1);
    expect((await cli(["init", "dev.json", "--redirect-uri", "http://127.0.0.1:8080/cb"])).code).toBe(0);
  });
});
