// Issue 13: how the token endpoint's error answers are classified. A wrong client (fix the
// credentials) must not be told apart wrongly from a bad code (send the admin through again).
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthError } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CLIENT_SECRET = "cs_exchange_errors_SECRET_0123456789";
const CODE = "Y29kZTpleGNoYW5nZS1lcnJvcnM=";
const TOKEN = "dG9rOmV4Y2hhbmdlLWVycm9ycy0wMTIzNDU2Nzg5";
const server = setupServer();
const intercom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 0 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Entry = { code: string; message?: string; field?: string };
const list = (...errors: Entry[]) => ({ type: "error.list", request_id: "req-x", errors });

/** The error exchangeCode throws when the token endpoint answers `status` with `body` (a string is sent as text). */
async function exchange(status: number, body: unknown): Promise<IntercomOAuthError> {
  server.use(
    http.post("https://api.intercom.io/auth/eagle/token", () =>
      typeof body === "string"
        ? new HttpResponse(body, { status, headers: { "content-type": "text/plain" } })
        : HttpResponse.json(body as Record<string, unknown>, { status }),
    ),
  );
  const error = await caught(() => intercom.exchangeCode(CODE));
  expectNoSecrets(error, [CLIENT_SECRET, CODE]);
  return error;
}

/** The error getIdentity throws for the same answer from /me. */
async function identity(status: number, body: unknown): Promise<IntercomOAuthError> {
  server.use(
    http.get("https://api.intercom.io/me", () => HttpResponse.json(body as Record<string, unknown>, { status })),
  );
  const error = await caught(() => intercom.getIdentity(TOKEN));
  expectNoSecrets(error, [TOKEN, CLIENT_SECRET]);
  return error;
}

describe("issue 13 — the token endpoint's codes", () => {
  it.each<[string, string]>([
    ["unauthorized_code", "INVALID_GRANT"],
    ["invalid_grant", "INVALID_GRANT"],
    ["invalid_client", "INVALID_CLIENT"],
    ["unauthorized_client", "INVALID_CLIENT"],
    ["not_found", "INVALID_CLIENT"],
    ["rate_limit_exceeded", "RATE_LIMITED"],
    ["server_error", "SERVER_ERROR"],
  ])("%s on a 400 is %s", async (code, expected) => {
    expect((await exchange(400, list({ code, message: "x" }))).code).toBe(expected);
  });

  it("an RFC 6749 body on a 500 still decides by its code", async () => {
    expect((await exchange(500, { error: "invalid_client" })).code).toBe("INVALID_CLIENT");
  });

  it("a token-endpoint code means nothing on other calls: not_found from /me is API_ERROR", async () => {
    expect((await identity(404, list({ code: "not_found" }))).code).toBe("API_ERROR");
    expect((await identity(400, list({ code: "invalid_client" }))).code).toBe("API_ERROR");
  });
});

describe("issue 13 — a token answer whose body is not JSON", () => {
  it.each<[number, string, string]>([
    [401, "unauthorized_client", "INVALID_CLIENT"],
    [400, "Invalid_Client", "INVALID_CLIENT"],
    [499, "error=invalid_client", "INVALID_CLIENT"],
    [400, "unauthorized_code", "INVALID_GRANT"],
    [400, "error: invalid_grant", "INVALID_GRANT"],
  ])("%i %j is %s", async (status, body, expected) => {
    expect((await exchange(status, body)).code).toBe(expected);
  });

  it("reads only whole words: my_invalid_client is not a client error", async () => {
    expect((await exchange(400, "my_invalid_client_x")).code).toBe("API_ERROR");
    expect((await exchange(400, "xinvalid_grantx")).code).toBe("API_ERROR");
  });

  it("lets a 5xx decide by its status whatever the text says", async () => {
    expect((await exchange(500, "invalid_client")).code).toBe("SERVER_ERROR");
    expect((await exchange(503, "invalid_grant")).code).toBe("SERVER_ERROR");
  });

  it("reads the raw text only when the body gave no entries", async () => {
    const error = await exchange(400, list({ code: "parameter_invalid", message: "see invalid_grant docs" }));
    expect(error.code).toBe("API_ERROR");
  });
});

describe("issue 13 — a token answer with no known code: the words decide", () => {
  it.each<[string, Entry]>([
    ["client in the code", { code: "bad_client", message: "x" }],
    ["secret in the message", { code: "parameter_invalid", message: "The secret is wrong" }],
    ["app in the message", { code: "parameter_invalid", message: "No such app" }],
    ["client in the field", { code: "parameter_invalid", message: "x", field: "client_id" }],
    ["CLIENT upper case", { code: "parameter_invalid", message: "Unknown CLIENT" }],
  ])("%s on a 400 is INVALID_CLIENT", async (_name, entry) => {
    expect((await exchange(400, list(entry))).code).toBe("INVALID_CLIENT");
  });

  it("an echoed client_id=… or client_secret=… is not a hint, in any case", async () => {
    const echoed = list({ code: "parameter_invalid", message: "Got CLIENT_ID=cid&Client_Secret=zzz" });
    expect((await exchange(400, echoed)).code).toBe("API_ERROR");
    const apart = list({ code: "parameter_invalid", message: "Got client_id=cid, then client_secret=zzz" });
    expect((await exchange(400, apart)).code).toBe("API_ERROR");
  });

  it("a word that only contains app, or code, is not a hint", async () => {
    expect((await exchange(400, list({ code: "parameter_invalid", message: "application barcode" }))).code).toBe(
      "API_ERROR",
    );
  });

  it.each<[string, Entry]>([
    ["code in the message", { code: "parameter_invalid", message: "The code is wrong" }],
    ["code in the field", { code: "parameter_invalid", message: "Invalid", field: "code" }],
    ["CODE upper case", { code: "parameter_invalid", message: "Bad CODE" }],
  ])("%s on a 400 is INVALID_GRANT", async (_name, entry) => {
    expect((await exchange(400, list(entry))).code).toBe("INVALID_GRANT");
  });

  it("a 401 without any hint is INVALID_GRANT; a 429 or 5xx with one is not", async () => {
    expect((await exchange(401, list({ code: "parameter_invalid", message: "Nope" }))).code).toBe("INVALID_GRANT");
    expect((await exchange(429, list({ code: "parameter_invalid", message: "code client" }))).code).toBe(
      "RATE_LIMITED",
    );
    expect((await exchange(500, list({ code: "parameter_invalid", message: "code client" }))).code).toBe(
      "SERVER_ERROR",
    );
    expect((await exchange(400, list({ code: "parameter_invalid", message: "Nope" }))).code).toBe("API_ERROR");
  });
});

describe("issue 13 — what the token endpoint's errors say", () => {
  it("INVALID_GRANT: the code is wrong, used or old; go through the authorize URL again", async () => {
    const error = await exchange(401, list({ code: "unauthorized_code", message: "Unauthorized Code" }));
    expect(error.message).toMatch(/^Intercom refused the authorization code \(401\): it is wrong, already used/);
    expect(error.message).toMatch(/Intercom said: unauthorized_code: Unauthorized Code\. Send the admin through/);
    expect(error.message).toMatch(/codes work once.*check clientId and clientSecret.*region/);
  });

  it("INVALID_CLIENT: check the credentials in Developer Hub", async () => {
    const error = await exchange(401, { error: "invalid_client" });
    expect(error.message).toMatch(
      /^Intercom refused the client credentials \(401\)\. Intercom said: invalid_client\. /,
    );
    expect(error.message).toMatch(/Check clientId and clientSecret against Developer Hub.*regenerated secret/);
  });

  it("SERVER_ERROR on the exchange: the code may be spent, so it is not retried", async () => {
    const error = await exchange(502, "Bad gateway");
    expect(error.message).toMatch(/^Intercom failed the code exchange with 502, a server-side error\. The code may/);
  });

  it("RATE_LIMITED on the exchange names the exchange", async () => {
    expect((await exchange(429, "{}")).message).toMatch(/^Intercom rate-limited the code exchange \(429\)/);
  });
});

describe("issue 13 — GET /me errors", () => {
  it("FORBIDDEN on /me says which permission reading /me needs", async () => {
    const error = await identity(403, list({ code: "forbidden", message: "Nope" }));
    expect(error.message).toMatch(/^The access token is not allowed GET \/me \(403\)\./);
    expect(error.message).toContain(
      'Authentication > Permissions (GET /me needs "Read admins" or "Read one admin"), then have an admin reinstall',
    );
  });

  it("UNAUTHORIZED on /me names the call", async () => {
    expect((await identity(401, list({ code: "unauthorized" }))).message).toMatch(
      /^Intercom refused the access token during GET \/me \(401\)/,
    );
  });
});

describe("issue 13 — a client secret with spaces, echoed form-encoded", () => {
  it("scrubs every space written as +", async () => {
    const secret = "cs with two spaces_0123456789";
    const spaced = createIntercomOAuth({ clientId: "cid", clientSecret: secret, maxRetries: 0 });
    server.use(
      http.post("https://api.intercom.io/auth/eagle/token", async ({ request }) =>
        HttpResponse.json(list({ code: "parameter_invalid", message: `got ${await request.text()}` }), { status: 400 }),
      ),
    );
    const error = await caught(() => spaced.exchangeCode(CODE));
    expect(error.errors[0]?.message).toMatch(/client_secret=\[redacted\]/);
    expectNoSecrets(error, [secret, CODE]);
  });
});
