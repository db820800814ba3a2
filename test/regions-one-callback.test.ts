// Issue 11 §1: one app, one client and ONE callback URL serve US, EU and AU workspaces. Each region's
// Intercom is a real node:http server on its own loopback port (one stand-in behind all three), so
// the host each request reached is a fact of the network, not of a mock.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIntercomOAuth,
  createSignedState,
  type HandlersOptions,
  type IntercomOAuthError,
  type IntercomOAuthEvent,
  type IntercomOAuthHandlers,
  type Region,
  REGIONS,
  type StoredWorkspace,
} from "../src/index.js";
import { createIntercomStandInCore, toNodeListener } from "../src/testing/node.js";
import { expectNoSecrets } from "./support/expect-no-secrets.js";
import { type FlowStore, flowStore } from "./support/flow-store.js";
import { memoryStateStore } from "./support/state-store.js";

const CLIENT_ID = "multi-region-client";
const CLIENT_SECRET = "multi-region-client-secret-never-shown";
const SIGNING_SECRET = "multi-region-signing-secret-0123456789abcdef";
const CALLBACK_URL = "https://saas.example.com/oauth/intercom/callback";
const WORKSPACE: Record<Region, string> = { us: "usws0001", eu: "euws0001", au: "auws0001" };

const standIn = createIntercomStandInCore({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  redirectUris: [CALLBACK_URL],
});
/** Each region's Intercom: its origin, and every path it was asked for. */
const hosts = {} as Record<Region, { origin: string; server: Server; paths: string[] }>;

beforeAll(async () => {
  const listener = toNodeListener(standIn);
  for (const region of REGIONS) {
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(`${req.method} ${new URL(req.url ?? "/", "http://x").pathname}`);
      listener(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    standIn.addBaseUrls({ app: origin, api: origin }, region);
    hosts[region] = { origin, server, paths };
  }
});
afterAll(async () => {
  await Promise.all(REGIONS.map((r) => new Promise((resolve) => hosts[r].server.close(resolve))));
});

/** One client for every region: the per-region baseUrls point each at its own loopback Intercom. */
function client() {
  const origin = (r: Region) => ({ app: hosts[r].origin, api: hosts[r].origin });
  return createIntercomOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: CALLBACK_URL,
    baseUrls: { us: origin("us"), eu: origin("eu"), au: origin("au") },
    maxRetries: 0,
  });
}

/** Start as a tenant whose setting says `region`, consent as that region's workspace, come back to the one callback. */
async function connect(app: IntercomOAuthHandlers, region: string, tenant = `tenant-${region}`) {
  const started = await app.start(
    new Request("https://saas.example.com/connect", { headers: { "x-region": region, "x-tenant": tenant } }),
  );
  const location = started.headers.get("location");
  if (started.status !== 302 || location === null) return { started, authorize: undefined, callback: undefined };
  const authorize = new URL(location);
  const back = standIn.consent(authorize, { workspace: { id: WORKSPACE[region as Region] } });
  expect(back.origin + back.pathname).toBe(CALLBACK_URL);
  const [pair = ""] = (started.headers.get("set-cookie") ?? "").split(";");
  const headers = new Headers({ "x-tenant": tenant });
  if (pair !== "") headers.set("cookie", pair);
  const callback = await app.callback(new Request(back, { headers }));
  return { started, authorize, callback };
}

const MODES = {
  cookie: {},
  stateStore: { stateStore: memoryStateStore() },
  signingSecret: { signingSecret: SIGNING_SECRET },
} as const;

describe.each(Object.keys(MODES) as (keyof typeof MODES)[])("one callback URL for every region (%s mode)", (mode) => {
  function app(store: FlowStore, extra: Partial<HandlersOptions> = {}) {
    const successes: StoredWorkspace[] = [];
    const events: IntercomOAuthEvent[] = [];
    const errors: IntercomOAuthError[] = [];
    const handlers = client().handlers({
      ...MODES[mode],
      store,
      owner: (request) => request.headers.get("x-tenant"),
      region: (request) => request.headers.get("x-region") as Region,
      onSuccess: (result) => {
        successes.push(result);
        return new Response("connected");
      },
      onEvent: (event) => void events.push(event),
      onError: (error) => {
        errors.push(error);
        return new Response(error.code, { status: 400 });
      },
      ...extra,
    } as HandlersOptions);
    return { handlers, successes, events, errors };
  }

  it("connects a US, an EU and an AU workspace, each code exchanged on its own region's host", async () => {
    const store = flowStore();
    const { handlers, successes, events, errors } = app(store);
    for (const h of Object.values(hosts)) h.paths.length = 0;
    const before = standIn.requests.length;

    for (const region of ["eu", "us", "au"] as const) {
      const { authorize, callback } = await connect(handlers, region);
      expect(errors).toEqual([]);
      expect(callback?.status).toBe(200);
      // The consent page was the region's own.
      expect(authorize?.origin).toBe(hosts[region].origin);
    }

    // Each region's Intercom saw exactly its own exchange and /me, nothing else.
    for (const region of REGIONS) {
      expect(hosts[region].paths).toEqual(["POST /auth/eagle/token", "GET /me"]);
    }
    // The stand-in's own records say the same: the host of each exchange was its region's.
    const exchanges = standIn.requests.slice(before).filter((r) => r.endpoint === "token");
    expect(exchanges.map((r) => [r.region, r.status])).toEqual([
      ["eu", 200],
      ["us", 200],
      ["au", 200],
    ]);

    // Saved with the region used; identity with the region /me reports, and Intercom's label.
    for (const region of REGIONS) {
      const saved = store.rows.get(WORKSPACE[region]);
      expect(saved).toMatchObject({ region, owner: `tenant-${region}`, status: "active" });
      expect(standIn.tokenState(saved?.accessToken ?? "")).toBe("active");
    }
    expect(
      successes.map((s) => [s.identity.workspace.id, s.identity.workspace.region, s.identity.workspace.rawRegion]),
    ).toEqual([
      [WORKSPACE.eu, "eu", "EU"],
      [WORKSPACE.us, "us", "US"],
      [WORKSPACE.au, "au", "AU"],
    ]);
    expect(successes.map((s) => s.connection.region)).toEqual(["eu", "us", "au"]);
    expect(events.filter((e) => e.type === "connected").map((e) => e.type === "connected" && e.region)).toEqual([
      "eu",
      "us",
      "au",
    ]);
  });

  it("refuses a region the tenant's setting does not name, at start, before Intercom is asked", async () => {
    const store = flowStore();
    const { handlers, errors } = app(store);
    const before = standIn.requests.length;
    for (const bad of ["EU", "mars", ""]) {
      const { started } = await connect(handlers, bad);
      expect(started.status).toBe(400);
      expect(started.headers.get("location")).toBeNull();
      expect(started.headers.get("set-cookie")).toBeNull();
    }
    expect(errors.map((e) => e.code)).toEqual(["INVALID_OPTIONS", "INVALID_OPTIONS", "INVALID_OPTIONS"]);
    expect(errors[0]?.message).toMatch(
      /"EU" is not a known Intercom region; use "us", "eu" or "au" \(did you mean "eu"\?\)/,
    );
    expect(errors[1]?.message).toMatch(/"mars" is not a known Intercom region/);
    for (const error of errors) expectNoSecrets(error, [CLIENT_SECRET, SIGNING_SECRET]);
    expect(standIn.requests.length).toBe(before);
    expect(store.rows.size).toBe(0);
  });

  it("a region function that throws fails start with HOOK_FAILED", async () => {
    const { handlers, errors } = app(flowStore(), {
      region: () => {
        throw new Error(`tenant lookup failed: ${CLIENT_SECRET}`);
      },
    });
    const { started } = await connect(handlers, "eu");
    expect(started.status).toBe(400);
    expect(errors.map((e) => e.code)).toEqual(["HOOK_FAILED"]);
    expect(errors[0]?.message).toContain("region hook");
    expectNoSecrets(errors[0], [CLIENT_SECRET]);
  });
});

describe("the region travels in the tamper-proof state", () => {
  it("a fixed handlers region is used at start and at the callback, whatever the client's default", async () => {
    const store = flowStore();
    const handlers = client().handlers({ region: "au", signingSecret: SIGNING_SECRET, store, successUrl: "/done" });
    const { authorize, callback } = await connect(handlers, "au");
    expect(authorize?.origin).toBe(hosts.au.origin);
    expect(callback?.status).toBe(303);
    expect(store.rows.get(WORKSPACE.au)?.region).toBe("au");
  });

  it("a signed state naming no region (made before regions were carried) uses the default region", async () => {
    const store = flowStore();
    const handlers = client().handlers({ region: "eu", signingSecret: SIGNING_SECRET, store, successUrl: "/done" });
    const state = await createSignedState({ secret: SIGNING_SECRET, ttlSeconds: 600, data: { d: {}, o: null } });
    const url = client().createAuthorizationUrl({ state, region: "eu" }).url;
    const callback = await handlers.callback(new Request(standIn.consent(url, { workspace: { id: WORKSPACE.eu } })));
    expect(callback.status).toBe(303);
    expect(store.rows.get(WORKSPACE.eu)?.region).toBe("eu");
  });

  it("a signed state naming an unknown region is STATE_INVALID, and no code is exchanged", async () => {
    const errors: IntercomOAuthError[] = [];
    const handlers = client().handlers({
      signingSecret: SIGNING_SECRET,
      onSuccess: () => new Response("connected"),
      onError: (error) => {
        errors.push(error);
        return new Response(null, { status: 400 });
      },
    });
    const state = await createSignedState({
      secret: SIGNING_SECRET,
      ttlSeconds: 600,
      data: { d: {}, o: null, r: "ca" },
    });
    const url = client().createAuthorizationUrl({ state, region: "eu" }).url;
    const before = standIn.requests.length;
    await handlers.callback(new Request(standIn.consent(url)));
    expect(errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(standIn.requests.length).toBe(before);
  });

  it("an EU code brought back to a flow started for the US is refused by the US host (the code is region-bound)", async () => {
    const errors: IntercomOAuthError[] = [];
    const handlers = client().handlers({
      region: "us",
      signingSecret: SIGNING_SECRET,
      onSuccess: () => new Response("connected"),
      onError: (error) => {
        errors.push(error);
        return new Response(null, { status: 400 });
      },
    });
    const started = await handlers.start(new Request("https://saas.example.com/connect"));
    const state = new URL(started.headers.get("location") ?? "").searchParams.get("state") ?? "";
    // The admin is sent to the EU consent page with the US flow's state: the state says "us".
    const euUrl = client().createAuthorizationUrl({ state, region: "eu" }).url;
    await handlers.callback(new Request(standIn.consent(euUrl)));
    expect(errors.map((e) => e.code)).toEqual(["INVALID_GRANT"]);
    expect(standIn.requests.at(-1)).toMatchObject({ endpoint: "token", region: "us" });
  });
});

describe("handlers({ region }) options", () => {
  it.each([["EU"], ["mars"], [42], [null]])("refuses region %j when handlers() is called", (region) => {
    expect(() => client().handlers({ region: region as Region, onSuccess: () => new Response() })).toThrowError(
      /region must be "us", "eu" or "au", or a function/,
    );
  });
});
