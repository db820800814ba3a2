// The handlers' state cookie (issue 8, High #2): authenticated, __Host- by default, a checked name, a size cap.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type ConnectedWorkspace,
  createHandlers,
  createIntercomOAuth,
  createState,
  type IntercomOAuthError,
  type StateData,
} from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { caught } from "./support/expect-no-secrets.js";

const CLIENT_ID = "cookie-client";
const CLIENT_SECRET = "cookie-client-secret-must-not-leak";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, workspace: { id: "ws_b" } });
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
const unb64 = (text: string) => atob(text.replace(/-/g, "+").replace(/_/g, "/"));

/** A tenant app: the signed-in tenant comes from a header, and onSuccess records where the workspace goes. */
function tenantApp(options: { cookieName?: string } = {}, client = intercom) {
  const attached: { tenantId: string; workspaceId: string }[] = [];
  const errors: IntercomOAuthError[] = [];
  const handlers = client.handlers({
    ...options,
    stateData: (request) => ({ tenantId: request.headers.get("x-tenant") ?? "none" }),
    onSuccess({ data, identity }) {
      attached.push({ tenantId: data.tenantId, workspaceId: identity.workspace.id });
      return new Response("connected", { status: 303, headers: { location: "/done" } });
    },
    onError(error) {
      errors.push(error);
      return new Response(error.code, { status: 400 });
    },
  });
  return { ...handlers, attached, errors };
}

/** Starts as `tenant`, consents, and returns the callback URL and the cookie pair (`name=value`). */
async function startAs(app: { start: (r: Request) => Promise<Response> }, tenant: string) {
  const started = await app.start(new Request("https://example.com/connect", { headers: { "x-tenant": tenant } }));
  expect(started.status).toBe(302);
  const callbackUrl = standIn.consent(new URL(started.headers.get("location") ?? ""));
  const setCookie = started.headers.get("set-cookie") ?? "";
  return { callbackUrl, setCookie, cookie: setCookie.split(";")[0] ?? "" };
}

/** What the attacker does: find the tenant id in the cookie, in whatever form it is stored, and swap it. */
function rewriteTenant(cookie: string, from: string, to: string): string {
  const eq = cookie.indexOf("=");
  const [name, value] = [cookie.slice(0, eq), cookie.slice(eq + 1)];
  const plain = decodeURIComponent(value);
  if (plain.includes(from)) return `${name}=${encodeURIComponent(plain.replace(from, to))}`;
  const parts = value.split(".");
  parts[1] = b64(enc.encode(unb64(parts[1] ?? "").replace(from, to)));
  return `${name}=${parts.join(".")}`;
}

describe("regression: issue 8 — the state cookie cannot be rewritten to attach a workspace to another tenant", () => {
  it("refuses tenant A's cookie edited to tenant B: STATE_INVALID, onSuccess never called, no exchange", async () => {
    const app = tenantApp();
    const { callbackUrl, cookie } = await startAs(app, "tenant-a");
    const forged = rewriteTenant(cookie, "tenant-a", "tenant-b");
    expect(forged).not.toBe(cookie);

    const response = await app.callback(new Request(callbackUrl, { headers: { cookie: forged } }));
    expect(await response.text()).toBe("STATE_INVALID");
    expect(app.attached).toEqual([]);
    expect(standIn.counts.token).toBe(0);

    // The untouched cookie still works, for tenant A.
    await app.callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(app.attached).toEqual([{ tenantId: "tenant-a", workspaceId: "ws_b" }]);
  });
});

describe("any edit of the cookie is a state error", () => {
  const payloadOf = (value: string) => JSON.parse(unb64(value.split(".")[1] ?? "")) as Record<string, unknown>;
  const withPayload = (value: string, payload: unknown) => {
    const [v, , mac] = value.split(".");
    return [v, b64(enc.encode(JSON.stringify(payload))), mac].join(".");
  };
  const flipMiddle = (text: string) => {
    const at = Math.floor(text.length / 2);
    return text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
  };

  it.each<[string, (value: string, state: string) => { value: string; state?: string }]>([
    ["the data", (value) => ({ value: withPayload(value, { ...payloadOf(value), d: { tenantId: "tenant-b" } }) })],
    [
      "the state, with the callback's state to match",
      (value) => {
        const state = createState();
        return { value: withPayload(value, { ...payloadOf(value), s: state }), state };
      },
    ],
    ["the expiry", (value) => ({ value: withPayload(value, { ...payloadOf(value), e: 9_999_999_999 }) })],
    ["the MAC", (value) => ({ value: `${value.slice(0, -43)}${flipMiddle(value.slice(-43))}` })],
    [
      "the MAC's encoding (a non-canonical last character)",
      (value) => {
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const last = alphabet.indexOf(value.slice(-1));
        return { value: `${value.slice(0, -1)}${alphabet[last ^ 1]}` };
      },
    ],
    ["the version", (value) => ({ value: `v2${value.slice(2)}` })],
    ["a percent-encoded spelling", (value) => ({ value: `%76%31${value.slice(2)}` })],
    ["a malformed %-escape", (value) => ({ value: `${value}%E0%A4%A` })],
    ["a truncation", (value) => ({ value: value.slice(0, -1) })],
    ["an empty value", () => ({ value: "" })],
  ])("refuses an edit of %s", async (_name, edit) => {
    const app = tenantApp();
    const { callbackUrl, cookie } = await startAs(app, "tenant-a");
    const [name, value = ""] = cookie.split("=");
    const edited = edit(value, callbackUrl.searchParams.get("state") ?? "");
    const url = new URL(callbackUrl);
    if (edited.state !== undefined) url.searchParams.set("state", edited.state);
    await app.callback(new Request(url, { headers: { cookie: `${name}=${edited.value}` } }));
    expect(app.errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(app.attached).toEqual([]);
    expect(standIn.counts.token).toBe(0);
  });

  it("refuses a cookie made by another client (another secret), and one moved to another cookie name", async () => {
    const other = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: "another-client-secret-0123456789" });
    const stranger = await startAs(tenantApp({}, other), "tenant-a");
    const app = tenantApp();
    await app.callback(new Request(stranger.callbackUrl, { headers: { cookie: stranger.cookie } }));

    const renamed = await startAs(tenantApp({ cookieName: "__Host-other" }), "tenant-a");
    const moved = renamed.cookie.replace("__Host-other=", "__Host-intercom_oauth_state=");
    await app.callback(new Request(renamed.callbackUrl, { headers: { cookie: moved } }));
    expect(app.errors.map((e) => e.code)).toEqual(["STATE_INVALID", "STATE_INVALID"]);
    expect(standIn.counts.token).toBe(0);
  });

  it("refuses a genuine cookie once its ttl has passed, as STATE_EXPIRED", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const app = tenantApp();
    const { callbackUrl, cookie } = await startAs(app, "tenant-a");
    vi.setSystemTime(Date.now() + 600_000);
    await app.callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(app.errors.map((e) => e.code)).toEqual(["STATE_EXPIRED"]);
    expect(standIn.counts.token).toBe(0);
  });

  it("uses a key derived from the client secret with its own purpose label, never the secret itself", async () => {
    const { cookie } = await startAs(tenantApp(), "tenant-a");
    const [name, value = ""] = cookie.split("=");
    const signed = value.slice(0, value.lastIndexOf("."));
    const hmac = async (key: BufferSource, message: string) => {
      const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return new Uint8Array(await crypto.subtle.sign("HMAC", k, enc.encode(message)));
    };
    const derived = await hmac(enc.encode(CLIENT_SECRET), "intercom-oauth/handlers-cookie/v1");
    expect(value.slice(-43)).toBe(b64(await hmac(derived, `${name}=${signed}`)));
    expect(value.slice(-43)).not.toBe(b64(await hmac(enc.encode(CLIENT_SECRET), `${name}=${signed}`)));
    expect(value).not.toContain(b64(derived));
  });
});

describe("a correctly MAC'd cookie that is not ours", () => {
  it.each([
    ["not JSON", "{nope"],
    ["without a state", '{"e":9999999999,"d":{}}'],
    ["with data that is not an object", '{"s":"x","e":9999999999,"d":[1]}'],
    ["null", "null"],
  ])("is refused when its payload is %s (a key reused elsewhere)", async (_name, json) => {
    const secret = "a-cookie-secret-of-at-least-32-bytes!!";
    const hmac = async (raw: BufferSource, message: string) => {
      const k = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return new Uint8Array(await crypto.subtle.sign("HMAC", k, enc.encode(message)));
    };
    const derived = await hmac(enc.encode(secret), "intercom-oauth/handlers-cookie/v1");
    const signed = `v1.${b64(enc.encode(json))}`;
    const value = `${signed}.${b64(await hmac(derived, `__Host-intercom_oauth_state=${signed}`))}`;
    const errors: string[] = [];
    const { callback } = createHandlers(intercom, {
      cookieSecret: secret,
      onSuccess: () => new Response(),
      onError: (error) => {
        errors.push(error.code);
        return new Response();
      },
    });
    const headers = { cookie: `__Host-intercom_oauth_state=${value}` };
    await callback(new Request("https://example.com/callback?code=c&state=x", { headers }));
    expect(errors).toEqual(["STATE_INVALID"]);
    expect(standIn.counts.token).toBe(0);
  });
});

describe("regression: issue 8 — the cookie's name and attributes", () => {
  it("defaults to a __Host- cookie: Secure, Path=/, no Domain", async () => {
    const { setCookie } = await startAs(tenantApp(), "tenant-a");
    expect(setCookie).toMatch(
      /^__Host-intercom_oauth_state=v1\.[\w-]+\.[\w-]{43}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(setCookie).not.toMatch(/Domain/i);
  });

  it.each(["x; Domain=evil", "a b", "a=b", 'q"', "ünï", "", "x\r\nSet-Cookie: y=1", 42])(
    "refuses cookieName %j at handlers(), as INVALID_OPTIONS",
    async (cookieName) => {
      const error = await caught(() => tenantApp({ cookieName: cookieName as string }));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.problems.join("\n")).toMatch(/cookieName must be a cookie-name token/);
    },
  );

  it("accepts a custom token name, and clears that cookie on the callback", async () => {
    const app = tenantApp({ cookieName: "__Host-my.app_state" });
    const { callbackUrl, cookie } = await startAs(app, "tenant-a");
    expect(cookie).toMatch(/^__Host-my\.app_state=v1\./);
    const response = await app.callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(response.headers.get("set-cookie")).toBe(
      "__Host-my.app_state=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax",
    );
    expect(app.attached).toHaveLength(1);
  });
});

describe("regression: issue 8 — stateData too big for a cookie is refused at start", () => {
  it("answers INVALID_OPTIONS naming the size and the limit, and sets no cookie", async () => {
    const errors: IntercomOAuthError[] = [];
    const { start } = intercom.handlers({
      stateData: () => ({ blob: "x".repeat(3_700) }),
      onSuccess: () => new Response(),
      onError: (error) => {
        errors.push(error);
        return new Response(error.code, { status: 400 });
      },
    });
    const response = await start(new Request("https://example.com/connect"));
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("location")).toBeNull();
    expect(errors[0]?.code).toBe("INVALID_OPTIONS");
    expect(errors[0]?.message).toMatch(/state cookie \d{4} bytes; the limit is 3800.*stateStore/);
  });

  it("accepts data just under the limit, and the browser's cookie stays under 3,800 bytes", async () => {
    const connected: ConnectedWorkspace<{ blob: string }>[] = [];
    const { start, callback } = intercom.handlers({
      stateData: () => ({ blob: "x".repeat(2_690) }),
      onSuccess: (result) => {
        connected.push(result);
        return new Response();
      },
    });
    const { callbackUrl, cookie } = await startAs({ start }, "any");
    expect(cookie.length).toBeLessThanOrEqual(3_800);
    await callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(connected[0]?.data.blob).toHaveLength(2_690);
  });

  it.each<[string, () => unknown]>([
    ["a string", () => "tenant"],
    ["an array", () => ["tenant"]],
    ["null", () => null],
    ["a BigInt value", () => ({ n: 1n })],
    ["a Date (its toJSON gives a string)", () => new Date()],
  ])("refuses stateData returning %s as INVALID_OPTIONS", async (_name, stateData) => {
    const errors: IntercomOAuthError[] = [];
    const { start } = intercom.handlers({
      stateData: stateData as () => StateData,
      onSuccess: () => new Response(),
      onError: (error) => {
        errors.push(error);
        return new Response(null, { status: 400 });
      },
    });
    await start(new Request("https://example.com/connect"));
    expect(errors[0]?.code).toBe("INVALID_OPTIONS");
    expect(errors[0]?.message).toMatch(/stateData must return (a )?JSON/);
  });
});

describe("createHandlers with your own client", () => {
  it("needs cookieSecret in cookie mode, and then works with it", async () => {
    const error = await caught(() => createHandlers(intercom, { onSuccess: () => new Response() }));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(/cookieSecret is required/);
    expect(
      (await caught(() => createHandlers(intercom, { onSuccess: () => new Response(), cookieSecret: "short" })))
        .message,
    ).toMatch(/cookieSecret is too short/);

    const attached: string[] = [];
    const { start, callback } = createHandlers(intercom, {
      cookieSecret: crypto.getRandomValues(new Uint8Array(32)),
      stateData: () => ({ tenantId: "t1" }),
      onSuccess: ({ data }) => {
        attached.push(data.tenantId);
        return new Response();
      },
    });
    const { callbackUrl, cookie } = await startAs({ start }, "t1");
    // A cookie from the client-derived key does not open under another key.
    const derived = await startAs(tenantApp(), "t1");
    await callback(new Request(derived.callbackUrl, { headers: { cookie: derived.cookie } }));
    await callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(attached).toEqual(["t1"]);
  });
});
