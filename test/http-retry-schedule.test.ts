// The retry schedule of getIdentity, exactly: which answers are retried, how long each wait is
// (exponential backoff from 250 ms with jitter, capped at 8 s, never below what Intercom
// advertises), and the (maxRetries + 1) × timeoutMs deadline. Fake timers and a custom fetch
// that answers at once make the times exact; Math.random is pinned so the jitter is known.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createIntercomOAuth, type IntercomOAuthOptions } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CLIENT_SECRET = "cs_retry_schedule_SECRET_0123456789";
const TOKEN = "dG9rOnJldHJ5LXNjaGVkdWxlLXRva2VuLTAxMjM0NTY3ODk=";
const ME = { type: "admin", id: "1", email: "ada@example.com", app: { id_code: "abc123" } };

type Answer = () => Response | Promise<Response>;

/** A fetch that answers with `answers` in turn (the last one repeats), noting when each request came. */
function scripted(...answers: Answer[]) {
  const at: number[] = [];
  const fetch: typeof globalThis.fetch = async () => {
    at.push(Date.now());
    const answer = answers[Math.min(at.length, answers.length) - 1] as Answer;
    return answer();
  };
  return { fetch, at };
}

/** An error answer; a 429 says rate_limit_exceeded, as Intercom's do. */
const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  () =>
    Response.json(
      { type: "error.list", errors: [{ code: code === 429 ? "rate_limit_exceeded" : "server_error", message: "x" }] },
      { status: code, headers },
    );
const admin: Answer = () => Response.json(ME);
const refused: Answer = () => Promise.reject(new TypeError("fetch failed"));

function client(fetch: typeof globalThis.fetch, options: Partial<IntercomOAuthOptions> = {}) {
  return createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, fetch, ...options });
}

/** Runs `call` to the end on fake time. */
async function settle<T>(call: () => Promise<T>): Promise<T> {
  const promise = call();
  promise.catch(() => {});
  await vi.runAllTimersAsync();
  return promise;
}

/** Times of the requests, relative to the first. */
const gaps = (at: number[]) => at.map((t) => t - (at[0] ?? 0));

beforeEach(() => {
  vi.useFakeTimers();
  // Jitter at its middle: each wait is 0.75 × min(8 s, 250 ms × 2^retry).
  vi.spyOn(Math, "random").mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The waits between requests. */
const waits = (at: number[]) => at.slice(1).map((t, i) => t - (at[i] as number));

describe("getIdentity: which answers are retried", () => {
  it.each([429, 500, 502, 503, 504])("a %i is retried up to maxRetries times", async (code) => {
    const { fetch, at } = scripted(status(code));
    const error = await caught(() => settle(() => client(fetch, { maxRetries: 2 }).getIdentity(TOKEN)));
    expect(error.status).toBe(code);
    expect(at).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 499])("a %i is not retried", async (code) => {
    const { fetch, at } = scripted(status(code));
    const error = await caught(() => settle(() => client(fetch, { maxRetries: 2 }).getIdentity(TOKEN)));
    expect(error.status).toBe(code);
    expect(at).toHaveLength(1);
  });

  it("a network failure is retried, and the last one is thrown", async () => {
    const { fetch, at } = scripted(refused);
    const error = await caught(() => settle(() => client(fetch, { maxRetries: 3 }).getIdentity(TOKEN)));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(at).toHaveLength(4);
  });

  it("a timeout is retried; the last attempt gets what is left of the deadline", async () => {
    const { fetch, at } = scripted(() => new Promise<Response>(() => {}));
    const error = await caught(() =>
      settle(() => client(fetch, { maxRetries: 1, timeoutMs: 1_000 }).getIdentity(TOKEN)),
    );
    expect(error.code).toBe("TIMEOUT");
    // 1,000 ms for the first attempt, a 187 ms wait, then 813 ms of the 2,000 ms deadline.
    expect(gaps(at)).toEqual([0, 1_187]);
    expect(error.message).toMatch(/did not answer \/me within 813 ms/);
  });

  it("recovers when a retry succeeds", async () => {
    const { fetch, at } = scripted(status(503), refused, admin);
    const identity = await settle(() => client(fetch, { maxRetries: 2 }).getIdentity(TOKEN));
    expect(identity.workspace.id).toBe("abc123");
    expect(at).toHaveLength(3);
  });

  it("maxRetries: 0 makes one request", async () => {
    const { fetch, at } = scripted(status(503));
    await caught(() => settle(() => client(fetch, { maxRetries: 0 }).getIdentity(TOKEN)));
    expect(at).toHaveLength(1);
  });
});

describe("getIdentity: how long it waits", () => {
  it("250 ms × 2^retry, times the jitter factor (0.5 to 1), capped at 8 s", async () => {
    const { fetch, at } = scripted(status(503));
    await caught(() => settle(() => client(fetch, { maxRetries: 8, timeoutMs: 60_000 }).getIdentity(TOKEN)));
    // Jitter factor 0.75: 187.5, 375, 750, 1,500, 3,000, then 0.75 × 8 s (fake timers drop the fraction).
    expect(waits(at)).toEqual([187, 375, 750, 1_500, 3_000, 6_000, 6_000, 6_000]);
  });

  it.each([
    [0, [125, 250, 500]],
    [0.999, [249, 499, 999]],
  ])("the jitter factor follows Math.random (%f)", async (random, expected) => {
    vi.mocked(Math.random).mockReturnValue(random);
    const { fetch, at } = scripted(status(503));
    await caught(() => settle(() => client(fetch, { maxRetries: 3, timeoutMs: 60_000 }).getIdentity(TOKEN)));
    expect(waits(at)).toEqual(expected);
  });

  it("waits what Retry-After advertises when that is longer than the backoff", async () => {
    const { fetch, at } = scripted(status(429, { "retry-after": "2" }), admin);
    await settle(() => client(fetch, { timeoutMs: 60_000 }).getIdentity(TOKEN));
    expect(waits(at)).toEqual([2_000]);
  });

  it("waits the backoff when Retry-After is shorter", async () => {
    const { fetch, at } = scripted(status(429, { "retry-after": "0.1" }), admin);
    await settle(() => client(fetch, { timeoutMs: 60_000 }).getIdentity(TOKEN));
    expect(waits(at)).toEqual([187]);
  });

  it("sleeps an advertised wait of exactly 60 s, but returns a longer one at once", async () => {
    const sixty = scripted(status(429, { "retry-after": "60" }), admin);
    await settle(() => client(sixty.fetch, { timeoutMs: 100_000 }).getIdentity(TOKEN));
    expect(waits(sixty.at)).toEqual([60_000]);

    const longer = scripted(status(429, { "retry-after": "61" }), admin);
    const error = await caught(() => settle(() => client(longer.fetch, { timeoutMs: 100_000 }).getIdentity(TOKEN)));
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 61_000 });
    expect(longer.at).toHaveLength(1);
  });

  it("after the last retry, returns the answer with the advertised wait as retryAfterMs", async () => {
    const { fetch, at } = scripted(status(429, { "retry-after": "3" }));
    const error = await caught(() =>
      settle(() => client(fetch, { maxRetries: 1, timeoutMs: 60_000 }).getIdentity(TOKEN)),
    );
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterMs: 3_000 });
    expect(at).toHaveLength(2);
  });

  it("an abort during a wait ends the call at once with ABORTED", async () => {
    const controller = new AbortController();
    const { fetch, at } = scripted(status(429, { "retry-after": "30" }), admin);
    const promise = client(fetch, { timeoutMs: 60_000 }).getIdentity(TOKEN, { signal: controller.signal });
    promise.catch(() => {});
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    const error = await caught(() => promise);
    expect(error.code).toBe("ABORTED");
    expect(error.message).toContain("cancelled by the caller's AbortSignal");
    expect(at).toHaveLength(1);
    expectNoSecrets(error, [CLIENT_SECRET, TOKEN]);
  });
});

describe("getIdentity: an abort or the end of the call", () => {
  it("an abort during the wait after a network failure ends the call at once with ABORTED", async () => {
    const controller = new AbortController();
    const { fetch, at } = scripted(refused, admin);
    const promise = client(fetch, { timeoutMs: 60_000 }).getIdentity(TOKEN, { signal: controller.signal });
    promise.catch(() => {});
    await vi.advanceTimersByTimeAsync(100); // inside the 187 ms backoff
    controller.abort();
    const error = await caught(() => promise);
    expect(error.code).toBe("ABORTED");
    expect(at).toHaveLength(1);
  });

  it("a finished call leaves no timer running, so a short script can exit at once", async () => {
    const { fetch } = scripted(admin);
    await client(fetch, { timeoutMs: 60_000 }).getIdentity(TOKEN);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("getIdentity: the deadline, (maxRetries + 1) × timeoutMs", () => {
  // timeoutMs 1,000 and one retry: the deadline is 2,000 ms after the call starts. A wait is
  // slept only if half of timeoutMs (500 ms) is left after it.
  it("sleeps a wait that leaves exactly half of timeoutMs before the deadline", async () => {
    const { fetch, at } = scripted(status(429, { "retry-after": "1.5" }), admin);
    await settle(() => client(fetch, { maxRetries: 1, timeoutMs: 1_000 }).getIdentity(TOKEN));
    expect(waits(at)).toEqual([1_500]);
  });

  it("does not sleep a wait that leaves less, and returns the answer with the wait as retryAfterMs", async () => {
    const { fetch, at } = scripted(status(429, { "retry-after": "1.501" }), admin);
    const error = await caught(() =>
      settle(() => client(fetch, { maxRetries: 1, timeoutMs: 1_000 }).getIdentity(TOKEN)),
    );
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 1_501 });
    expect(at).toHaveLength(1);
  });

  it("reports an unslept backoff rounded up to whole milliseconds", async () => {
    // Deadline 200 ms; the 187.5 ms backoff plus 50 ms does not fit.
    const { fetch, at } = scripted(status(503));
    const error = await caught(() => settle(() => client(fetch, { maxRetries: 1, timeoutMs: 100 }).getIdentity(TOKEN)));
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 503, retryAfterMs: 188 });
    expect(at).toHaveLength(1);
  });

  it("throws the last error instead of sleeping a wait that does not fit", async () => {
    const { fetch, at } = scripted(refused);
    const error = await caught(() => settle(() => client(fetch, { maxRetries: 5, timeoutMs: 100 }).getIdentity(TOKEN)));
    expect(error.code).toBe("NETWORK_ERROR");
    // Deadline 600 ms: the first wait, 187.5 ms, fits; the second, 375 ms from 187 ms, would leave under 50 ms.
    expect(gaps(at)).toEqual([0, 187]);
  });

  it("gives the attempt after a wait only what is left of the deadline", async () => {
    // 1,500 ms slept of a 2,000 ms deadline: the second attempt times out after 500 ms.
    const { fetch, at } = scripted(status(429, { "retry-after": "1.5" }), () => new Promise<Response>(() => {}));
    const error = await caught(() =>
      settle(() => client(fetch, { maxRetries: 1, timeoutMs: 1_000 }).getIdentity(TOKEN)),
    );
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toMatch(/did not answer \/me within 500 ms/);
    expect(at).toHaveLength(2);
  });
});
