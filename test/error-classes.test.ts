// Issue 8, Medium #7: every 401 became UNAUTHORIZED, so a token that only lacked a permission
// (Intercom's 401 `token_unauthorized`) was reported as dead, and users were told to delete it.
// Intercom's documented error codes now decide first; the status only when no code is known.
import { afterEach, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthClient } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { type Loopback, loopback } from "./support/loopback.js";

const CLIENT_SECRET = "cs_classes_SECRET_0123456789";
const CODE = "Y29kZTpjbGFzc2VzLWNvZGU=";
const TOKEN = "dG9rOmNsYXNzZXMtdG9rZW4tMDEyMzQ1Njc4OQ==";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN];

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Every endpoint answers `status` with `body` (an object is sent as JSON, a string as text). */
async function answering(status: number, body: unknown): Promise<IntercomOAuthClient> {
  const api = await loopback((_request, res) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
    res.end(text);
  });
  servers.push(api);
  return createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, baseUrls: { api: api.origin } });
}

const list = (code: string, message?: string) => ({
  type: "error.list",
  request_id: "req-7",
  errors: [{ code, ...(message === undefined ? {} : { message }) }],
});

describe("regression: issue 8 — Intercom's error codes decide before the HTTP status", () => {
  it("GET /me: 401 token_unauthorized is FORBIDDEN (a missing permission), not UNAUTHORIZED", async () => {
    const intercom = await answering(401, list("token_unauthorized", "Not authorized to access resource"));
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "FORBIDDEN", status: 401, requestId: "req-7", scope: undefined });
    expect(error.message).toContain('GET /me needs "Read admins" or "Read one admin"');
    expect(error.message).toContain("The token itself is still good: keep it.");
    expect(error.message).not.toContain("Delete the stored token");
    expectNoSecrets(error, SECRETS);
  });

  it("names the scope when a 401 token_unauthorized names it", async () => {
    const intercom = await answering(
      401,
      list("token_unauthorized", "You do not have the required scope (read_single_admin) to access this resource"),
    );
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "FORBIDDEN", status: 401, scope: "read_single_admin" });
    expect(error.message).toContain("it lacks the read_single_admin permission");
  });

  it("revokeToken: 401 token_unauthorized is FORBIDDEN too", async () => {
    const intercom = await answering(401, list("token_unauthorized"));
    expect(await caught(() => intercom.revokeToken(TOKEN))).toMatchObject({ code: "FORBIDDEN", status: 401 });
  });

  it("a code naming a dead token wins over a 403, and a 401 with no known code stays UNAUTHORIZED", async () => {
    const revoked = await answering(403, list("token_revoked", "Token revoked"));
    expect(await caught(() => revoked.getIdentity(TOKEN))).toMatchObject({ code: "UNAUTHORIZED", status: 403 });
    const bare = await answering(401, "Unauthorized");
    expect(await caught(() => bare.getIdentity(TOKEN))).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    const unknown = await answering(401, list("something_new"));
    expect(await caught(() => unknown.getIdentity(TOKEN))).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  });

  it("the token endpoint: 401 unauthorized_code (error.list) is INVALID_GRANT", async () => {
    const intercom = await answering(401, list("unauthorized_code", "Unauthorized Code"));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_GRANT", status: 401, requestId: "req-7" });
    expectNoSecrets(error, SECRETS);
  });

  it("the token endpoint: 401 RFC 6749 invalid_client is INVALID_CLIENT, as JSON or as plain text", async () => {
    const rfc = await answering(401, { error: "invalid_client" });
    expect(await caught(() => rfc.exchangeCode(CODE))).toMatchObject({ code: "INVALID_CLIENT", status: 401 });
    const text = await answering(401, "error: invalid_client");
    const error = await caught(() => text.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_CLIENT", status: 401 });
    expectNoSecrets(error, SECRETS);
    const grant = await answering(400, "invalid_grant");
    expect(await caught(() => grant.exchangeCode(CODE))).toMatchObject({ code: "INVALID_GRANT", status: 400 });
  });

  it("the token endpoint: a 401 error.list with server_error is SERVER_ERROR (Intercom's PHP provider's mock)", async () => {
    const intercom = await answering(401, list("server_error", "Something went wrong"));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 401 });
    expect(error.message).toContain("not retried");
  });

  it("a rate_limit_exceeded code on another status is RATE_LIMITED, with the advertised wait", async () => {
    const api = await loopback((_request, res) => {
      res.writeHead(400, { "content-type": "application/json", "retry-after": "2" });
      res.end(JSON.stringify(list("rate_limit_exceeded", "Exceeded rate limit of 167 in 10_seconds")));
    });
    servers.push(api);
    const intercom = createIntercomOAuth({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      baseUrls: { api: api.origin },
    });
    expect(await caught(() => intercom.exchangeCode(CODE))).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 2000 });
  });
});

describe("regression: issue 8 review — an echoed request does not decide the error code", () => {
  it("a 400 that only echoes client_id=… in its message is not INVALID_CLIENT", async () => {
    const intercom = await answering(400, list("parameter_invalid", "Bad request: client_id=cid&redirect_uri=x"));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).not.toBe("INVALID_CLIENT");
    expectNoSecrets(error, SECRETS);
  });

  it("the token endpoint's not_found (an unknown client id) is INVALID_CLIENT", async () => {
    const intercom = await answering(404, list("not_found", "Resource Not Found"));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("INVALID_CLIENT");
  });
});
