// The redirect URL rules at their edges: anchored host patterns, the host as written, one
// finding per problem, and what each config issue tells the developer to do.
import { describe, expect, it } from "vitest";
import { MAX_REDIRECT_URI_LENGTH, checkRedirectUri, checkRedirectUris } from "../src/config/index.js";
import { createAuthorizationUrl, IntercomOAuthError } from "../src/index.js";

const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const codes = (uri: string) => checkRedirectUri(uri).map((one) => one.code);

describe("redirect URL rules: host patterns match whole host names", () => {
  it.each([
    // an IP literal only when the whole host is one (nip.io-style names are real DNS names)
    "https://1.2.3.4.acme.io/cb",
    "https://10.0.0.5.tunnel.acme.io/cb",
    // a reserved name only as the last labels of the host
    "https://example.com.acme.io/cb",
    "https://example.org.acme.io/cb",
    "https://app.test.acme.io/cb",
    "https://x.invalid.acme.io/cb",
    "https://notexample.com/cb",
    "https://example-shop.com/cb",
    "https://examples.dev/cb",
    "https://contest.acme.io/cb",
    "https://localhost.acme.io/cb",
  ])("accepts %s without a warning", (uri) => {
    expect(checkRedirectUri(uri)).toEqual([]);
  });

  it.each([
    "https://192.168.10.20/cb",
    "https://172.16.254.100:8443/cb",
    "https://8.8.8.8/cb",
    // WHATWG URL reads these as IPv4: the warning follows the host the browser would use
    "https://0x7f.1/cb",
    "https://1.2.3.4./cb",
  ])("warns that the IP literal in %s is local", (uri) => {
    const issues = checkRedirectUri(uri);
    expect(issues.map((one) => [one.code, one.severity])).toEqual([["REDIRECT_URI_LOCAL", "warning"]]);
  });

  it.each([
    ["https://example.com/cb", "example.com"],
    ["https://example.net/cb", "example.net"],
    ["https://EXAMPLE.ORG/cb", "example.org"],
    ["https://app.example.com/cb", "app.example.com"],
    ["https://shop.example/cb", "shop.example"],
    ["https://example/cb", "example"],
    ["https://acme.test/cb", "acme.test"],
    ["https://x.invalid/cb", "x.invalid"],
  ])("warns that %s uses the reserved host %s", (uri, host) => {
    const issues = checkRedirectUri(uri);
    expect(issues.map((one) => [one.code, one.severity])).toEqual([["REDIRECT_URI_PLACEHOLDER", "warning"]]);
    expect(issues[0]?.message).toContain(`reserved example host ${host}.`);
    expect(issues[0]?.hint).toMatch(/real callback URL/);
  });
});

describe("redirect URL rules: the URL as written", () => {
  it("does not read a URL in the query of a relative path as the redirect URL", () => {
    expect(codes("/oauth/callback?next=https://app.merge.dev/cb")).toEqual(["REDIRECT_URI_NOT_ABSOLUTE"]);
    expect(codes("callback?next=http://localhost/cb")).toEqual(["REDIRECT_URI_NOT_ABSOLUTE"]);
  });

  it("names a custom app scheme in full when it refuses it", () => {
    const [issue] = checkRedirectUri("com.acme-app+v2.ios://oauth/callback");
    expect(issue?.code).toBe("REDIRECT_URI_NOT_HTTPS");
    expect(issue?.message).toContain("uses com.acme-app+v2.ios:, not https:");
  });

  it("refuses a scheme that starts with a digit as not absolute", () => {
    expect(codes("1https://app.merge.dev/cb")).toEqual(["REDIRECT_URI_NOT_ABSOLUTE"]);
  });

  it("reads the host after the user info: http with user info on localhost is refused for the user info only", () => {
    const errors = checkRedirectUri("http://dev@localhost:3000/cb").filter((one) => one.severity === "error");
    expect(errors.map((one) => one.code)).toEqual(["REDIRECT_URI_USERINFO"]);
    expect(codes("http://dev@app.merge.dev/cb")).toEqual(["REDIRECT_URI_NOT_HTTPS", "REDIRECT_URI_USERINFO"]);
  });

  it("reports an empty host after user info as empty", () => {
    expect(codes("https://user@/cb")).toContain("REDIRECT_URI_EMPTY_HOST");
  });

  it("accepts http on localhost with an empty port, as URL does", () => {
    expect(codes("http://localhost:/cb")).toEqual(["REDIRECT_URI_LOCAL"]);
  });

  it("does not warn about a host that URL finds in the path of a URL with no host", () => {
    // URL reads https:///example.com/cb as https://example.com/cb; the rule reads it as written.
    expect(codes("https:///example.com/cb")).toEqual(["REDIRECT_URI_EMPTY_HOST"]);
    expect(codes("https:///localhost/cb")).toEqual(["REDIRECT_URI_EMPTY_HOST"]);
  });

  it("reports each problem once, without adding 'not a valid URL' to a URL already refused", () => {
    expect(codes("http://app.merge.dev:99999/cb")).toEqual(["REDIRECT_URI_NOT_HTTPS"]);
    expect(codes("https://app.merge.dev:99999/cb#x")).toEqual(["REDIRECT_URI_FRAGMENT"]);
  });

  it("regression: an http localhost URL with a bad port is refused as invalid, not as http on a non-local host", () => {
    const issues = checkRedirectUri("http://localhost:99999/cb");
    expect(issues.map((one) => [one.code, one.severity])).toEqual([["REDIRECT_URI_NOT_ABSOLUTE", "error"]]);
    expect(issues[0]?.message).toMatch(/not a valid URL/);
    expect(issues[0]?.hint).toMatch(/host and port/);
    try {
      createAuthorizationUrl({ clientId: CLIENT_ID, redirectUri: "http://localhost:99999/cb" });
      expect.unreachable("the client accepted a port out of range");
    } catch (error) {
      expect(error).toBeInstanceOf(IntercomOAuthError);
      expect((error as IntercomOAuthError).problems.join("\n")).toMatch(/absolute URL/);
    }
  });
});

describe("redirect URL rules: what each config issue says", () => {
  const long = `https://app.merge.dev/${"a".repeat(MAX_REDIRECT_URI_LENGTH)}`;
  const rows: Array<[string, string, RegExp, RegExp]> = [
    [long, "REDIRECT_URI_TOO_LONG", /is 2070 characters long; the limit is 2048\./, /shorter callback path/],
    [" https://app.merge.dev/cb", "REDIRECT_URI_WHITESPACE", /contains whitespace/, /percent-encode.*%20/],
    ["app.merge.dev/cb", "REDIRECT_URI_NOT_ABSOLUTE", /is not an absolute URL/, /starting with https:\/\//],
    ["ftp://app.merge.dev/cb", "REDIRECT_URI_NOT_HTTPS", /uses ftp:, not https:.*only on localhost/, /tunnel/],
    ["https://u:p@app.merge.dev/cb", "REDIRECT_URI_USERINFO", /user info/, /up to and including the @/],
    ["https:///cb", "REDIRECT_URI_EMPTY_HOST", /has no host/, /Write the host after https:\/\//],
    ["https://app.merge.dev/cb#top", "REDIRECT_URI_FRAGMENT", /#fragment/, /never send the fragment/],
    ["https://*.merge.dev/cb", "REDIRECT_URI_WILDCARD", /\* wildcard/, /each exact callback URL/],
    ["https://app.merge.dev:70000/cb", "REDIRECT_URI_NOT_ABSOLUTE", /is not a valid URL/, /host and port/],
    ["http://127.0.0.1:8080/cb", "REDIRECT_URI_LOCAL", /http URL on 127\.0\.0\.1: fine for local/, /only on localhost/],
    ["https://10.0.0.5/cb", "REDIRECT_URI_LOCAL", /points at 10\.0\.0\.5, which Intercom cannot/, /tunnel/],
  ];
  it.each(
    rows.map(([uri, code, message, hint]) => ({
      uri,
      code,
      message,
      hint,
      shown: uri.length > 80 ? `a URL of ${uri.length} characters` : JSON.stringify(uri),
    })),
  )("$shown: $code says what is wrong and how to fix it", ({ uri, code, message, hint }) => {
    const issue = checkRedirectUri(uri).find((one) => one.code === code);
    expect(issue?.message).toMatch(message);
    expect(issue?.hint).toMatch(hint);
    expect(issue?.message.startsWith("Redirect URL ")).toBe(true);
  });

  it("masks user info however the scheme is written", () => {
    for (const uri of ["HTTPS://admin:hunter2@app.merge.dev/cb", "Ftp://admin:hunter2@app.merge.dev/cb"]) {
      const issues = checkRedirectUri(uri);
      expect(issues.map((one) => one.code)).toContain("REDIRECT_URI_USERINFO");
      expect(JSON.stringify(issues)).not.toContain("hunter2");
      expect(issues[0]?.message).toContain("://***@app.merge.dev/cb");
    }
  });

  it("quotes the URL, masking user info and cutting a long one to 120 characters", () => {
    expect(checkRedirectUri("https://app.merge.dev/cb#x")[0]?.message).toContain('"https://app.merge.dev/cb#x"');
    expect(checkRedirectUri("https://Admin:pw@app.merge.dev/cb")[0]?.message).toContain(
      '"https://***@app.merge.dev/cb"',
    );
    const at120 = `https://app.merge.dev/${"a".repeat(96)}#x`;
    expect(at120).toHaveLength(120);
    expect(checkRedirectUri(at120)[0]?.message).toContain(JSON.stringify(at120));
    const at121 = `${at120}y`;
    const shown = checkRedirectUri(at121)[0]?.message ?? "";
    expect(shown).toContain(JSON.stringify(`${at121.slice(0, 117)}...`));
    expect(shown).not.toContain(at121.slice(0, 118));
  });
});

describe("redirect URL rules: the list", () => {
  const MERGE = "https://app.merge.dev/oauth/callback";

  it("says how to fix an empty list", () => {
    const [issue] = checkRedirectUris([]);
    expect(issue?.message).toMatch(/redirectUris is empty/);
    expect(issue?.hint).toMatch(/at least one https callback URL/);
  });

  it("compares URLs without the whitespace around them", () => {
    const issues = checkRedirectUris([MERGE, ` ${MERGE}\n`]);
    expect(issues.map((one) => one.code)).toEqual(["REDIRECT_URI_WHITESPACE", "REDIRECT_URI_DUPLICATE"]);
    expect(issues[1]?.hint).toMatch(/Remove the duplicate/);
  });

  it("compares URLs without a non-breaking space around them, which URL alone would refuse", () => {
    const issues = checkRedirectUris([MERGE, `\u00a0${MERGE}`]);
    expect(issues.map((one) => [one.code, one.path])).toContainEqual(["REDIRECT_URI_DUPLICATE", [1]]);
  });

  it("compares URLs that are not valid as written: two different ones are no duplicate", () => {
    const issues = checkRedirectUris(["/a/callback", "/b/callback", "/a/callback"]);
    expect(issues.map((one) => [one.code, one.path])).toEqual([
      ["REDIRECT_URI_NOT_ABSOLUTE", [0]],
      ["REDIRECT_URI_NOT_ABSOLUTE", [1]],
      ["REDIRECT_URI_NOT_ABSOLUTE", [2]],
      ["REDIRECT_URI_DUPLICATE", [2]],
    ]);
  });

  it("says which entry a trailing-slash twin repeats, and that matching is exact", () => {
    const issues = checkRedirectUris([`${MERGE}/`, "https://api.nango.dev/cb", MERGE]);
    expect(issues.map((one) => [one.code, one.path])).toEqual([["REDIRECT_URI_TRAILING_SLASH_TWIN", [2]]]);
    expect(issues[0]?.message).toMatch(/differs from redirectUris\[0\] only by a trailing slash/);
    expect(issues[0]?.hint).toMatch(/exactly/);
  });

  it("reports a twin once per URL, each against the first of its kind", () => {
    const issues = checkRedirectUris([MERGE, `${MERGE}/`, `${MERGE}//`]);
    expect(issues.map((one) => [one.code, one.path])).toEqual([
      ["REDIRECT_URI_TRAILING_SLASH_TWIN", [1]],
      ["REDIRECT_URI_TRAILING_SLASH_TWIN", [2]],
    ]);
    expect(issues[1]?.message).toContain("redirectUris[0]");
  });
});
