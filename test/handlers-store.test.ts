// Issue 10 §4: the OAuth handlers save the connection in a store, with the owner carried in the
// same tamper-proof state as stateData, through the public API against the msw stand-in.
import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Connection, createTokenSealer, sqliteConnectionStore } from "../src/connections/index.js";
import {
  createHandlers,
  createIntercomOAuth,
  createSignedState,
  type HandlersOptions,
  type IntercomOAuthError,
  type IntercomOAuthEvent,
  type IntercomOAuthHandlers,
  isIntercomOAuthError,
  type StoredWorkspace,
} from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { openSqlite } from "./support/sqlite.js";
import { memoryStateStore } from "./support/state-store.js";
import { caught, encodedForms, expectNoSecrets } from "./support/expect-no-secrets.js";
import { type FlowStore, flowStore } from "./support/flow-store.js";

const CLIENT_ID = "store-flow-client";
const CLIENT_SECRET = "store-flow-client-secret-never-shown";
const SIGNING_SECRET = "store-flow-signing-secret-0123456789abcdef";
const standIn = createIntercomStandIn({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  workspace: { id: "ws1" },
  admin: { id: "a7", email: "ada@example.com", emailVerified: true },
});
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, maxRetries: 0 });
const COOKIE = "__Host-intercom_oauth_state";
const tenant = (name: string) => new Request("https://example.com/connect", { headers: { "x-tenant": name } });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

const MODES = {
  cookie: {},
  stateStore: { stateStore: memoryStateStore() },
  signingSecret: { signingSecret: SIGNING_SECRET },
} as const;

/**
 * Start, consent (optionally rewriting the state or cookie first), callback. The callback comes
 * back signed in as the start's tenant (its `x-tenant` header), unless `callbackTenant` says otherwise.
 */
async function runFlow(
  app: IntercomOAuthHandlers,
  start: Request,
  tamper: {
    state?: (state: string) => string;
    cookie?: (value: string) => string;
    callbackTenant?: string | null;
  } = {},
): Promise<Response> {
  const started = await app.start(start);
  const authorize = new URL(started.headers.get("location") ?? "");
  if (tamper.state) authorize.searchParams.set("state", tamper.state(authorize.searchParams.get("state") ?? ""));
  const callbackUrl = standIn.consent(authorize);
  const [pair = ""] = (started.headers.get("set-cookie") ?? "").split(";");
  const eq = pair.indexOf("=");
  const cookie = pair === "" ? "" : `${pair.slice(0, eq)}=${(tamper.cookie ?? ((v: string) => v))(pair.slice(eq + 1))}`;
  const headers = new Headers(cookie === "" ? {} : { cookie });
  const tenantName = tamper.callbackTenant === undefined ? start.headers.get("x-tenant") : tamper.callbackTenant;
  if (tenantName !== null) headers.set("x-tenant", tenantName);
  return app.callback(new Request(callbackUrl, { headers }));
}

/** Handlers with a store that note what onSuccess and onEvent got. */
function storeApp(options: Partial<HandlersOptions<{ returnTo: string }>> = {}, store: FlowStore = flowStore()) {
  const successes: StoredWorkspace<{ returnTo: string }>[] = [];
  const failures: IntercomOAuthError[] = [];
  const events: IntercomOAuthEvent[] = [];
  const handlers = intercom.handlers({
    store,
    owner: (request: Request) => request.headers.get("x-tenant"),
    stateData: () => ({ returnTo: "/settings" }),
    onSuccess(result: StoredWorkspace<{ returnTo: string }>) {
      successes.push(result);
      return new Response("connected", { status: 200 });
    },
    onError(error: IntercomOAuthError) {
      failures.push(error);
      return new Response(error.code, { status: error.code === "HOOK_FAILED" ? 500 : 400 });
    },
    onEvent: (event: IntercomOAuthEvent) => void events.push(event),
    ...options,
  } as HandlersOptions<{ returnTo: string }>);
  return { ...handlers, store, successes, failures, events };
}

/** The parts of a base64url-JSON `v1.<payload>.<mac>` value, and a way to re-encode a changed payload. */
function rewritePayload(value: string, change: (payload: Record<string, unknown>) => void): string {
  const [version, payload = "", mac] = value.split(".");
  const json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  change(json);
  return `${version}.${Buffer.from(JSON.stringify(json)).toString("base64url")}.${mac}`;
}

describe("issue 10 — the owner travels with stateData, in every state mode", () => {
  it.each(Object.keys(MODES) as (keyof typeof MODES)[])(
    "%s: saves the connection with its owner, then calls onSuccess",
    async (mode) => {
      const app = storeApp(MODES[mode]);
      const response = await runFlow(app, tenant("t_42"));
      expect(response.status).toBe(200);
      const row = app.store.rows.get("ws1");
      expect(row).toMatchObject({
        workspaceId: "ws1",
        region: "us",
        admin: { id: "a7", email: "ada@example.com", emailVerified: true },
        owner: "t_42",
        status: "active",
      });
      expect(row?.installedAt).toBeInstanceOf(Date);
      expect(Math.abs((row?.updatedAt.getTime() ?? 0) - Date.now())).toBeLessThan(5_000);
      expect(standIn.tokenState(row?.accessToken ?? "")).toBe("active");
      expect(app.store.calls).toEqual(["get ws1", "save ws1"]);

      const [success] = app.successes;
      expect(success?.data).toEqual({ returnTo: "/settings" });
      expect(success?.connection).toEqual(row);
      expect(success?.connection.accessToken).toBe(success?.token.accessToken);
      expect(success && "previousOwner" in success).toBe(false);
      expect(app.events).toEqual([{ type: "connected", workspaceId: "ws1", region: "us", owner: "t_42" }]);
    },
  );

  it.each(Object.keys(MODES) as (keyof typeof MODES)[])(
    "%s: a null owner (and no owner hook) is saved as null",
    async (mode) => {
      const app = storeApp({ ...MODES[mode], owner: undefined });
      await runFlow(app, tenant("ignored"));
      expect(app.store.rows.get("ws1")?.owner).toBeNull();
    },
  );

  it("cookie: an owner rewritten in the cookie is refused before any exchange", async () => {
    const app = storeApp();
    const response = await runFlow(app, tenant("t_victim"), {
      cookie: (value) =>
        rewritePayload(value, (payload) => {
          payload.o = "t_attacker";
        }),
    });
    expect(response.status).toBe(400);
    expect(app.failures.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(standIn.counts.token).toBe(0);
    expect(app.store.rows.size).toBe(0);
    expect(app.events).toEqual([{ type: "callback_failed", code: "STATE_INVALID" }]);
  });

  it("cookie: a cookie without the owner field is refused, even with a valid MAC", async () => {
    // The MAC is computed here with node:crypto, as the SDK documents it, to reach the shape check.
    const key = createHmac("sha256", CLIENT_SECRET).update("intercom-oauth/handlers-cookie/v1").digest();
    const resign = (name: string, value: string) => {
      const [version, payload] = value.split(".");
      return `${version}.${payload}.${createHmac("sha256", key).update(`${name}=${version}.${payload}`).digest("base64url")}`;
    };
    const untouched = storeApp();
    expect((await runFlow(untouched, tenant("t"), { cookie: (v) => resign(COOKIE, v) })).status).toBe(200);
    for (const owner of [undefined, 42]) {
      const app = storeApp();
      await runFlow(app, tenant("t_victim"), {
        cookie: (value) =>
          resign(
            COOKIE,
            rewritePayload(value, (payload) => {
              if (owner === undefined) delete payload.o;
              else payload.o = owner;
            }),
          ),
      });
      expect(app.failures.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    }
    expect(standIn.counts.token).toBe(1);
  });

  it("signingSecret: an owner rewritten in the signed state is refused before any exchange", async () => {
    const app = storeApp(MODES.signingSecret);
    const response = await runFlow(app, tenant("t_victim"), {
      state: (state) =>
        rewritePayload(state, (payload) => {
          (payload.d as Record<string, unknown>).o = "t_attacker";
        }),
    });
    expect(response.status).toBe(400);
    expect(app.failures.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(standIn.counts.token).toBe(0);
    expect(app.store.rows.size).toBe(0);
  });

  it("signingSecret: a state signed with the same secret but not by the handlers is refused", async () => {
    const app = storeApp(MODES.signingSecret);
    const outsider = await createSignedState({ secret: SIGNING_SECRET, ttlSeconds: 600, data: { tenantId: "t_x" } });
    await runFlow(app, tenant("t"), { state: () => outsider });
    expect(app.failures.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(app.failures[0]?.message).toMatch(/does not carry what the handlers put in it/);
    expect(standIn.counts.token).toBe(0);
  });

  it("stateStore: the owner comes from the server-side store; a forged state is unknown", async () => {
    const app = storeApp({ stateStore: memoryStateStore() });
    await runFlow(app, tenant("t_victim"), { state: () => "forged-state-that-start-never-issued" });
    expect(app.failures.map((e) => e.code)).toEqual(["STATE_MISMATCH"]);
    expect(standIn.counts.token).toBe(0);
  });

  it("stateStore: a value the store altered (no owner) is refused as STATE_INVALID", async () => {
    const app = storeApp({ stateStore: { set: () => undefined, take: () => ({ returnTo: "/x" }) } });
    await runFlow(app, tenant("t_42"));
    expect(app.failures.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(app.failures[0]?.message).toMatch(/Return exactly what set\(\) was given/);
    expect(standIn.counts.token).toBe(0);
  });

  it.each<[string, () => unknown]>([
    ["a number", () => 42],
    ["undefined", () => undefined],
    ["an empty string", () => ""],
    ["a string over 1,024 characters", () => "t".repeat(1_025)],
    ["an object", () => ({ id: "t_42" })],
  ])("an owner hook returning %s is HOOK_FAILED at start, 500, nothing started", async (_name, owner) => {
    const app = storeApp({ owner: owner as () => string });
    const response = await app.start(tenant("t"));
    expect(response.status).toBe(500);
    expect(app.failures.map((e) => e.code)).toEqual(["HOOK_FAILED"]);
    expect(app.failures[0]?.message).toMatch(/Your owner hook threw/);
    expect((app.failures[0]?.cause as Error | undefined)?.message).toMatch(/non-empty string or null/);
    expect(response.headers.get("location")).toBeNull();
  });

  it("an owner hook that throws is HOOK_FAILED, its message kept out of ours", async () => {
    const app = storeApp({
      owner: () => {
        throw new Error(`session lookup failed: ${CLIENT_SECRET}`);
      },
    });
    expect((await app.start(tenant("t"))).status).toBe(500);
    const [error] = app.failures;
    expect(error?.code).toBe("HOOK_FAILED");
    expect(error?.message).not.toContain("session lookup");
    expectNoSecrets(error, [CLIENT_SECRET]);
  });

  it("an owner counts towards the cookie's size cap", async () => {
    const app = storeApp({ owner: () => "o".repeat(1_024), stateData: () => ({ returnTo: "x".repeat(1_800) }) });
    const response = await app.start(tenant("t"));
    expect(app.failures.map((e) => e.code)).toEqual(["INVALID_OPTIONS"]);
    expect(app.failures[0]?.message).toMatch(/stateData and owner make the state cookie/);
    expect(response.status).toBe(400);
  });
});

describe("issue 10 review — outside cookie mode, the owner is asked again at the callback", () => {
  it.each(["stateStore", "signingSecret"] as const)(
    "%s: an authorize link started by one tenant and finished by someone else exchanges nothing",
    async (mode) => {
      const app = storeApp(MODES[mode]);
      const exchanges = () => standIn.requests.filter((r) => r.endpoint === "token").length;
      const before = exchanges();
      for (const stranger of [null, "t_victim"]) {
        const response = await runFlow(app, tenant("t_attacker"), { callbackTenant: stranger });
        expect(response.status).toBe(400);
      }
      expect(app.failures.map((error) => error.code)).toEqual(["STATE_MISMATCH", "STATE_MISMATCH"]);
      expect(app.failures[0]?.message).toMatch(/owner\(\) runs again on the callback/);
      expect(exchanges()).toBe(before);
      expect(app.store.rows.size).toBe(0);
    },
  );

  it("cookie: the cookie binds the flow to the browser, so the owner is not asked again", async () => {
    let asked = 0;
    const owner = (request: Request) => {
      asked += 1;
      return request.headers.get("x-tenant");
    };
    const app = storeApp({ owner });
    expect((await runFlow(app, tenant("t_42"), { callbackTenant: null })).status).toBe(200);
    expect(asked).toBe(1);
    expect(app.store.rows.get("ws1")?.owner).toBe("t_42");
  });
});

describe("issue 10 review — a row that cannot be unsealed is repaired by a reconnect", () => {
  it("saves over it, reports previousUnreadable, and revokes nothing", async () => {
    const sqlite = openSqlite();
    try {
      const lost = createTokenSealer({ keys: { k1: "the-key-that-was-lost-0123456789abcdef" }, current: "k1" });
      const now = createTokenSealer({ keys: { k1: "the-key-in-use-today-0123456789abcdef" }, current: "k1" });
      const at = new Date();
      const admin = { id: "a7", email: "ada@example.com", emailVerified: true };
      const row = { region: "us", admin, owner: "t_old", status: "active", installedAt: at, updatedAt: at } as const;
      await sqliteConnectionStore(sqlite.db, { sealer: lost }).save({
        ...row,
        workspaceId: "ws1",
        accessToken: "tok_0ld_0123456789",
      });
      const store = sqliteConnectionStore(sqlite.db, { sealer: now });
      expect((await caught(() => store.get("ws1"))).code).toBe("SEAL_INVALID");
      const app = storeApp({}, store as unknown as FlowStore);
      expect((await runFlow(app, tenant("t_42"))).status).toBe(200);
      expect(app.successes[0]).toMatchObject({ previousUnreadable: true });
      expect(app.successes[0]?.previousOwner).toBeUndefined();
      expect(await store.get("ws1")).toMatchObject({ owner: "t_42", status: "active" });
      expect(app.events.map((e) => e.type)).toEqual(["connected"]);
    } finally {
      sqlite.close();
    }
  });
});

describe("issue 10 — the same workspace connected by another owner", () => {
  it("reports previousOwner and previousStatus to onSuccess and to the connected event", async () => {
    const app = storeApp();
    await runFlow(app, tenant("t_first"));
    await runFlow(app, tenant("t_second"));
    const second = app.successes[1];
    expect(second?.previousOwner).toBe("t_first");
    expect(second?.previousStatus).toBe("active");
    expect(app.store.rows.get("ws1")?.owner).toBe("t_second");
    expect(app.events.at(-1)).toEqual({
      type: "connected",
      workspaceId: "ws1",
      region: "us",
      owner: "t_second",
      previousOwner: "t_first",
    });
  });

  it("reports no previousOwner when the same owner reconnects (only previousStatus), and a null previous owner as null", async () => {
    const app = storeApp();
    await runFlow(app, tenant("t_same"));
    expect(app.successes[0] && "previousStatus" in app.successes[0]).toBe(false);
    await runFlow(app, tenant("t_same"));
    expect(app.successes[1] && "previousOwner" in app.successes[1]).toBe(false);
    expect(app.successes[1]?.previousStatus).toBe("active");
    expect(app.events.at(-1)).not.toHaveProperty("previousOwner");

    const store = flowStore();
    await runFlow(storeApp({ owner: undefined }, store), tenant("x"));
    const later = storeApp({}, store);
    await runFlow(later, tenant("t_new"));
    expect(later.successes[0]?.previousOwner).toBeNull();
  });

  it("reports an uninstalled previous connection with its status, so the service can tell a takeover from a fresh install", async () => {
    const app = storeApp();
    await runFlow(app, tenant("t_first"));
    await app.store.setStatus("ws1", "uninstalled");
    await runFlow(app, tenant("t_second"));
    expect(app.successes[1]).toMatchObject({ previousOwner: "t_first", previousStatus: "uninstalled" });
  });

  it("lets onSuccess refuse the takeover: the row goes back to the first owner, keeping the fresh token", async () => {
    const store = flowStore();
    const app = storeApp(
      {
        async onSuccess({ connection, previousOwner, previousStatus }: StoredWorkspace<{ returnTo: string }>) {
          if (previousOwner !== undefined && previousStatus === "active") {
            await store.save({ ...connection, owner: previousOwner });
            return new Response("already connected to another account", { status: 409 });
          }
          return new Response("connected");
        },
      },
      store,
    );
    await runFlow(app, tenant("t_first"));
    const refused = await runFlow(app, tenant("t_second"));
    expect(refused.status).toBe(409);
    const row = store.rows.get("ws1");
    expect(row?.owner).toBe("t_first");
    expect(standIn.tokenState(row?.accessToken ?? "")).toBe("active");
  });
});

describe("issue 10 — successUrl", () => {
  it.each(Object.keys(MODES) as (keyof typeof MODES)[])(
    "%s: answers 303 to successUrl once the connection is saved",
    async (mode) => {
      const store = flowStore();
      const app = intercom.handlers({
        ...MODES[mode],
        store,
        owner: () => "t_42",
        successUrl: "/settings/intercom?connected=1",
      } as HandlersOptions);
      const response = await runFlow(app, tenant("t"));
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/settings/intercom?connected=1");
      expect(response.headers.get("cache-control")).toBe("no-store");
      if (mode === "cookie") expect(response.headers.get("set-cookie")).toMatch(/Max-Age=0/);
      expect(store.rows.get("ws1")?.owner).toBe("t_42");
    },
  );

  it("accepts an absolute https URL", async () => {
    const app = intercom.handlers({ store: flowStore(), successUrl: "https://app.example.com/done#intercom" });
    const response = await runFlow(app, tenant("t"));
    expect(response.headers.get("location")).toBe("https://app.example.com/done#intercom");
  });
});

describe("issue 10 — a failing store follows issue 8's rule: revoke, HOOK_FAILED, 500", () => {
  it.each(["save", "get"] as const)(
    "store.%s failing revokes the token once, answers 500, and reports both events",
    async (method) => {
      const store = flowStore();
      let token = "";
      store.failOn(method, new Error("insert failed"));
      const app = storeApp({}, store);
      // The store sees the token on save; make its error echo it, as a careless SQL driver would.
      const save = store.save.bind(store);
      store.save = async (connection: Connection) => {
        token = connection.accessToken;
        if (method === "save") throw new Error(`duplicate key (access_token)=(${connection.accessToken})`);
        return save(connection);
      };
      const response = await runFlow(app, tenant("t_42"));
      expect(response.status).toBe(500);
      const [error] = app.failures;
      expect(error?.code).toBe("HOOK_FAILED");
      expect(error?.message).toMatch(new RegExp(`connection store's ${method}\\(\\) failed after the code exchange`));
      expect(standIn.counts.uninstall).toBe(1);
      if (method === "save") {
        expect(standIn.tokenState(token)).toBe("revoked");
        expect((error?.cause as Error | undefined)?.message).toMatch(/duplicate key \(access_token\)=\(\[redacted\]\)/);
        expectNoSecrets(error, [token, CLIENT_SECRET]);
      }
      expect(store.rows.size).toBe(0);
      expect(app.successes).toEqual([]);
      expect(app.events).toEqual([
        { type: "compensating_revoke", revoked: true, code: "HOOK_FAILED" },
        { type: "callback_failed", code: "HOOK_FAILED" },
      ]);
    },
  );

  it("reports a failed compensating revoke as revoked: false, and hands the live token to onError", async () => {
    const store = flowStore();
    store.failOn("save", new Error("database down"));
    let context: unknown;
    const app = storeApp(
      {
        onError(error, _request, ctx) {
          context = ctx;
          return new Response(error.code, { status: 500 });
        },
      },
      store,
    );
    standIn.injectFault("uninstall", { type: "server-error" });
    await runFlow(app, tenant("t"));
    expect(app.events[0]).toEqual({ type: "compensating_revoke", revoked: false, code: "HOOK_FAILED" });
    expect((context as { token?: { accessToken: string } }).token?.accessToken).toMatch(/\S/);
  });

  it("marks the saved row revoked when onSuccess throws after the save and the token is revoked", async () => {
    const app = storeApp({
      onSuccess: () => {
        throw new Error("render failed");
      },
    });
    expect((await runFlow(app, tenant("t"))).status).toBe(500);
    const row = app.store.rows.get("ws1");
    expect(row?.status).toBe("revoked");
    expect(standIn.tokenState(row?.accessToken ?? "")).toBe("revoked");
    expect(app.store.calls).toEqual(["get ws1", "save ws1", "setStatus ws1 revoked"]);
  });

  it.each<[string, unknown, RegExp]>([
    ["a string", "db down", /^db down$/],
    [
      "a value that cannot be read",
      {
        toString: () => {
          throw new Error("no");
        },
      },
      /could not be read/,
    ],
  ])("keeps a copy of %s thrown by the store as the cause", async (_name, thrown, message) => {
    const store = flowStore();
    store.failOn("save", thrown);
    const app = storeApp({}, store);
    expect((await runFlow(app, tenant("t"))).status).toBe(500);
    const cause = app.failures[0]?.cause as Error | undefined;
    expect(cause).toBeInstanceOf(Error);
    expect(cause?.message).toMatch(message);
  });

  it("still answers when marking the row revoked fails too", async () => {
    const store = flowStore();
    store.failOn("setStatus", new Error("database gone"));
    const app = storeApp({ onSuccess: () => Promise.reject(new Error("render failed")) }, store);
    expect((await runFlow(app, tenant("t"))).status).toBe(500);
    expect(app.failures.map((e) => e.code)).toEqual(["HOOK_FAILED"]);
    expect(store.calls.at(-1)).toBe("setStatus ws1 revoked");
  });

  it("keeps the row active (and the token live) with revokeOnFailure: false", async () => {
    const app = storeApp({
      revokeOnFailure: false,
      onSuccess: () => {
        throw new Error("render failed");
      },
    });
    await runFlow(app, tenant("t"));
    expect(app.store.rows.get("ws1")?.status).toBe("active");
    expect(app.events.map((e) => e.type)).toEqual(["callback_failed"]);
  });

  it("a failing identity lookup never reaches the store", async () => {
    const app = storeApp();
    standIn.injectFault("me", { type: "forbidden", scope: "read_admins" });
    await runFlow(app, tenant("t"));
    expect(app.store.calls).toEqual([]);
    expect(app.events).toEqual([
      { type: "compensating_revoke", revoked: true, code: "FORBIDDEN" },
      { type: "callback_failed", code: "FORBIDDEN" },
    ]);
  });
});

describe("issue 10 — events are secret-free, and a broken listener breaks nothing", () => {
  it("holds no client secret, code or token in any event of a success or a failure", async () => {
    const events: IntercomOAuthEvent[] = [];
    const secrets: string[] = [CLIENT_SECRET];
    const store = flowStore();
    const app = intercom.handlers({
      store,
      owner: () => "t_42",
      onEvent: (event) => void events.push(event),
      onSuccess: ({ token, request }) => {
        secrets.push(token.accessToken, new URL(request.url).searchParams.get("code") ?? "");
        throw new Error("fail after the exchange");
      },
    });
    await runFlow(app, tenant("t"));
    await runFlow(
      intercom.handlers({ store, successUrl: "/ok", onEvent: (event) => void events.push(event) }),
      tenant("t"),
    );
    secrets.push(store.rows.get("ws1")?.accessToken ?? "");
    expect(events.map((e) => e.type)).toEqual(["compensating_revoke", "callback_failed", "connected"]);
    const views = events.flatMap((event) => [JSON.stringify(event), inspect(event, { depth: 5 })]);
    for (const secret of secrets.filter(Boolean)) {
      for (const form of encodedForms(secret)) for (const view of views) expect(view).not.toContain(form);
    }
    for (const event of events) expect(Object.isFrozen(event)).toBe(true);
  });

  it("ignores a listener that throws or rejects", async () => {
    for (const onEvent of [
      () => {
        throw new Error("logger down");
      },
      async () => Promise.reject(new Error("logger down")),
    ]) {
      const store = flowStore();
      const response = await runFlow(intercom.handlers({ store, successUrl: "/ok", onEvent }), tenant("t"));
      expect(response.status).toBe(303);
      expect(store.rows.get("ws1")?.status).toBe("active");
    }
  });

  it("emits connected without a store too, with a null owner", async () => {
    const events: IntercomOAuthEvent[] = [];
    await runFlow(
      intercom.handlers({ onSuccess: () => new Response(), onEvent: (event) => void events.push(event) }),
      tenant("t"),
    );
    expect(events).toEqual([{ type: "connected", workspaceId: "ws1", region: "us", owner: null }]);
  });
});

describe("issue 10 — the connection onSuccess gets is safe to log", () => {
  it("masks the token in JSON and inspect, keeps it in a spread", async () => {
    const app = storeApp();
    await runFlow(app, tenant("t_42"));
    const [success] = app.successes;
    const token = success?.token.accessToken ?? "";
    expect(JSON.stringify(success?.connection)).not.toContain(token);
    expect(inspect(success?.connection)).not.toContain(token);
    expect(inspect(success?.connection)).toMatch(/^Connection \{/);
    expect({ ...success?.connection }.accessToken).toBe(token);
    expect(Object.isFrozen(success?.connection)).toBe(true);
  });
});

describe("issue 10 — the store options are checked when handlers() is called", () => {
  const store = flowStore();
  const onSuccess = () => new Response();
  it.each<[string, object, RegExp]>([
    ["successUrl without a store", { successUrl: "/done" }, /successUrl needs a store/],
    ["owner without a store", { onSuccess, owner: () => "t" }, /owner needs a store/],
    ["a store with neither onSuccess nor successUrl", { store }, /exactly one of onSuccess/],
    ["a store with both", { store, onSuccess, successUrl: "/done" }, /exactly one of onSuccess/],
    ["a store that is not one", { store: { save() {} }, successUrl: "/done" }, /store must be a ConnectionStore/],
    ["a protocol-relative successUrl", { store, successUrl: "//evil.example/x" }, /successUrl must be/],
    ["a backslash successUrl", { store, successUrl: "/\\evil.example/x" }, /successUrl must be/],
    ["an http successUrl", { store, successUrl: "http://example.com/done" }, /successUrl must be/],
    ["a javascript: successUrl", { store, successUrl: "javascript:alert(1)" }, /successUrl must be/],
    ["a relative successUrl", { store, successUrl: "done" }, /successUrl must be/],
    ["a successUrl with a newline", { store, successUrl: "/done\r\nset-cookie: x=1" }, /successUrl must be/],
    ["a successUrl with credentials", { store, successUrl: "https://u:p@example.com/" }, /successUrl must be/],
    ["a non-ASCII successUrl", { store, successUrl: "/réglages/日本" }, /percent-encode/],
    ["a non-function owner", { store, successUrl: "/done", owner: "t_42" }, /owner must be a function/],
    ["a non-function onEvent", { store, successUrl: "/done", onEvent: "log" }, /onEvent must be a function/],
  ])("refuses %s as INVALID_OPTIONS", (_name, options, message) => {
    let thrown: unknown;
    try {
      intercom.handlers(options as never);
    } catch (error) {
      thrown = error;
    }
    expect(isIntercomOAuthError(thrown, "INVALID_OPTIONS")).toBe(true);
    expect((thrown as IntercomOAuthError).problems.join("\n")).toMatch(message);
  });

  it("needs the client's region with a store or onEvent", async () => {
    const { region: _region, ...client } = intercom;
    const error = await caught(() =>
      createHandlers(client, { store, successUrl: "/done", cookieSecret: SIGNING_SECRET }),
    );
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(/no region/);
    expect(() => createHandlers(client, { onSuccess, cookieSecret: SIGNING_SECRET })).not.toThrow();
  });
});
