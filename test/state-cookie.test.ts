// The handlers' state cookie, read back through the callback: which cookie headers find it, which
// payloads a holder of the cookie key can make it carry, its expiry and size bounds (issue 13).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHandlers, createIntercomOAuth, type IntercomOAuthError } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";

const CLIENT_ID = "state-cookie-client";
const CLIENT_SECRET = "state-cookie-client-secret-never-shown";
const COOKIE_SECRET = "a-cookie-secret-of-at-least-32-bytes!!";
const NAME = "__Host-intercom_oauth_state";
const STATE = "state-of-the-test-flow";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, workspace: { id: "ws_c" } });
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  standIn.reset();
  vi.useRealTimers();
});
afterAll(() => server.close());

const enc = new TextEncoder();
const b64 = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

async function hmac(raw: BufferSource, message: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
}

/** A cookie value MAC'd with the handlers' key for `secret`, as only a holder of that key could make. */
async function minted(payload: string | Uint8Array, secret: string | Uint8Array = COOKIE_SECRET): Promise<string> {
  const raw = typeof secret === "string" ? enc.encode(secret) : (secret as Uint8Array<ArrayBuffer>);
  const derived = await hmac(raw, "intercom-oauth/handlers-cookie/v1");
  const signed = `v1.${b64(typeof payload === "string" ? enc.encode(payload) : payload)}`;
  return `${signed}.${b64(await hmac(derived, `${NAME}=${signed}`))}`;
}

const future = () => Math.floor(Date.now() / 1000) + 600;

/** Handlers in cookie mode under COOKIE_SECRET that record what reached onSuccess and onError. */
function app() {
  const connected: unknown[] = [];
  const errors: IntercomOAuthError[] = [];
  const handlers = createHandlers(intercom, {
    cookieSecret: COOKIE_SECRET,
    stateData: () => ({ tenantId: "t_1" }),
    onSuccess: ({ data }) => {
      connected.push(data);
      return new Response("connected");
    },
    onError: (error) => {
      errors.push(error);
      return new Response(error.code, { status: 400 });
    },
  });
  return { ...handlers, connected, errors };
}

/** The callback for an install consented with `state`, sent with the given Cookie header. */
async function callbackWith(target: ReturnType<typeof app>, cookieHeader: string | undefined, state = STATE) {
  const url = standIn.consent(intercom.createAuthorizationUrl({ state }).url);
  const headers: Record<string, string> = cookieHeader === undefined ? {} : { cookie: cookieHeader };
  return target.callback(new Request(url, { headers }));
}

describe("finding the state cookie in the Cookie header", () => {
  it("finds it among other cookies, with spaces around the separators", async () => {
    const value = await minted(`{"s":"${STATE}","e":${future()},"d":{"k":1},"o":null,"r":"us"}`);
    const target = app();
    await callbackWith(target, `theme=dark;  ${NAME} = ${value} ; other=1`);
    expect(target.errors).toEqual([]);
    expect(target.connected).toEqual([{ k: 1 }]);
  });

  it("is STATE_MISSING when only a cookie whose name extends it, or a bare name, is sent", async () => {
    const value = await minted(`{"s":"${STATE}","e":${future()},"d":{},"o":null,"r":"us"}`);
    const target = app();
    await callbackWith(target, `${NAME}x=${value}`);
    await callbackWith(target, `${NAME}x`);
    await callbackWith(target, `x${NAME}=${value}`);
    await callbackWith(target, "");
    await callbackWith(target, undefined);
    expect(target.errors.map((e) => e.code)).toEqual(Array(5).fill("STATE_MISSING"));
    expect(standIn.counts.token).toBe(0);
  });
});

describe("what a correctly MAC'd cookie must carry", () => {
  it.each([
    ["a state that is not a string", '{"s":1,"e":E,"d":{},"o":null}'],
    ["an expiry that is a string", '{"s":"S","e":"9999999999","d":{},"o":null}'],
    ["data that is a string", '{"s":"S","e":E,"d":"tenant","o":null}'],
    ["data that is null", '{"s":"S","e":E,"d":null,"o":null}'],
    ["no owner field", '{"s":"S","e":E,"d":{}}'],
    ["an owner that is a number", '{"s":"S","e":E,"d":{},"o":42}'],
    ["an unknown region", '{"s":"S","e":E,"d":{},"o":null,"r":"mars"}'],
    ["a region that is not a string", '{"s":"S","e":E,"d":{},"o":null,"r":1}'],
  ])("refuses %s as STATE_INVALID, and exchanges nothing", async (_name, template) => {
    const value = await minted(template.replace("S", STATE).replace("E", String(future())));
    const target = app();
    await callbackWith(target, `${NAME}=${value}`);
    expect(target.errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(target.errors[0]?.message).toMatch(
      /^The state cookie "__Host-intercom_oauth_state" is malformed or was altered, .*Start the connection again\./,
    );
    expect(standIn.counts.token).toBe(0);
  });

  it("accepts an owner string, and a cookie set before regions were carried ", async () => {
    const target = app();
    await callbackWith(target, `${NAME}=${await minted(`{"s":"${STATE}","e":${future()},"d":{},"o":"t_1"}`)}`);
    expect(target.errors).toEqual([]);
    expect(target.connected).toHaveLength(1);
  });

  it("refuses invalid UTF-8 inside the payload's JSON strings", async () => {
    const head = enc.encode(`{"s":"${STATE}","e":${future()},"d":{"k":"`);
    const value = await minted(new Uint8Array([...head, 0xff, ...enc.encode('"},"o":null,"r":"us"}')]));
    const target = app();
    await callbackWith(target, `${NAME}=${value}`);
    expect(target.errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
  });

  it("with a cookieSecret given as bytes, is MAC'd with the key derived from those bytes", async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const connected: unknown[] = [];
    const { callback } = createHandlers(intercom, {
      cookieSecret: secret,
      onSuccess: ({ data }) => {
        connected.push(data);
        return new Response();
      },
    });
    const value = await minted(`{"s":"${STATE}","e":${future()},"d":{"k":2},"o":null,"r":"us"}`, secret);
    const url = standIn.consent(intercom.createAuthorizationUrl({ state: STATE }).url);
    await callback(new Request(url, { headers: { cookie: `${NAME}=${value}` } }));
    expect(connected).toEqual([{ k: 2 }]);
  });

  it("refuses a genuine value with a fourth part appended", async () => {
    const value = await minted(`{"s":"${STATE}","e":${future()},"d":{},"o":null,"r":"us"}`);
    const target = app();
    await callbackWith(target, `${NAME}=${value}.${value.split(".")[2]}`);
    expect(target.errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
  });

  it("refuses a MAC'd value longer than the cookie size cap, which start never sets", async () => {
    const padding = "p".repeat(2_900);
    const value = await minted(`{"s":"${STATE}","e":${future()},"d":{"p":"${padding}"},"o":null,"r":"us"}`);
    expect(value.length).toBeGreaterThan(3_800);
    const target = app();
    await callbackWith(target, `${NAME}=${value}`);
    expect(target.errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(standIn.counts.token).toBe(0);
  });
});

describe("the state cookie's expiry", () => {
  it("is accepted until the second before its expiry and refused from that second on, saying why", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.UTC(2026, 5, 1, 12, 0, 0);
    vi.setSystemTime(start);
    const target = app();
    const started = await target.start(new Request("https://example.com/connect"));
    const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const callbackUrl = standIn.consent(new URL(started.headers.get("location") ?? ""));

    vi.setSystemTime(start + 600_000 - 1);
    await target.callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(target.errors).toEqual([]);

    vi.setSystemTime(start + 600_000);
    await target.callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(target.errors.map((e) => e.code)).toEqual(["STATE_EXPIRED"]);
    expect(target.errors[0]?.message).toMatch(
      /^The state cookie "__Host-intercom_oauth_state" expired: .*longer than ttlSeconds.*Start the connection again\./,
    );
  });
});

describe("the state cookie's size cap, counted over name=value as browsers count it", () => {
  it("sets a cookie of exactly 3,800 bytes and refuses the next size up, naming it", async () => {
    // A 28-character name: with the default 27, name=value is always odd-sized near the cap.
    const cookieName = "__Host-intercom_oauth_state_";
    const sizes: { accepted?: number; refused?: string } = {};
    for (let length = 2_650; length < 2_750 && sizes.refused === undefined; length++) {
      const errors: IntercomOAuthError[] = [];
      const { start } = createHandlers(intercom, {
        cookieSecret: COOKIE_SECRET,
        cookieName,
        stateData: () => ({ blob: "x".repeat(length) }),
        onSuccess: () => new Response(),
        onError: (error) => {
          errors.push(error);
          return new Response(null, { status: 400 });
        },
      });
      const response = await start(new Request("https://example.com/connect"));
      const cookie = response.headers.get("set-cookie")?.split(";")[0];
      if (cookie !== undefined) sizes.accepted = cookie.length;
      else sizes.refused = errors[0]?.message;
    }
    expect(sizes.accepted).toBe(3_800);
    // Base64url grows by 1 or 2 characters a byte: 3,801 cannot occur, 3,802 comes next.
    expect(sizes.refused).toMatch(/^stateData and owner make the state cookie 3802 bytes; the limit is 3800 /);
  });
});
