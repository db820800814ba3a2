import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createSignedState,
  createState,
  MAX_SIGNED_STATE_DATA_BYTES,
  type VerifiedState,
  verifySignedState,
} from "../src/index.js";
import { caught } from "./support/expect-no-secrets.js";

const SECRET = "a-dedicated-state-secret-of-32-bytes-or-more";
const OTHER = "another-dedicated-state-secret-of-32-bytes!!";

function fromB64(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}
function toB64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

describe("createState", () => {
  it("is 32 random bytes in base64url (43 characters, URL-safe)", () => {
    const state = createState();
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromB64(state).byteLength).toBe(32);
  });

  it("does not repeat, and uses the whole alphabet", () => {
    const states = Array.from({ length: 500 }, () => createState());
    expect(new Set(states).size).toBe(500);
    const chars = new Set(states.join(""));
    expect(chars.size).toBeGreaterThan(60);
  });
});

describe("signed state", () => {
  it("round-trips data and times", async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const state = await createSignedState({
      secret: SECRET,
      ttlSeconds: 600,
      data: { returnTo: "/settings", tenant: 42 },
      now,
    });
    expect(state).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const verified = await verifySignedState<{ returnTo: string; tenant: number }>(state, {
      secret: SECRET,
      now: now + 1000,
    });
    expect(verified.data).toEqual({ returnTo: "/settings", tenant: 42 });
    expect(verified.issuedAt.getTime()).toBe(now);
    expect(verified.expiresAt.getTime()).toBe(now + 600_000);
    expectTypeOf(verified).toEqualTypeOf<VerifiedState<{ returnTo: string; tenant: number }>>();
  });

  it("gives null data when none was signed, and a different state each time", async () => {
    const a = await createSignedState({ secret: SECRET, ttlSeconds: 60 });
    const b = await createSignedState({ secret: SECRET, ttlSeconds: 60 });
    expect(a).not.toBe(b);
    expect((await verifySignedState(a, { secret: SECRET })).data).toBeNull();
  });

  it("accepts a Uint8Array secret", async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const state = await createSignedState({ secret: key, ttlSeconds: 60, data: "x" });
    expect((await verifySignedState(state, { secret: key })).data).toBe("x");
  });

  it("rejects a tampered payload", async () => {
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 600, data: { role: "user" } });
    const [v, payload = "", sig] = state.split(".");
    const json = new TextDecoder().decode(fromB64(payload)).replace('"user"', '"admin"');
    const forged = [v, toB64(new TextEncoder().encode(json)), sig].join(".");
    expect((await caught(() => verifySignedState(forged, { secret: SECRET }))).code).toBe("STATE_INVALID");
  });

  it("rejects a tampered expiry (checked only after the signature)", async () => {
    const now = Date.now();
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 1, now });
    const [v, payload = "", sig] = state.split(".");
    const parsed = JSON.parse(new TextDecoder().decode(fromB64(payload))) as { exp: number };
    parsed.exp += 10_000;
    const forged = [v, toB64(new TextEncoder().encode(JSON.stringify(parsed))), sig].join(".");
    expect((await caught(() => verifySignedState(forged, { secret: SECRET, now: now + 5000 }))).code).toBe(
      "STATE_INVALID",
    );
  });

  it("rejects a tampered signature", async () => {
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 600 });
    // Flip a middle character: the last one partly encodes padding bits.
    const at = state.length - 10;
    const forged = state.slice(0, at) + (state[at] === "A" ? "B" : "A") + state.slice(at + 1);
    expect((await caught(() => verifySignedState(forged, { secret: SECRET }))).code).toBe("STATE_INVALID");
  });

  it("rejects a state signed with another secret, without revealing either secret", async () => {
    const state = await createSignedState({ secret: OTHER, ttlSeconds: 600 });
    const error = await caught(() => verifySignedState(state, { secret: SECRET }));
    expect(error.code).toBe("STATE_INVALID");
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(error.message).not.toContain(OTHER);
  });

  it("expires after its TTL", async () => {
    const now = Date.UTC(2026, 0, 1);
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 600, now });
    await expect(verifySignedState(state, { secret: SECRET, now: now + 599_000 })).resolves.toBeDefined();
    const error = await caught(() => verifySignedState(state, { secret: SECRET, now: new Date(now + 600_000) }));
    expect(error.code).toBe("STATE_EXPIRED");
    expect(error.message).toContain("ttlSeconds");
  });

  it.each([
    ["garbage", "not-a-state"],
    ["wrong version", "v2.e30.AAAA"],
    ["too many parts", "v1.a.b.c"],
    ["bad base64", "v1.!!!.???"],
    ["short signature", "v1.e30.AAAA"],
    ["huge", `v1.${"A".repeat(5000)}.AAAA`],
  ])("rejects malformed input: %s", async (_name, state) => {
    expect((await caught(() => verifySignedState(state, { secret: SECRET }))).code).toBe("STATE_INVALID");
  });

  it("rejects a signed non-payload (valid signature over junk is impossible without the key)", async () => {
    // Sign valid JSON that lacks the payload fields, with the right key, to reach the shape check.
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const payload = toB64(new TextEncoder().encode('{"hello":1}'));
    const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`v1.${payload}`)));
    expect((await caught(() => verifySignedState(`v1.${payload}.${toB64(sig)}`, { secret: SECRET }))).code).toBe(
      "STATE_INVALID",
    );
  });

  it.each([
    ["not JSON", new TextEncoder().encode("{not json")],
    ["not UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ])("rejects a correctly signed payload that is %s", async (_name, bytes) => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const payload = toB64(bytes);
    const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`v1.${payload}`)));
    const error = await caught(() => verifySignedState(`v1.${payload}.${toB64(sig)}`, { secret: SECRET }));
    expect(error.code).toBe("STATE_INVALID");
  });

  it("refuses options that are not an object, a secret that is not a string or bytes, and a bad now", async () => {
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 60 });
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        "create null",
        () => createSignedState(null as never),
        "createSignedState expects { secret, ttlSeconds, data? }",
      ],
      ["create string", () => createSignedState("secret" as never), "createSignedState expects"],
      [
        "verify null",
        () => verifySignedState(state, null as never),
        "verifySignedState expects (state, { secret, now? })",
      ],
      [
        "number secret",
        () => createSignedState({ secret: 42 as never, ttlSeconds: 60 }),
        "secret must be a string or a Uint8Array",
      ],
      [
        "array secret",
        () => verifySignedState(state, { secret: [1, 2, 3] as never }),
        "secret must be a string or a Uint8Array",
      ],
      [
        "NaN now",
        () => verifySignedState(state, { secret: SECRET, now: Number.NaN }),
        "now must be a Date or a number",
      ],
      [
        "invalid Date now",
        () => verifySignedState(state, { secret: SECRET, now: new Date("nope") }),
        "now must be a Date or a number",
      ],
      [
        "string now",
        () => createSignedState({ secret: SECRET, ttlSeconds: 60, now: "2026-01-01" as never }),
        "now must be a Date or a number",
      ],
    ];
    for (const [name, fn, message] of cases) {
      const error = await caught(fn);
      expect(error.code, name).toBe("INVALID_OPTIONS");
      expect(error.message, name).toContain(message);
    }
  });

  it("reports an empty state as STATE_MISSING", async () => {
    expect((await caught(() => verifySignedState("", { secret: SECRET }))).code).toBe("STATE_MISSING");
  });

  it("refuses oversize data", async () => {
    const data = { blob: "x".repeat(MAX_SIGNED_STATE_DATA_BYTES) };
    const error = await caught(() => createSignedState({ secret: SECRET, ttlSeconds: 60, data }));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toContain("1024");
  });

  it("refuses data that is not JSON", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await caught(() => createSignedState({ secret: SECRET, ttlSeconds: 60, data: cyclic }))).code).toBe(
      "INVALID_OPTIONS",
    );
    expect((await caught(() => createSignedState({ secret: SECRET, ttlSeconds: 60, data: 1n as never }))).code).toBe(
      "INVALID_OPTIONS",
    );
  });

  it("refuses a short secret without echoing it", async () => {
    const error = await caught(() => createSignedState({ secret: "short-secret", ttlSeconds: 60 }));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).not.toContain("short-secret");
    expect((await caught(() => verifySignedState("v1.a.b", { secret: "short-secret" }))).code).toBe("INVALID_OPTIONS");
  });

  it.each([0, -1, 1.5, 86_401, Number.NaN])("refuses ttlSeconds %s", async (ttlSeconds) => {
    expect((await caught(() => createSignedState({ secret: SECRET, ttlSeconds }))).code).toBe("INVALID_OPTIONS");
  });
});

describe("regression: issue 8 — exactly one string verifies per signed state", () => {
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  it("refuses the non-canonical spellings of the signature's last character", async () => {
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 600 });
    const last = ALPHABET.indexOf(state.slice(-1));
    // 32 bytes in 43 characters: the last character carries 2 unused bits, so 4 spellings decode alike.
    const spellings = [0, 1, 2, 3].map((bits) => `${state.slice(0, -1)}${ALPHABET[(last & ~3) | bits]}`);
    expect(spellings).toContain(state);
    for (const spelling of spellings) {
      const verified = verifySignedState(spelling, { secret: SECRET });
      if (spelling === state) await expect(verified).resolves.toBeDefined();
      else expect((await caught(() => verified)).code).toBe("STATE_INVALID");
    }
  });

  it("refuses a payload with set trailing bits, even when correctly signed", async () => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const now = Math.floor(Date.now() / 1000);
    // Pad the data until base64url ends in a partial group, whose last character has unused bits.
    let json = `{"iat":${now},"exp":${now + 60},"n":"nonce0","d":""}`;
    while (json.length % 3 === 0) json = json.replace('"d":"', '"d":"x');
    const canonical = toB64(new TextEncoder().encode(json));
    const last = ALPHABET.indexOf(canonical.slice(-1));
    const odd = `${canonical.slice(0, -1)}${ALPHABET[last | 1]}`;
    for (const [payload, ok] of [
      [canonical, true],
      [odd, false],
    ] as const) {
      const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`v1.${payload}`)));
      const verified = verifySignedState(`v1.${payload}.${toB64(sig)}`, { secret: SECRET });
      if (ok) await expect(verified).resolves.toBeDefined();
      else expect((await caught(() => verified)).code).toBe("STATE_INVALID");
    }
  });
});

describe("regression: issue 8 — a signed state issued in the future is refused", () => {
  it("accepts up to 60 s of clock skew, and refuses more", async () => {
    const now = Date.UTC(2026, 0, 1);
    const skewed = await createSignedState({ secret: SECRET, ttlSeconds: 600, now: now + 60_000 });
    await expect(verifySignedState(skewed, { secret: SECRET, now })).resolves.toBeDefined();
    const future = await createSignedState({ secret: SECRET, ttlSeconds: 600, now: now + 61_000 });
    const error = await caught(() => verifySignedState(future, { secret: SECRET, now }));
    expect(error.code).toBe("STATE_INVALID");
    expect(error.message).toMatch(/in the future.*clocks/);
  });
});
