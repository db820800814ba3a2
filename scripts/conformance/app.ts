// The conformance app (issue 11 §4): one fetch handler, bundled with every portable entry and run
// unchanged on each runtime. GET /checks runs the in-runtime checks; the OAuth handlers (cookie
// and signed modes) and the webhook handlers are served for the driver (run.ts) to use from
// outside over loopback. Web APIs only: no process, no node: module.
import { validateConfig } from "../../src/config/index.js";
import { createTokenSealer } from "../../src/connections/index.js";
import {
  createIntercomOAuth,
  createSignedState,
  createWebhookHandlers,
  isIntercomOAuthError,
  verifyIntercomRequest,
  verifySignedState,
} from "../../src/index.js";
import { createIntercomStandInCore, DEFAULT_REDIRECT_URI } from "../../src/testing/index.js";

export const CLIENT_ID = "conformance-id";
export const CLIENT_SECRET = "conformance-secret-0123456789abcdef";
const STATE_SECRET = "conformance-state-secret-0123456789abcdef";
const SEALER_KEY = "conformance-sealer-key-0123456789abcdef";

/** Where the app finds the stand-in, which runs in another process. */
export interface AppConfig {
  readonly standIn: string;
}

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

async function check(name: string, body: () => Promise<unknown>): Promise<Check> {
  try {
    const result = await body();
    return result === true ? { name, ok: true } : { name, ok: false, detail: JSON.stringify(result) };
  } catch (error) {
    return { name, ok: false, detail: isIntercomOAuthError(error) ? error.code : String(error) };
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return isIntercomOAuthError(error) ? error.code : String(error);
  }
}

function clientFor(config: AppConfig) {
  return createIntercomOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: DEFAULT_REDIRECT_URI,
    baseUrls: { app: config.standIn, api: config.standIn },
  });
}

async function runChecks(config: AppConfig): Promise<Check[]> {
  const client = clientFor(config);
  return [
    await check("imports every portable entry", async () =>
      [createIntercomOAuth, validateConfig, createTokenSealer, createIntercomStandInCore].every(
        (f) => typeof f === "function",
      ),
    ),
    await check("builds an authorize URL", async () => {
      const { url, state } = createIntercomOAuth({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
      }).createAuthorizationUrl();
      const parsed = new URL(url);
      return parsed.host === "app.intercom.com" && parsed.searchParams.get("state") === state && state.length >= 32;
    }),
    await check("runs the whole flow against the stand-in in another process", async () => {
      const { url, state } = client.createAuthorizationUrl();
      const consent = await fetch(url, { redirect: "manual" });
      const callback = new URL(consent.headers.get("location") ?? "");
      const { code } = client.parseCallback(callback, { expectedState: state });
      const token = await client.exchangeCode(code);
      const identity = await client.getIdentity(token.accessToken);
      await client.revokeToken(token.accessToken);
      const afterRevoke = await codeOf(client.getIdentity(token.accessToken));
      const badCode = await codeOf(client.exchangeCode("not-a-code"));
      const ok = typeof identity.workspace.id === "string" && afterRevoke !== "resolved" && badCode === "INVALID_GRANT";
      return ok ? true : { afterRevoke, badCode };
    }),
    await check("signs and verifies a state on Web Crypto", async () => {
      const state = await createSignedState({ secret: STATE_SECRET, ttlSeconds: 60, data: { tenant: "t1" } });
      const verified = await verifySignedState<{ tenant: string }>(state, { secret: STATE_SECRET });
      const tampered = await codeOf(verifySignedState(`${state.slice(0, -2)}AA`, { secret: STATE_SECRET }));
      return verified.data.tenant === "t1" && tampered !== "resolved";
    }),
    await check("checks Intercom's request signatures on Web Crypto", async () => {
      const standIn = createIntercomStandInCore({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
      const signed = await standIn.uninstallRequest("https://example.com/intercom/uninstall", { workspaceId: "ws01" });
      const verified = await verifyIntercomRequest(signed.clone(), { clientSecret: CLIENT_SECRET });
      const wrong = await codeOf(verifyIntercomRequest(signed, { clientSecret: "another-secret-0123456789" }));
      return verified.rawBody.includes("ws01") && wrong === "SIGNATURE_INVALID";
    }),
    await check("seals tokens on Web Crypto", async () => {
      const sealer = createTokenSealer({ keys: { k1: SEALER_KEY }, current: "k1" });
      const sealed = await sealer.seal("tok_secret", { context: "ws01" });
      const opened = await sealer.unseal(sealed, { context: "ws01" });
      const elsewhere = await codeOf(sealer.unseal(sealed, { context: "ws02" }));
      return opened === "tok_secret" && !sealed.includes("tok_secret") && elsewhere !== "resolved";
    }),
  ];
}

/** The app: a fetch handler, as Bun.serve, Deno.serve, a Worker and edge-runtime take it. */
export function createApp(config: AppConfig): (request: Request) => Promise<Response> {
  const client = clientFor(config);
  const events: string[] = [];
  const onSuccess = async ({ identity }: { identity: { workspace: { id: string } } }) => {
    events.push(`connected:${identity.workspace.id}`);
    return new Response("connected", { status: 200 });
  };
  const cookie = client.handlers({ onSuccess });
  const signed = client.handlers({ onSuccess, signingSecret: STATE_SECRET });
  const hooks = createWebhookHandlers({
    clientSecret: CLIENT_SECRET,
    onUninstall: ({ workspaceId }) => {
      events.push(`uninstalled:${workspaceId}`);
    },
  });
  return async (request) => {
    const { pathname } = new URL(request.url);
    switch (pathname) {
      case "/checks":
        return Response.json(await runChecks(config));
      case "/events":
        return Response.json(events);
      case "/cookie/start":
        return cookie.start(request);
      case "/cookie/callback":
        return cookie.callback(request);
      case "/signed/start":
        return signed.start(request);
      case "/signed/callback":
        return signed.callback(request);
      case "/intercom/uninstall":
        return hooks.uninstall(request);
      default:
        return new Response("not found", { status: 404 });
    }
  };
}

/** The stand-in, served by the runtime itself: `standIn.fetch` as the fetch handler. */
export function createStandIn(origin?: string) {
  const standIn = createIntercomStandInCore({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  if (origin !== undefined) standIn.addBaseUrls({ app: origin, api: origin });
  return standIn;
}
