import { inspect } from "node:util";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createIntercomOAuth,
  type IntercomOAuthClient,
  type IntercomOAuthOptions,
  IntercomOAuthError,
} from "../src/index.js";
import { expectNoSecrets } from "./support/expect-no-secrets.js";

const SECRET = "cs_0123456789abcdef_SECRET";

function invalid(options: unknown): IntercomOAuthError {
  try {
    createIntercomOAuth(options as IntercomOAuthOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(IntercomOAuthError);
    expect((error as IntercomOAuthError).code).toBe("INVALID_OPTIONS");
    return error as IntercomOAuthError;
  }
  throw new Error("expected INVALID_OPTIONS");
}

describe("createIntercomOAuth options", () => {
  it("accepts minimal and full options", () => {
    expect(createIntercomOAuth({ clientId: "cid", clientSecret: SECRET }).region).toBe("us");
    const full = createIntercomOAuth({
      clientId: "cid",
      clientSecret: SECRET,
      redirectUri: "https://example.com/cb",
      region: "eu",
      apiVersion: "2.14",
      timeoutMs: 5000,
      fetch: globalThis.fetch,
      baseUrls: { app: "http://127.0.0.1:4010", api: "https://proxy.example.com/" },
      maxRetries: 10,
    });
    expect(full.region).toBe("eu");
    expect(full.clientId).toBe("cid");
    expectTypeOf(full).toEqualTypeOf<IntercomOAuthClient>();
  });

  it("lists every problem at once, without echoing the secret", () => {
    const error = invalid({
      clientId: "",
      clientSecret: ` ${SECRET}\n`,
      region: "moon",
      redirectUri: "http://example.com/cb",
      timeoutMs: -5,
      maxRetries: 11,
      fetch: "fetch",
      baseUrls: { api: "https://proxy.example.com/path?x=1" },
      redirectUrl: "https://example.com/cb",
    });
    expect(error.problems.length).toBeGreaterThanOrEqual(9);
    const all = error.problems.join("\n");
    for (const fragment of [
      "clientId",
      "clientSecret",
      "region",
      "redirectUri",
      "timeoutMs",
      "maxRetries",
      "fetch",
      "baseUrls.api",
    ]) {
      expect(all).toContain(fragment);
    }
    expect(all).toContain('Did you mean "redirectUri"?');
    for (const problem of error.problems) expect(error.message).toContain(problem);
    expectNoSecrets(error, [SECRET, SECRET.slice(0, 12)]);
  });

  it.each([
    ["not an object", undefined, "options object"],
    ["missing secret", { clientId: "cid" }, "clientSecret"],
    ["secret not a string", { clientId: "cid", clientSecret: 42 }, "clientSecret must be a string"],
    ["fractional timeout", { clientId: "cid", clientSecret: SECRET, timeoutMs: 1.5 }, "whole number"],
    ["huge timeout", { clientId: "cid", clientSecret: SECRET, timeoutMs: 2 ** 31 }, "at most"],
    ["negative retries", { clientId: "cid", clientSecret: SECRET, maxRetries: -1 }, "maxRetries"],
    ["apiVersion with spaces", { clientId: "cid", clientSecret: SECRET, apiVersion: "2 14" }, "apiVersion"],
    [
      "redirect with fragment",
      { clientId: "cid", clientSecret: SECRET, redirectUri: "https://e.com/cb#x" },
      "fragment",
    ],
    ["relative redirect", { clientId: "cid", clientSecret: SECRET, redirectUri: "/cb" }, "absolute"],
    ["baseUrls not http", { clientId: "cid", clientSecret: SECRET, baseUrls: { api: "ftp://x" } }, "baseUrls.api"],
    [
      "baseUrls unknown key",
      { clientId: "cid", clientSecret: SECRET, baseUrls: { auth: "https://x" } },
      "baseUrls.auth",
    ],
  ])("rejects %s", (_name, options, fragment) => {
    const error = invalid(options);
    expect(error.problems.join("\n")).toContain(fragment);
    expectNoSecrets(error, [SECRET]);
  });

  it("allows http redirect URIs for localhost, 127.0.0.1 and [::1] only, and says so", () => {
    for (const redirectUri of ["http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb"]) {
      expect(
        () => createIntercomOAuth({ clientId: "c", clientSecret: SECRET, redirectUri }),
        redirectUri,
      ).not.toThrow();
    }
    for (const redirectUri of ["http://localhost.evil.com/cb", "http://127.1/cb", "http://10.0.0.1/cb"]) {
      const message = invalid({ clientId: "c", clientSecret: SECRET, redirectUri }).problems.join("\n");
      for (const host of ["localhost", "127.0.0.1", "[::1]"]) expect(message, redirectUri).toContain(host);
    }
  });

  it("keeps the secret out of the client", () => {
    const client = createIntercomOAuth({ clientId: "cid", clientSecret: SECRET });
    expect(JSON.stringify(client)).not.toContain(SECRET);
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(String(client)).not.toContain(SECRET);
    expect(Object.values(client).map(String).join("")).not.toContain(SECRET);
    expect(JSON.parse(JSON.stringify(client))).toEqual({ clientId: "cid", region: "us" });
    expect(Object.isFrozen(client)).toBe(true);
  });
});
