// Every error code, driven through the public API against the msw testing kit: the right code,
// a message that names the fix, and no secret in any view of the error.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  createIntercomOAuth,
  createSignedState,
  ERROR_CODES,
  type IntercomOAuthErrorCode,
  resolveScopes,
  type ScopeSpec,
  verifyIntercomRequest,
  verifySignedState,
} from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { bodyRequest } from "./support/intercom-signing.js";

const CLIENT_ID = "codes-client-id";
const CLIENT_SECRET = "codes-client-secret-0123456789";
const STATE_SECRET = "state-signing-secret-0123456789abcdef";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  timeoutMs: 200,
  maxRetries: 0,
});

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

/** A fresh code from the stand-in, and the secrets a failure must not reveal. */
function freshCode(): string {
  const { url, state } = intercom.createAuthorizationUrl();
  return intercom.parseCallback(standIn.consent(url), { expectedState: state }).code;
}

async function freshToken(): Promise<string> {
  return (await intercom.exchangeCode(freshCode())).accessToken;
}

type Case = { run: () => Promise<unknown>; fix: RegExp; secrets?: () => string[] };
let lastSecrets: string[] = [];
const remember = <T extends string>(value: T): T => {
  lastSecrets.push(value);
  return value;
};

const cases: Record<IntercomOAuthErrorCode, Case> = {
  UNKNOWN_SCOPE: { run: async () => resolveScopes(["read_tag" as never]), fix: /did you mean "read_tags"/ },
  INVALID_SCOPE_SPEC: { run: async () => resolveScopes(42 as unknown as ScopeSpec), fix: /preset name/ },
  INVALID_OPTIONS: {
    run: async () => createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: ` ${remember(CLIENT_SECRET)} ` }),
    fix: /clientSecret/,
  },
  INVALID_CONFIG: {
    run: async () => {
      const { loadConfig } = await import("../src/config/index.js");
      return loadConfig("{ not json", { env: {} });
    },
    fix: /line 1/,
  },
  ACCESS_DENIED: {
    run: async () => {
      const { url, state } = intercom.createAuthorizationUrl();
      return intercom.parseCallback(standIn.consent(url, { decision: "deny" }), { expectedState: state });
    },
    fix: /start again/,
  },
  CALLBACK_ERROR: {
    run: async () => intercom.parseCallback("?error=server_error&state=abc", { expectedState: "abc" }),
    fix: /Check the app's settings in Developer Hub/,
  },
  CODE_MISSING: {
    run: async () => intercom.parseCallback("?state=abc", { expectedState: "abc" }),
    fix: /Redirect URL/,
  },
  STATE_MISSING: {
    run: async () => intercom.parseCallback(`?code=${remember("c0de-value=")}`, { expectedState: "abc" }),
    fix: /createAuthorizationUrl/,
  },
  STATE_MISMATCH: {
    run: async () => intercom.parseCallback(`?code=${remember("c0de-value=")}&state=xyz`, { expectedState: "abc" }),
    fix: /start the authorization again/,
  },
  STATE_EXPIRED: {
    run: async () => {
      const state = await createSignedState({
        secret: remember(STATE_SECRET),
        ttlSeconds: 60,
        now: Date.now() - 120_000,
      });
      return verifySignedState(state, { secret: STATE_SECRET });
    },
    fix: /longer ttlSeconds/,
  },
  STATE_INVALID: {
    run: async () => {
      const state = await createSignedState({ secret: remember(STATE_SECRET), ttlSeconds: 60 });
      return verifySignedState(state, { secret: "another-secret-0123456789abcdefgh" });
    },
    fix: /same state secret/,
  },
  INVALID_GRANT: {
    run: async () => {
      const code = remember(freshCode());
      await intercom.exchangeCode(code);
      return intercom.exchangeCode(code);
    },
    fix: /authorize URL again/,
  },
  INVALID_CLIENT: {
    run: async () => {
      const wrong = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: remember("wrong-secret-0123456789") });
      return wrong.exchangeCode(remember(freshCode()));
    },
    fix: /Check clientId and clientSecret/,
  },
  UNAUTHORIZED: {
    run: async () => {
      const token = remember(await freshToken());
      await intercom.revokeToken(token);
      return intercom.getIdentity(token);
    },
    fix: /connect again/,
  },
  FORBIDDEN: {
    run: async () => {
      const token = remember(await freshToken());
      standIn.injectFault("me", { type: "forbidden", scope: "read_admins" });
      return intercom.getIdentity(token);
    },
    fix: /Tick the missing permission \(read_admins\)/,
  },
  RATE_LIMITED: {
    run: async () => {
      const token = remember(await freshToken());
      standIn.injectFault("me", { type: "rate-limit", retryAfterSeconds: 120 });
      return intercom.getIdentity(token);
    },
    fix: /Try again in 120 s/,
  },
  SERVER_ERROR: {
    run: async () => {
      standIn.injectFault("token", { type: "html", status: 502 });
      return intercom.exchangeCode(remember(freshCode()));
    },
    fix: /authorize URL again/,
  },
  API_ERROR: {
    run: async () => {
      const token = remember(await freshToken());
      return createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiVersion: "9.9" }).getIdentity(
        token,
      );
    },
    fix: /Set apiVersion/,
  },
  TIMEOUT: {
    run: async () => {
      const token = remember(await freshToken());
      standIn.injectFault("me", { type: "delay", ms: 1_000 });
      return intercom.getIdentity(token);
    },
    fix: /raise timeoutMs/,
  },
  ABORTED: {
    run: async () => intercom.getIdentity(remember(await freshToken()), { signal: AbortSignal.abort() }),
    fix: /AbortSignal/,
  },
  NETWORK_ERROR: {
    run: async () => {
      standIn.injectFault("token", { type: "network-error" });
      return intercom.exchangeCode(remember(freshCode()));
    },
    fix: /Check DNS, proxy and firewall/,
  },
  INVALID_RESPONSE: {
    run: async () => {
      const token = remember(await freshToken());
      standIn.injectFault("me", { type: "malformed-json" });
      return intercom.getIdentity(token);
    },
    fix: /not JSON/,
  },
  HOOK_FAILED: {
    run: async () => {
      let failure: unknown;
      const { start, callback } = intercom.handlers({
        onSuccess: ({ token }) => {
          remember(token.accessToken);
          throw new Error("database is down");
        },
        onError: (error) => {
          failure = error;
          return new Response(null, { status: 500 });
        },
      });
      const started = await start(new Request("https://example.com/connect"));
      const callbackUrl = standIn.consent(new URL(started.headers.get("location") ?? ""));
      remember(callbackUrl.searchParams.get("code") ?? "");
      const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      await callback(new Request(callbackUrl, { headers: { cookie } }));
      throw failure;
    },
    fix: /Fix the hook/,
  },
  SEAL_INVALID: {
    run: async () => {
      const { createTokenSealer } = await import("../src/connections/index.js");
      const sealer = createTokenSealer({ keys: { k1: remember("codes-sealing-key-0123456789abcdef") }, current: "k1" });
      const sealed = await sealer.seal(remember("codes-access-token-0123456789"), { context: "ws_a" });
      return sealer.unseal(sealed, { context: "ws_b" });
    },
    fix: /Never copy sealed tokens between rows/,
  },
  STORE_FAILED: {
    run: async () => {
      const { createTokenSealer, sqliteConnectionStore } = await import("../src/connections/index.js");
      const { openSqlite } = await import("./support/sqlite.js");
      const sealer = createTokenSealer({ keys: { k1: remember("codes-sealing-key-0123456789abcdef") }, current: "k1" });
      const sqlite = openSqlite();
      sqlite.close();
      const token = remember(await freshToken());
      const { workspace, admin } = await intercom.getIdentity(token);
      return sqliteConnectionStore(sqlite.db, { sealer }).save({
        workspaceId: workspace.id,
        region: "us",
        accessToken: token,
        admin: { id: admin.id, email: admin.email, emailVerified: admin.emailVerified },
        owner: null,
        status: "active",
        installedAt: new Date(),
        updatedAt: new Date(),
      });
    },
    fix: /Check that the database is reachable/,
  },
  SIGNATURE_MISSING: {
    run: async () =>
      verifyIntercomRequest(new Request("https://example.com/intercom/uninstall", { method: "POST", body: "{}" }), {
        clientSecret: CLIENT_SECRET,
      }),
    fix: /X-Hub-Signature or X-Body-Signature/,
  },
  SIGNATURE_INVALID: {
    run: async () =>
      verifyIntercomRequest(await standIn.uninstallRequest("https://example.com/intercom/uninstall"), {
        clientSecret: remember("rotated-client-secret-0123456789"),
      }),
    fix: /during a rotation pass both/,
  },
  WEBHOOK_INVALID: {
    run: async () =>
      verifyIntercomRequest(bodyRequest(CLIENT_SECRET, "app_id=drzzt019"), { clientSecret: CLIENT_SECRET }),
    fix: /Check which Developer Hub URL points here/,
  },
};

it("covers every documented error code", () => {
  expect(Object.keys(cases).sort()).toEqual(Object.keys(ERROR_CODES).sort());
});

it.each(Object.entries(cases))(
  "%s: the right code, a message that names the fix, no secret",
  async (code, testCase) => {
    lastSecrets = [CLIENT_SECRET];
    const error = await caught(testCase.run);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(testCase.fix);
    expectNoSecrets(error, lastSecrets);
  },
);
