// Issue 8, High #1: a 3xx from the token endpoint used to be followed, sending the code and
// client secret to the Location's host and accepting whatever token it answered.
import { afterEach, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthClient } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { json, type Loopback, loopback } from "./support/loopback.js";

const CLIENT_SECRET = "cs_redirect_Zx+9/SECRET=0123";
const CODE = "Y29kZTpyZWRpcmVjdC10ZXN0LWNvZGU=";
const TOKEN = "dG9rOnJlZGlyZWN0LXRlc3QtdG9rZW4tMDEyMzQ1Njc4OQ==";
const PLANTED = "dG9rOnBsYW50ZWQtYnktdGhlLWF0dGFja2VyLTAxMjM0NQ==";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN, PLANTED];
const ME = { type: "admin", id: "1", email: "evil@example.com", app: { id_code: "attacker" } };

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The attacker's host: answers every request as if it were Intercom. */
async function elsewhere(): Promise<Loopback> {
  const server = await loopback((request, res) => {
    if (request.url.startsWith("/me")) json(res, 200, ME);
    else json(res, 200, { token_type: "Bearer", token: PLANTED, access_token: PLANTED });
  });
  servers.push(server);
  return server;
}

/** "Intercom" (a proxy, say) answering every request with `status` and a Location on `target`. */
async function redirecting(status: number, target: Loopback): Promise<Loopback> {
  const server = await loopback((request, res) => {
    res.writeHead(status, { location: `${target.origin}${request.url.split("?")[0]}?leak=path-and-query` });
    res.end("Moved");
  });
  servers.push(server);
  return server;
}

function client(api: Loopback, fetch?: typeof globalThis.fetch): IntercomOAuthClient {
  return createIntercomOAuth({
    clientId: "cid",
    clientSecret: CLIENT_SECRET,
    baseUrls: { api: api.origin },
    maxRetries: 2,
    ...(fetch === undefined ? {} : { fetch }),
  });
}

const CALLS = [
  ["the code exchange", (c: IntercomOAuthClient) => c.exchangeCode(CODE)],
  ["GET /me", (c: IntercomOAuthClient) => c.getIdentity(TOKEN)],
  ["the uninstall", (c: IntercomOAuthClient) => c.revokeToken(TOKEN)],
] as const;

describe("regression: issue 8 — redirects are never followed", () => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const [name, call] of CALLS) {
      it(`${name}: a ${status} fails with INVALID_RESPONSE, and the Location's host receives nothing`, async () => {
        const attacker = await elsewhere();
        const api = await redirecting(status, attacker);
        const error = await caught(() => call(client(api)));
        expect(error.code).toBe("INVALID_RESPONSE");
        expect(error.status).toBe(status);
        expect(error.message).toContain(`a redirect (${status}) to ${new URL(attacker.origin).host}`);
        expect(error.message).toContain("never redirects");
        expect(error.message).toContain("baseUrls.api");
        // The host only: the rest of the Location is not repeated.
        expect(error.message).not.toContain("leak=path-and-query");
        expect(attacker.received).toEqual([]); // no code, no client_secret, no token sent there
        expect(api.received).toHaveLength(1); // and a redirect is not retried
        expectNoSecrets(error, SECRETS);
      });
    }
  }

  it("no token planted by the other host is ever returned", async () => {
    const attacker = await elsewhere();
    const api = await redirecting(307, attacker);
    await expect(client(api).exchangeCode(CODE)).rejects.toMatchObject({ code: "INVALID_RESPONSE" });
    expect(attacker.received).toEqual([]);
  });

  it("a custom fetch gets a request whose redirect mode is manual, for every call", async () => {
    const api = await loopback((request, res) =>
      request.url.startsWith("/me") ? json(res, 200, ME) : json(res, 200, { token: TOKEN }),
    );
    servers.push(api);
    const modes: string[] = [];
    const custom = client(api, (input, init) => {
      modes.push(input instanceof Request ? input.redirect : (init?.redirect ?? "follow"));
      return globalThis.fetch(input, init);
    });
    await custom.exchangeCode(CODE);
    await custom.getIdentity(TOKEN);
    await custom.revokeToken(TOKEN);
    expect(modes).toEqual(["manual", "manual", "manual"]);
  });

  it("a custom fetch's redirect is refused too", async () => {
    const attacker = await elsewhere();
    const api = await redirecting(308, attacker);
    const error = await caught(() => client(api, (input, init) => globalThis.fetch(input, init)).exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(attacker.received).toEqual([]);
  });

  it("a browser-style opaque redirect (status 0) fails with INVALID_RESPONSE", async () => {
    const api = await elsewhere();
    // What a browser's fetch resolves to for a 3xx with redirect: "manual": no status, no headers.
    const opaque = async (): Promise<Response> => {
      const response = new Response(null);
      Object.defineProperties(response, {
        status: { value: 0 },
        ok: { value: false },
        type: { value: "opaqueredirect" },
      });
      return response;
    };
    for (const [, call] of CALLS) {
      const error = await caught(() => call(client(api, opaque)));
      expect(error.code).toBe("INVALID_RESPONSE");
      expect(error.message).toContain("an opaque redirect (status 0)");
      expectNoSecrets(error, SECRETS);
    }
    expect(api.received).toEqual([]);
  });

  it("names a Location it cannot parse without quoting it", async () => {
    const api = await loopback((_request, res) => {
      res.writeHead(302, { location: "http://[not-a-host/steal" });
      res.end();
    });
    servers.push(api);
    const error = await caught(() => client(api).exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("a redirect (302) to a malformed Location");
    expect(error.message).not.toContain("steal");
  });
});

describe("regression: issue 8 review — a custom fetch that follows redirects itself", () => {
  /** A wrapper that drops the SDK's redirect: "manual", as a careless logging fetch might. */
  const following: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === "GET" ? undefined : await request.text();
    return globalThis.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      redirect: "follow",
    });
  };

  for (const [name, call] of CALLS) {
    it(`${name}: the answer from the other host is discarded as INVALID_RESPONSE`, async () => {
      const attacker = await elsewhere();
      const api = await redirecting(307, attacker);
      const error = await caught(() => call(client(api, following)));
      expect(error.code).toBe("INVALID_RESPONSE");
      expect(error.message).toContain(`followed a redirect during`);
      expect(error.message).toContain(new URL(attacker.origin).host);
      expect(error.message).toContain('redirect: "manual"');
      expectNoSecrets(error, SECRETS);
    });
  }
});
