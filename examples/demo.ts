// npm run demo [-- --region eu|au] [-- --preset admin-level]
//
// The whole partner-credentials flow, end to end, against the embedded Intercom stand-in
// (intercom-oauth/testing over msw). No Intercom account and no network needed.
import { parseArgs } from "node:util";
import { setupServer } from "msw/node";
import {
  createIntercomOAuth,
  formatScopeChecklist,
  isIntercomOAuthError,
  isRegion,
  REGIONS,
  resolveScopes,
  SCOPE_PRESETS,
  type ScopePresetName,
} from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/index.js";

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

const mask = (secret: string) => `…(${secret.length} chars, masked)`;
const out = (line = "") => process.stdout.write(`${line}\n`);
const step = (n: number, title: string) => out(`\n${n}. ${title}`);

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
    `   workspace: ${identity.workspace.name} (id ${identity.workspace.id}, region ${identity.workspace.region}, ${identity.workspace.timezone})`,
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
  out("\nDone: the whole flow ran against the stand-in.");
} finally {
  server.close();
}
