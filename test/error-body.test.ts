import fc from "fast-check";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, ERROR_CODES, type IntercomOAuthError } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

// Intercom's error bodies, read as users meet them: the `errors` and `requestId` of the
// IntercomOAuthError that a failed getIdentity throws. The reader is internal.
const READ_TOKEN = "dG9rOmVycm9yLWJvZHktcmVhZGVyLTAxMjM0NTY3ODk=";
const reader = setupServer();
const readerClient = createIntercomOAuth({ clientId: "cid", clientSecret: "cs_reader_0123456789", maxRetries: 0 });

/** The error for a /me answer of `status` whose body is `body` (JSON-encoded unless a string). */
async function answered(body: unknown, status = 400): Promise<IntercomOAuthError> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  reader.use(
    http.get(
      "https://api.intercom.io/me",
      () => new HttpResponse(text, { status, headers: { "content-type": "application/json" } }),
    ),
  );
  return caught(() => readerClient.getIdentity(READ_TOKEN));
}

/** The entries and request id read from an error body. */
async function read(body: unknown): Promise<Pick<IntercomOAuthError, "errors" | "requestId">> {
  const { errors, requestId } = await answered(body);
  return { errors, requestId };
}

describe("Intercom error bodies, read into IntercomOAuthError", () => {
  beforeAll(() => reader.listen({ onUnhandledRequest: "error" }));
  afterEach(() => reader.resetHandlers());
  afterAll(() => reader.close());

  it("reads Intercom's error.list envelope", async () => {
    expect(
      await read({
        type: "error.list",
        request_id: "req-1",
        errors: [{ code: "parameter_invalid", message: "Bad", field: "email" }, { code: "token_revoked" }],
      }),
    ).toEqual({
      requestId: "req-1",
      errors: [{ code: "parameter_invalid", message: "Bad", field: "email" }, { code: "token_revoked" }],
    });
  });

  it("reads an RFC 6749 body", async () => {
    expect(await read({ error: "invalid_grant", error_description: "Expired" })).toEqual({
      requestId: undefined,
      errors: [{ code: "invalid_grant", message: "Expired" }],
    });
    expect((await read({ error: "invalid_client" })).errors).toEqual([{ code: "invalid_client" }]);
  });

  it("reads a body with leading whitespace", async () => {
    expect((await read(' {"error":"invalid_grant"}')).errors).toEqual([{ code: "invalid_grant" }]);
  });

  it("reads a single error object and a bare error type", async () => {
    expect((await read({ error: { code: "x", message: "y" } })).errors).toEqual([{ code: "x", message: "y" }]);
    expect((await read({ type: "error", message: "Oops" })).errors).toEqual([{ code: "unknown", message: "Oops" }]);
  });

  it.each([
    "",
    "null",
    "42",
    '""',
    "<html>502</html>",
    "{not json",
    "[]",
    "[1, 2]",
    '{"errors":"nope"}',
    '{"errors":[null,5,{}]}',
    '{"foo":1}',
  ])("gives no entries for the body %j", async (body) => {
    expect((await read(body)).errors).toEqual([]);
  });

  it("caps the number and length of entries", async () => {
    const errors = Array.from({ length: 30 }, (_, i) => ({ code: `c${i}`, message: "m".repeat(5000) }));
    const { errors: read20 } = await read({ errors });
    expect(read20).toHaveLength(20);
    expect(read20[0]?.message?.length).toBe(1000);
  });

  it("turns numeric codes into strings, drops empty and non-finite values, and reads fallbacks", async () => {
    // JSON has no Infinity; 1e999 parses as one.
    const body = JSON.stringify({
      request_id: 77,
      errors: [
        { code: 404, message: "", field: "" },
        { code: 0, message: "only a message" },
        { error: "from_error", error_description: "described" },
        { type: "from_type", field: "email" },
        "a bare string",
        "",
        { code: "", message: "" },
      ],
    }).replace('"code":0', '"code":1e999');
    expect(await read(body)).toEqual({
      requestId: "77",
      errors: [
        { code: "404" },
        { code: "unknown", message: "only a message" },
        { code: "from_error", message: "described" },
        { code: "from_type", field: "email" },
        { code: "unknown", message: "a bare string" },
      ],
    });
  });

  it("gives no entries for empty RFC 6749, nested and bare error shapes", async () => {
    for (const body of [
      { error: "" },
      { error: {} },
      { error: { field: "x" } },
      { type: "error" },
      { type: "error", code: "" },
    ]) {
      expect((await read(body)).errors, JSON.stringify(body)).toEqual([]);
    }
    expect((await read({ code: "bare_code" })).errors).toEqual([{ code: "bare_code" }]);
  });

  it("never fails on an arbitrary body: a documented error, with entries of { code: string }", async () => {
    const seed = Number(process.env.FC_SEED ?? 20261129);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.string().map((text) => `{${text}`),
        ),
        fc.constantFrom(400, 404, 422, 500),
        async (body, status) => {
          const error = await answered(body, status);
          expect(Object.keys(ERROR_CODES)).toContain(error.code);
          expect(Array.isArray(error.errors)).toBe(true);
          for (const entry of error.errors) expect(typeof entry.code).toBe("string");
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});

describe("errors mapped from Intercom's answers", () => {
  const TOKEN = "dG9rOjBiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ==";
  const CLIENT_SECRET = "cs_error_body_SECRET_0123456789";
  const CODE = "Y29kZTplcnJvci1ib2R5LXRlc3Q=";
  const server = setupServer();
  const intercom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 0 });
  const answer =
    (status: number, body: unknown, headers: Record<string, string> = {}) =>
    () =>
      HttpResponse.json(body as Record<string, unknown>, { status, headers });
  const list = (...errors: Record<string, unknown>[]) => ({ type: "error.list", request_id: "req-9", errors });

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  async function identityError(resolver: () => Response): Promise<IntercomOAuthError> {
    server.use(http.get("https://api.intercom.io/me", resolver));
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expectNoSecrets(error, [TOKEN, CLIENT_SECRET]);
    return error;
  }

  async function exchangeError(resolver: () => Response): Promise<IntercomOAuthError> {
    server.use(http.post("https://api.intercom.io/auth/eagle/token", resolver));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expectNoSecrets(error, [TOKEN, CLIENT_SECRET, CODE]);
    return error;
  }

  it("classifies a 400 by Intercom's error code when the status does not say", async () => {
    expect((await identityError(answer(400, list({ code: "token_revoked", message: "Token revoked" })))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await identityError(answer(400, list({ code: "action_forbidden" })))).code).toBe("FORBIDDEN");
    expect((await identityError(answer(400, list({ code: "rate_limit_exceeded" })))).code).toBe("RATE_LIMITED");
    expect((await identityError(answer(400, list({ code: "parameter_invalid" })))).code).toBe("API_ERROR");
  });

  it("leaves a 4xx token answer without any hint as API_ERROR, not a guessed INVALID_GRANT", async () => {
    const error = await exchangeError(answer(400, list({ code: "parameter_invalid", message: "Something is off" })));
    expect(error.code).toBe("API_ERROR");
    expect(error.message).toContain(
      "Intercom rejected the code exchange with 400. Intercom said: parameter_invalid: Something is off.",
    );
  });

  it("names the plan, not a permission, for api_plan_restricted, and names the scope when Intercom does", async () => {
    const plan = await identityError(answer(403, list({ code: "api_plan_restricted", message: "Not on your plan" })));
    expect(plan.code).toBe("FORBIDDEN");
    expect(plan.message).toContain("the workspace must upgrade");
    expect(plan.message).not.toContain("Tick the missing permission");
    const scoped = await identityError(
      answer(
        403,
        list({
          code: "forbidden",
          message: "You do not have the required scope (read_admins) to access this resource",
        }),
      ),
    );
    expect(scoped.message).toContain("it lacks the read_admins permission");
    expect(scoped.message).toContain("Tick the missing permission (read_admins)");
    expect(scoped.message).toContain('GET /me needs "Read admins"');
  });

  it("words a rate limit by the advertised wait: none, under a second, or seconds", async () => {
    const none = await identityError(answer(429, list({ code: "rate_limit_exceeded" })));
    expect(none.message).toContain("Wait a few seconds");
    const soon = await identityError(answer(429, list({ code: "rate_limit_exceeded" }), { "retry-after": "0.4" }));
    expect(soon.message).toContain("Try again in a moment");
    expect(soon.retryAfterMs).toBe(400);
    const later = await identityError(answer(429, list({ code: "rate_limit_exceeded" }), { "retry-after": "61" }));
    expect(later.message).toContain("Try again in 61 s");
  });

  it("says the code may be spent for a 5xx on the exchange, and to try later elsewhere", async () => {
    const exchange = await exchangeError(answer(503, list({ code: "server_error" })));
    expect(exchange.code).toBe("SERVER_ERROR");
    expect(exchange.message).toContain("it is not retried");
    const identity = await identityError(answer(503, list({ code: "server_error" })));
    expect(identity.message).toContain("Try again later");
  });

  it("reports an unusable 2xx answer, noting when it was an HTML page", async () => {
    const html = await identityError(
      () => new HttpResponse("<html>captive portal</html>", { status: 200, headers: { "content-type": "text/html" } }),
    );
    expect(html.code).toBe("INVALID_RESPONSE");
    expect(html.message).toContain("(it was an HTML page)");
    const bare = await identityError(() => new HttpResponse("not json", { status: 200, headers: {} }));
    expect(bare.code).toBe("INVALID_RESPONSE");
    expect(bare.message).not.toContain("HTML page");
  });
});
