// Issue 12 §1: verifyCredentials, through the public API, against the stand-in in-process
// (msw) and over a real loopback socket (a stand-in served by node:http, one that is down,
// one that answers HTML, one that never answers).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type VerifyCredentialsResult, isIntercomOAuthError, verifyCredentials } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { createIntercomStandInCore, toNodeListener } from "../src/testing/node.js";
import { encodedForms } from "./support/expect-no-secrets.js";
import { loopback } from "./support/loopback.js";

const CLIENT_ID = "verify-client-id";
const SECRET = "verify-client-secret-0123456789abcdef";
const WRONG = "wrong-secret-9876543210fedcba";

function expectNoSecret(result: VerifyCredentialsResult): void {
  const views = [JSON.stringify(result), inspect(result, { depth: 10 }), String(Object.values(result))];
  for (const form of [...encodedForms(SECRET), ...encodedForms(WRONG)]) {
    for (const view of views) expect(view).not.toContain(form);
  }
}

describe("verifyCredentials against the stand-in, in-process", () => {
  const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: SECRET });
  const server = setupServer(...standIn.handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => standIn.reset());
  afterAll(() => server.close());

  it("accepted: the right id and secret; exactly one request, with a fake code", async () => {
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      calls.push(`${request.method} ${request.url} ${await request.clone().text()}`);
      return globalThis.fetch(request);
    };
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, fetch });
    expect(result).toEqual({ verdict: "accepted" });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^POST https:\/\/api\.intercom\.io\/auth\/eagle\/token /);
    expect(calls[0]).toContain("code=intercom-oauth-verify-probe-not-a-real-code");
    expectNoSecret(result);
  });

  it.each(["eu", "au"] as const)("accepted in %s: the region's own token endpoint is probed", async (region) => {
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, region });
    expect(result).toEqual({ verdict: "accepted" });
  });

  it("rejected: a wrong secret is invalid_client, with the status and request id, and no secret", async () => {
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: WRONG });
    expect(result).toMatchObject({ verdict: "rejected", code: "INVALID_CLIENT", status: 401 });
    expect(result.verdict === "rejected" && typeof result.requestId).toBe("string");
    expectNoSecret(result);
  });

  it("rejected: an unknown client id (Intercom answers not found)", async () => {
    const result = await verifyCredentials({ clientId: "no-such-client", clientSecret: SECRET });
    expect(result).toMatchObject({ verdict: "rejected", code: "INVALID_CLIENT", status: 404 });
    expectNoSecret(result);
  });

  it("the stand-in answers the probe as Intercom does: 401, one token request", async () => {
    await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET });
    await verifyCredentials({ clientId: CLIENT_ID, clientSecret: WRONG });
    expect(standIn.requests.map((r) => [r.endpoint, r.status])).toEqual([
      ["token", 401],
      ["token", 401],
    ]);
  });

  it("inconclusive: a 5xx answer, not retried", async () => {
    let count = 0;
    const fetch: typeof globalThis.fetch = async () => {
      count++;
      return new Response('{"type":"error.list","errors":[{"code":"server_error","message":"boom"}]}', {
        status: 500,
        headers: { "content-type": "application/json" },
      });
    };
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, fetch });
    expect(result).toMatchObject({ verdict: "inconclusive", code: "SERVER_ERROR", status: 500 });
    expect(count).toBe(1);
  });

  it("inconclusive: a 401 without unauthorized_code is not read as accepted", async () => {
    const fetch: typeof globalThis.fetch = async () => new Response("{}", { status: 401 });
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, fetch });
    expect(result.verdict).toBe("inconclusive");
  });

  it("inconclusive: a token for the fake code means something else is answering", async () => {
    const fetch: typeof globalThis.fetch = async () =>
      Response.json({ token_type: "Bearer", token: "tok", access_token: "tok" });
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, fetch });
    expect(result).toMatchObject({ verdict: "inconclusive", status: 200 });
  });

  it("never throws for a fetch that throws; throws INVALID_OPTIONS for bad options, sending nothing", async () => {
    const boom: typeof globalThis.fetch = async () => {
      throw new TypeError(`failed ${SECRET}`);
    };
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, fetch: boom });
    expect(result).toMatchObject({ verdict: "inconclusive", code: "NETWORK_ERROR" });
    expectNoSecret(result);
    const error = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: "" }).catch((e: unknown) => e);
    expect(isIntercomOAuthError(error) && error.code).toBe("INVALID_OPTIONS");
  });
});

describe("verifyCredentials over a real socket", () => {
  let standIn: Server;
  let origin = "";
  beforeAll(async () => {
    const core = createIntercomStandInCore({ clientId: CLIENT_ID, clientSecret: SECRET });
    standIn = createServer(toNodeListener(core));
    await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
    core.addBaseUrls({ api: origin });
  });
  afterAll(() => new Promise<void>((resolve) => standIn.close(() => resolve())));

  it("accepted and rejected, from a stand-in served over HTTP", async () => {
    expect(await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrls: { api: origin } })).toEqual({
      verdict: "accepted",
    });
    const rejected = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: WRONG, baseUrls: { api: origin } });
    expect(rejected).toMatchObject({ verdict: "rejected", code: "INVALID_CLIENT" });
    expectNoSecret(rejected);
  });

  it("inconclusive, not rejected: a 404 not_found that does not name the client (a wrong base URL)", async () => {
    const other = await loopback((_request, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}');
    });
    try {
      const result = await verifyCredentials({
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        baseUrls: { api: other.origin },
      });
      expect(result).toMatchObject({ verdict: "inconclusive", status: 404 });
    } finally {
      await other.close();
    }
  });

  it("inconclusive NETWORK_ERROR: a stand-in that is down", async () => {
    const down = await loopback(() => {});
    const api = down.origin;
    await down.close();
    const result = await verifyCredentials({ clientId: CLIENT_ID, clientSecret: SECRET, baseUrls: { api } });
    expect(result).toMatchObject({ verdict: "inconclusive", code: "NETWORK_ERROR" });
    expectNoSecret(result);
  });

  it("inconclusive: a server answering an HTML page", async () => {
    const html = await loopback((_request, res) => {
      res.writeHead(401, { "content-type": "text/html" });
      res.end("<html><body>Sign in to the proxy</body></html>");
    });
    try {
      const result = await verifyCredentials({
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        baseUrls: { api: html.origin },
      });
      expect(result.verdict).toBe("inconclusive");
      expect(result.verdict === "inconclusive" && result.reason).toContain("HTML");
      expect(html.received).toHaveLength(1);
      expectNoSecret(result);
    } finally {
      await html.close();
    }
  });

  it("inconclusive TIMEOUT: a server that never answers, after timeoutMs, one request", async () => {
    const silent = await loopback(() => {});
    try {
      const result = await verifyCredentials({
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        baseUrls: { api: silent.origin },
        timeoutMs: 200,
      });
      expect(result).toMatchObject({ verdict: "inconclusive", code: "TIMEOUT" });
      expect(silent.received).toHaveLength(1);
      expectNoSecret(result);
    } finally {
      await silent.close();
    }
  });
});
