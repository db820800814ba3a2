import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type AuthorizationUrl,
  createAuthorizationUrl,
  createIntercomOAuth,
  IntercomOAuthError,
} from "../src/index.js";

const REDIRECT = "https://example.com/oauth/intercom/callback";

describe("createAuthorizationUrl (standalone)", () => {
  it.each([
    ["us", "https://app.intercom.com/oauth"],
    ["eu", "https://app.eu.intercom.com/oauth"],
    ["au", "https://app.au.intercom.com/oauth"],
  ] as const)("uses the %s consent host", (region, base) => {
    const { url } = createAuthorizationUrl({ clientId: "cid", region, state: "s1" });
    expect(`${url.origin}${url.pathname}`).toBe(base);
  });

  it("defaults to the US host", () => {
    expect(createAuthorizationUrl({ clientId: "cid" }).url.host).toBe("app.intercom.com");
  });

  it("sends client_id and state, and redirect_uri only when given", () => {
    const without = createAuthorizationUrl({ clientId: "cid", state: "s1" });
    expect([...without.url.searchParams.keys()].sort()).toEqual(["client_id", "state"]);
    expect(without.url.searchParams.get("client_id")).toBe("cid");
    expect(without.url.searchParams.get("state")).toBe("s1");
    expect(without.state).toBe("s1");

    const withUri = createAuthorizationUrl({ clientId: "cid", state: "s1", redirectUri: REDIRECT });
    expect([...withUri.url.searchParams.keys()].sort()).toEqual(["client_id", "redirect_uri", "state"]);
    expect(withUri.url.searchParams.get("redirect_uri")).toBe(REDIRECT);
  });

  it("never sends scope, PKCE or response_type parameters", () => {
    const { url } = createAuthorizationUrl({ clientId: "cid", redirectUri: REDIRECT });
    for (const name of ["scope", "code_challenge", "code_challenge_method", "response_type", "client_secret"]) {
      expect(url.searchParams.has(name)).toBe(false);
    }
  });

  it("generates a fresh 43-character state when none is given", () => {
    const a = createAuthorizationUrl({ clientId: "cid" });
    const b = createAuthorizationUrl({ clientId: "cid" });
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.url.searchParams.get("state")).toBe(a.state);
    expect(a.state).not.toBe(b.state);
  });

  it("encodes values safely", () => {
    const { url } = createAuthorizationUrl({
      clientId: "c&d=1",
      state: "a b+c",
      redirectUri: "https://e.com/cb?x=1&y=2",
    });
    expect(url.searchParams.get("client_id")).toBe("c&d=1");
    expect(url.searchParams.get("state")).toBe("a b+c");
    expect(url.searchParams.get("redirect_uri")).toBe("https://e.com/cb?x=1&y=2");
  });

  it("honours baseUrls.app", () => {
    const { url } = createAuthorizationUrl({ clientId: "cid", baseUrls: { app: "http://127.0.0.1:4010/" } });
    expect(`${url.origin}${url.pathname}`).toBe("http://127.0.0.1:4010/oauth");
  });

  it.each([
    [{ clientId: "" }, "clientId is empty"],
    [{ clientId: " cid" }, "whitespace"],
    [{ clientId: "cid", redirectUri: "http://example.com/cb" }, "https"],
    [{ clientId: "cid", redirectUri: "/cb" }, "absolute"],
    [{ clientId: "cid", redirectUri: "https://example.com/cb#x" }, "fragment"],
    [{ clientId: "cid", redirectUri: "https://u:p@example.com/cb" }, "user name"],
    [{ clientId: "cid", region: "us-east" }, "region"],
    [{ clientId: "cid", state: "" }, "state is empty"],
    [{ clientId: "cid", baseUrls: { app: "ftp://x" } }, "baseUrls.app"],
    [{ clientId: "cid", scope: "read" }, 'Unknown option "scope"'],
  ])("rejects bad input %#", (input, fragment) => {
    expect(() => createAuthorizationUrl(input as never)).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTIONS", message: expect.stringContaining(fragment) }) as Error,
    );
  });

  it("allows http redirect URIs on localhost only", () => {
    expect(
      createAuthorizationUrl({ clientId: "cid", redirectUri: "http://localhost:3000/cb" }).url.searchParams.get(
        "redirect_uri",
      ),
    ).toBe("http://localhost:3000/cb");
    expect(() => createAuthorizationUrl({ clientId: "cid", redirectUri: "http://127.0.0.1:3000/cb" })).not.toThrow();
  });

  it("has the documented types", () => {
    expectTypeOf(createAuthorizationUrl).returns.toEqualTypeOf<AuthorizationUrl>();
    expectTypeOf<AuthorizationUrl["url"]>().toEqualTypeOf<URL>();
  });
});

describe("client.createAuthorizationUrl", () => {
  const intercom = createIntercomOAuth({
    clientId: "cid",
    clientSecret: "top-secret-value",
    redirectUri: REDIRECT,
    region: "eu",
  });

  it("uses the client's region and redirect URI", () => {
    const { url, state } = intercom.createAuthorizationUrl();
    expect(url.host).toBe("app.eu.intercom.com");
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT);
    expect(url.searchParams.get("state")).toBe(state);
    expect(url.href).not.toContain("top-secret-value");
  });

  it("lets one call override the redirect URI and state", () => {
    const { url } = intercom.createAuthorizationUrl({ state: "mine", redirectUri: "https://example.com/other" });
    expect(url.searchParams.get("redirect_uri")).toBe("https://example.com/other");
    expect(url.searchParams.get("state")).toBe("mine");
  });

  it("omits redirect_uri when the client has none", () => {
    const bare = createIntercomOAuth({ clientId: "cid", clientSecret: "top-secret-value" });
    expect(bare.createAuthorizationUrl().url.searchParams.has("redirect_uri")).toBe(false);
  });

  it("validates the per-call redirect URI", () => {
    expect(() => intercom.createAuthorizationUrl({ redirectUri: "http://example.com/cb" })).toThrow(IntercomOAuthError);
  });
});
