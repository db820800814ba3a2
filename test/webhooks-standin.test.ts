// The stand-in as Intercom calling the app: its signed requests are checked with node:crypto
// (not with the SDK's verifier), delivered to the webhook handlers in memory and over a real
// node:http socket, and standIn.uninstall revokes the workspace's tokens.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../src/connections/index.js";
import { createIntercomOAuth, createWebhookHandlers, type IntercomOAuthEvent } from "../src/index.js";
import { createIntercomStandInCore } from "../src/testing/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { bodySignature, hubSignature } from "./support/intercom-signing.js";

const CLIENT_ID = "standin-hooks-id";
const SECRET = "standin-hooks-secret-0123456789";
const SECOND_SECRET = "second-app-secret-abcdefghij";
const standIn = createIntercomStandInCore({
  clientId: CLIENT_ID,
  clientSecret: SECRET,
  workspace: { id: "acme0001" },
  apps: [{ clientId: "second", clientSecret: SECOND_SECRET }],
  now: () => 1_767_225_600_123,
});
const URL_BASE = "https://service.example/intercom";

async function signedParts(request: Request) {
  const body = await request.text();
  return {
    method: request.method,
    url: request.url,
    body,
    contentType: request.headers.get("content-type"),
    hub: request.headers.get("x-hub-signature"),
    sha256: request.headers.get("x-body-signature"),
  };
}

describe("issue 10 — the stand-in signs what Intercom signs", () => {
  it('uninstallRequest: POST {"app_id":…} with X-Body-Signature = HMAC-SHA256 (node:crypto)', async () => {
    const parts = await signedParts(await standIn.uninstallRequest(`${URL_BASE}/uninstall`));
    expect(parts).toEqual({
      method: "POST",
      url: `${URL_BASE}/uninstall`,
      body: '{"app_id":"acme0001"}',
      contentType: "application/json",
      hub: null,
      sha256: bodySignature(SECRET, '{"app_id":"acme0001"}'),
    });
  });

  it('healthCheckRequest: POST {"workspace_id":…} signed the same way, by the chosen app', async () => {
    const parts = await signedParts(
      await standIn.healthCheckRequest(new URL(`${URL_BASE}/health`), { workspaceId: "w2", clientId: "second" }),
    );
    expect(parts.body).toBe('{"workspace_id":"w2"}');
    expect(parts.sha256).toBe(bodySignature(SECOND_SECRET, parts.body));
  });

  it("notificationRequest: Intercom's envelope, key order kept, X-Hub-Signature = sha1=HMAC-SHA1 (node:crypto)", async () => {
    const item = { type: "conversation", id: "123", note: "é ☃" };
    const parts = await signedParts(
      await standIn.notificationRequest(`${URL_BASE}/webhooks`, { topic: "conversation.user.created", item }),
    );
    expect(parts.hub).toBe(hubSignature(SECRET, parts.body));
    expect(parts.sha256).toBeNull();
    const envelope = JSON.parse(parts.body);
    expect(Object.keys(envelope)).toEqual([
      "type",
      "app_id",
      "data",
      "links",
      "id",
      "topic",
      "delivery_status",
      "delivery_attempts",
      "delivered_at",
      "first_sent_at",
      "created_at",
      "self",
    ]);
    expect(envelope).toMatchObject({
      type: "notification_event",
      app_id: "acme0001",
      data: { type: "notification_event_data", item },
      topic: "conversation.user.created",
      delivery_attempts: 1,
      created_at: 1_767_225_600,
      first_sent_at: 1_767_225_600,
    });
    expect(envelope.id).toMatch(/^notif_[0-9a-f-]{36}$/);
  });

  it("notificationRequest: a ping as in Intercom's sample, and a chosen id, time and attempt", async () => {
    const ping = JSON.parse(
      await (await standIn.notificationRequest(`${URL_BASE}/webhooks`, { topic: "ping" })).text(),
    );
    expect(ping).toMatchObject({ id: null, topic: "ping", data: { item: { type: "ping" } } });
    const again = JSON.parse(
      await (
        await standIn.notificationRequest(`${URL_BASE}/webhooks`, {
          topic: "contact.user.created",
          id: "notif_same",
          createdAt: 1_700_000_000,
          deliveryAttempts: 2,
        })
      ).text(),
    );
    expect(again).toMatchObject({
      id: "notif_same",
      created_at: 1_700_000_000,
      delivery_attempts: 2,
      data: { item: {} },
    });
  });

  it.each([
    ["a relative URL", () => standIn.uninstallRequest("/intercom/uninstall"), /absolute http\(s\) URL/],
    ["an ftp URL", () => standIn.healthCheckRequest("ftp://example.com/x"), /absolute http\(s\) URL/],
    ["an unknown app", () => standIn.uninstallRequest(URL_BASE, { clientId: "nope" }), /no app has this clientId/],
    ["an empty workspace", () => standIn.healthCheckRequest(URL_BASE, { workspaceId: "" }), /workspaceId/],
    ["no topic", () => standIn.notificationRequest(URL_BASE, { topic: "" }), /topic/],
    ["an empty id", () => standIn.notificationRequest(URL_BASE, { topic: "t", id: "" }), /id must be/],
    ["a fractional time", () => standIn.notificationRequest(URL_BASE, { topic: "t", createdAt: 1.5 }), /createdAt/],
    [
      "zero attempts",
      () => standIn.notificationRequest(URL_BASE, { topic: "t", deliveryAttempts: 0 }),
      /deliveryAttempts/,
    ],
    ["an item that is not JSON", () => standIn.notificationRequest(URL_BASE, { topic: "t", item: { n: 1n } }), /JSON/],
  ])("rejects %s with INVALID_OPTIONS, naming no secret", async (_, run, fix) => {
    const error = await caught(run);
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(fix);
    expectNoSecrets(error, [SECRET, SECOND_SECRET]);
  });
});

describe("issue 10 — standIn.uninstall revokes the workspace's tokens", () => {
  it("revokes every token of that app in that workspace, and only those", async () => {
    const mine = [standIn.issueToken(), standIn.issueToken({ region: "eu" })];
    const otherWorkspace = standIn.issueToken({ workspace: { id: "other01" } });
    const otherApp = standIn.issueToken({ clientId: "second", workspace: { id: "acme0001" } });
    expect(standIn.uninstall("acme0001")).toBe(2);
    expect(mine.map((t) => standIn.tokenState(t))).toEqual(["revoked", "revoked"]);
    expect(standIn.tokenState(otherWorkspace)).toBe("active");
    expect(standIn.tokenState(otherApp)).toBe("active");
    expect(standIn.uninstall("acme0001")).toBe(0);
    expect(standIn.uninstall(undefined, { clientId: "second" })).toBe(0); // the second app's default workspace
    expect(standIn.uninstall("acme0001", { clientId: "second" })).toBe(1);
    const me = await standIn.fetch("https://api.intercom.io/me", { headers: { authorization: `Bearer ${mine[0]}` } });
    expect(me.status).toBe(401);
    expect(JSON.stringify(await me.json())).toContain("token_revoked");
  });

  it("refuses an unknown app or an empty workspace id", () => {
    expect(() => standIn.uninstall("acme0001", { clientId: "nope" })).toThrow(/no app has this clientId/);
    expect(() => standIn.uninstall("")).toThrow(/workspaceId/);
  });

  it("the whole lifecycle: connect, health OK, webhook, uninstall, health UNHEALTHY", async () => {
    const rows = new Map<string, Connection>();
    const store = {
      async get(id: string) {
        return rows.get(id) ?? null;
      },
      async setStatus(id: string, status: Connection["status"]) {
        const row = rows.get(id);
        if (row) rows.set(id, { ...row, status });
        return row !== undefined;
      },
    };
    const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: SECRET, fetch: standIn.fetch });
    const token = standIn.issueToken();
    const identity = await intercom.getIdentity(token);
    const at = new Date();
    rows.set(identity.workspace.id, {
      workspaceId: identity.workspace.id,
      region: "us",
      accessToken: token,
      admin: { id: identity.admin.id, email: identity.admin.email, emailVerified: true },
      owner: null,
      status: "active",
      installedAt: at,
      updatedAt: at,
    });
    const events: IntercomOAuthEvent[] = [];
    const topics: string[] = [];
    const hooks = createWebhookHandlers({
      clientSecret: SECRET,
      store,
      onNotification: ({ topic }) => void topics.push(topic),
      onEvent: (event) => void events.push(event),
    });
    const health = async () => (await hooks.healthCheck(await standIn.healthCheckRequest(`${URL_BASE}/health`))).json();
    expect(await health()).toEqual({ state: "OK" });
    const note = { topic: "conversation.user.created", item: {} };
    expect((await hooks.notifications(await standIn.notificationRequest(`${URL_BASE}/webhooks`, note))).status).toBe(
      200,
    );
    expect(standIn.uninstall(identity.workspace.id)).toBe(1);
    expect((await hooks.uninstall(await standIn.uninstallRequest(`${URL_BASE}/uninstall`))).status).toBe(200);
    expect(await health()).toMatchObject({ state: "UNHEALTHY" });
    expect(rows.get("acme0001")?.status).toBe("uninstalled");
    expect((await caught(() => intercom.getIdentity(token))).code).toBe("UNAUTHORIZED");
    expect(topics).toEqual(["conversation.user.created"]);
    expect(events.map((e) => e.type)).toEqual([
      "health_checked",
      "notification_received",
      "uninstalled",
      "health_checked",
    ]);
  });
});

describe("issue 10 — the webhook handlers behind node:http, over a real socket", () => {
  // The mounting docs/webhooks.md shows: the body is streamed into the Request untouched.
  const hooks = createWebhookHandlers({ clientSecret: SECRET, onNotification: () => {}, maxBodyBytes: 4096 });
  let server: Server;
  let origin: string;

  async function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const handler = req.url === "/intercom/uninstall" ? hooks.uninstall : hooks.notifications;
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  beforeAll(async () => {
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("accepts the stand-in's signed requests, byte for byte, and refuses a forged one", async () => {
    const forward = async (request: Request, body?: string) =>
      fetch(request.url.replace(URL_BASE, `${origin}/intercom`), {
        method: "POST",
        headers: request.headers,
        body: body ?? (await request.text()),
      });
    const signed = await standIn.notificationRequest(`${URL_BASE}/webhooks`, { topic: "ping" });
    expect((await forward(signed)).status).toBe(200);
    const uninstall = await standIn.uninstallRequest(`${URL_BASE}/uninstall`);
    expect((await forward(uninstall)).status).toBe(200);
    const tampered = await standIn.uninstallRequest(`${URL_BASE}/uninstall`);
    expect((await forward(tampered, '{"app_id":"victim01"}')).status).toBe(401);
  });

  it("refuses a body over the cap with 401 while it streams", async () => {
    const response = await fetch(`${origin}/intercom/uninstall`, {
      method: "POST",
      headers: { "x-body-signature": "0".repeat(64), "content-type": "application/json" },
      body: JSON.stringify({ app_id: "x".repeat(10_000) }),
    });
    expect(response.status).toBe(401);
  });
});

describe("issue 10 — the stand-in's Intercom calls import nothing from node: or msw", () => {
  it("bundles src/testing/stand-in.ts for a browser with no node: module and no msw", async () => {
    const result = await build({
      entryPoints: ["src/testing/stand-in.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("src/testing/intercom-calls.ts");
    expect(inputs.filter((file) => file.startsWith("node:") || file.includes("node_modules/msw"))).toEqual([]);
  });
});
