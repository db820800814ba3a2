// intercom.handlers(): the web-standard start/callback pair, in cookie, store and signed-state modes.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type ConnectedWorkspace,
  createIntercomOAuth,
  type IntercomOAuthError,
  isIntercomOAuthError,
  type StateData,
  type StateStore,
} from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";

const CLIENT_ID = "handlers-client";
const CLIENT_SECRET = "handlers-secret-must-not-leak";
const SIGNING_SECRET = "signing-secret-0123456789abcdef0123";
const CALLBACK = "https://app.merge.dev/oauth/callback";
const standIn = createIntercomStandIn({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  workspace: { id: "ws1", name: "One" },
});
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

function recorder() {
  const connected: ConnectedWorkspace[] = [];
  const errors: IntercomOAuthError[] = [];
  return {
    connected,
    errors,
    onSuccess: (result: ConnectedWorkspace) => {
      connected.push(result);
      return Response.redirect("https://example.com/done", 303);
    },
    onError: (error: IntercomOAuthError) => {
      errors.push(error);
      return new Response(error.code, { status: 400 });
    },
  };
}

/** Runs start, the stand-in's consent, and returns the callback Request (with the start's cookie when there is one). */
async function startAndConsent(start: (r: Request) => Promise<Response>, decision: "allow" | "deny" = "allow") {
  const started = await start(new Request("https://example.com/connect"));
  expect(started.status).toBe(302);
  const location = new URL(started.headers.get("location") ?? "");
  const callbackUrl = standIn.consent(location, { decision });
  const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { started, location, callbackUrl, cookie };
}

describe("cookie mode (default)", () => {
  it("connects and hands token, identity and state data to onSuccess", async () => {
    const r = recorder();
    const { start, callback } = intercom.handlers({ ...r, stateData: () => ({ tenant: "t-42" }) });
    const { started, location, callbackUrl, cookie } = await startAndConsent(start);
    expect(started.headers.get("set-cookie")).toMatch(
      /^__Host-intercom_oauth_state=v1\.[\w-]+\.[\w-]{43}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(started.headers.get("cache-control")).toBe("no-store");
    expect(location.searchParams.get("state")).toHaveLength(43);

    const response = await callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://example.com/done");
    expect(response.headers.get("set-cookie")).toMatch(/^__Host-intercom_oauth_state=; Path=\/; Max-Age=0/);
    expect(r.errors).toEqual([]);
    expect(r.connected).toHaveLength(1);
    expect(r.connected[0]?.identity.workspace.id).toBe("ws1");
    expect(r.connected[0]?.data).toEqual({ tenant: "t-42" });
    expect(standIn.tokenState(r.connected[0]?.token.accessToken ?? "")).toBe("active");
  });

  it("reports a declined install as ACCESS_DENIED", async () => {
    const r = recorder();
    const { start, callback } = intercom.handlers(r);
    const { callbackUrl, cookie } = await startAndConsent(start, "deny");
    const response = await callback(new Request(callbackUrl, { headers: { cookie } }));
    expect(await response.text()).toBe("ACCESS_DENIED");
    expect(r.connected).toEqual([]);
  });

  it("rejects a malformed state cookie as STATE_INVALID", async () => {
    const r = recorder();
    const { start, callback } = intercom.handlers(r);
    const { callbackUrl } = await startAndConsent(start);
    for (const value of ["not-json", "v1.e30.AAAA", "v1..", "%E0%A4%A", "%", "v1.%%.x"]) {
      await callback(new Request(callbackUrl, { headers: { cookie: `__Host-intercom_oauth_state=${value}` } }));
    }
    expect(r.errors.map((e) => e.code)).toEqual(Array(6).fill("STATE_INVALID"));
    expect(r.connected).toEqual([]);
  });

  it("finds its cookie among others, and reports STATE_MISSING when only other cookies are sent", async () => {
    const r = recorder();
    const { start, callback } = intercom.handlers(r);
    const { callbackUrl, cookie } = await startAndConsent(start);
    const others = "theme=dark; flag; __Host-intercom_oauth_state_old=x; intercom_oauth_state=y";
    await callback(new Request(callbackUrl, { headers: { cookie: others } }));
    expect(r.errors.map((e) => e.code)).toEqual(["STATE_MISSING"]);
    const response = await callback(new Request(callbackUrl, { headers: { cookie: `${others}; ${cookie}; after=1` } }));
    expect(response.status).toBe(303);
    expect(r.connected).toHaveLength(1);
  });

  it("answers with a safe default error page when onError is not given", async () => {
    const { start, callback } = intercom.handlers({ onSuccess: () => new Response("ok") });
    const { callbackUrl } = await startAndConsent(start);
    const response = await callback(new Request(callbackUrl));
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).toMatch(/^Connecting Intercom failed \(STATE_MISSING\)/);
    expect(body).not.toContain(callbackUrl.searchParams.get("code") ?? "unreachable");

    standIn.injectFault("token", { type: "server-error" });
    const second = await startAndConsent(start);
    const failed = await callback(new Request(second.callbackUrl, { headers: { cookie: second.cookie } }));
    expect(failed.status).toBe(502);
    expect(await failed.text()).toContain("SERVER_ERROR");
  });
});

describe("stateStore mode", () => {
  function memoryStore(): StateStore & { size: () => number } {
    const map = new Map<string, StateData>();
    return {
      set: (state, data) => void map.set(state, data),
      take: (state) => {
        const data = map.get(state);
        map.delete(state);
        return data;
      },
      size: () => map.size,
    };
  }

  it("keeps the state server-side and accepts each callback once", async () => {
    const r = recorder();
    const store = memoryStore();
    const { start, callback } = intercom.handlers({
      ...r,
      stateStore: store,
      stateData: () => ({ returnTo: "/settings" }),
    });
    const { started, callbackUrl } = await startAndConsent(start);
    expect(started.headers.get("set-cookie")).toBeNull();
    expect(store.size()).toBe(1);

    await callback(new Request(callbackUrl));
    expect(r.connected[0]?.data).toEqual({ returnTo: "/settings" });
    expect(store.size()).toBe(0);

    await callback(new Request(callbackUrl));
    expect(r.errors.map((e) => e.code)).toEqual(["STATE_MISMATCH"]);
  });
});

describe("signingSecret mode", () => {
  it("carries data in a signed state and rejects a tampered one", async () => {
    const r = recorder();
    const { start, callback } = intercom.handlers({
      ...r,
      signingSecret: SIGNING_SECRET,
      stateData: () => ({ tenant: 7 }),
    });
    const { started, location, callbackUrl } = await startAndConsent(start);
    expect(started.headers.get("set-cookie")).toBeNull();
    expect(location.searchParams.get("state")).not.toContain(SIGNING_SECRET);

    await callback(new Request(callbackUrl));
    expect(r.connected[0]?.data).toEqual({ tenant: 7 });

    const second = await startAndConsent(start);
    const tampered = new URL(second.callbackUrl);
    const state = tampered.searchParams.get("state") ?? "";
    // Change the second-to-last character (the last one carries padding bits), never to itself.
    tampered.searchParams.set("state", `${state.slice(0, -2)}${state.at(-2) === "A" ? "B" : "A"}${state.slice(-1)}`);
    await callback(new Request(tampered));
    expect(r.errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
  });
});

describe("callbacks without a state, or with an odd one", () => {
  const noState = () => new Request(`${CALLBACK}?code=some-code`);

  it("reports STATE_MISSING in every mode when the callback has no state, and never calls the store", async () => {
    const taken: string[] = [];
    const store: StateStore = { set: () => undefined, take: (state) => void taken.push(state) };
    for (const mode of [{}, { signingSecret: SIGNING_SECRET }, { stateStore: store }]) {
      const r = recorder();
      const { callback } = intercom.handlers({ ...r, ...mode });
      await callback(noState());
      expect(
        r.errors.map((e) => e.code),
        JSON.stringify(Object.keys(mode)),
      ).toEqual(["STATE_MISSING"]);
      expect(r.connected).toEqual([]);
    }
    expect(taken).toEqual([]);
  });

  it("hands {} as data when start had no stateData, in every mode", async () => {
    const map = new Map<string, StateData>();
    const store: StateStore = { set: (state, data) => void map.set(state, data), take: (state) => map.get(state) };
    for (const mode of [{}, { signingSecret: SIGNING_SECRET }, { stateStore: store }]) {
      const r = recorder();
      const { start, callback } = intercom.handlers({ ...r, ...mode });
      const { callbackUrl, cookie } = await startAndConsent(start);
      await callback(new Request(callbackUrl, cookie === "" ? {} : { headers: { cookie } }));
      expect(r.errors).toEqual([]);
      expect(r.connected[0]?.data).toEqual({});
    }
  });

  it("refuses 0.1.0's plain JSON state cookie, even with the callback's own state in it", async () => {
    const r = recorder();
    const { start, callback } = intercom.handlers(r);
    const { callbackUrl } = await startAndConsent(start);
    const state = callbackUrl.searchParams.get("state") ?? "";
    for (const value of [{ state }, { state, data: { tenant: "b" } }, { data: { a: 1 } }, null]) {
      const cookie = `__Host-intercom_oauth_state=${encodeURIComponent(JSON.stringify(value))}`;
      await callback(new Request(callbackUrl, { headers: { cookie } }));
    }
    expect(r.errors.map((e) => e.code)).toEqual(Array(4).fill("STATE_INVALID"));
    expect(r.connected).toEqual([]);
  });
});

describe("bad options and failing hooks", () => {
  it("refuses stateStore together with signingSecret, and a missing onSuccess", () => {
    const store: StateStore = { set: () => undefined, take: () => undefined };
    const both = { onSuccess: () => new Response(), stateStore: store, signingSecret: SIGNING_SECRET };
    expect(() => intercom.handlers(both as never)).toThrowError(/either stateStore or signingSecret/);
    expect(() => intercom.handlers({} as never)).toThrowError(/onSuccess/);
    expect(() => intercom.handlers({ onSuccess: () => new Response(), ttlSeconds: 0 })).toThrowError(/ttlSeconds/);
  });

  it("turns a throwing hook into HOOK_FAILED without echoing the hook's message", async () => {
    const r = recorder();
    const { start } = intercom.handlers({
      ...r,
      stateData: () => {
        throw new Error(`db password is ${CLIENT_SECRET}`);
      },
    });
    await start(new Request("https://example.com/connect"));
    const [error] = r.errors;
    expect(isIntercomOAuthError(error, "HOOK_FAILED")).toBe(true);
    expect(error?.message).toContain("stateData");
    expect(error?.message).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
  });
});

it("the client's redirectUri is used by the start handler", async () => {
  const withRedirect = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: CALLBACK });
  const { start } = withRedirect.handlers({ onSuccess: () => new Response() });
  const started = await start(new Request("https://example.com/connect"));
  expect(new URL(started.headers.get("location") ?? "").searchParams.get("redirect_uri")).toBe(CALLBACK);
});
