// Issue 10 end to end, as a service wires it: the OAuth handlers and the webhook handlers share
// one PostgreSQL store (a real server, sealed tokens), against the stand-in playing Intercom both
// ways: its API over msw, and its signed uninstall and health-check requests to the app.
import { setupServer } from "msw/node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConnectedWorkspace,
  createIntercomOAuth,
  createWebhookHandlers,
  type IntercomOAuthEvent,
} from "../src/index.js";
import { createTokenSealer, disconnect, postgresConnectionStore } from "../src/connections/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { startPostgres, type TestPostgres } from "./support/postgres.js";

const CLIENT_ID = "lifecycle-client-id";
const CLIENT_SECRET = "lifecycle-client-secret-0123456789";
const SEALING_KEY = "lifecycle-sealing-key-0123456789abcdef";
const WORKSPACE = "lcyc0001";
const APP = "https://app.example.com";

const standIn = createIntercomStandIn({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  workspace: { id: WORKSPACE, name: "Lifecycle Inc" },
});
const msw = setupServer(...standIn.handlers());
let server: TestPostgres;
let pool: pg.Pool;
const table = `lifecycle_${Date.now().toString(36)}`;

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: "error" });
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 4 });
  pool.on("error", () => {});
}, 120_000);

afterAll(async () => {
  msw.close();
  await pool?.end();
  server?.stop();
});

describe("issue 10 — from Connect Intercom to uninstalled, on a real PostgreSQL", () => {
  it("connects, answers health checks, hears the uninstall, reconnects for another tenant, and disconnects", async () => {
    const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const sealer = createTokenSealer({ keys: { k1: SEALING_KEY }, current: "k1" });
    const store = postgresConnectionStore(pool, { sealer, table });
    const events: IntercomOAuthEvent[] = [];
    const successes: ConnectedWorkspace[] = [];
    const hooks = createWebhookHandlers({ clientSecret: CLIENT_SECRET, store, onEvent: (e) => void events.push(e) });

    async function connectAs(tenant: string): Promise<Response> {
      const { start, callback } = intercom.handlers({
        store,
        owner: () => tenant,
        onEvent: (e) => void events.push(e),
        onSuccess: (result) => {
          successes.push(result as ConnectedWorkspace);
          return new Response(null, { status: 303, headers: { location: `${APP}/settings/intercom` } });
        },
      });
      const started = await start(new Request(`${APP}/connect`));
      const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const back = standIn.consent(new URL(started.headers.get("location") ?? ""));
      return callback(new Request(back, { headers: { cookie } }));
    }
    const health = async () =>
      (
        await hooks.healthCheck(await standIn.healthCheckRequest(`${APP}/intercom/health`, { workspaceId: WORKSPACE }))
      ).json() as Promise<{ state: string }>;
    const row = async () =>
      (await pool.query(`SELECT * FROM "${table}" WHERE workspace_id = $1`, [WORKSPACE])).rows[0] as Record<
        string,
        unknown
      >;

    // 1. Connect: a sealed row, and the plain token nowhere in it.
    expect((await connectAs("tenant_1")).status).toBe(303);
    const first = successes[0];
    expect(first?.connection).toMatchObject({ workspaceId: WORKSPACE, owner: "tenant_1", status: "active" });
    expect(first?.previousOwner).toBeUndefined();
    const stored = await row();
    expect(stored.sealed_token).toMatch(/^v1\.k1\./);
    expect(JSON.stringify(stored)).not.toContain(first?.token.accessToken);
    expect(await health()).toEqual({ state: "OK" });

    // 2. A forged uninstall (another secret) is refused and changes nothing.
    const forged = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: "not-the-client-secret-0123456789" });
    const refused = await hooks.uninstall(
      await forged.uninstallRequest(`${APP}/intercom/uninstall`, { workspaceId: WORKSPACE }),
    );
    expect(refused.status).toBe(401);
    expect((await store.get(WORKSPACE))?.status).toBe("active");

    // 3. The admin uninstalls: Intercom revokes the token and calls the uninstall URL.
    expect(standIn.uninstall(WORKSPACE)).toBeGreaterThan(0);
    const heard = await hooks.uninstall(
      await standIn.uninstallRequest(`${APP}/intercom/uninstall`, { workspaceId: WORKSPACE }),
    );
    expect(heard.status).toBe(200);
    expect((await store.get(WORKSPACE))?.status).toBe("uninstalled");
    expect(await health()).toMatchObject({ state: "UNHEALTHY" });

    // 4. Another tenant connects the same workspace: the service is told whose it was.
    expect((await connectAs("tenant_2")).status).toBe(303);
    expect(successes[1]).toMatchObject({ previousOwner: "tenant_1", previousStatus: "uninstalled" });
    expect(await store.get(WORKSPACE)).toMatchObject({ owner: "tenant_2", status: "active" });
    expect(await health()).toEqual({ state: "OK" });

    // 5. The service disconnects: the token is revoked at Intercom and the row marked.
    const outcome = await disconnect({ client: intercom, store, workspaceId: WORKSPACE });
    expect(outcome).toMatchObject({ outcome: "revoked" });
    expect((await store.get(WORKSPACE))?.status).toBe("revoked");
    await expect(intercom.getIdentity(successes[1]?.token.accessToken ?? "")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });

    expect(events.map((e) => e.type)).toEqual([
      "connected",
      "health_checked",
      "signature_rejected",
      "uninstalled",
      "health_checked",
      "connected",
      "health_checked",
    ]);
    const printed = JSON.stringify(events);
    for (const secret of [CLIENT_SECRET, SEALING_KEY, ...successes.map((s) => s.token.accessToken)]) {
      expect(printed).not.toContain(secret);
    }
  }, 60_000);
});
