import { inspect } from "node:util";
import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createIntercomOAuth, type IntercomToken, isIntercomOAuthError, toIntercomToken } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const TOKEN_URL = "https://api.intercom.io/auth/eagle/token";
const CLIENT_SECRET = "cs_0123456789abcdef_SECRET";
const CODE = "Y29kZTpzaW5nbGUtdXNlLWF1dGgtY29kZQ==";
const TOKEN = "dG9rOjBiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ==";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN];

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// Created before msw patches fetch in beforeAll: passing tests prove fetch is looked up per call.
const intercom = createIntercomOAuth({ clientId: "client-id-1", clientSecret: CLIENT_SECRET });

/** Installs a token-endpoint handler and counts the requests it sees. */
function onToken(resolver: (request: Request) => Response | Promise<Response>, url = TOKEN_URL) {
  const seen: Request[] = [];
  server.use(
    http.post(url, async ({ request }) => {
      seen.push(request.clone());
      return resolver(request);
    }),
  );
  return seen;
}

const envelope = (code: string, message: string, requestId = "req-123") => ({
  type: "error.list",
  request_id: requestId,
  errors: [{ code, message }],
});

describe("exchangeCode: success", () => {
  it("posts a form with code, client_id and client_secret, and returns a non-expiring Bearer token", async () => {
    const seen = onToken(() => HttpResponse.json({ token_type: "Bearer", token: TOKEN, access_token: TOKEN }));
    const token = await intercom.exchangeCode(CODE);
    expect(seen).toHaveLength(1);
    const request = seen[0] as Request;
    expect(request.method).toBe("POST");
    expect(request.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.headers.get("accept")).toBe("application/json");
    const form = new URLSearchParams(await request.text());
    expect(Object.fromEntries(form)).toEqual({ code: CODE, client_id: "client-id-1", client_secret: CLIENT_SECRET });
    expect(token.accessToken).toBe(TOKEN);
    expect(token.tokenType).toBe("Bearer");
    expect(token.expiresAt).toBeNull();
    expect(token.refreshToken).toBeNull();
    expectTypeOf(token).toEqualTypeOf<IntercomToken>();
    expectTypeOf(token.expiresAt).toEqualTypeOf<null>();
    expectTypeOf(token.refreshToken).toEqualTypeOf<null>();
    expectTypeOf(token.tokenType).toEqualTypeOf<"Bearer">();
    expectTypeOf(token.accessToken).toEqualTypeOf<string>();
  });

  it.each([
    ["token only", { token_type: "Bearer", token: TOKEN }],
    ["access_token only", { token_type: "Bearer", access_token: TOKEN }],
    ["no token_type", { token: TOKEN }],
    ["extra fields", { token: TOKEN, access_token: TOKEN, token_type: "bearer", scope: "x" }],
  ])("accepts %s", async (_name, body) => {
    onToken(() => HttpResponse.json(body));
    expect((await intercom.exchangeCode(CODE)).accessToken).toBe(TOKEN);
  });

  it("uses the regional API host", async () => {
    const au = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, region: "au" });
    const seen = onToken(() => HttpResponse.json({ token: TOKEN }), "https://api.au.intercom.io/auth/eagle/token");
    await au.exchangeCode(CODE);
    expect(seen).toHaveLength(1);
  });

  it("uses a custom fetch when given", async () => {
    const calls: string[] = [];
    const custom = createIntercomOAuth({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      fetch: async (input, init) => {
        calls.push(input instanceof Request ? input.url : String(input));
        return globalThis.fetch(input, init);
      },
    });
    onToken(() => HttpResponse.json({ token: TOKEN }));
    await custom.exchangeCode(CODE);
    expect(calls).toEqual([TOKEN_URL]);
  });
});

describe("the token object hides its token", () => {
  it("from JSON.stringify, String, inspect and spreading", async () => {
    onToken(() => HttpResponse.json({ token: TOKEN }));
    const token = await intercom.exchangeCode(CODE);
    for (const view of [
      JSON.stringify(token),
      String(token),
      `${token}`,
      inspect(token),
      inspect(token, { showHidden: true, depth: 10 }),
      JSON.stringify({ ...token }),
      JSON.stringify(Object.entries(token)),
      Object.keys(token).join(","),
    ]) {
      expect(view).not.toContain(TOKEN);
    }
    expect(JSON.parse(JSON.stringify(token))).toEqual({
      tokenType: "Bearer",
      accessToken: "dG9r…(56 chars)",
      expiresAt: null,
      refreshToken: null,
    });
    expect(Object.isFrozen(token)).toBe(true);
  });

  it("masks a short token entirely: no leading characters, only its length", () => {
    const short = toIntercomToken("tok-123456789");
    expect(short.toJSON()).toMatchObject({ accessToken: "…(13 chars)" });
    expect(String(short)).toBe("IntercomToken(Bearer …(13 chars))");
    expect(JSON.stringify(toIntercomToken(TOKEN))).toContain(`"${TOKEN.slice(0, 4)}…(${TOKEN.length} chars)"`);
  });

  it("toIntercomToken wraps a stored token the same way", () => {
    const token = toIntercomToken(TOKEN);
    expect(token.accessToken).toBe(TOKEN);
    expect(JSON.stringify(token)).not.toContain(TOKEN);
  });
});

describe("exchangeCode: errors", () => {
  it("maps 401 Unauthorized Code to INVALID_GRANT, with request id and errors", async () => {
    onToken(() => HttpResponse.json(envelope("unauthorized", "Unauthorized Code"), { status: 401 }));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_GRANT", status: 401, requestId: "req-123" });
    expect(error.errors).toEqual([{ code: "unauthorized", message: "Unauthorized Code" }]);
    expect(error.message).toContain("codes work once");
    expect(error.response?.status).toBe(401);
    expectNoSecrets(error, SECRETS);
  });

  it("maps RFC 6749 invalid_grant (400) to INVALID_GRANT", async () => {
    onToken(() => HttpResponse.json({ error: "invalid_grant", error_description: "Code expired" }, { status: 400 }));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_GRANT", status: 400 });
    expect(error.errors).toEqual([{ code: "invalid_grant", message: "Code expired" }]);
    expectNoSecrets(error, SECRETS);
  });

  it("maps RFC 6749 invalid_client to INVALID_CLIENT", async () => {
    onToken(() =>
      HttpResponse.json({ error: "invalid_client" }, { status: 401, headers: { "x-request-id": "hdr-1" } }),
    );
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_CLIENT", status: 401, requestId: "hdr-1" });
    expect(error.message).toContain("clientSecret");
    expectNoSecrets(error, SECRETS);
  });

  it("maps an Intercom message naming the client secret to INVALID_CLIENT", async () => {
    onToken(() => HttpResponse.json(envelope("parameter_invalid", "Client secret is invalid"), { status: 400 }));
    expect((await caught(() => intercom.exchangeCode(CODE))).code).toBe("INVALID_CLIENT");
  });

  it("scrubs secrets that Intercom echoes back", async () => {
    onToken(() =>
      HttpResponse.json(envelope("unauthorized", `Unauthorized Code ${CODE} (sent with ${CLIENT_SECRET})`), {
        status: 401,
      }),
    );
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("INVALID_GRANT");
    expect(error.errors[0]?.message).toContain("[redacted]");
    expectNoSecrets(error, SECRETS);
  });

  it("maps an HTML 502 to SERVER_ERROR with its status", async () => {
    onToken(
      () =>
        new HttpResponse("<html><body>Bad gateway</body></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
    );
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 502 });
    expect(error.errors).toEqual([]);
    expectNoSecrets(error, SECRETS);
  });

  it("maps an HTML 200 to INVALID_RESPONSE", async () => {
    onToken(() => new HttpResponse("<html>Login</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_RESPONSE", status: 200 });
    expect(error.message).toContain("HTML");
    expectNoSecrets(error, SECRETS);
  });

  it("maps malformed JSON to INVALID_RESPONSE", async () => {
    onToken(() => new HttpResponse('{"token": "abc', { status: 200, headers: { "content-type": "application/json" } }));
    expectNoSecrets(await caught(() => intercom.exchangeCode(CODE)), SECRETS);
    onToken(() => new HttpResponse('{"token": "abc', { status: 200, headers: { "content-type": "application/json" } }));
    expect((await caught(() => intercom.exchangeCode(CODE))).code).toBe("INVALID_RESPONSE");
  });

  it.each([
    ["no token", { token_type: "Bearer" }],
    ["wrong type", { token: 42 }],
    ["empty token", { token: "" }],
    ["a JSON array", [TOKEN]],
    ["another token type", { token: TOKEN, token_type: "mac" }],
  ])("maps a wrong shape (%s) to INVALID_RESPONSE", async (_name, body) => {
    onToken(() => HttpResponse.json(body));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expectNoSecrets(error, SECRETS);
  });

  it("maps token and access_token that differ to INVALID_RESPONSE without revealing either", async () => {
    const other = `${TOKEN.slice(0, -3)}xyz`;
    onToken(() => HttpResponse.json({ token: TOKEN, access_token: other }));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("differ");
    expectNoSecrets(error, [...SECRETS, other]);
  });

  it("maps a network failure to NETWORK_ERROR with a secret-free cause", async () => {
    onToken(() => HttpResponse.error());
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.cause).toBeInstanceOf(Error);
    expect(isIntercomOAuthError(error.cause)).toBe(false);
    expectNoSecrets(error, SECRETS);
  });

  it("maps 429 to RATE_LIMITED with retryAfterMs, without retrying", async () => {
    const seen = onToken(() =>
      HttpResponse.json(envelope("rate_limit_exceeded", "Too many"), { status: 429, headers: { "retry-after": "7" } }),
    );
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterMs: 7000 });
    expect(seen).toHaveLength(1);
    expectNoSecrets(error, SECRETS);
  });

  it("rejects an empty code before any request", async () => {
    const seen = onToken(() => HttpResponse.json({ token: TOKEN }));
    const error = await caught(() => intercom.exchangeCode(""));
    expect(error.code).toBe("CODE_MISSING");
    expectNoSecrets(error, SECRETS);
    expect(seen).toHaveLength(0);
  });
});

describe("exchangeCode: never retried", () => {
  it("makes exactly one request on a 500", async () => {
    const seen = onToken(() => HttpResponse.json(envelope("server_error", "Boom"), { status: 500 }));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 500 });
    expect(error.message).toContain("not retried");
    expect(seen).toHaveLength(1);
    expectNoSecrets(error, SECRETS);
  });

  it("makes exactly one request on a timeout, and reports TIMEOUT", async () => {
    const fast = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, timeoutMs: 50 });
    const seen = onToken(async () => {
      await delay(400);
      return HttpResponse.json({ token: TOKEN });
    });
    const started = Date.now();
    const error = await caught(() => fast.exchangeCode(CODE));
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toContain("not retried");
    expect(Date.now() - started).toBeLessThan(350);
    await delay(450);
    expect(seen).toHaveLength(1);
    expectNoSecrets(error, SECRETS);
  });

  it("times out a stalled body, still with one request", async () => {
    const fast = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, timeoutMs: 80 });
    const seen = onToken(
      () =>
        new HttpResponse(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"tok')) }), {
          status: 200,
        }),
    );
    const error = await caught(() => fast.exchangeCode(CODE));
    expect(error.code).toBe("TIMEOUT");
    expect(seen).toHaveLength(1);
  });

  it("times out a custom fetch that ignores its signal", async () => {
    const stuck = createIntercomOAuth({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      timeoutMs: 50,
      fetch: () => new Promise<Response>(() => {}),
    });
    expect((await caught(() => stuck.exchangeCode(CODE))).code).toBe("TIMEOUT");
  });

  it("reports ABORTED (not TIMEOUT) when the caller aborts", async () => {
    onToken(async () => {
      await delay(400);
      return HttpResponse.json({ token: TOKEN });
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await caught(() => intercom.exchangeCode(CODE, { signal: controller.signal }));
    expect(error.code).toBe("ABORTED");
    expectNoSecrets(error, SECRETS);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const seen = onToken(() => HttpResponse.json({ token: TOKEN }));
    const error = await caught(() => intercom.exchangeCode(CODE, { signal: AbortSignal.abort() }));
    expect(error.code).toBe("ABORTED");
    expect(seen).toHaveLength(0);
  });
});
