// docs/deploy.md's claims for many instances, regions and serverless (issue 11 §7): each
// "instance" is its own createIntercomOAuth / createWebhookHandlers, as separate processes
// would build them from the same configuration, and shares nothing with the others but what
// the page says to share (secrets, and the connection store).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTokenSealer, memoryConnectionStore } from "../src/connections/index.js";
import { createIntercomOAuth, createWebhookHandlers, type IntercomOAuthError } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { bodyRequest } from "./support/intercom-signing.js";

const CLIENT_ID = "deploy-client";
const OLD_SECRET = "deploy-old-secret-0123456789abcdef";
const NEW_SECRET = "deploy-new-secret-fedcba9876543210";
const COOKIE_SECRET = "deploy-cookie-secret-0123456789abcdef";
const SIGNING_SECRET = "deploy-signing-secret-0123456789abcdef";
const KEY_1 = "deploy-sealing-key-one-0123456789abcdef";
const KEY_2 = "deploy-sealing-key-two-0123456789abcdef";

// Intercom, as the stand-in plays it. `secret` is what Developer Hub currently holds.
let secret = OLD_SECRET;
const standIns = {
  old: createIntercomStandIn({
    clientId: CLIENT_ID,
    clientSecret: OLD_SECRET,
    workspace: { id: "wsdeploy1", name: "Deploy Co" },
  }),
  regenerated: createIntercomStandIn({
    clientId: CLIENT_ID,
    clientSecret: NEW_SECRET,
    workspace: { id: "wsdeploy1", name: "Deploy Co" },
  }),
};
const standIn = () => (secret === OLD_SECRET ? standIns.old : standIns.regenerated);
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  secret = OLD_SECRET;
});
afterAll(() => server.close());

function useIntercom(current: string): void {
  secret = current;
  server.resetHandlers(...standIn().handlers());
}

/** One instance of the app: its own client and handlers, built from the shared configuration. */
function instance(options: { clientSecret?: string; mode: "cookie" | "signed"; signingSecret?: string }) {
  const errors: IntercomOAuthError[] = [];
  const connected: string[] = [];
  const client = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: options.clientSecret ?? OLD_SECRET });
  const handlers = client.handlers({
    ...(options.mode === "cookie"
      ? { cookieSecret: COOKIE_SECRET }
      : { signingSecret: options.signingSecret ?? SIGNING_SECRET }),
    onSuccess: (result) => {
      connected.push(result.identity.workspace.id);
      return Response.redirect("https://app.example/done", 303);
    },
    onError: (error) => {
      errors.push(error);
      return new Response(error.code, { status: 400 });
    },
  });
  return { ...handlers, errors, connected };
}

/** Start on `first`, Intercom's consent, and the callback request (with the cookie, if any). */
async function startOn(first: ReturnType<typeof instance>): Promise<Request> {
  const started = await first.start(new Request("https://app.example/connect"));
  expect(started.status).toBe(302);
  const callbackUrl = standIn().consent(new URL(started.headers.get("location") ?? ""));
  const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return new Request(callbackUrl, cookie === "" ? {} : { headers: { cookie } });
}

describe("docs/deploy.md — no shared state for the OAuth flow", () => {
  it.each(["cookie", "signed"] as const)(
    "%s mode: start on one instance, the callback on another, nothing shared but the secrets",
    async (mode) => {
      useIntercom(OLD_SECRET);
      const a = instance({ mode });
      const b = instance({ mode });
      const response = await b.callback(await startOn(a));
      expect(response.status, b.errors.map((e) => e.message).join()).toBe(303);
      expect(b.connected).toEqual(["wsdeploy1"]);
    },
  );

  it("signed mode: an instance with another signingSecret refuses the state (STATE_INVALID)", async () => {
    useIntercom(OLD_SECRET);
    const a = instance({ mode: "signed" });
    const b = instance({ mode: "signed", signingSecret: "another-signing-secret-0123456789abcdef" });
    expect((await b.callback(await startOn(a))).status).toBe(400);
    expect(b.errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
  });
});

describe("docs/deploy.md — webhook deliveries on many instances", () => {
  it("an uninstall delivered twice, to two instances sharing the store, answers 200 twice and leaves one uninstalled connection", async () => {
    const sealer = createTokenSealer({ keys: { k1: KEY_1 }, current: "k1" });
    const store = memoryConnectionStore({ sealer });
    const at = new Date();
    await store.save({
      workspaceId: "wsdeploy1",
      region: "us",
      accessToken: "tok_deploy_0123456789",
      admin: { id: "1", email: "a@example.com", emailVerified: true },
      owner: "tenant_1",
      status: "active",
      installedAt: at,
      updatedAt: at,
    });
    const seen: boolean[] = [];
    const [one, two] = [1, 2].map(() =>
      createWebhookHandlers({ clientSecret: OLD_SECRET, store, onUninstall: ({ known }) => void seen.push(known) }),
    );
    const body = JSON.stringify({ app_id: "wsdeploy1" });
    expect((await one?.uninstall(bodyRequest(OLD_SECRET, body)))?.status).toBe(200);
    expect((await two?.uninstall(bodyRequest(OLD_SECRET, body)))?.status).toBe(200);
    expect((await store.get("wsdeploy1"))?.status).toBe("uninstalled");
    expect(seen).toEqual([true, true]);
  });
});

describe("docs/deploy.md — rotating the sealer's keys with no downtime", () => {
  const context = { context: "wsdeploy1" };

  it("step 1 (add k2, still sealing with k1) and step 2 (seal with k2) read each other's seals; skipping step 1 breaks old instances", async () => {
    const before = createTokenSealer({ keys: { k1: KEY_1 }, current: "k1" });
    const step1 = createTokenSealer({ keys: { k1: KEY_1, k2: KEY_2 }, current: "k1" });
    const step2 = createTokenSealer({ keys: { k1: KEY_1, k2: KEY_2 }, current: "k2" });
    const step4 = createTokenSealer({ keys: { k2: KEY_2 }, current: "k2" });
    // During the rolling deploy of step 1, old and new instances run side by side.
    const fromStep1 = await step1.seal("tok", context);
    expect(await before.unseal(fromStep1, context)).toBe("tok");
    // During step 2's, instances of step 1 and step 2.
    const fromStep2 = await step2.seal("tok", context);
    expect(await step1.unseal(fromStep2, context)).toBe("tok");
    expect(await step2.unseal(fromStep1, context)).toBe("tok");
    // Step 3 reseals what needsReseal names; then step 4 drops k1.
    expect(step2.needsReseal(fromStep1)).toBe(true);
    expect(await step4.unseal(await step2.seal(await step2.unseal(fromStep1, context), context), context)).toBe("tok");
    // Going straight from `before` to step 2: an old instance cannot open a new seal.
    await expect(before.unseal(fromStep2, context)).rejects.toMatchObject({ code: "SEAL_INVALID" });
  });
});

describe("docs/deploy.md — regenerating the client secret in Developer Hub", () => {
  it("breaks exchanges (INVALID_CLIENT) until the new secret is deployed, then connects again", async () => {
    useIntercom(NEW_SECRET);
    const stale = instance({ mode: "signed", clientSecret: OLD_SECRET });
    expect((await stale.callback(await startOn(stale))).status).toBe(400);
    expect(stale.errors.map((e) => e.code)).toEqual(["INVALID_CLIENT"]);
    const deployed = instance({ mode: "signed", clientSecret: NEW_SECRET });
    expect((await deployed.callback(await startOn(deployed))).status).toBe(303);
  });

  it("[old, new] on the webhook side accepts deliveries signed with either secret, and no other", async () => {
    const hooks = createWebhookHandlers({ clientSecret: [OLD_SECRET, NEW_SECRET], onUninstall: () => {} });
    const body = JSON.stringify({ app_id: "wsdeploy1" });
    expect((await hooks.uninstall(bodyRequest(OLD_SECRET, body))).status).toBe(200);
    expect((await hooks.uninstall(bodyRequest(NEW_SECRET, body))).status).toBe(200);
    expect((await hooks.uninstall(bodyRequest("some-other-secret-0123456789", body))).status).toBe(401);
  });
});
