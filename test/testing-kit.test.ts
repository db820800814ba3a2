import { inspect } from "node:util";
import { http, HttpResponse, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { isIntercomOAuthError } from "../src/index.js";
import {
  createIntercomStandIn,
  DEFAULT_REDIRECT_URI,
  intercomHandlers,
  type IntercomStandIn,
  type StandInFault,
  type StandInRequestRecord,
} from "../src/testing/msw.js";

const CLIENT_ID = "test-client-id";
const CLIENT_SECRET = "test-client-secret-0123456789";
const LOCAL = "http://127.0.0.1:4010";
const HOSTS = {
  us: { app: "https://app.intercom.com", api: "https://api.intercom.io", label: "US" },
  eu: { app: "https://app.eu.intercom.com", api: "https://api.eu.intercom.io", label: "EU" },
  au: { app: "https://app.au.intercom.com", api: "https://api.au.intercom.io", label: "AU" },
} as const;

let clock = Date.UTC(2026, 0, 1);
const standIn: IntercomStandIn = createIntercomStandIn({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  redirectUris: [DEFAULT_REDIRECT_URI, "https://example.com/intercom/callback"],
  baseUrls: { app: LOCAL, api: LOCAL },
  now: () => clock,
  apps: [{ clientId: "other-app", clientSecret: "other-secret-0123456789", workspace: { id: "other123" } }],
});

// The user's own handler for another Intercom endpoint, to prove the kit does not shadow it.
const contacts: RequestHandler = http.get("https://api.intercom.io/contacts", () =>
  HttpResponse.json({ type: "list", data: [] }),
);
const server = setupServer(...standIn.handlers(), contacts);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  standIn.reset();
  clock = Date.UTC(2026, 0, 1);
});
afterAll(() => server.close());

function authorizeUrl(app: string, params: Record<string, string>): string {
  return `${app}/oauth?${new URLSearchParams(params)}`;
}

async function authorize(
  app: string,
  params: Record<string, string> = { client_id: CLIENT_ID, state: "st4te" },
): Promise<Response> {
  return fetch(authorizeUrl(app, params), { redirect: "manual" });
}

async function codeFrom(app: string = HOSTS.us.app, params?: Record<string, string>): Promise<string> {
  const response = await authorize(app, params);
  expect(response.status).toBe(302);
  const code = new URL(response.headers.get("location") ?? "").searchParams.get("code");
  expect(code).toBeTruthy();
  return code as string;
}

function exchangeForm(api: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${api}/auth/eagle/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(fields),
  });
}

function exchangeJson(api: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${api}/auth/eagle/token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(fields),
  });
}

function me(api: string, token: string | undefined, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api}/me`, {
    headers: {
      accept: "application/json",
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
  });
}

function uninstall(api: string, token: string): Promise<Response> {
  return fetch(`${api}/auth/uninstall`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" },
    body: "{}",
  });
}

async function errorCodes(response: Response): Promise<Array<{ code: string; message: string }>> {
  const body = (await response.json()) as {
    type: string;
    request_id: string;
    errors: Array<{ code: string; message: string }>;
  };
  expect(body.type).toBe("error.list");
  expect(body.request_id).toBe(response.headers.get("x-request-id"));
  return body.errors;
}

describe("authorize", () => {
  it.each(["us", "eu", "au"] as const)(
    "302s to the default redirect URL with a code and the state (%s)",
    async (region) => {
      const response = await authorize(HOSTS[region].app);
      expect(response.status).toBe(302);
      expect(response.headers.get("x-request-id")).toBeTruthy();
      const callback = new URL(response.headers.get("location") ?? "");
      expect(`${callback.origin}${callback.pathname}`).toBe(DEFAULT_REDIRECT_URI);
      expect(callback.searchParams.get("state")).toBe("st4te");
      // Standard base64 with padding: the SDK must keep the trailing "=".
      expect(callback.searchParams.get("code")).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    },
  );

  it("serves custom base URLs", async () => {
    const response = await authorize(LOCAL);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("code")).toBeTruthy();
  });

  it("redirects to a registered non-default redirect_uri", async () => {
    const response = await authorize(HOSTS.us.app, {
      client_id: CLIENT_ID,
      state: "s",
      redirect_uri: "https://example.com/intercom/callback",
    });
    expect(response.headers.get("location")).toMatch(/^https:\/\/example\.com\/intercom\/callback\?code=/);
  });

  it.each([
    ["an unregistered host", "https://evil.example/callback"],
    ["a trailing slash", `${DEFAULT_REDIRECT_URI}/`],
    ["a prefix match", `${DEFAULT_REDIRECT_URI}/extra`],
    ["another scheme", DEFAULT_REDIRECT_URI.replace("https:", "http:")],
  ])("rejects %s in redirect_uri with a 400 HTML page", async (_name, redirectUri) => {
    const response = await authorize(HOSTS.us.app, { client_id: CLIENT_ID, state: "s", redirect_uri: redirectUri });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain('data-error-field="redirect_uri"');
  });

  it("answers an error as a JSON envelope when the caller accepts only JSON", async () => {
    const response = await fetch(authorizeUrl(HOSTS.us.app, { client_id: "nope", state: "s" }), {
      redirect: "manual",
      headers: { accept: "application/json" },
    });
    expect(response.status).toBe(400);
    expect(await errorCodes(response)).toEqual([
      expect.objectContaining({ code: "parameter_invalid", field: "client_id" }),
    ]);
  });

  it("rejects an unknown or missing client_id", async () => {
    expect((await authorize(HOSTS.us.app, { client_id: "unknown", state: "s" })).status).toBe(400);
    const missing = await authorize(HOSTS.us.app, { state: "s" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('data-error-code="parameter_not_found"');
  });

  it("leaves state out of the callback when the authorize URL had none", async () => {
    const response = await authorize(HOSTS.us.app, { client_id: CLIENT_ID });
    const callback = new URL(response.headers.get("location") ?? "");
    expect(callback.searchParams.has("state")).toBe(false);
    expect(callback.searchParams.has("code")).toBe(true);
  });

  it("simulates a denial with consent()", () => {
    const callback = standIn.consent(authorizeUrl(HOSTS.eu.app, { client_id: CLIENT_ID, state: "abc" }), {
      decision: "deny",
    });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBeTruthy();
    expect(callback.searchParams.get("state")).toBe("abc");
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("issues a working code with consent() allow, without HTTP", async () => {
    const callback = standIn.consent(authorizeUrl(HOSTS.us.app, { client_id: CLIENT_ID, state: "abc" }), {
      workspace: { id: "acme0001" },
      admin: { emailVerified: false },
    });
    expect(standIn.counts.authorize).toBe(0);
    const exchanged = await exchangeForm(HOSTS.us.api, {
      code: callback.searchParams.get("code") ?? "",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    const { token } = (await exchanged.json()) as { token: string };
    const body = (await (await me(HOSTS.us.api, token)).json()) as {
      email_verified: boolean;
      app: { id_code: string };
    };
    expect(body.app.id_code).toBe("acme0001");
    expect(body.email_verified).toBe(false);
  });

  it("denies over HTTP after nextDecision('deny'), once", async () => {
    standIn.nextDecision("deny");
    const denied = new URL((await authorize(HOSTS.us.app)).headers.get("location") ?? "");
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("st4te");
    const allowed = new URL((await authorize(HOSTS.us.app)).headers.get("location") ?? "");
    expect(allowed.searchParams.has("code")).toBe(true);
  });

  it("denies every HTTP authorize when created with decision: 'deny'", async () => {
    const denying = createIntercomStandIn({ clientId: "a", clientSecret: "b", decision: "deny" });
    const response = await denying.handle(new Request(authorizeUrl(HOSTS.us.app, { client_id: "a", state: "s" })));
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("error")).toBe("access_denied");
  });

  it("refuses consent() for a URL it does not serve or an unregistered redirect_uri", () => {
    const catchError = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      throw new Error("expected a throw");
    };
    const notServed = catchError(() => standIn.consent("https://example.com/oauth?client_id=x"));
    expect(isIntercomOAuthError(notServed, "INVALID_OPTIONS")).toBe(true);
    const badRedirect = catchError(() =>
      standIn.consent(authorizeUrl(HOSTS.us.app, { client_id: CLIENT_ID, redirect_uri: "https://evil.example/cb" })),
    );
    expect(isIntercomOAuthError(badRedirect, "INVALID_OPTIONS")).toBe(true);
    expect(String(badRedirect)).not.toContain(CLIENT_SECRET);
    expect(() => standIn.nextDecision("maybe" as "allow")).toThrow(/allow/);
  });
});

describe("token exchange", () => {
  it("exchanges a form-encoded code for an Intercom-shaped token", async () => {
    const code = await codeFrom();
    const response = await exchangeForm(HOSTS.us.api, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const body = (await response.json()) as Record<string, string>;
    expect(body.token_type).toBe("Bearer");
    expect(body.token).toMatch(/^dG9rOj[A-Za-z0-9+/]+=*$/);
    expect(atob(body.token ?? "")).toMatch(/^tok:[0-9][0-9a-f_]{35}:1:0$/);
    expect(body.access_token).toBe(body.token);
    expect(standIn.tokenState(body.token ?? "")).toBe("active");
  });

  it("always mints tokens that start dG9rOj and codes that end in =", () => {
    const url = authorizeUrl(HOSTS.us.app, { client_id: CLIENT_ID });
    for (let i = 0; i < 200; i++) {
      expect(standIn.issueToken()).toMatch(/^dG9rOj/);
      expect(standIn.consent(url).searchParams.get("code")).toMatch(/=$/);
    }
  });

  it("exchanges a JSON code and ignores grant_type and a matching redirect_uri", async () => {
    const code = await codeFrom(HOSTS.eu.app);
    const response = await exchangeJson(HOSTS.eu.api, {
      code,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_type: "authorization_code",
      redirect_uri: DEFAULT_REDIRECT_URI,
    });
    expect(response.status).toBe(200);
  });

  it("accepts a code once: the second exchange is 401 Unauthorized Code", async () => {
    const code = await codeFrom();
    expect(
      (await exchangeForm(HOSTS.us.api, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })).status,
    ).toBe(200);
    const second = await exchangeForm(HOSTS.us.api, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(second.status).toBe(401);
    expect(await errorCodes(second)).toEqual([{ code: "unauthorized_code", message: "Unauthorized Code" }]);
  });

  it("expires codes after codeTtlMs, using now()", async () => {
    const fresh = await codeFrom();
    const stale = await codeFrom();
    clock += 5 * 60 * 1000 - 1;
    expect(
      (await exchangeForm(HOSTS.us.api, { code: fresh, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })).status,
    ).toBe(200);
    clock += 1;
    const expired = await exchangeForm(HOSTS.us.api, {
      code: stale,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(expired.status).toBe(401);
    expect((await errorCodes(expired))[0]?.message).toBe("Unauthorized Code");
  });

  it("refuses a wrong secret with 401 invalid_client (RFC 6749 body), and leaves the code usable", async () => {
    const code = await codeFrom();
    const wrong = await exchangeForm(HOSTS.us.api, { code, client_id: CLIENT_ID, client_secret: "wrong" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("x-request-id")).toBeTruthy();
    const text = await wrong.text();
    expect(JSON.parse(text)).toEqual({ error: "invalid_client", error_description: expect.any(String) });
    expect(text).not.toContain(code);
    expect(
      (await exchangeForm(HOSTS.us.api, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })).status,
    ).toBe(200);
  });

  it.each([
    ["no client_id", { client_secret: CLIENT_SECRET }],
    ["no client_secret", { client_id: CLIENT_ID }],
    ["another app's secret", { client_id: CLIENT_ID, client_secret: "other-secret-0123456789" }],
  ])("refuses %s with 401 invalid_client", async (_name, creds) => {
    const code = await codeFrom();
    const response = await exchangeForm(HOSTS.us.api, { code, ...creds });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_client");
  });

  it("answers an unknown client_id with 404 not_found, before looking at the code", async () => {
    const response = await exchangeForm(HOSTS.us.api, { code: "made-up", client_id: "nobody", client_secret: "x" });
    expect(response.status).toBe(404);
    expect((await errorCodes(response))[0]?.code).toBe("not_found");
  });

  it.each([
    ["another app", { client_id: "other-app", client_secret: "other-secret-0123456789" }, HOSTS.us.api],
    ["another region's token host", { client_id: CLIENT_ID, client_secret: CLIENT_SECRET }, HOSTS.eu.api],
    [
      "a different redirect_uri",
      { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uri: "https://example.com/intercom/callback" },
      HOSTS.us.api,
    ],
  ])("binds the code: exchanging it with %s is 401 unauthorized_code", async (_name, fields, api) => {
    const code = await codeFrom(HOSTS.us.app);
    const response = await exchangeForm(api, { code, ...fields });
    expect(response.status).toBe(401);
    expect(await errorCodes(response)).toEqual([{ code: "unauthorized_code", message: "Unauthorized Code" }]);
  });

  it("refuses a missing code, a made-up code and an unparseable JSON body", async () => {
    expect((await exchangeForm(HOSTS.us.api, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET })).status).toBe(401);
    expect(
      (
        await exchangeForm(HOSTS.us.api, {
          code: "bm90LWEtY29kZQ==",
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
        })
      ).status,
    ).toBe(401);
    const broken = await fetch(`${HOSTS.us.api}/auth/eagle/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(broken.status).toBe(401);
  });

  it("answers 405 to a GET on the token endpoint", async () => {
    const response = await fetch(`${HOSTS.us.api}/auth/eagle/token`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});

async function fullFlow(region: keyof typeof HOSTS): Promise<string> {
  const code = await codeFrom(HOSTS[region].app);
  const response = await exchangeForm(HOSTS[region].api, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  return ((await response.json()) as { token: string }).token;
}

describe("/me", () => {
  it.each(["us", "eu", "au"] as const)(
    "describes the installing admin and workspace, with region (%s)",
    async (region) => {
      const token = await fullFlow(region);
      const response = await me(HOSTS[region].api, token, { "intercom-version": "2.14" });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-request-id")).toBeTruthy();
      expect(await response.json()).toMatchObject({
        type: "admin",
        id: "991267",
        email: "admin@example.com",
        name: "Stand-in Admin",
        email_verified: true,
        app: {
          type: "app",
          id_code: "drzzt019",
          name: "Stand-in Workspace",
          created_at: 1_700_000_000,
          secure: true,
          identity_verification: true,
          timezone: "Europe/Edinburgh",
          region: HOSTS[region].label,
        },
      });
    },
  );

  it("serves each app's own workspace, and accepts a missing Intercom-Version, Preview and Unstable", async () => {
    const token = standIn.issueToken({ clientId: "other-app" });
    const body = (await (await me(HOSTS.us.api, token)).json()) as { app: { id_code: string } };
    expect(body.app.id_code).toBe("other123");
    for (const version of ["Preview", "Unstable", "2.17"]) {
      expect((await me(HOSTS.us.api, token, { "intercom-version": version })).status).toBe(200);
    }
  });

  it.each([
    ["no Authorization header", undefined, HOSTS.us.api, {}, 401, "missing_authorization"],
    ["an unknown token", "dG9rOm5vdC1hLXRva2Vu", HOSTS.us.api, {}, 401, "unauthorized"],
    ["an empty bearer", "", HOSTS.us.api, {}, 401, "unauthorized"],
  ] as const)("refuses %s", async (_name, token, api, headers, status, code) => {
    const response = await me(api, token, headers);
    expect(response.status).toBe(status);
    expect((await errorCodes(response))[0]?.code).toBe(code);
  });

  it.each([
    ["us", "eu"],
    ["us", "au"],
    ["eu", "au"],
    ["au", "eu"],
  ] as const)("refuses a %s token on the %s API host with 401 unauthorized", async (home, host) => {
    const token = standIn.issueToken({ region: home });
    const response = await me(HOSTS[host].api, token);
    expect(response.status).toBe(401);
    expect(await errorCodes(response)).toEqual([{ code: "unauthorized", message: "Access Token Invalid" }]);
    expect((await me(HOSTS[home].api, token)).status).toBe(200);
  });

  it.each(["2.18", "3.0", "latest", "preview", "unstable"])(
    "rejects Intercom-Version %s with 400 intercom_version_invalid",
    async (version) => {
      const response = await me(HOSTS.us.api, standIn.issueToken(), { "intercom-version": version });
      expect(response.status).toBe(400);
      expect((await errorCodes(response))[0]?.code).toBe("intercom_version_invalid");
    },
  );
});

describe("uninstall", () => {
  it("revokes the token: 200 {}, then /me answers 401 token_revoked", async () => {
    const token = await fullFlow("us");
    const response = await uninstall(HOSTS.us.api, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(standIn.tokenState(token)).toBe("revoked");
    const after = await me(HOSTS.us.api, token);
    expect(after.status).toBe(401);
    expect((await errorCodes(after))[0]?.code).toBe("token_revoked");
    expect((await errorCodes(await uninstall(HOSTS.us.api, token)))[0]?.code).toBe("token_revoked");
  });

  it("refuses to uninstall on another regional host than the token's", async () => {
    const token = standIn.issueToken({ region: "au" });
    expect((await uninstall(HOSTS.eu.api, token)).status).toBe(401);
    expect(standIn.tokenState(token)).toBe("active");
  });

  it("revokeToken() has the same effect and reports unknown tokens", async () => {
    const token = standIn.issueToken();
    expect(standIn.revokeToken(token)).toBe(true);
    expect(standIn.revokeToken("dG9rOm5vcGU=")).toBe(false);
    expect(standIn.tokenState("dG9rOm5vcGU=")).toBe("unknown");
    expect((await errorCodes(await me(HOSTS.us.api, token)))[0]?.code).toBe("token_revoked");
  });
});

describe("faults", () => {
  it("network-error makes fetch reject", async () => {
    standIn.injectFault("token", { type: "network-error" });
    await expect(
      exchangeForm(HOSTS.us.api, { code: "x", client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    ).rejects.toThrow(TypeError);
    expect(standIn.requests.at(-1)).toMatchObject({ endpoint: "token", status: 0, fault: "network-error" });
  });

  it("delay waits, then answers normally", async () => {
    standIn.injectFault("me", { type: "delay", ms: 150 });
    const token = standIn.issueToken();
    const started = performance.now();
    const response = await me(HOSTS.us.api, token);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it("delay honours the request's abort signal", async () => {
    standIn.injectFault("me", { type: "delay", ms: 5_000 });
    const started = performance.now();
    await expect(fetch(`${HOSTS.us.api}/me`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("rate-limit answers 429 with rate-limit headers and Retry-After", async () => {
    standIn.injectFault("me", { type: "rate-limit", retryAfterSeconds: 2, resetAt: 1_767_225_610 });
    const response = await me(HOSTS.us.api, standIn.issueToken());
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(response.headers.get("x-ratelimit-reset")).toBe("1767225610");
    expect(response.headers.get("x-ratelimit-limit")).toBe("10000");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await errorCodes(response))[0]?.code).toBe("rate_limit_exceeded");
  });

  it("rate-limit defaults the reset to now + 10 s, and can leave the headers out", async () => {
    standIn.injectFault("token", { type: "rate-limit" });
    standIn.injectFault("token", { type: "rate-limit", rateLimitHeaders: false });
    const first = await exchangeForm(HOSTS.us.api, {});
    expect(first.headers.get("x-ratelimit-reset")).toBe(String(Math.floor(clock / 1000) + 10));
    expect(first.headers.get("retry-after")).toBeNull();
    const second = await exchangeForm(HOSTS.us.api, {});
    expect(second.status).toBe(429);
    expect(second.headers.get("x-ratelimit-reset")).toBeNull();
  });

  it("html answers an HTML page with the status asked for", async () => {
    standIn.injectFault("token", { type: "html" });
    standIn.injectFault("token", { type: "html", status: 503 });
    const first = await exchangeForm(HOSTS.us.api, {});
    expect(first.status).toBe(502);
    expect(first.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await first.text()).toMatch(/^<!DOCTYPE html>/);
    expect((await exchangeForm(HOSTS.us.api, {})).status).toBe(503);
  });

  it("malformed-json answers 200 application/json that does not parse", async () => {
    standIn.injectFault("me", { type: "malformed-json" });
    const response = await me(HOSTS.us.api, standIn.issueToken());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("forbidden answers 403 naming the scope", async () => {
    standIn.injectFault("me", { type: "forbidden" });
    standIn.injectFault("me", { type: "forbidden", scope: "read_single_admin" });
    const first = await me(HOSTS.us.api, standIn.issueToken());
    expect(first.status).toBe(403);
    expect(await errorCodes(first)).toEqual([
      { code: "forbidden", message: "You do not have the required scope (read_admins) to access this resource" },
    ]);
    expect((await errorCodes(await me(HOSTS.us.api, standIn.issueToken())))[0]?.message).toContain(
      "(read_single_admin)",
    );
  });

  it("server-error answers a JSON envelope with the status asked for", async () => {
    standIn.injectFault("uninstall", { type: "server-error", status: 503 });
    const response = await uninstall(HOSTS.us.api, standIn.issueToken());
    expect(response.status).toBe(503);
    expect((await errorCodes(response))[0]?.code).toBe("server_error");
  });

  it("applies a fault `times` times, then answers normally", async () => {
    standIn.injectFault("authorize", { type: "server-error", times: 2 });
    expect((await authorize(HOSTS.us.app)).status).toBe(500);
    expect((await authorize(HOSTS.us.app)).status).toBe(500);
    expect((await authorize(HOSTS.us.app)).status).toBe(302);
  });

  it("keeps an Infinity fault until clearFaults()", async () => {
    standIn.injectFault("me", { type: "server-error", times: Number.POSITIVE_INFINITY });
    const token = standIn.issueToken();
    for (let i = 0; i < 3; i++) expect((await me(HOSTS.us.api, token)).status).toBe(500);
    standIn.clearFaults();
    expect((await me(HOSTS.us.api, token)).status).toBe(200);
  });

  it("targets only the endpoint named", async () => {
    standIn.injectFault("uninstall", { type: "server-error" });
    expect((await me(HOSTS.us.api, standIn.issueToken())).status).toBe(200);
  });

  it.each([
    ["an unknown endpoint", "contacts", { type: "server-error" }],
    ["an unknown type", "me", { type: "boom" }],
    ["times 0", "me", { type: "html", times: 0 }],
    ["a non-5xx server-error", "me", { type: "server-error", status: 404 }],
    ["a delay without ms", "me", { type: "delay" }],
    ["a negative delay", "me", { type: "delay", ms: -1 }],
    ["a null fault", "me", null],
    ["a string fault", "me", "server-error"],
    ["a negative retryAfterSeconds", "me", { type: "rate-limit", retryAfterSeconds: -1 }],
    ["an infinite retryAfterSeconds", "me", { type: "rate-limit", retryAfterSeconds: Number.POSITIVE_INFINITY }],
    ["a resetAt that is not a number", "me", { type: "rate-limit", resetAt: Number.NaN }],
    ["an html status below 200", "me", { type: "html", status: 199 }],
    ["an html status above 599", "me", { type: "html", status: 600 }],
    ["an empty forbidden scope", "me", { type: "forbidden", scope: "" }],
    ["a forbidden scope that is not a string", "me", { type: "forbidden", scope: 7 }],
  ])("refuses %s with INVALID_OPTIONS", (_name, endpoint, fault) => {
    let caught: unknown;
    try {
      standIn.injectFault(endpoint as "me", fault as StandInFault);
    } catch (error) {
      caught = error;
    }
    expect(isIntercomOAuthError(caught, "INVALID_OPTIONS")).toBe(true);
  });
});

describe("inspection", () => {
  it("logs each request secret-free and counts per endpoint", async () => {
    const code = await codeFrom();
    const exchanged = await exchangeForm(HOSTS.us.api, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    const { token } = (await exchanged.json()) as { token: string };
    await me(HOSTS.us.api, token);
    await uninstall(HOSTS.us.api, token);
    const log: readonly StandInRequestRecord[] = standIn.requests;
    expect(log.map((r) => [r.endpoint, r.method, r.path, r.status, r.region])).toEqual([
      ["authorize", "GET", "/oauth", 302, "us"],
      ["token", "POST", "/auth/eagle/token", 200, "us"],
      ["me", "GET", "/me", 200, "us"],
      ["uninstall", "POST", "/auth/uninstall", 200, "us"],
    ]);
    expect(standIn.counts).toEqual({ authorize: 1, token: 1, me: 1, uninstall: 1, unknown: 0 });
    const dumped = [
      JSON.stringify(log),
      JSON.stringify(standIn),
      inspect(standIn, { depth: 5, showHidden: true }),
      String(standIn),
    ].join("\n");
    for (const secret of [code, encodeURIComponent(code), CLIENT_SECRET, token, "st4te"])
      expect(dumped).not.toContain(secret);
  });

  it("keeps the request log bounded, and the counts exact", async () => {
    const small = createIntercomStandIn({ clientId: "a", clientSecret: "b", limits: { requestLog: 3 } });
    for (let i = 0; i < 5; i++) await small.handle(new Request(`${HOSTS.us.api}/me`));
    await small.handle(new Request(`${HOSTS.us.app}/oauth?client_id=a`));
    expect(small.requests.map((r) => r.endpoint)).toEqual(["me", "me", "authorize"]);
    expect(small.counts.me).toBe(5);
  });

  it("drops the oldest code and token past their caps", async () => {
    const small = createIntercomStandIn({ clientId: "a", clientSecret: "b", limits: { codes: 2, tokens: 2 } });
    const url = authorizeUrl(HOSTS.us.app, { client_id: "a" });
    const [c1, c2, c3] = [small.consent(url), small.consent(url), small.consent(url)].map(
      (u) => u.searchParams.get("code") ?? "",
    );
    const exchange = (code: string) =>
      small.handle(
        new Request(`${HOSTS.us.api}/auth/eagle/token`, {
          method: "POST",
          body: new URLSearchParams({ code, client_id: "a", client_secret: "b" }),
        }),
      );
    expect((await exchange(c1 ?? "")).status).toBe(401);
    expect((await exchange(c2 ?? "")).status).toBe(200);
    expect((await exchange(c3 ?? "")).status).toBe(200);
    const [t1, t2, t3] = [small.issueToken(), small.issueToken(), small.issueToken()];
    expect([t1, t2, t3].map((t) => small.tokenState(t))).toEqual(["unknown", "active", "active"]);
  });

  it("reset() forgets tokens, codes, faults, decisions and the log", async () => {
    const token = standIn.issueToken();
    const code = await codeFrom();
    standIn.injectFault("me", { type: "server-error" });
    standIn.nextDecision("deny");
    standIn.reset();
    expect(standIn.requests).toEqual([]);
    expect(standIn.counts.authorize).toBe(0);
    expect(standIn.tokenState(token)).toBe("unknown");
    expect(
      (await exchangeForm(HOSTS.us.api, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })).status,
    ).toBe(401);
    const next = standIn.issueToken();
    expect((await me(HOSTS.us.api, next)).status).toBe(200);
    expect(new URL((await authorize(HOSTS.us.app)).headers.get("location") ?? "").searchParams.has("code")).toBe(true);
  });
});

describe("handle() and fetch() without msw", () => {
  it("answers 404 for paths and hosts it does not serve", async () => {
    const response = await standIn.handle(new Request("https://api.intercom.io/contacts"));
    expect(response.status).toBe(404);
    expect((await errorCodes(response))[0]?.code).toBe("not_found");
    expect((await standIn.handle(new Request("https://example.com/me"))).status).toBe(404);
    expect(standIn.counts.unknown).toBe(2);
  });

  it("rejects with a TypeError('fetch failed') for network-error", async () => {
    standIn.injectFault("me", { type: "network-error" });
    await expect(standIn.fetch(`${HOSTS.us.api}/me`)).rejects.toThrow(new TypeError("fetch failed"));
  });

  it("runs a full flow through standIn.fetch", async () => {
    const location =
      (await standIn.fetch(authorizeUrl(LOCAL, { client_id: CLIENT_ID, state: "s" }))).headers.get("location") ?? "";
    const code = new URL(location).searchParams.get("code") ?? "";
    const exchanged = await standIn.fetch(`${LOCAL}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams({ code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    });
    const { token } = (await exchanged.json()) as { token: string };
    const body = (await (
      await standIn.fetch(`${LOCAL}/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { app: { region: string } };
    expect(body.app.region).toBe("US");
  });
});

describe("msw layer", () => {
  it("leaves other Intercom endpoints to the user's own handlers", async () => {
    const response = await fetch("https://api.intercom.io/contacts");
    expect(await response.json()).toEqual({ type: "list", data: [] });
  });

  it("intercomHandlers(options) builds a working stand-in", async () => {
    const handlers = intercomHandlers({ clientId: "solo", clientSecret: "solo-secret" });
    expect(handlers.length).toBe(12);
    server.use(...handlers);
    try {
      const response = await fetch(authorizeUrl(HOSTS.au.app, { client_id: "solo", state: "s" }), {
        redirect: "manual",
      });
      expect(response.status).toBe(302);
    } finally {
      server.resetHandlers();
    }
  });

  it("intercomHandlers(standIn) returns the stand-in's handlers", () => {
    expect(intercomHandlers(standIn).length).toBe(standIn.handlers().length);
    expect(standIn.handlers().length).toBe(16);
  });
});

describe("options", () => {
  it.each([
    ["no app", {}],
    ["an empty secret", { clientId: "a", clientSecret: "" }],
    ["a duplicate client id", { clientId: "a", clientSecret: "b", apps: [{ clientId: "a", clientSecret: "c" }] }],
    ["an empty redirectUris", { clientId: "a", clientSecret: "b", redirectUris: [] }],
    ["a relative redirect URI", { clientId: "a", clientSecret: "b", redirectUris: ["/callback"] }],
    ["a bad region", { clientId: "a", clientSecret: "b", region: "us-east" }],
    ["a zero codeTtlMs", { clientId: "a", clientSecret: "b", codeTtlMs: 0 }],
    ["a bad baseUrls.api", { clientId: "a", clientSecret: "b", baseUrls: { api: "localhost:4010" } }],
    ["a bad limit", { clientId: "a", clientSecret: "b", limits: { tokens: -1 } }],
  ])("refuses %s with INVALID_OPTIONS, without echoing secrets", (_name, options) => {
    let caught: unknown;
    try {
      createIntercomStandIn(options as Parameters<typeof createIntercomStandIn>[0]);
    } catch (error) {
      caught = error;
    }
    expect(isIntercomOAuthError(caught, "INVALID_OPTIONS")).toBe(true);
    expect((caught as { problems: string[] }).problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(caught) + String(caught)).not.toContain('"c"');
  });

  it("refuses options that are not an object, with INVALID_OPTIONS", () => {
    for (const options of [null, undefined, "solo"]) {
      expect(() => createIntercomStandIn(options as never), String(options)).toThrow(
        /createIntercomStandIn needs options/,
      );
    }
  });

  it("addBaseUrls refuses a base URL that is not an absolute http(s) URL", () => {
    const own = createIntercomStandIn({ clientId: "base", clientSecret: "base-secret" });
    for (const [key, value] of [
      ["app", "localhost:4010"],
      ["api", "ftp://127.0.0.1:21"],
    ] as const) {
      let caught: unknown;
      try {
        own.addBaseUrls({ [key]: value });
      } catch (error) {
        caught = error;
      }
      expect(isIntercomOAuthError(caught, "INVALID_OPTIONS"), value).toBe(true);
      expect(String(caught)).toContain(`addBaseUrls: ${key} must be an absolute URL`);
    }
  });

  it("fetch rejects, rather than throws, for input that is not a URL", async () => {
    let promise: Promise<Response> | undefined;
    expect(() => {
      promise = standIn.fetch("not a url");
    }).not.toThrow();
    await expect(promise).rejects.toThrow(TypeError);
  });

  it("issueToken refuses an unknown client id", () => {
    expect(() => standIn.issueToken({ clientId: "ghost" })).toThrow(/no app has this clientId/);
  });

  it("has the documented types", () => {
    expectTypeOf(createIntercomStandIn).parameter(0).toHaveProperty("clientId");
    expectTypeOf(standIn.handlers).returns.toEqualTypeOf<RequestHandler[]>();
    expectTypeOf(standIn.handle).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(standIn.consent).returns.toEqualTypeOf<URL>();
    expectTypeOf<StandInRequestRecord["endpoint"]>().toEqualTypeOf<
      "authorize" | "token" | "me" | "uninstall" | "unknown"
    >();
    // @ts-expect-error a delay needs ms
    const noMs: StandInFault = { type: "delay" };
    // @ts-expect-error not a fault type
    const unknown: StandInFault = { type: "timeout" };
    void noMs;
    void unknown;
  });
});
