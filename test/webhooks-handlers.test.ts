// createWebhookHandlers through the main entry, with requests signed independently with
// node:crypto and a small hand-written ConnectionStore: a user's own store.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Connection, ConnectionStatus, ConnectionStore } from "../src/connections/index.js";
import {
  createWebhookHandlers,
  type HealthCheckAnswer,
  IntercomOAuthError,
  type IntercomOAuthEvent,
  type IntercomWebhookHandlers,
  type NotificationContext,
  type UninstallContext,
  type WebhookHandlersOptions,
} from "../src/index.js";
import { caught, encodedForms, expectNoSecrets } from "./support/expect-no-secrets.js";
import { bodyRequest, bodySignature, hubRequest, post } from "./support/intercom-signing.js";

const SECRET = "hooks-client-secret-0123456789";
const TOKEN = "dG9rOjEyMzQ1Njc4X2FiY2RfZWZnaF9pamtsOjE6MA==";
const CREATED = 1_767_225_600;

function connection(workspaceId: string, status: ConnectionStatus): Connection {
  const at = new Date("2026-01-01T00:00:00Z");
  return {
    workspaceId,
    region: "us",
    accessToken: TOKEN,
    admin: { id: "1", email: "a@example.com", emailVerified: true },
    owner: "tenant-1",
    status,
    installedAt: at,
    updatedAt: at,
  };
}

/** A user's own store: a Map, and a log of the calls that change it. */
function mapStore(...initial: Connection[]): ConnectionStore & { rows: Map<string, Connection>; writes: string[] } {
  const rows = new Map(initial.map((c) => [c.workspaceId, c]));
  const writes: string[] = [];
  return {
    rows,
    writes,
    async save(c) {
      writes.push(`save ${c.workspaceId}`);
      rows.set(c.workspaceId, c);
    },
    async get(id) {
      return rows.get(id) ?? null;
    },
    async listByOwner(owner) {
      return [...rows.values()].filter((c) => c.owner === owner);
    },
    async setStatus(id, status) {
      writes.push(`setStatus ${id} ${status}`);
      const row = rows.get(id);
      if (row === undefined) return false;
      rows.set(id, { ...row, status, updatedAt: new Date() });
      return true;
    },
    async delete(id) {
      writes.push(`delete ${id}`);
      return rows.delete(id);
    },
    async list() {
      return { connections: [...rows.values()], nextCursor: null };
    },
    async reseal() {
      return 0;
    },
  };
}

function setup(options: Partial<WebhookHandlersOptions> = {}) {
  const events: IntercomOAuthEvent[] = [];
  const calls: string[] = [];
  const hooks = createWebhookHandlers({
    clientSecret: SECRET,
    onEvent: (event) => void events.push(event),
    ...options,
  });
  return { hooks, events, calls };
}

const uninstallBody = (id: string) => JSON.stringify({ app_id: id });
const healthBody = (id: string) => JSON.stringify({ workspace_id: id });
function envelope(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: "notification_event",
    app_id: "drzzt019",
    data: { type: "notification_event_data", item: { type: "conversation", id: "c1" } },
    links: {},
    id: "notif_1",
    topic: "conversation.user.created",
    delivery_status: "pending",
    delivery_attempts: 1,
    delivered_at: 0,
    first_sent_at: CREATED,
    created_at: CREATED,
    self: null,
    ...fields,
  });
}

describe("issue 10 — uninstall", () => {
  it("marks the connection uninstalled, then calls onUninstall, and answers 200", async () => {
    const store = mapStore(connection("drzzt019", "active"));
    const order: string[] = [];
    let seen: UninstallContext | undefined;
    const { hooks, events } = setup({
      store,
      onUninstall: (context) => {
        order.push(`onUninstall (store says ${store.rows.get("drzzt019")?.status})`);
        seen = context;
      },
    });
    const request = bodyRequest(SECRET, uninstallBody("drzzt019"));
    const response = await hooks.uninstall(request);
    expect(response.status).toBe(200);
    expect(store.writes).toEqual(["setStatus drzzt019 uninstalled"]);
    expect(order).toEqual(["onUninstall (store says uninstalled)"]);
    expect(seen).toEqual({ workspaceId: "drzzt019", known: true, request });
    expect(events).toEqual([{ type: "uninstalled", workspaceId: "drzzt019", known: true }]);
  });

  it("answers 200 for a workspace the store does not hold, with known: false", async () => {
    const store = mapStore();
    const { hooks, events } = setup({ store });
    expect((await hooks.uninstall(bodyRequest(SECRET, uninstallBody("gone")))).status).toBe(200);
    expect(events).toEqual([{ type: "uninstalled", workspaceId: "gone", known: false }]);
  });

  it("works without a store: onUninstall alone", async () => {
    const seen: string[] = [];
    const { hooks } = setup({ onUninstall: ({ workspaceId, known }) => void seen.push(`${workspaceId} ${known}`) });
    expect((await hooks.uninstall(bodyRequest(SECRET, uninstallBody("w1")))).status).toBe(200);
    expect(seen).toEqual(["w1 false"]);
  });

  it("answers 401 to a forged request and changes nothing", async () => {
    const store = mapStore(connection("drzzt019", "active"));
    let called = false;
    const { hooks, events } = setup({
      store,
      onUninstall: () => {
        called = true;
      },
    });
    const forged = [
      bodyRequest("attacker-guess", uninstallBody("drzzt019")),
      post(uninstallBody("drzzt019"), {}),
      post(uninstallBody("drzzt019"), { "x-body-signature": bodySignature(SECRET, uninstallBody("other")) }),
    ];
    const statuses = [];
    for (const request of forged) statuses.push((await hooks.uninstall(request)).status);
    expect(statuses).toEqual([401, 401, 401]);
    expect(store.writes).toEqual([]);
    expect(store.rows.get("drzzt019")?.status).toBe("active");
    expect(called).toBe(false);
    expect(events).toEqual([
      { type: "signature_rejected", handler: "uninstall", code: "SIGNATURE_INVALID" },
      { type: "signature_rejected", handler: "uninstall", code: "SIGNATURE_MISSING" },
      { type: "signature_rejected", handler: "uninstall", code: "SIGNATURE_INVALID" },
    ]);
  });

  it("accepts only X-Body-Signature: a validly signed X-Hub-Signature request is 401", async () => {
    const store = mapStore(connection("drzzt019", "active"));
    const { hooks } = setup({ store });
    const response = await hooks.uninstall(hubRequest(SECRET, uninstallBody("drzzt019")));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "SIGNATURE_MISSING" } });
    expect(store.writes).toEqual([]);
  });

  it("answers 400 WEBHOOK_INVALID to a verified body of the wrong shape, and changes nothing", async () => {
    const store = mapStore(connection("drzzt019", "active"));
    const { hooks, events } = setup({ store });
    for (const body of [healthBody("drzzt019"), '{"app_id":""}', '{"app_id":42}', "[]", "app_id=drzzt019", ""]) {
      const response = await hooks.uninstall(bodyRequest(SECRET, body));
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "WEBHOOK_INVALID" } });
    }
    expect(store.writes).toEqual([]);
    expect(events.every((e) => e.type === "webhook_invalid" && e.handler === "uninstall")).toBe(true);
  });
});

describe("issue 10 — health check", () => {
  const store = mapStore(
    connection("active1", "active"),
    connection("gone1", "uninstalled"),
    connection("revoked1", "revoked"),
    connection("dead1", "unauthorized"),
  );

  it('answers {"state":"OK"} for an active connection', async () => {
    const { hooks, events } = setup({ store });
    const response = await hooks.healthCheck(bodyRequest(SECRET, healthBody("active1")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.text()).toBe('{"state":"OK"}');
    expect(events).toEqual([{ type: "health_checked", workspaceId: "active1", state: "OK" }]);
  });

  it.each(["gone1", "revoked1", "dead1", "unknown1"])("answers UNHEALTHY with a message for %s", async (id) => {
    const { hooks } = setup({ store });
    const answer = await (await hooks.healthCheck(bodyRequest(SECRET, healthBody(id)))).json();
    expect(answer).toEqual({ state: "UNHEALTHY", message: expect.stringMatching(/\.$/) });
  });

  it("answers UNHEALTHY, not connected, for a status this version does not know", async () => {
    const odd = mapStore(
      connection("odd1", "paused" as ConnectionStatus),
      connection("proto1", "constructor" as never),
    );
    const { hooks } = setup({ store: odd });
    for (const id of ["odd1", "proto1"]) {
      const answer = await (await hooks.healthCheck(bodyRequest(SECRET, healthBody(id)))).json();
      expect(answer).toEqual({ state: "UNHEALTHY", message: expect.stringMatching(/not connected/) });
    }
  });

  it("lets onHealthCheck override the answer with a cta_url", async () => {
    const contexts: unknown[] = [];
    const { hooks, events } = setup({
      store,
      onHealthCheck: (context) => {
        contexts.push(context);
        return context.connection?.status === "active"
          ? undefined
          : {
              state: "UNHEALTHY",
              message: "Reconnect Intercom to keep syncing.",
              cta_label: "Reconnect",
              cta_url: "https://example.com/settings/intercom",
            };
      },
    });
    const ok = await hooks.healthCheck(bodyRequest(SECRET, healthBody("active1")));
    expect(await ok.json()).toEqual({ state: "OK" });
    const gone = await hooks.healthCheck(bodyRequest(SECRET, healthBody("gone1")));
    expect(await gone.json()).toEqual({
      state: "UNHEALTHY",
      message: "Reconnect Intercom to keep syncing.",
      cta_type: "URL_CTA",
      cta_url: "https://example.com/settings/intercom",
      cta_label: "Reconnect",
    });
    expect(contexts[1]).toMatchObject({
      workspaceId: "gone1",
      connection: { workspaceId: "gone1", status: "uninstalled" },
      answer: { state: "UNHEALTHY" },
    });
    expect(events.map((e) => (e.type === "health_checked" ? e.state : e.type))).toEqual(["OK", "UNHEALTHY"]);
  });

  it("works with onHealthCheck and no store: connection is null", async () => {
    const { hooks } = setup({
      onHealthCheck: ({ connection }) =>
        ({ state: connection === null ? "OK" : "UNHEALTHY", message: "x" }) as HealthCheckAnswer,
    });
    expect(await (await hooks.healthCheck(bodyRequest(SECRET, healthBody("w")))).json()).toEqual({ state: "OK" });
  });

  it("answers 501 with neither store nor onHealthCheck", async () => {
    const { hooks } = setup();
    const response = await hooks.healthCheck(bodyRequest(SECRET, healthBody("w")));
    expect(response.status).toBe(501);
  });

  it("passes an UNKNOWN answer through, and cuts messages at Intercom's 2,084 characters", async () => {
    const long = "m".repeat(5000);
    for (const [chosen, expected] of [
      [{ state: "UNKNOWN" }, { state: "UNKNOWN" }],
      [
        { state: "UNKNOWN", message: "Intercom API errors" },
        { state: "UNKNOWN", message: "Intercom API errors" },
      ],
      [
        { state: "UNKNOWN", message: long },
        { state: "UNKNOWN", message: `${"m".repeat(2083)}…` },
      ],
      [
        { state: "UNHEALTHY", message: long },
        { state: "UNHEALTHY", message: `${"m".repeat(2083)}…` },
      ],
      [
        { state: "UNHEALTHY", message: "m".repeat(2084) },
        { state: "UNHEALTHY", message: "m".repeat(2084) },
      ],
    ] as const) {
      const { hooks } = setup({ store, onHealthCheck: () => chosen });
      const answer = await (await hooks.healthCheck(bodyRequest(SECRET, healthBody("active1")))).json();
      expect(answer).toEqual(expected);
    }
  });

  it("answers 500 when onHealthCheck returns an answer Intercom cannot read", async () => {
    const errors: IntercomOAuthError[] = [];
    for (const bad of [
      { state: "FINE" },
      { state: "UNHEALTHY" },
      { state: "UNHEALTHY", message: "x", cta_url: "javascript:alert(1)" },
      { state: "UNHEALTHY", message: "x", cta_type: "BUTTON" },
      { state: "UNHEALTHY", message: "x", cta_label: 7 },
      { state: "UNKNOWN", message: 7 },
      "OK",
    ]) {
      const { hooks } = setup({
        store,
        onHealthCheck: () => bad as never,
        onError: (error) => void errors.push(error),
      });
      expect((await hooks.healthCheck(bodyRequest(SECRET, healthBody("active1")))).status).toBe(500);
    }
    expect(errors.map((e) => e.code)).toEqual(Array(7).fill("HOOK_FAILED"));
    expect(errors[0]?.message).toMatch(/cta_url/);
  });

  it("accepts only X-Body-Signature", async () => {
    const { hooks, events } = setup({ store });
    expect((await hooks.healthCheck(hubRequest(SECRET, healthBody("active1")))).status).toBe(401);
    expect(events).toEqual([{ type: "signature_rejected", handler: "healthCheck", code: "SIGNATURE_MISSING" }]);
  });

  it("answers 400 to a verified body that is not a health check", async () => {
    const { hooks } = setup({ store });
    expect((await hooks.healthCheck(bodyRequest(SECRET, uninstallBody("active1")))).status).toBe(400);
  });
});

describe("issue 10 — notifications", () => {
  it("hands a verified notification to onNotification and answers 200, whatever the store says", async () => {
    const seen: NotificationContext[] = [];
    const { hooks, events } = setup({ store: mapStore(), onNotification: (n) => void seen.push(n) });
    const body = envelope();
    const request = hubRequest(SECRET, body);
    const response = await hooks.notifications(request);
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      {
        id: "notif_1",
        topic: "conversation.user.created",
        workspaceId: "drzzt019",
        item: { type: "conversation", id: "c1" },
        createdAt: new Date(CREATED * 1000),
        envelope: JSON.parse(body),
        request,
      },
    ]);
    expect(events).toEqual([
      { type: "notification_received", id: "notif_1", topic: "conversation.user.created", workspaceId: "drzzt019" },
    ]);
  });

  it("answers a ping 200 without calling onNotification (Intercom's sample ping has id null)", async () => {
    let called = false;
    const { hooks, events } = setup({
      onNotification: () => {
        called = true;
      },
    });
    const ping = envelope({
      topic: "ping",
      id: null,
      data: { type: "notification_event_data", item: { type: "ping" } },
    });
    expect((await hooks.notifications(hubRequest(SECRET, ping))).status).toBe(200);
    expect(called).toBe(false);
    expect(events).toEqual([{ type: "notification_received", id: "", topic: "ping", workspaceId: "drzzt019" }]);
  });

  it("answers 501 without onNotification, before reading anything", async () => {
    const { hooks } = setup();
    const response = await hooks.notifications(hubRequest(SECRET, envelope()));
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ error: { code: "NOT_IMPLEMENTED" } });
  });

  it("accepts only X-Hub-Signature", async () => {
    let called = false;
    const { hooks } = setup({
      onNotification: () => {
        called = true;
      },
    });
    expect((await hooks.notifications(bodyRequest(SECRET, envelope()))).status).toBe(401);
    expect(called).toBe(false);
  });

  it.each([
    ["no id", { id: null }],
    ["no app_id", { app_id: undefined }],
    ["no data.item", { data: { type: "notification_event_data" } }],
    ["no created_at", { created_at: "yesterday" }],
    ["another type", { type: "event" }],
    ["no topic", { topic: "" }],
    ["a created_at no date can hold (issue 10 review)", { created_at: 1e300 }],
    ["a fractional created_at", { created_at: 1767225600.5 }],
    ["a 5,000-character topic (issue 10 review)", { topic: "t".repeat(5000) }],
    ["a topic with spaces and markup", { topic: "conversation.<script> created" }],
  ])("answers 400 WEBHOOK_INVALID to an envelope with %s", async (_, fields) => {
    let called = false;
    const { hooks, events } = setup({
      onNotification: () => {
        called = true;
      },
    });
    const response = await hooks.notifications(hubRequest(SECRET, envelope(fields)));
    expect(response.status).toBe(400);
    expect(called).toBe(false);
    expect(events).toEqual([{ type: "webhook_invalid", handler: "notifications" }]);
  });

  it("delivers a repeated notification again: deduplicating by id is the service's", async () => {
    const ids: string[] = [];
    const { hooks } = setup({ onNotification: ({ id }) => void ids.push(id) });
    for (const attempt of [1, 2]) {
      await hooks.notifications(hubRequest(SECRET, envelope({ delivery_attempts: attempt })));
    }
    expect(ids).toEqual(["notif_1", "notif_1"]);
  });
});

describe("issue 10 — webhook handlers: methods, caps, rotation", () => {
  it.each(["GET", "PUT", "DELETE"])("answers %s with 405 and Allow: POST", async (method) => {
    const { hooks } = setup({ onNotification: () => {} });
    for (const handler of [hooks.uninstall, hooks.healthCheck, hooks.notifications]) {
      const response = await handler(new Request("https://app.example/hooks", { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });

  it("refuses a body over maxBodyBytes as 401 SIGNATURE_INVALID", async () => {
    const { hooks, events } = setup({ maxBodyBytes: 64 });
    const body = JSON.stringify({ app_id: "x".repeat(100) });
    expect((await hooks.uninstall(bodyRequest(SECRET, body))).status).toBe(401);
    expect(events).toEqual([{ type: "signature_rejected", handler: "uninstall", code: "SIGNATURE_INVALID" }]);
  });

  it("verifies with either secret during a rotation", async () => {
    const { hooks } = setup({ clientSecret: ["old-secret-abcdefgh", SECRET], onNotification: () => {} });
    expect((await hooks.notifications(hubRequest("old-secret-abcdefgh", envelope()))).status).toBe(200);
    expect((await hooks.notifications(hubRequest(SECRET, envelope()))).status).toBe(200);
    expect((await hooks.notifications(hubRequest("older-secret-000", envelope()))).status).toBe(401);
  });
});

describe("issue 10 — webhook handlers: failing hooks and stores", () => {
  const leaky = () => {
    throw new Error(`db down; client secret was ${SECRET} (${encodeURIComponent(SECRET)})`);
  };

  it("answers 500 with no detail when a hook throws, and hands a secret-free HOOK_FAILED to onError", async () => {
    const errors: Array<[IntercomOAuthError, string]> = [];
    const { hooks } = setup({
      onUninstall: leaky,
      onNotification: async () => leaky(),
      onHealthCheck: leaky,
      onError: (error, { handler, request }) => void errors.push([error, `${handler} ${request.method}`]),
    });
    const answers = [
      await hooks.uninstall(bodyRequest(SECRET, uninstallBody("w"))),
      await hooks.healthCheck(bodyRequest(SECRET, healthBody("w"))),
      await hooks.notifications(hubRequest(SECRET, envelope())),
    ];
    for (const response of answers) {
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toContain("HOOK_FAILED");
      expect(text).not.toContain("db down");
      for (const form of encodedForms(SECRET)) expect(text).not.toContain(form);
    }
    expect(errors.map(([e, where]) => `${e.code} ${where}`)).toEqual([
      "HOOK_FAILED uninstall POST",
      "HOOK_FAILED healthCheck POST",
      "HOOK_FAILED notifications POST",
    ]);
    for (const [error] of errors) {
      expect(String(error.cause)).toContain("db down");
      expectNoSecrets(error, [SECRET]);
    }
  });

  it("copies a thrown non-Error, or one that cannot be read, into a secret-free cause", async () => {
    const errors: IntercomOAuthError[] = [];
    const unreadable = new Error("x");
    Object.defineProperty(unreadable, "message", {
      get() {
        throw new Error(SECRET);
      },
    });
    for (const thrown of [`plain string with ${SECRET}`, unreadable]) {
      const { hooks } = setup({
        onUninstall: () => {
          throw thrown;
        },
        onError: (error) => void errors.push(error),
      });
      expect((await hooks.uninstall(bodyRequest(SECRET, uninstallBody("w")))).status).toBe(500);
    }
    expect(errors.map((e) => String(e.cause))).toEqual([
      "string: plain string with [redacted]",
      "Error: (the thrown value could not be read)",
    ]);
    for (const error of errors) expectNoSecrets(error, [SECRET]);
  });

  it("answers 500 and reports STORE_FAILED when the store throws (UNKNOWN for a health check); an SDK error passes through", async () => {
    const errors: IntercomOAuthError[] = [];
    const broken = { ...mapStore(), get: async () => leaky(), setStatus: async () => leaky() };
    const { hooks, events } = setup({ store: broken, onError: (error) => void errors.push(error) });
    expect((await hooks.uninstall(bodyRequest(SECRET, uninstallBody("w")))).status).toBe(500);
    // Intercom's health check has its own word for "cannot tell right now": UNKNOWN, not a 500.
    const unknown = await hooks.healthCheck(bodyRequest(SECRET, healthBody("w")));
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ state: "UNKNOWN", message: expect.stringMatching(/could not check/) });
    const coded = new IntercomOAuthError("SEAL_INVALID", "The sealed token cannot be opened.");
    const sealed = setup({
      store: {
        ...mapStore(),
        get: async () => {
          throw coded;
        },
      },
      onError: (error) => void errors.push(error),
    });
    expect(await (await sealed.hooks.healthCheck(bodyRequest(SECRET, healthBody("w")))).json()).toMatchObject({
      state: "UNKNOWN",
    });
    expect(errors.map((e) => e.code)).toEqual(["STORE_FAILED", "STORE_FAILED", "SEAL_INVALID"]);
    expect(errors[2]).toBe(coded);
    for (const error of errors.slice(0, 2)) expectNoSecrets(error, [SECRET]);
    expect(events).toEqual([{ type: "health_checked", workspaceId: "w", state: "UNKNOWN" }]);
  });

  it("does not call onUninstall when the store failed (a retry marks it and calls it once)", async () => {
    let called = 0;
    const broken = { ...mapStore(), setStatus: async () => leaky() };
    const { hooks } = setup({ store: broken, onUninstall: () => void called++ });
    expect((await hooks.uninstall(bodyRequest(SECRET, uninstallBody("w")))).status).toBe(500);
    expect(called).toBe(0);
  });

  it("ignores an onError, or an onEvent, that throws or rejects", async () => {
    const hooks = createWebhookHandlers({
      clientSecret: SECRET,
      onUninstall: leaky,
      onError: () => {
        throw new Error("logger down");
      },
      onEvent: () => Promise.reject(new Error("metrics down")),
    });
    expect((await hooks.uninstall(bodyRequest(SECRET, uninstallBody("w")))).status).toBe(500);
    const sync = createWebhookHandlers({
      clientSecret: SECRET,
      onEvent: () => {
        throw new Error("metrics down");
      },
    });
    expect((await sync.uninstall(bodyRequest(SECRET, uninstallBody("w")))).status).toBe(200);
    expect((await sync.uninstall(post("{}", {}))).status).toBe(401);
  });
});

describe("issue 10 — webhook handlers: options and events", () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ["no options", undefined, /expects an options object/],
    ["an empty secret", { clientSecret: "" }, /clientSecret must be a non-empty string/],
    ["an empty secret in the array", { clientSecret: [SECRET, ""] }, /clientSecret\[1\]/],
    ["a padded secret", { clientSecret: `${SECRET}\n` }, /whitespace/],
    [
      "a hook that is not a function",
      { clientSecret: SECRET, onNotification: "queue" },
      /onNotification must be a function/,
    ],
    [
      "a store without setStatus",
      { clientSecret: SECRET, store: { get: async () => null } },
      /store must be a ConnectionStore/,
    ],
    ["a null store", { clientSecret: SECRET, store: null }, /store must be a ConnectionStore/],
    ["a negative cap", { clientSecret: SECRET, maxBodyBytes: -1 }, /maxBodyBytes/],
  ];

  it.each(bad)("refuses %s at creation as INVALID_OPTIONS, quoting no secret", async (_, options, fix) => {
    const error = await caught(() => createWebhookHandlers(options as never));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(fix);
    expectNoSecrets(error, [SECRET]);
  });

  it("lists every problem at once", async () => {
    const error = await caught(() =>
      createWebhookHandlers({ clientSecret: "", onEvent: 1, onError: 2, maxBodyBytes: 0 } as never),
    );
    expect(error.problems).toHaveLength(4);
  });

  it("emits only secret-free events, with no body", async () => {
    const store = mapStore(connection("drzzt019", "active"));
    const { hooks, events } = setup({ store, onNotification: () => {} });
    await hooks.healthCheck(bodyRequest(SECRET, healthBody("drzzt019")));
    await hooks.notifications(hubRequest(SECRET, envelope({ data: { item: { secret_note: "PII-123" } } })));
    await hooks.uninstall(bodyRequest(SECRET, uninstallBody("drzzt019")));
    await hooks.uninstall(bodyRequest("forger-secret-xyz", uninstallBody("drzzt019")));
    await hooks.uninstall(bodyRequest(SECRET, "nope"));
    expect(events.map((e) => e.type)).toEqual([
      "health_checked",
      "notification_received",
      "uninstalled",
      "signature_rejected",
      "webhook_invalid",
    ]);
    const text = JSON.stringify(events);
    for (const secret of [SECRET, TOKEN, "forger-secret-xyz", "PII-123"]) {
      for (const form of encodedForms(secret)) expect(text).not.toContain(form);
    }
  });

  it("has web-standard handler types", () => {
    expectTypeOf<IntercomWebhookHandlers["uninstall"]>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf<HealthCheckAnswer["state"]>().toEqualTypeOf<"OK" | "UNHEALTHY" | "UNKNOWN">();
    expectTypeOf<WebhookHandlersOptions["clientSecret"]>().toEqualTypeOf<string | readonly string[]>();
    expectTypeOf<NotificationContext["createdAt"]>().toEqualTypeOf<Date>();
    // @ts-expect-error an UNHEALTHY answer needs a message
    const noMessage: HealthCheckAnswer = { state: "UNHEALTHY" };
    expect(noMessage).toBeDefined();
  });
});
