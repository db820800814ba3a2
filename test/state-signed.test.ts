// Signed states at their edges: what a holder of the secret could sign that is still refused,
// the bounds of TTL, data and clock, and what each error says (issue 13).
import { describe, expect, it } from "vitest";
import { createSignedState, MAX_SIGNED_STATE_DATA_BYTES, verifySignedState } from "../src/index.js";
import { caught } from "./support/expect-no-secrets.js";

const SECRET = "a-dedicated-state-secret-of-32-bytes-or-more";
const enc = new TextEncoder();
const b64 = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** A state over `payload` bytes, signed with SECRET exactly as createSignedState signs. */
async function signedOver(payload: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signed = `v1.${b64(payload)}`;
  return `${signed}.${b64(new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(signed))))}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("correctly signed payloads that are not a state's", () => {
  it.each([
    ["null", () => "null"],
    ["an array", () => "[1,2]"],
    ["a number", () => "5"],
    ["an issue time that is a string", () => `{"iat":"${nowSeconds()}","exp":${nowSeconds() + 60},"n":"x","d":null}`],
    ["an expiry that is a string", () => `{"iat":${nowSeconds()},"exp":"${nowSeconds() + 60}","n":"x","d":null}`],
    ["an issue time that is not whole", () => `{"iat":${nowSeconds()}.5,"exp":${nowSeconds() + 60},"n":"x","d":null}`],
    ["no nonce", () => `{"iat":${nowSeconds()},"exp":${nowSeconds() + 60},"d":null}`],
    ["a nonce that is a number", () => `{"iat":${nowSeconds()},"exp":${nowSeconds() + 60},"n":1,"d":null}`],
    ["no data field", () => `{"iat":${nowSeconds()},"exp":${nowSeconds() + 60},"n":"x"}`],
  ])("refuses %s as STATE_INVALID, saying how to recover", async (_name, json) => {
    const error = await caught(async () => verifySignedState(await signedOver(enc.encode(json())), { secret: SECRET }));
    expect(error.code).toBe("STATE_INVALID");
    expect(error.message).toMatch(/not a valid signed state.*altered.*same state secret/);
  });

  it("accepts the same shape when every field is right (the cases above differ in one field)", async () => {
    const state = await signedOver(enc.encode(`{"iat":${nowSeconds()},"exp":${nowSeconds() + 60},"n":"x","d":[1]}`));
    expect((await verifySignedState(state, { secret: SECRET })).data).toEqual([1]);
  });

  it("refuses invalid UTF-8 inside the payload's JSON strings", async () => {
    const head = enc.encode(`{"iat":${nowSeconds()},"exp":${nowSeconds() + 60},"n":"x","d":"`);
    const payload = new Uint8Array([...head, 0xff, 0x22, 0x7d]);
    expect((await caught(async () => verifySignedState(await signedOver(payload), { secret: SECRET }))).code).toBe(
      "STATE_INVALID",
    );
  });

  it("refuses a signed state longer than 4,096 characters, which createSignedState never makes", async () => {
    const json = `{"iat":${nowSeconds()},"exp":${nowSeconds() + 60},"n":"x","d":"${"x".repeat(3_100)}"}`;
    const state = await signedOver(enc.encode(json));
    expect(state.length).toBeGreaterThan(4_096);
    expect((await caught(() => verifySignedState(state, { secret: SECRET }))).code).toBe("STATE_INVALID");
  });

  it("refuses a genuine state with a fourth part appended", async () => {
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 60 });
    const signature = state.split(".")[2];
    expect((await caught(() => verifySignedState(`${state}.${signature}`, { secret: SECRET }))).code).toBe(
      "STATE_INVALID",
    );
  });
});

describe("createSignedState bounds", () => {
  it("accepts a TTL of 1 second and of a day", async () => {
    const now = Date.UTC(2026, 0, 1);
    for (const ttlSeconds of [1, 86_400]) {
      const state = await createSignedState({ secret: SECRET, ttlSeconds, now });
      const verified = await verifySignedState(state, { secret: SECRET, now });
      expect(verified.expiresAt.getTime() - verified.issuedAt.getTime()).toBe(ttlSeconds * 1000);
    }
  });

  it("names the TTL range in its refusal", async () => {
    const error = await caught(() => createSignedState({ secret: SECRET, ttlSeconds: 0 }));
    expect(error.message).toMatch(/ttlSeconds must be a whole number from 1 to 86400; 600/);
    expect(error.problems).toEqual([error.message]);
  });

  it("accepts data of exactly 1,024 bytes once serialized, and names the size of bigger data", async () => {
    const fits = "x".repeat(MAX_SIGNED_STATE_DATA_BYTES - 2); // the quotes make 1,024
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 60, data: fits });
    expect((await verifySignedState(state, { secret: SECRET })).data).toBe(fits);
    const error = await caught(() => createSignedState({ secret: SECRET, ttlSeconds: 60, data: `${fits}é` }));
    expect(error.message).toMatch(
      /data is 1026 bytes once serialized; the limit is 1024\. Store large data server-side/,
    );
  });

  it("says what JSON data may hold when it is not JSON", async () => {
    const error = await caught(() => createSignedState({ secret: SECRET, ttlSeconds: 60, data: 1n as never }));
    expect(error.message).toMatch(/data must be JSON \(objects, arrays/);
  });

  it("names the option and the minimum when a secret is too short, for both functions", async () => {
    const short = "x".repeat(31);
    expect((await caught(() => createSignedState({ secret: short, ttlSeconds: 60 }))).message).toMatch(
      /^createSignedState: secret is too short \(needs at least 32 bytes\)\. .*createState\(\)/,
    );
    expect((await caught(() => verifySignedState("v1.a.b", { secret: short }))).message).toMatch(
      /^verifySignedState: secret is too short/,
    );
    expect((await caught(() => createSignedState({ secret: 7 as never, ttlSeconds: 60 }))).message).toMatch(
      /^createSignedState: secret must be a string or a Uint8Array\. Generate one with createState\(\)/,
    );
  });

  it("accepts a secret of exactly 32 bytes given as a string", async () => {
    const secret = "s".repeat(32);
    const state = await createSignedState({ secret, ttlSeconds: 60, data: 1 });
    expect((await verifySignedState(state, { secret })).data).toBe(1);
  });
});

describe("verifySignedState messages", () => {
  it("STATE_MISSING for a state that is not a string, pointing at parseCallback", async () => {
    const error = await caught(() => verifySignedState(undefined as never, { secret: SECRET }));
    expect(error.code).toBe("STATE_MISSING");
    expect(error.message).toMatch(/got no state.*parseCallback returns it/);
  });

  it("STATE_EXPIRED names the expiry and the TTL", async () => {
    const now = Date.UTC(2026, 0, 1);
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 60, now });
    const error = await caught(() => verifySignedState(state, { secret: SECRET, now: now + 60_000 }));
    expect(error.message).toMatch(/^The signed state expired at 2026-01-01T00:01:00\.000Z: .*longer ttlSeconds/);
  });

  it("a state from the future names its issue time and the allowed skew", async () => {
    const now = Date.UTC(2026, 0, 1);
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 60, now: now + 120_000 });
    const error = await caught(() => verifySignedState(state, { secret: SECRET, now }));
    expect(error.message).toMatch(
      /^The signed state was issued at 2026-01-01T00:02:00\.000Z, more than 60 s in the future/,
    );
  });

  it("a bad now names the function and the accepted forms", async () => {
    const error = await caught(() => verifySignedState("v1.a.b", { secret: SECRET, now: Number.POSITIVE_INFINITY }));
    expect(error.message).toMatch(/^verifySignedState: now must be a Date or a number of milliseconds/);
  });
});

describe("issue 13 — option mistakes name the function and the fix", () => {
  it("a bad `now` when signing names createSignedState", async () => {
    for (const now of [Number.NaN, Number.POSITIVE_INFINITY, "2026-12-01" as never]) {
      const error = await caught(() => createSignedState({ secret: SECRET, ttlSeconds: 600, data: {}, now }));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(/^createSignedState: now must be a Date or a number of milliseconds/);
    }
  });

  it("options that are not an object say how to call verifySignedState", async () => {
    for (const options of ["a-secret", 42, null, undefined]) {
      const error = await caught(() => verifySignedState("v1.x.y", options as never));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toBe("verifySignedState expects (state, { secret, now? }).");
    }
  });
});
