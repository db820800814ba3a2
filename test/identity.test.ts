import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createIntercomOAuth, DEFAULT_API_VERSION, type IntercomIdentity, toIntercomToken } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const ME_URL = "https://api.intercom.io/me";
const CLIENT_SECRET = "cs_0123456789abcdef_SECRET";
const TOKEN = "dG9rOjBiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ==";
const SECRETS = [CLIENT_SECRET, TOKEN];

const ME = {
  type: "admin",
  id: "991267",
  email: "ada@example.com",
  name: "Ada Admin",
  email_verified: true,
  app: {
    type: "app",
    id_code: "drzzt019",
    name: "Acme Support",
    created_at: 1_700_000_000,
    secure: true,
    identity_verification: true,
    timezone: "Europe/Edinburgh",
    region: "US",
  },
  avatar: { type: "avatar", image_url: null },
  has_inbox_seat: true,
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const intercom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET });

function onMe(resolver: (request: Request, n: number) => Response | Promise<Response>, url = ME_URL) {
  const seen: { request: Request; at: number }[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push({ request, at: Date.now() });
      return resolver(request, seen.length);
    }),
  );
  return seen;
}

const envelope = (code: string, message: string) => ({
  type: "error.list",
  request_id: "req-9",
  errors: [{ code, message }],
});

describe("getIdentity: success", () => {
  it("sends Bearer, Accept and the default Intercom-Version, and maps admin and workspace", async () => {
    const seen = onMe(() => HttpResponse.json(ME));
    const identity = await intercom.getIdentity(TOKEN);
    const headers = seen[0]?.request.headers;
    expect(headers?.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(headers?.get("accept")).toBe("application/json");
    expect(headers?.get("intercom-version")).toBe(DEFAULT_API_VERSION);
    expect(DEFAULT_API_VERSION).toBe("2.14");
    expect(identity).toEqual({
      admin: { id: "991267", name: "Ada Admin", email: "ada@example.com", emailVerified: true },
      workspace: { id: "drzzt019", name: "Acme Support", region: "us", rawRegion: "US", timezone: "Europe/Edinburgh" },
    });
    expectTypeOf(identity).toEqualTypeOf<IntercomIdentity>();
  });

  it("sends an overridden Intercom-Version", async () => {
    const custom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, apiVersion: "Preview" });
    const seen = onMe(() => HttpResponse.json(ME));
    await custom.getIdentity(TOKEN);
    expect(seen[0]?.request.headers.get("intercom-version")).toBe("Preview");
  });

  it.each([
    ["us", "https://api.intercom.io/me"],
    ["eu", "https://api.eu.intercom.io/me"],
    ["au", "https://api.au.intercom.io/me"],
  ] as const)("uses the %s API host", async (region, url) => {
    const seen = onMe(() => HttpResponse.json(ME), url);
    await createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, region }).getIdentity(TOKEN);
    expect(seen).toHaveLength(1);
  });

  it("honours baseUrls.api", async () => {
    const seen = onMe(() => HttpResponse.json(ME), "http://127.0.0.1:4010/me");
    await createIntercomOAuth({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      baseUrls: { api: "http://127.0.0.1:4010" },
    }).getIdentity(TOKEN);
    expect(seen).toHaveLength(1);
  });

  it("accepts a token object", async () => {
    const seen = onMe(() => HttpResponse.json(ME));
    await intercom.getIdentity(toIntercomToken(TOKEN));
    expect(seen[0]?.request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("tolerates missing optional fields", async () => {
    const { email_verified: _v, name: _n, ...admin } = ME;
    onMe(() => HttpResponse.json({ ...admin, id: 991267, app: { id_code: "drzzt019", name: "Acme" } }));
    expect(await intercom.getIdentity(TOKEN)).toEqual({
      admin: { id: "991267", name: null, email: "ada@example.com", emailVerified: false },
      workspace: { id: "drzzt019", name: "Acme", region: "us", rawRegion: null, timezone: null },
    });
  });

  it.each([
    ["no app", { ...ME, app: undefined }],
    ["no id_code", { ...ME, app: { name: "x" } }],
    ["no email", { ...ME, email: undefined }],
    ["not an object", ["admin"]],
  ])("maps a wrong shape (%s) to INVALID_RESPONSE", async (_name, body) => {
    onMe(() => HttpResponse.json(body));
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error.code).toBe("INVALID_RESPONSE");
    expectNoSecrets(error, SECRETS);
  });

  it("maps an HTML 200 to INVALID_RESPONSE", async () => {
    onMe(() => new HttpResponse("<html></html>", { headers: { "content-type": "text/html" } }));
    expectNoSecrets(await caught(() => intercom.getIdentity(TOKEN)), SECRETS);
  });

  it("rejects an empty token before any request", async () => {
    const seen = onMe(() => HttpResponse.json(ME));
    expect((await caught(() => intercom.getIdentity(""))).code).toBe("INVALID_OPTIONS");
    const spaced = await caught(() => intercom.getIdentity(`${TOKEN}\n`));
    expect(spaced.code).toBe("INVALID_OPTIONS");
    expectNoSecrets(spaced, SECRETS);
    expect(seen).toHaveLength(0);
  });
});

describe("getIdentity: errors", () => {
  it("maps 401 token_revoked to UNAUTHORIZED, without retrying", async () => {
    const seen = onMe(() => HttpResponse.json(envelope("token_revoked", "Token revoked"), { status: 401 }));
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "UNAUTHORIZED", status: 401, requestId: "req-9" });
    expect(error.errors).toEqual([{ code: "token_revoked", message: "Token revoked" }]);
    expect(seen).toHaveLength(1);
    expectNoSecrets(error, SECRETS);
  });

  it("maps 403 naming a scope to FORBIDDEN with scope", async () => {
    onMe(() =>
      HttpResponse.json(
        envelope("forbidden", "You do not have the required scope (read_conversations) to access this resource"),
        {
          status: 403,
        },
      ),
    );
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "FORBIDDEN", status: 403, scope: "read_conversations" });
    expect(error.message).toContain("read_conversations");
    expectNoSecrets(error, SECRETS);
  });

  it("maps 403 token_unauthorized without a scope name to FORBIDDEN", async () => {
    onMe(() => HttpResponse.json(envelope("token_unauthorized", "Not authorized to access resource"), { status: 403 }));
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "FORBIDDEN", scope: undefined });
    expect(error.message).toContain("Read admins");
  });

  it("maps 400 intercom_version_invalid to API_ERROR with a fix", async () => {
    const custom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, apiVersion: "9.99" });
    onMe(() =>
      HttpResponse.json(envelope("intercom_version_invalid", "Requested API version is invalid"), { status: 400 }),
    );
    const error = await caught(() => custom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "API_ERROR", status: 400 });
    expect(error.message).toContain('"9.99"');
    expectNoSecrets(error, SECRETS);
  });

  it("scrubs a token echoed by Intercom", async () => {
    onMe(() => HttpResponse.json(envelope("unauthorized", `Access Token Invalid: ${TOKEN}`), { status: 401 }));
    expectNoSecrets(await caught(() => intercom.getIdentity(TOKEN)), SECRETS);
  });
});

describe("getIdentity: retries", () => {
  it("retries a 429 after Retry-After: 0 and succeeds", async () => {
    const seen = onMe((_r, n) =>
      n === 1
        ? HttpResponse.json(envelope("rate_limit_exceeded", "Slow down"), {
            status: 429,
            headers: { "retry-after": "0" },
          })
        : HttpResponse.json(ME),
    );
    expect((await intercom.getIdentity(TOKEN)).workspace.id).toBe("drzzt019");
    expect(seen).toHaveLength(2);
  });

  it("waits until X-RateLimit-Reset before retrying", async () => {
    const reset = Math.floor(Date.now() / 1000) + 1;
    const seen = onMe((_r, n) =>
      n === 1
        ? HttpResponse.json(envelope("rate_limit_exceeded", "Slow down"), {
            status: 429,
            headers: { "x-ratelimit-reset": String(reset) },
          })
        : HttpResponse.json(ME),
    );
    await intercom.getIdentity(TOKEN);
    expect(seen).toHaveLength(2);
    expect((seen[1]?.at ?? 0) + 15).toBeGreaterThanOrEqual(reset * 1000);
  });

  it("waits an HTTP-date Retry-After", async () => {
    const seen = onMe((_r, n) =>
      n === 1
        ? new HttpResponse(null, { status: 429, headers: { "retry-after": new Date(Date.now() - 5000).toUTCString() } })
        : HttpResponse.json(ME),
    );
    await intercom.getIdentity(TOKEN);
    expect(seen).toHaveLength(2);
  });

  it("reads an HTTP-date Retry-After (a far one is reported, not slept)", async () => {
    const seen = onMe(
      () =>
        new HttpResponse(null, {
          status: 429,
          headers: { "retry-after": new Date(Date.now() + 120_000).toUTCString() },
        }),
    );
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterMs).toBeGreaterThan(115_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(seen).toHaveLength(1);
  });

  it("gives up after maxRetries and reports RATE_LIMITED with retryAfterMs", async () => {
    const seen = onMe(() =>
      HttpResponse.json(envelope("rate_limit_exceeded", "Slow down"), { status: 429, headers: { "retry-after": "0" } }),
    );
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterMs: 0 });
    expect(seen).toHaveLength(3); // 1 + default maxRetries (2)
    expectNoSecrets(error, SECRETS);
  });

  it("respects maxRetries: 0 and a custom bound", async () => {
    const none = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 0 });
    const seen = onMe(() => new HttpResponse(null, { status: 429, headers: { "retry-after": "0" } }));
    expect((await caught(() => none.getIdentity(TOKEN))).code).toBe("RATE_LIMITED");
    expect(seen).toHaveLength(1);
    const four = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 4 });
    const seen4 = onMe(() => new HttpResponse(null, { status: 429, headers: { "retry-after": "0" } }));
    await caught(() => four.getIdentity(TOKEN));
    expect(seen4).toHaveLength(5);
  });

  it("does not sleep through a wait longer than the cap: it reports it at once", async () => {
    const seen = onMe(() => new HttpResponse(null, { status: 429, headers: { "retry-after": "120" } }));
    const started = Date.now();
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 120_000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(seen).toHaveLength(1);
  });

  it("retries a 5xx with backoff, then succeeds", async () => {
    const seen = onMe((_r, n) =>
      n === 1 ? new HttpResponse("<html>503</html>", { status: 503 }) : HttpResponse.json(ME),
    );
    await intercom.getIdentity(TOKEN);
    expect(seen).toHaveLength(2);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(100);
  });

  it("reports SERVER_ERROR after the bound", async () => {
    const one = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 1 });
    const seen = onMe(() => HttpResponse.json(envelope("server_error", "Boom"), { status: 500 }));
    const error = await caught(() => one.getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 500 });
    expect(seen).toHaveLength(2);
    expectNoSecrets(error, SECRETS);
  });

  it("retries network errors, then reports NETWORK_ERROR", async () => {
    const one = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 1 });
    const seen = onMe(() => HttpResponse.error());
    const error = await caught(() => one.getIdentity(TOKEN));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(seen).toHaveLength(2);
    expectNoSecrets(error, SECRETS);
  });

  it("retries a timeout, then reports TIMEOUT", async () => {
    // The retry must fit the call's deadline, 2 × timeoutMs: after the first attempt (1 s) and a
    // backoff (at most 250 ms), half a timeoutMs must be left. 1 s leaves 250 ms of slack for a
    // loaded machine's late timers; 500 ms left none, and the retry was sometimes skipped.
    const one = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 1, timeoutMs: 1_000 });
    const seen = onMe(async () => {
      await delay(3_000);
      return HttpResponse.json(ME);
    });
    const error = await caught(() => one.getIdentity(TOKEN));
    expect(error.code).toBe("TIMEOUT");
    expect(seen).toHaveLength(2);
    expectNoSecrets(error, SECRETS);
  });
});

describe("getIdentity: abort", () => {
  it("reports ABORTED during a request", async () => {
    onMe(async () => {
      await delay(500);
      return HttpResponse.json(ME);
    });
    const error = await caught(() => intercom.getIdentity(TOKEN, { signal: AbortSignal.timeout(20) }));
    expect(error.code).toBe("ABORTED");
    expectNoSecrets(error, SECRETS);
  });

  it("reports ABORTED without a retry when the caller aborts while a retryable answer's body is read", async () => {
    const controller = new AbortController();
    const seen = onMe(() => {
      // Reading the body aborts the caller's signal: after the status is known, before any retry wait.
      const body = new ReadableStream<Uint8Array>({
        pull(stream) {
          controller.abort();
          stream.close();
        },
      });
      return new HttpResponse(body, { status: 503, headers: { "retry-after": "5" } });
    });
    const started = Date.now();
    const error = await caught(() => intercom.getIdentity(TOKEN, { signal: controller.signal }));
    expect(error.code).toBe("ABORTED");
    expect(seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports ABORTED during a retry wait, without another request", async () => {
    const seen = onMe(() => new HttpResponse(null, { status: 429, headers: { "retry-after": "3" } }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await caught(() => intercom.getIdentity(TOKEN, { signal: controller.signal }));
    expect(error.code).toBe("ABORTED");
    expect(seen).toHaveLength(1);
  });
});
