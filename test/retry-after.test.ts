// Issue 8, Low: a past date, zero or a negative Retry-After gave back-to-back retries; a
// 400-digit one gave Infinity; and waits could run getIdentity far past timeoutMs.
// Real loopback timing, kept small: the bounds asserted are the SDK's documented floor and
// deadline, with slack for a busy machine, not performance figures.
import { afterEach, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthOptions } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { json, type Loopback, loopback } from "./support/loopback.js";

const CLIENT_SECRET = "cs_retry_after_SECRET_0123456789";
const TOKEN = "dG9rOnJldHJ5LWFmdGVyLXRva2VuLTAxMjM0NTY3ODk=";
const ME = { type: "admin", id: "1", email: "ada@example.com", app: { id_code: "abc123" } };
/** The shortest wait between two attempts: half the 250 ms backoff base (full jitter). */
const FLOOR_MS = 125;
const DAY_MS = 86_400_000;

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** /me answering 429 with `headers` `limited` times, then the admin; records when each request came. */
async function limited(headers: () => Record<string, string>, times = 1) {
  const at: number[] = [];
  const api = await loopback((_request, res) => {
    at.push(Date.now());
    if (at.length <= times)
      json(res, 429, { type: "error.list", errors: [{ code: "rate_limit_exceeded" }] }, headers());
    else json(res, 200, ME);
  });
  servers.push(api);
  return { api, at };
}

function client(api: Loopback, options: Partial<IntercomOAuthOptions> = {}) {
  return createIntercomOAuth({
    clientId: "cid",
    clientSecret: CLIENT_SECRET,
    baseUrls: { api: api.origin },
    ...options,
  });
}

describe("regression: issue 8 — Retry-After waits are floored, bounded, and within a deadline", () => {
  it.each([
    ["0", () => "0"],
    ["a tiny fraction", () => "0.0001"],
    ["a date in the past", () => new Date(Date.now() - 60_000).toUTCString()],
    ["a negative number", () => "-5"],
    ["garbage", () => "soon"],
  ])("Retry-After %s: the retry still waits the backoff floor", async (_name, value) => {
    const { api, at } = await limited(() => ({ "retry-after": value() }));
    expect((await client(api).getIdentity(TOKEN)).workspace.id).toBe("abc123");
    expect(at).toHaveLength(2);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(FLOOR_MS - 10);
  });

  it("X-RateLimit-Reset in the past: the retry still waits the backoff floor", async () => {
    const { api, at } = await limited(() => ({ "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) - 30) }));
    await client(api).getIdentity(TOKEN);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(FLOOR_MS - 10);
  });

  it("a 400-digit Retry-After is reported as a bounded wait (a day), at once, not Infinity", async () => {
    const { api, at } = await limited(() => ({ "retry-after": "9".repeat(400) }), 10);
    const error = await caught(() => client(api).getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterMs: DAY_MS });
    expect(Number.isFinite(error.retryAfterMs)).toBe(true);
    expect(error.message).toContain("Try again in 86400 s");
    expect(at).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(error)).retryAfterMs).toBe(DAY_MS);
    expectNoSecrets(error, [CLIENT_SECRET, TOKEN]);
  });

  it("the same bound holds for the exchange and for X-RateLimit-Reset far in the future", async () => {
    const api = await loopback((_request, res) =>
      json(res, 429, {}, { "retry-after": `${"1".repeat(400)}.5`, "x-ratelimit-reset": "999999999999" }),
    );
    servers.push(api);
    expect((await caught(() => client(api).exchangeCode("Y29kZQ=="))).retryAfterMs).toBe(DAY_MS);
    const reset = await loopback((_request, res) => json(res, 503, {}, { "x-ratelimit-reset": "999999999999" }));
    servers.push(reset);
    expect((await caught(() => client(reset).revokeToken(TOKEN))).retryAfterMs).toBe(DAY_MS);
  });

  it("a wait that would pass the deadline, (maxRetries + 1) × timeoutMs, is not slept: the answer is returned", async () => {
    // Deadline 4 × 400 = 1,600 ms. First wait: 1 s, slept. Second: would end after 2 s, so not slept.
    const { api, at } = await limited(() => ({ "retry-after": "1" }), 10);
    const started = Date.now();
    const error = await caught(() => client(api, { timeoutMs: 400, maxRetries: 3 }).getIdentity(TOKEN));
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(at).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1_600);
  });

  it("timeouts and their backoffs stay within the deadline too", async () => {
    // Headers never come: every attempt times out. Deadline 11 × 200 = 2,200 ms; before the
    // fix, 11 attempts and ten backoffs (up to 8 s each) took well over 10 s.
    const api = await loopback(() => {});
    servers.push(api);
    const started = Date.now();
    const error = await caught(() => client(api, { timeoutMs: 200, maxRetries: 10 }).getIdentity(TOKEN));
    expect(error.code).toBe("TIMEOUT");
    expect(api.received.length).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeLessThan(2_200 + 1_000); // the deadline, plus slack for a busy machine
  });
});
