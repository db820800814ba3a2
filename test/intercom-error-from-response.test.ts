// Issue 10 §4: the service's own Intercom calls get the SDK's codes and scrubbing, so that a dead
// token (UNAUTHORIZED) can be told from a missing permission (FORBIDDEN).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, intercomErrorFromResponse, isIntercomOAuthError } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CLIENT_ID = "api-errors-client";
const CLIENT_SECRET = "api-errors-client-secret-never-shown";
const TOKEN = "dG9rOmFwaS1lcnJvcnMtdG9rZW4tbmV2ZXItc2hvd24=";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

const envelope = (code: string, message: string, requestId = "req-1") =>
  JSON.stringify({ type: "error.list", request_id: requestId, errors: [{ code, message }] });

function answer(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "application/json", ...headers } });
}

describe("issue 10 — intercomErrorFromResponse", () => {
  it.each<[string, Response, string]>([
    ["401 token_revoked", answer(401, envelope("token_revoked", "Token revoked")), "UNAUTHORIZED"],
    ["401 with no known code", answer(401, "{}"), "UNAUTHORIZED"],
    [
      "401 token_unauthorized (a missing permission)",
      answer(401, envelope("token_unauthorized", "Not allowed")),
      "FORBIDDEN",
    ],
    ["403 with no body", new Response(null, { status: 403 }), "FORBIDDEN"],
    ["403 api_plan_restricted", answer(403, envelope("api_plan_restricted", "Upgrade")), "FORBIDDEN"],
    ["429", answer(429, envelope("rate_limit_exceeded", "Slow down"), { "retry-after": "2" }), "RATE_LIMITED"],
    [
      "502 HTML",
      new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
      "SERVER_ERROR",
    ],
    ["400 intercom_version_invalid", answer(400, envelope("intercom_version_invalid", "Bad version")), "API_ERROR"],
    ["404 not_found", answer(404, envelope("not_found", "Contact Not Found")), "API_ERROR"],
    [
      "302",
      new Response(null, { status: 302, headers: { location: "https://elsewhere.example/x" } }),
      "INVALID_RESPONSE",
    ],
  ])("maps %s to its code", async (_name, response, code) => {
    const error = await intercomErrorFromResponse(response, { accessToken: TOKEN });
    expect(isIntercomOAuthError(error, code as never)).toBe(true);
    expect(error.status).toBe(response.status);
    expectNoSecrets(error, [TOKEN]);
  });

  it("keeps Intercom's entries, request id, scope and wait, and names the path (never the query)", async () => {
    const forbidden = await intercomErrorFromResponse(
      Object.defineProperty(
        answer(403, envelope("forbidden", "You do not have the required scope (read_conversations)", "req-42")),
        "url",
        { value: "https://api.intercom.io/conversations/123?email=a@example.com" },
      ),
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    expect(forbidden.scope).toBe("read_conversations");
    expect(forbidden.requestId).toBe("req-42");
    expect(forbidden.errors).toEqual([
      { code: "forbidden", message: "You do not have the required scope (read_conversations)" },
    ]);
    expect(forbidden.message).toMatch(/the call to \/conversations\/123/);
    expect(forbidden.message).not.toContain("a@example.com");
    expect(forbidden.message).toMatch(/The token itself is still good: keep it/);

    const limited = await intercomErrorFromResponse(answer(429, "{}", { "retry-after": "2" }));
    expect(limited.retryAfterMs).toBe(2_000);
  });

  it("scrubs the token from everything Intercom echoed, raw or encoded", async () => {
    const base64 = Buffer.from(`Bearer ${TOKEN}`).toString("base64");
    const body = JSON.stringify({
      type: "error.list",
      request_id: `req-${TOKEN}`,
      errors: [{ code: "unauthorized", message: `Token ${TOKEN} (${encodeURIComponent(TOKEN)}) ${base64} is invalid` }],
    });
    const error = await intercomErrorFromResponse(answer(401, body, { "x-request-id": TOKEN }), { accessToken: TOKEN });
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.errors[0]?.message).toContain("[redacted]");
    expectNoSecrets(error, [TOKEN]);
  });

  it("names a redirect's host only, and follows nothing", async () => {
    const error = await intercomErrorFromResponse(
      new Response(null, { status: 307, headers: { location: `https://elsewhere.example/x?token=${TOKEN}` } }),
      { accessToken: TOKEN },
    );
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toMatch(/with a redirect \(307\) to elsewhere\.example/);
    expectNoSecrets(error, [TOKEN]);
  });

  it("lets the status decide when the body is over 1 MiB, and still answers", async () => {
    const huge = "x".repeat(1_048_577);
    const error = await intercomErrorFromResponse(answer(401, huge));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.errors).toEqual([]);
  });

  it("lets the status decide when the body was already read", async () => {
    const response = answer(403, envelope("token_revoked", "x"));
    await response.text();
    expect((await intercomErrorFromResponse(response)).code).toBe("FORBIDDEN");
  });

  it("rejects a 2xx answer with INVALID_OPTIONS, leaving its body unread", async () => {
    const response = answer(200, '{"type":"contact"}');
    const error = await caught(() => intercomErrorFromResponse(response));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(/Check response\.ok/);
    expect(response.bodyUsed).toBe(false);
  });

  it.each<[string, unknown, object]>([
    ["a value that is not a Response", { status: "401" }, {}],
    ["a status without headers (issue 10 review: not a TypeError)", { status: 500 }, {}],
    ["an empty access token", answer(401, "{}"), { accessToken: "" }],
    ["a negative timeout", answer(401, "{}"), { timeoutMs: -1 }],
  ])("rejects %s with INVALID_OPTIONS", async (_name, response, options) => {
    expect((await caught(() => intercomErrorFromResponse(response as Response, options))).code).toBe("INVALID_OPTIONS");
  });

  it("tells a dead token from a missing permission on a real call to the stand-in", async () => {
    const token = standIn.issueToken();
    const me = () =>
      fetch("https://api.intercom.io/me", {
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      });

    standIn.injectFault("me", { type: "forbidden", scope: "read_admins" });
    const forbidden = await intercomErrorFromResponse(await me(), { accessToken: token });
    expect(forbidden.code).toBe("FORBIDDEN");
    expect(forbidden.scope).toBe("read_admins");

    await intercom.revokeToken(token);
    const dead = await intercomErrorFromResponse(await me(), { accessToken: token });
    expect(dead.code).toBe("UNAUTHORIZED");
    expect(dead.message).toMatch(/the call to \/me/);
    expectNoSecrets(dead, [token, CLIENT_SECRET]);
  });
});
