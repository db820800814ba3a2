// Issue 13: the wait a rate-limited answer advertises, as error.retryAfterMs: Retry-After in
// seconds or as an HTTP date, else X-RateLimit-Reset; bounded to a day, never negative.
import { describe, expect, it } from "vitest";
import { intercomErrorFromResponse } from "../src/index.js";

const DAY_MS = 86_400_000;

async function waitOf(headers: Record<string, string>): Promise<number | undefined> {
  return (await intercomErrorFromResponse(new Response(null, { status: 429, headers }))).retryAfterMs;
}

describe("issue 13 — the advertised wait", () => {
  it("reads Retry-After seconds, fractions and surrounding spaces", async () => {
    expect(await waitOf({ "retry-after": "2.5" })).toBe(2_500);
    expect(await waitOf({ "retry-after": " 3 " })).toBe(3_000);
  });

  it("ignores a Retry-After that is neither seconds nor a date", async () => {
    for (const value of ["2.", ".5", "-5", "1e3", "+2", "soon"]) {
      expect(await waitOf({ "retry-after": value }), value).toBeUndefined();
    }
  });

  it("reads an HTTP date in any letter case, bounded to a day, and 0 once it has passed", async () => {
    expect(await waitOf({ "retry-after": "WED, 01 JAN 2098 00:00:00 GMT" })).toBe(DAY_MS);
    expect(await waitOf({ "retry-after": "Thu, 01 Jan 1970 00:00:00 GMT" })).toBe(0);
    const soon = await waitOf({ "retry-after": new Date(Date.now() + 60_000).toUTCString() });
    expect(soon).toBeGreaterThan(55_000);
    expect(soon).toBeLessThanOrEqual(60_000);
  });

  it("bounds a long Retry-After in seconds to a day", async () => {
    expect(await waitOf({ "retry-after": "86401" })).toBe(DAY_MS);
    expect(await waitOf({ "retry-after": "86399" })).toBe(86_399_000);
  });

  it("falls back on X-RateLimit-Reset (Unix seconds) when Retry-After is missing, empty or unusable", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 30);
    for (const retryAfter of [undefined, "", "  ", "soon"]) {
      const headers: Record<string, string> = { "x-ratelimit-reset": ` ${reset} ` };
      if (retryAfter !== undefined) headers["retry-after"] = retryAfter;
      const wait = await waitOf(headers);
      expect(wait).toBeGreaterThan(25_000);
      expect(wait).toBeLessThanOrEqual(30_000);
    }
    expect(await waitOf({ "retry-after": "1", "x-ratelimit-reset": reset })).toBe(1_000);
  });

  it("reads X-RateLimit-Reset in the past as 0, far ahead as a day, and refuses what is not 1 to 12 digits", async () => {
    expect(await waitOf({ "x-ratelimit-reset": "1" })).toBe(0);
    expect(await waitOf({ "x-ratelimit-reset": "999999999999" })).toBe(DAY_MS);
    for (const value of ["9999999999999", "-1", "1.5", "x1"]) {
      expect(await waitOf({ "x-ratelimit-reset": value }), value).toBeUndefined();
    }
  });
});
