import { describe, expect, it } from "vitest";
import { MAX_REDIRECT_URI_LENGTH, checkRedirectUri, checkRedirectUris } from "../src/config/index.js";

const codes = (uri: string) => checkRedirectUri(uri).map((one) => one.code);

describe("checkRedirectUri", () => {
  it.each([
    "https://app.merge.dev/oauth/callback",
    "https://api.nango.dev/oauth/callback",
    "https://app.acme.io:8443/intercom/callback?tenant=1",
    "https://acme.io",
  ])("accepts %s", (uri) => {
    expect(checkRedirectUri(uri)).toEqual([]);
  });

  it.each([
    ["/oauth/callback", "REDIRECT_URI_NOT_ABSOLUTE"],
    ["app.merge.dev/oauth/callback", "REDIRECT_URI_NOT_ABSOLUTE"],
    ["https:/app.merge.dev/cb", "REDIRECT_URI_NOT_ABSOLUTE"],
    ["", "REDIRECT_URI_NOT_ABSOLUTE"],
    ["https://app.merge.dev:99999/cb", "REDIRECT_URI_NOT_ABSOLUTE"],
    ["https://[::1/cb", "REDIRECT_URI_NOT_ABSOLUTE"],
    ["http://app.merge.dev/oauth/callback", "REDIRECT_URI_NOT_HTTPS"],
    ["ftp://app.merge.dev/cb", "REDIRECT_URI_NOT_HTTPS"],
    ["https://app.merge.dev/cb#section", "REDIRECT_URI_FRAGMENT"],
    ["https://app.merge.dev/cb#", "REDIRECT_URI_FRAGMENT"],
    ["https://*.merge.dev/cb", "REDIRECT_URI_WILDCARD"],
    ["https://app.merge.dev/*", "REDIRECT_URI_WILDCARD"],
    ["https://user@app.merge.dev/cb", "REDIRECT_URI_USERINFO"],
    ["https://user:pass@app.merge.dev/cb", "REDIRECT_URI_USERINFO"],
    ["https:///cb", "REDIRECT_URI_EMPTY_HOST"],
    ["https://:443/cb", "REDIRECT_URI_EMPTY_HOST"],
    [" https://app.merge.dev/cb", "REDIRECT_URI_WHITESPACE"],
    ["https://app.merge.dev/o auth", "REDIRECT_URI_WHITESPACE"],
    ["https://app.merge.dev/cb\n", "REDIRECT_URI_WHITESPACE"],
    [`https://app.merge.dev/${"a".repeat(MAX_REDIRECT_URI_LENGTH)}`, "REDIRECT_URI_TOO_LONG"],
  ])("rejects %j with %s", (uri, code) => {
    const issues = checkRedirectUri(uri);
    expect(issues.map((one) => one.code)).toContain(code);
    expect(issues.find((one) => one.code === code)?.severity).toBe("error");
    expect(issues.every((one) => one.path.length === 0)).toBe(true);
  });

  it("accepts exactly 2,048 characters", () => {
    const uri = `https://app.merge.dev/${"a".repeat(MAX_REDIRECT_URI_LENGTH - 22)}`;
    expect(uri).toHaveLength(MAX_REDIRECT_URI_LENGTH);
    expect(codes(uri)).toEqual([]);
  });

  it.each([
    "https://localhost/cb",
    "https://localhost:3000/cb",
    "https://app.localhost/cb",
    "https://127.0.0.1/cb",
    "https://10.0.0.5:8443/cb",
    "https://[::1]/cb",
  ])("warns (not errors) for the local host %s", (uri) => {
    const issues = checkRedirectUri(uri);
    expect(issues.map((one) => one.code)).toEqual(["REDIRECT_URI_LOCAL"]);
    expect(issues[0]?.severity).toBe("warning");
    expect(issues[0]?.hint).toContain("use a tunnel");
    expect(`${issues[0]?.message} ${issues[0]?.hint}`).toContain("HTTPS");
  });

  it.each(["http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb", "HTTP://LOCALHOST/cb"])(
    "warns (not errors) for the http loopback URL %s, as a development-only URL",
    (uri) => {
      const issues = checkRedirectUri(uri);
      expect(issues.map((one) => [one.code, one.severity])).toEqual([["REDIRECT_URI_LOCAL", "warning"]]);
      expect(issues[0]?.message).toContain("local development");
    },
  );

  it.each(["http://app.localhost/cb", "http://10.0.0.5/cb", "http://localhost.evil.com/cb", "http://127.0.0.2/cb"])(
    "still refuses http on %s, naming the three loopback hosts",
    (uri) => {
      const error = checkRedirectUri(uri).find((one) => one.code === "REDIRECT_URI_NOT_HTTPS");
      expect(error?.severity).toBe("error");
      for (const host of ["localhost", "127.0.0.1", "[::1]"]) expect(error?.message).toContain(host);
    },
  );

  it.each(["https://example.com/cb", "https://app.example.org/cb", "https://acme.test/cb", "https://x.invalid/cb"])(
    "warns about the reserved host in %s",
    (uri) => {
      expect(codes(uri)).toEqual(["REDIRECT_URI_PLACEHOLDER"]);
    },
  );

  it("does not echo a password from user info", () => {
    const issues = checkRedirectUri("https://admin:hunter2-password@app.merge.dev/cb");
    expect(JSON.stringify(issues)).not.toContain("hunter2");
  });

  it("reports several problems at once", () => {
    expect(codes("http://user@*.merge.dev/cb#x").sort()).toEqual(
      ["REDIRECT_URI_FRAGMENT", "REDIRECT_URI_NOT_HTTPS", "REDIRECT_URI_USERINFO", "REDIRECT_URI_WILDCARD"].sort(),
    );
  });
});

describe("checkRedirectUris", () => {
  const MERGE = "https://app.merge.dev/oauth/callback";

  it("accepts the seed's single Merge callback", () => {
    expect(checkRedirectUris([MERGE])).toEqual([]);
  });

  it("reports an empty list", () => {
    expect(checkRedirectUris([]).map((one) => one.code)).toEqual(["REDIRECT_URIS_EMPTY"]);
  });

  it("reports an exact duplicate and a normalised duplicate at the later index", () => {
    const issues = checkRedirectUris([
      MERGE,
      "https://api.nango.dev/oauth/callback",
      MERGE,
      "HTTPS://APP.MERGE.DEV:443/oauth/callback",
    ]);
    expect(issues.map((one) => [one.code, one.path])).toEqual([
      ["REDIRECT_URI_DUPLICATE", [2]],
      ["REDIRECT_URI_DUPLICATE", [3]],
    ]);
    expect(issues[0]?.message).toContain("redirectUris[0]");
  });

  it("warns about a trailing-slash twin", () => {
    const issues = checkRedirectUris([MERGE, `${MERGE}/`]);
    expect(issues.map((one) => [one.code, one.severity, one.path])).toEqual([
      ["REDIRECT_URI_TRAILING_SLASH_TWIN", "warning", [1]],
    ]);
  });

  it("prefixes each URL's own issues with its index", () => {
    const issues = checkRedirectUris([MERGE, "http://app.merge.dev/x"]);
    expect(issues.map((one) => [one.code, one.path])).toEqual([["REDIRECT_URI_NOT_HTTPS", [1]]]);
  });
});
