// npm run demo [-- --region eu|au] [-- --preset admin-level]
//
// The whole partner-credentials flow, end to end, against the embedded Intercom stand-in
// (intercom-oauth/testing over msw). No Intercom account and no network needed.
// Steps 0-6: the flow by hand. Steps 7-12: the connection's lifecycle with the web handlers,
// the webhook handlers and a SQLite store (a temp file, deleted at the end), the token sealed.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setupServer } from "msw/node";
import { createTokenSealer, type SqliteDatabase, sqliteConnectionStore } from "intercom-oauth/connections";
import {
  createIntercomOAuth,
  createWebhookHandlers,
  formatScopeChecklist,
  type IntercomOAuthEvent,
  isIntercomOAuthError,
  isRegion,
  REGIONS,
  resolveScopes,
  SCOPE_PRESETS,
  type ScopePresetName,
} from "intercom-oauth";
import { createIntercomStandIn } from "intercom-oauth/testing/msw";

const USAGE = `Usage: npm run demo -- [--region us|eu|au] [--preset user-level|admin-level]`;
const PRESETS = Object.keys(SCOPE_PRESETS) as ScopePresetName[];

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { region?: string; preset?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { region: { type: "string" }, preset: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const region = values.region ?? "us";
if (!isRegion(region)) fail(`Unknown region "${region}". Use one of: ${REGIONS.join(", ")}.`);
const preset = (values.preset ?? "user-level") as ScopePresetName;
if (!PRESETS.includes(preset)) fail(`Unknown preset "${preset}". Use one of: ${PRESETS.join(", ")}.`);

// Made-up partner credentials: the stand-in knows them, Intercom never sees them.
const CLIENT_ID = "7b1e2c3d-demo-4a5b-8c9d-0e1f2a3b4c5d";
const CLIENT_SECRET = "demo-client-secret-1f2e3d4c5b6a";
const REDIRECT_URI = "https://app.merge.dev/oauth/callback";
// A made-up sealing key (at least 32 characters). A real one comes from a secret manager,
// for example `openssl rand -base64 32`, and never lives in the database it protects.
const SEALING_KEY_ID = "demo-2026";
const SEALING_KEY = "demo-sealing-key-NOT-A-REAL-SECRET-4f3e2d1c";
const APP = "https://app.merge.dev"; // the service's own URLs: the handlers are called directly

const mask = (secret: string) => `…(${secret.length} chars, masked)`;
const out = (line = "") => process.stdout.write(`${line}\n`);
const step = (n: number, title: string) => out(`\n${n}. ${title}`);
/** A seal shortened to its version, key id and a few characters of its IV. */
const maskSeal = (sealed: string) =>
  `${sealed.split(".").slice(0, 2).join(".")}.${sealed.split(".")[2]?.slice(0, 4)}…(${sealed.length} chars, masked)`;
function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`demo check failed: ${what}`);
}

/** SQLite with what this Node has: better-sqlite3 on Node 20 (a devDependency), node:sqlite on 22+. */
function openSqlite(path: string): { db: SqliteDatabase & { close(): void }; driver: string } {
  const require = createRequire(import.meta.url);
  if (Number(process.versions.node.split(".")[0]) >= 22) {
    // Not in @types/node 20: typed structurally, as the store types it.
    const { DatabaseSync } = require("node:sqlite") as {
      DatabaseSync: new (path: string) => SqliteDatabase & { close(): void };
    };
    return { db: new DatabaseSync(path), driver: "node:sqlite DatabaseSync" };
  }
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  return { db: new Database(path), driver: "better-sqlite3" };
}

/** A fetch that prints each request and its answer, with every secret masked. */
const loggingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  out(`   → ${request.method} ${request.url}`);
  const auth = request.headers.get("authorization");
  if (auth) out(`     Authorization: Bearer ${mask(auth.replace(/^Bearer /, ""))}`);
  if (request.headers.get("intercom-version")) out(`     Intercom-Version: ${request.headers.get("intercom-version")}`);
  if (request.method === "POST") {
    const body = await request.clone().text();
    const form = new URLSearchParams(body);
    if (form.has("client_secret")) {
      out(
        `     body (form): client_id=${form.get("client_id")} client_secret=${mask(form.get("client_secret") ?? "")} code=${mask(form.get("code") ?? "")}`,
      );
    } else {
      out(`     body (json): ${body}`);
    }
  }
  const response = await fetch(request);
  out(`   ← ${response.status} ${response.headers.get("content-type") ?? ""}`);
  return response;
};

const standIn = createIntercomStandIn({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  redirectUris: [REDIRECT_URI],
  workspace: { id: "drzzt019", name: "Acme Support", timezone: "Europe/Edinburgh" },
  admin: { id: "4242", name: "Ada Admin", email: "ada@acme.example", emailVerified: true },
});
const server = setupServer(...standIn.handlers());
server.listen({ onUnhandledRequest: "error" });

try {
  out(`intercom-oauth demo: region ${region}, preset ${preset}, against the embedded Intercom stand-in`);
  const intercom = createIntercomOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    region,
    fetch: loggingFetch,
  });

  step(0, `Permissions to tick in Developer Hub (Intercom has no scope parameter): ${resolveScopes(preset).length}`);
  for (const line of formatScopeChecklist(preset, { format: "text" }).split("\n")) out(`   ${line}`);

  step(1, "Build the authorize URL (client_id, state, redirect_uri; no scope, no PKCE)");
  const { url, state } = intercom.createAuthorizationUrl();
  out(`   ${url.href}`);

  step(2, "The admin clicks Connect on Intercom's consent page (simulated)");
  const callbackUrl = standIn.consent(url);
  const code = callbackUrl.searchParams.get("code") ?? "";
  out(
    `   Intercom redirects to ${callbackUrl.origin}${callbackUrl.pathname}?code=${mask(code)}&state=${callbackUrl.searchParams.get("state")}`,
  );

  step(3, "Handle the callback: the state must match the one issued in step 1");
  const callback = intercom.parseCallback(callbackUrl, { expectedState: state });
  out(`   state matches; code received (${callback.code.length} chars, kept whole, single-use)`);
  try {
    intercom.parseCallback(callbackUrl, { expectedState: "another-browser-session" });
  } catch (error) {
    if (isIntercomOAuthError(error)) out(`   (a forged callback would fail: ${error.code})`);
  }

  step(4, "Exchange the code for an access token (one POST, never retried)");
  const token = await intercom.exchangeCode(callback.code);
  out(`   token: ${JSON.stringify(token)}`);
  out("   Intercom tokens never expire (expiresAt: null) and have no refresh token.");

  step(5, "Identify the workspace (GET /me)");
  const identity = await intercom.getIdentity(token);
  out(
    `   workspace: ${identity.workspace.name} (id ${identity.workspace.id}, region ${identity.workspace.rawRegion ?? identity.workspace.region}, ${identity.workspace.timezone})`,
  );
  out(
    `   installed by: ${identity.admin.name} <${identity.admin.email}>${identity.admin.emailVerified ? " (email verified)" : " (email NOT verified)"}`,
  );

  step(6, "Revoke the token (POST /auth/uninstall), then show that it no longer works");
  await intercom.revokeToken(token);
  out("   revoked.");
  try {
    await intercom.getIdentity(token);
    throw new Error("the revoked token still worked");
  } catch (error) {
    if (!isIntercomOAuthError(error, "UNAUTHORIZED")) throw error;
    out(`   the revoked token now fails: ${error.code} (${error.status}): ${error.message}`);
  }

  const folder = mkdtempSync(join(tmpdir(), "intercom-oauth-demo-"));
  const { db, driver } = openSqlite(join(folder, "connections.db"));
  try {
    step(7, "Connect through the web handlers, with a store: SQLite, the token sealed");
    out(`   SQLite: ${driver} (Node ${process.versions.node}), file ${join(folder, "connections.db")}`);
    const sealer = createTokenSealer({ keys: { [SEALING_KEY_ID]: SEALING_KEY }, current: SEALING_KEY_ID });
    out(`   sealer: AES-256-GCM, key "${SEALING_KEY_ID}" = ${mask(SEALING_KEY)}`);
    const store = sqliteConnectionStore(db, { sealer });
    const onEvent = (event: IntercomOAuthEvent) => {
      const { type, ...fields } = event;
      out(`     onEvent: ${type} ${JSON.stringify(fields)}`);
    };
    const oauth = intercom.handlers({
      store,
      owner: () => "tenant_42", // your signed-in tenant, from the session
      successUrl: "/settings/intercom",
      onEvent,
    });

    /** start → the admin consents on Intercom → callback: what a browser does, without one. */
    const connect = async () => {
      const started = await oauth.start(new Request(`${APP}/oauth/intercom/start`));
      const [cookie = "", ...attributes] = (started.headers.get("set-cookie") ?? "").split("; ");
      const [cookieName = ""] = cookie.split("=");
      out(`   start → ${started.status} to Intercom's consent page`);
      out(`     Set-Cookie: ${cookieName}=${mask(cookie.slice(cookieName.length + 1))}; ${attributes.join("; ")}`);
      const callbackUrl = standIn.consent(started.headers.get("location") ?? "");
      out(`   the admin clicks Connect; callback with code=${mask(callbackUrl.searchParams.get("code") ?? "")}`);
      const finished = await oauth.callback(new Request(callbackUrl, { headers: { cookie } }));
      out(`   callback → ${finished.status} ${finished.headers.get("location")}`);
      check(finished.status === 303, "the callback answers 303");
    };
    await connect();
    const workspaceId = identity.workspace.id;

    step(8, `The raw row (SELECT * FROM intercom_connections): the token column holds only a seal`);
    const rawRow = () => db.prepare("SELECT * FROM intercom_connections").all()[0] as Record<string, unknown>;
    const row = rawRow();
    for (const [column, value] of Object.entries(row)) {
      const shown = column === "sealed_token" ? maskSeal(String(value)) : String(value);
      const when = column.endsWith("_at") ? ` (${new Date(Number(value)).toISOString()})` : "";
      out(`   ${column.padEnd(21)} ${shown}${when}`);
    }
    const connection = await store.get(workspaceId);
    check(connection !== null, "the store holds the connection");
    check(String(row.sealed_token).startsWith(`v1.${SEALING_KEY_ID}.`), "the token column holds a v1 seal");
    check(!JSON.stringify(row).includes(connection.accessToken), "the plain token is not in the row");
    out(`   checked: the plain token (${connection.accessToken.length} chars) is nowhere in the row;`);
    out(
      `   store.get() unseals it, bound to workspace ${workspaceId}: status ${connection.status}, owner ${connection.owner}`,
    );

    const hooks = createWebhookHandlers({
      clientSecret: CLIENT_SECRET,
      store,
      onNotification: ({ id, topic, workspaceId: from }) => {
        out(`     onNotification: ${topic} ${id} from ${from}`);
      },
      onEvent,
    });
    /** Delivers a request to a webhook handler and prints the answer. */
    const deliver = async (handler: (request: Request) => Promise<Response>, request: Request) => {
      const body = await request.clone().text();
      const header = request.headers.has("x-hub-signature") ? "X-Hub-Signature" : "X-Body-Signature";
      out(`   → POST ${request.url} (${header}) ${body.length > 80 ? `${body.slice(0, 77)}…` : body}`);
      const response = await handler(request);
      const answer = await response.text();
      out(`   ← ${response.status}${answer === "" ? "" : ` ${answer.trim()}`}`);
      return { status: response.status, answer };
    };
    const healthCheck = async () =>
      deliver(hooks.healthCheck, await standIn.healthCheckRequest(`${APP}/intercom/health`, { workspaceId }));

    step(9, "Intercom's installation health check (signed X-Body-Signature): OK");
    check(JSON.parse((await healthCheck()).answer).state === "OK", "the health check answers OK");

    step(10, "A topic webhook (signed X-Hub-Signature) is accepted; a forged one gets 401");
    const signed = await standIn.notificationRequest(`${APP}/intercom/webhooks`, {
      topic: "conversation.user.created",
      workspaceId,
      item: { type: "conversation", id: "1001" },
    });
    const body = await signed.clone().text();
    check((await deliver(hooks.notifications, signed)).status === 200, "the signed webhook is accepted");
    // An attacker who knows the URL but not the client secret: the same body, signed with a guess.
    const forged = new Request(signed.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature": `sha1=${createHmac("sha1", "an-attackers-guess").update(body).digest("hex")}`,
      },
      body,
    });
    out("   the same body, signed with another secret:");
    check((await deliver(hooks.notifications, forged)).status === 401, "the forged webhook gets 401");
    out("   onNotification was not called for it.");

    step(11, "The admin uninstalls the app: Intercom revokes the token and calls the uninstall URL");
    out(`   Intercom revoked ${standIn.uninstall(workspaceId)} token(s) of workspace ${workspaceId}`);
    const before = (await store.get(workspaceId))?.status;
    await deliver(hooks.uninstall, await standIn.uninstallRequest(`${APP}/intercom/uninstall`, { workspaceId }));
    const after = (await store.get(workspaceId))?.status;
    out(`   status: ${before} → ${after}`);
    check(after === "uninstalled", "the uninstall webhook marks the connection uninstalled");
    out("   and the health check now says so:");
    check(JSON.parse((await healthCheck()).answer).state === "UNHEALTHY", "the health check answers UNHEALTHY");

    step(12, "The admin connects again through the handlers: the connection is active again");
    const sealedBefore = String(rawRow().sealed_token);
    out(`   status before: ${(await store.get(workspaceId))?.status}`);
    await connect();
    const again = await store.get(workspaceId);
    out(`   status after: ${again?.status} (a new token, sealed anew: ${maskSeal(String(rawRow().sealed_token))})`);
    check(again?.status === "active", "reconnecting makes the connection active again");
    check(String(rawRow().sealed_token) !== sealedBefore, "the reconnect stored a new seal");
    out("   and the health check is OK again:");
    check(JSON.parse((await healthCheck()).answer).state === "OK", "the health check answers OK again");
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
  out(`\n   (the temp folder ${folder} is deleted)`);
  out("\nDone: the whole flow and the connection's lifecycle ran against the stand-in.");
} finally {
  server.close();
}
