// Issue 10 §4: disconnect() revokes a workspace's token and marks its row, and says what it did;
// a failure that leaves the token's fate unknown leaves the row as it was.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Connection, disconnect } from "../src/connections/index.js";
import { createIntercomOAuth, IntercomOAuthError } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { type FlowStore, flowStore } from "./support/flow-store.js";

const CLIENT_ID = "disconnect-client";
const CLIENT_SECRET = "disconnect-client-secret-never-shown";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeoutMs: 300 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

/** A store holding one active connection of ws1 with a live stand-in token. */
async function connected(overrides: Partial<Connection> = {}): Promise<{ store: FlowStore; token: string }> {
  const token = standIn.issueToken({ workspace: { id: "ws1" } });
  const store = flowStore();
  const now = new Date();
  await store.save({
    workspaceId: "ws1",
    region: "us",
    accessToken: token,
    admin: { id: "a1", email: "a@example.com", emailVerified: true },
    owner: "t_42",
    status: "active",
    installedAt: now,
    updatedAt: now,
    ...overrides,
  });
  store.calls.length = 0;
  return { store, token };
}

describe("issue 10 — disconnect()", () => {
  it("revokes the token, marks the row revoked, and says so", async () => {
    const { store, token } = await connected();
    const result = await disconnect({ client: intercom, store, workspaceId: "ws1" });
    expect(result).toEqual({ outcome: "revoked", workspaceId: "ws1", previousStatus: "active" });
    expect(standIn.tokenState(token)).toBe("revoked");
    expect(standIn.counts.uninstall).toBe(1);
    expect(store.rows.get("ws1")?.status).toBe("revoked");
    expect(store.calls).toEqual(["get ws1", "setStatus ws1 revoked"]);
  });

  it("still marks the row when Intercom answers UNAUTHORIZED (the token was dead), as already_invalid", async () => {
    const { store, token } = await connected({ status: "uninstalled" });
    await intercom.revokeToken(token);
    const result = await disconnect({ client: intercom, store, workspaceId: "ws1" });
    expect(result).toEqual({ outcome: "already_invalid", workspaceId: "ws1", previousStatus: "uninstalled" });
    expect(store.rows.get("ws1")?.status).toBe("revoked");
  });

  it("is safe to call twice", async () => {
    const { store } = await connected();
    expect((await disconnect({ client: intercom, store, workspaceId: "ws1" })).outcome).toBe("revoked");
    expect((await disconnect({ client: intercom, store, workspaceId: "ws1" })).outcome).toBe("already_invalid");
  });

  it("reports not_found for a workspace the store does not hold, and sends nothing", async () => {
    const result = await disconnect({ client: intercom, store: flowStore(), workspaceId: "nope" });
    expect(result).toEqual({ outcome: "not_found", workspaceId: "nope" });
    expect(standIn.counts.uninstall).toBe(0);
  });

  it.each([
    ["a network failure", { type: "network-error" } as const, "NETWORK_ERROR"],
    ["a timeout", { type: "delay", ms: 1_000 } as const, "TIMEOUT"],
    ["a 5xx", { type: "server-error", status: 503 } as const, "SERVER_ERROR"],
    ["a 429", { type: "rate-limit", retryAfterSeconds: 3 } as const, "RATE_LIMITED"],
  ])("leaves the row unchanged on %s, and says so in the error", async (_name, fault, code) => {
    const { store, token } = await connected();
    standIn.injectFault("uninstall", fault);
    const error = await caught(() => disconnect({ client: intercom, store, workspaceId: "ws1" }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/The connection of workspace ws1 is unchanged \(still "active"\)/);
    expect(error.cause).toBeInstanceOf(IntercomOAuthError);
    if (code === "RATE_LIMITED") expect(error.retryAfterMs).toBe(3_000);
    expect(store.rows.get("ws1")?.status).toBe("active");
    expect(store.calls).toEqual(["get ws1"]);
    expect(standIn.tokenState(token)).toBe("active");
    expectNoSecrets(error, [token, CLIENT_SECRET]);
  });

  it("leaves the row unchanged when the caller aborts", async () => {
    const { store } = await connected();
    const controller = new AbortController();
    controller.abort();
    const error = await caught(() =>
      disconnect({ client: intercom, store, workspaceId: "ws1", signal: controller.signal }),
    );
    expect(error.code).toBe("ABORTED");
    expect(store.rows.get("ws1")?.status).toBe("active");
  });

  it("issue 11: revokes on the connection's own region's host, whatever the client's default region", async () => {
    const store = flowStore();
    const now = new Date();
    const token = standIn.issueToken({ workspace: { id: "ws_eu" }, region: "eu" });
    await store.save({
      workspaceId: "ws_eu",
      region: "eu",
      accessToken: token,
      admin: { id: "a1", email: "a@example.com", emailVerified: true },
      owner: null,
      status: "active",
      installedAt: now,
      updatedAt: now,
    });
    expect(intercom.region).toBe("us");
    expect(await disconnect({ client: intercom, store, workspaceId: "ws_eu" })).toMatchObject({ outcome: "revoked" });
    const revokes = standIn.requests.filter((r) => r.endpoint === "uninstall");
    expect(revokes.map((r) => [r.region, r.status])).toEqual([["eu", 200]]);
    expect(store.rows.get("ws_eu")?.status).toBe("revoked");
  });

  it("passes the store's own IntercomOAuthError code on, and wraps anything else as STORE_FAILED, scrubbed", async () => {
    const { store, token } = await connected();
    store.failOn("get", new IntercomOAuthError("SEAL_INVALID", "The sealed token cannot be opened."));
    const sealed = await caught(() => disconnect({ client: intercom, store, workspaceId: "ws1" }));
    expect(sealed.code).toBe("SEAL_INVALID");
    expect(sealed.message).toMatch(/nothing was revoked/);

    const other = await connected();
    other.store.failOn("setStatus", new Error(`update failed for ${other.token}`));
    const error = await caught(() => disconnect({ client: intercom, store: other.store, workspaceId: "ws1" }));
    expect(error.code).toBe("STORE_FAILED");
    expect(error.message).toMatch(/The token was revoked, but marking workspace ws1 revoked failed/);
    expect((error.cause as Error).message).toContain("[redacted]");
    expectNoSecrets(error, [token, other.token, CLIENT_SECRET]);
    expect(standIn.tokenState(other.token)).toBe("revoked");
  });

  it("wraps a custom client's non-SDK error as HOOK_FAILED, row unchanged", async () => {
    const { store, token } = await connected();
    const client = {
      region: "us" as const,
      revokeToken: async (accessToken: string) => Promise.reject(new Error(`socket closed (${accessToken})`)),
    };
    const error = await caught(() => disconnect({ client, store, workspaceId: "ws1" }));
    expect(error.code).toBe("HOOK_FAILED");
    expect(error.message).toMatch(/unchanged/);
    expectNoSecrets(error, [token]);
    expect(store.rows.get("ws1")?.status).toBe("active");
  });

  it.each<[string, unknown]>([
    ["no options", undefined],
    ["no client", { store: flowStore(), workspaceId: "ws1" }],
    ["no store", { client: intercom, workspaceId: "ws1" }],
    ["an empty workspaceId", { client: intercom, store: flowStore(), workspaceId: "" }],
    ["a signal that is not one", { client: intercom, store: flowStore(), workspaceId: "ws1", signal: {} }],
  ])("refuses %s as INVALID_OPTIONS", async (_name, options) => {
    const error = await caught(() => disconnect(options as never));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.problems.length).toBeGreaterThan(0);
  });
});
