// How each endpoint behaves: authorize (consent), the code exchange, `/me` and uninstall,
// as Intercom answers them. Routing and the ledger are elsewhere; this is the protocol.

import type { Region } from "../regions.js";
import type { Ledger, TokenEntry } from "./ledger.js";
import { type AppEntry, DEFAULT_WORKSPACE_ID, type StandInSettings } from "./options.js";
import { consentPageResponse } from "./consent-page.js";
import type { ConsentDecision, ConsentOptions } from "./types.js";
import { type WireError, errorResponse, htmlResponse, jsonResponse, oauthErrorResponse, wantsJson } from "./wire.js";

/**
 * The `Intercom-Version` values `/me` and uninstall accept: 1.0–1.4, 2.0–2.17,
 * `Preview` (in Intercom's OpenAPI files) and `Unstable` (offered by its Node SDK).
 * A missing header is accepted too; anything else gets 400 `intercom_version_invalid`.
 *
 * @example
 * ```ts
 * INTERCOM_VERSIONS.includes("2.14"); // true
 * ```
 */
export const INTERCOM_VERSIONS: readonly string[] = Object.freeze([
  "1.0",
  "1.1",
  "1.2",
  "1.3",
  "1.4",
  ...Array.from({ length: 18 }, (_, i) => `2.${i}`),
  "Preview",
  "Unstable",
]);

const VERSIONS = new Set(INTERCOM_VERSIONS);
const REGION_LABEL: Record<Region, string> = { us: "US", eu: "EU", au: "AU" };

function meBody(token: TokenEntry): Record<string, unknown> {
  const { workspace: w, admin: a } = token;
  return {
    type: "admin",
    id: a.id ?? "991267",
    email: a.email ?? "admin@example.com",
    name: a.name ?? "Stand-in Admin",
    email_verified: a.emailVerified ?? true,
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: [],
    avatar: { type: "avatar", image_url: null },
    app: {
      type: "app",
      id_code: w.id ?? DEFAULT_WORKSPACE_ID,
      name: w.name ?? "Stand-in Workspace",
      created_at: w.createdAt ?? 1_700_000_000,
      secure: w.secure ?? true,
      identity_verification: w.identityVerification ?? true,
      timezone: w.timezone ?? "Europe/Edinburgh",
      region: REGION_LABEL[token.region],
    },
  };
}

// The token request's fields, form- or JSON-encoded.
async function readFields(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  const fields: Record<string, string> = {};
  if ((request.headers.get("content-type") ?? "").includes("json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null) {
        for (const [key, value] of Object.entries(parsed)) if (typeof value === "string") fields[key] = value;
      }
    } catch {
      // An unparseable body is a body without fields: Intercom answers 401.
    }
    return fields;
  }
  for (const [key, value] of new URLSearchParams(text)) if (!(key in fields)) fields[key] = value;
  return fields;
}

/** The endpoints' behaviours, over one stand-in's settings and ledger. @internal */
export type Behaviours = ReturnType<typeof createBehaviours>;

/** Builds the endpoints' behaviours over one stand-in's settings and ledger. @internal */
export function createBehaviours(settings: StandInSettings, ledger: Ledger) {
  const { apps, now } = settings;

  function takeDecision(): ConsentDecision | "prompt" {
    return ledger.takeDecision() ?? settings.decision;
  }

  function authorizeProblem(
    params: URLSearchParams,
  ): { error: WireError; app?: undefined } | { error?: undefined; app: AppEntry; redirectUri: string } {
    const clientId = params.get("client_id");
    if (!clientId)
      return {
        error: {
          code: "parameter_not_found",
          field: "client_id",
          message: "client_id is missing. Add the app's client id to the authorize URL.",
        },
      };
    const app = apps.get(clientId);
    if (!app)
      return {
        error: {
          code: "parameter_invalid",
          field: "client_id",
          message: "No app has this client_id. Check it against Developer Hub > Basic Information.",
        },
      };
    const asked = params.get("redirect_uri");
    if (asked !== null && !app.redirectUris.includes(asked)) {
      return {
        error: {
          code: "parameter_invalid",
          field: "redirect_uri",
          message:
            "redirect_uri is not one of the app's registered Redirect URLs (exact match required). Register it in Developer Hub > Authentication.",
        },
      };
    }
    return { app, redirectUri: asked ?? (app.redirectUris[0] as string) };
  }

  function decide(
    app: AppEntry,
    redirectUri: string,
    params: URLSearchParams,
    r: Region,
    decision: ConsentDecision,
    extra: ConsentOptions = {},
  ): URL {
    const callback = new URL(redirectUri);
    const state = params.get("state");
    if (decision === "deny") {
      callback.searchParams.set("error", "access_denied");
      callback.searchParams.set("error_description", "The admin declined to install the app.");
    } else {
      const at = now();
      const code = ledger.issueCode(
        {
          clientId: app.clientId,
          redirectUri,
          region: r,
          expiresAt: at + settings.codeTtlMs,
          workspace: { ...app.workspace, ...extra.workspace },
          admin: { ...app.admin, ...extra.admin },
        },
        at,
      );
      callback.searchParams.set("code", code);
    }
    if (state !== null) callback.searchParams.set("state", state);
    return callback;
  }

  function authorize(request: Request, url: URL, r: Region, requestId: string): Response {
    const checked = authorizeProblem(url.searchParams);
    if (checked.error) {
      return wantsJson(request)
        ? errorResponse(400, [checked.error], requestId)
        : htmlResponse(400, "Something went wrong", checked.error.message, requestId, checked.error);
    }
    const decision = takeDecision();
    if (decision === "prompt") {
      const { app, redirectUri } = checked;
      const ticket = ledger.openPrompt({
        clientId: app.clientId,
        redirectUri,
        region: r,
        state: url.searchParams.get("state"),
        expiresAt: now() + settings.codeTtlMs,
      });
      const workspaceName = app.workspace.name ?? "Stand-in Workspace";
      return consentPageResponse(
        { ticket, clientId: app.clientId, workspaceName, redirectUri, action: url.pathname },
        requestId,
      );
    }
    const callback = decide(checked.app, checked.redirectUri, url.searchParams, r, decision);
    return new Response(null, { status: 302, headers: { location: callback.href, "x-request-id": requestId } });
  }

  /** The consent page's Connect or Cancel: once per page, then 303 to the Redirect URL. */
  async function consentPost(request: Request, r: Region, requestId: string): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    const decision = form.get("decision");
    if (decision !== "allow" && decision !== "deny") {
      const error = { code: "parameter_invalid", field: "decision", message: 'decision must be "allow" or "deny".' };
      return htmlResponse(400, "Something went wrong", error.message, requestId, error);
    }
    const prompt = ledger.takePrompt(form.get("ticket"), now());
    const app = prompt === undefined ? undefined : apps.get(prompt.clientId);
    if (prompt === undefined || app === undefined || prompt.region !== r) {
      const error = {
        code: "consent_expired",
        field: "ticket",
        message: "This consent page expired or was already answered. Start the connection again from the app.",
      };
      return htmlResponse(400, "Something went wrong", error.message, requestId, error);
    }
    const params = new URLSearchParams(prompt.state === null ? {} : { state: prompt.state });
    const callback = decide(app, prompt.redirectUri, params, r, decision);
    return new Response(null, { status: 303, headers: { location: callback.href, "x-request-id": requestId } });
  }

  async function token(request: Request, r: Region, requestId: string): Promise<Response> {
    const fields = await readFields(request);
    // The client is checked before the code, and a refused client does not use the code up.
    const app = fields.client_id === undefined ? undefined : apps.get(fields.client_id);
    if (fields.client_id !== undefined && !app) {
      return errorResponse(
        404,
        [
          {
            code: "not_found",
            message: "Client Not Found. Check client_id against Developer Hub > Basic Information.",
          },
        ],
        requestId,
      );
    }
    if (!app || fields.client_secret !== app.clientSecret) {
      return oauthErrorResponse(401, "invalid_client", "Client authentication failed.", requestId);
    }
    const at = now();
    // Any presentation by a valid client burns the code: it works once, and only once.
    const entry = ledger.redeemCode(fields.code, at);
    const redirectMismatch =
      fields.redirect_uri !== undefined && entry !== undefined && fields.redirect_uri !== entry.redirectUri;
    if (!entry || entry.expiresAt <= at || entry.clientId !== app.clientId || entry.region !== r || redirectMismatch) {
      return errorResponse(401, [{ code: "unauthorized_code", message: "Unauthorized Code" }], requestId);
    }
    const issued = ledger.issueToken({
      clientId: app.clientId,
      region: r,
      workspace: entry.workspace,
      admin: entry.admin,
    });
    return jsonResponse(200, { token_type: "Bearer", token: issued, access_token: issued }, requestId, {
      "cache-control": "no-store",
    });
  }

  /** The bearer token's entry, or the 401/400 answer that refuses it. */
  function authenticate(request: Request, r: Region, requestId: string): TokenEntry | Response {
    const header = request.headers.get("authorization");
    if (header === null || header.trim() === "") {
      return errorResponse(
        401,
        [
          {
            code: "missing_authorization",
            message: "Missing Authorization header. Send Authorization: Bearer <token>.",
          },
        ],
        requestId,
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const entry = match?.[1] === undefined ? undefined : ledger.token(match[1]);
    // The US host routes a token to its workspace's region; another regional host is
    // assumed to refuse it as unknown (unconfirmed: the strict reading).
    if (!entry || (entry.region !== r && r !== "us"))
      return errorResponse(401, [{ code: "unauthorized", message: "Access Token Invalid" }], requestId);
    if (entry.revoked) return errorResponse(401, [{ code: "token_revoked", message: "Token revoked" }], requestId);
    const version = request.headers.get("intercom-version");
    if (version !== null && !VERSIONS.has(version.trim())) {
      return errorResponse(
        400,
        [
          {
            code: "intercom_version_invalid",
            message: "The requested version could not be found. Use one of 1.0-1.4, 2.0-2.17, Preview or Unstable.",
          },
        ],
        requestId,
      );
    }
    return entry;
  }

  // `/me` and uninstall: the token's workspace and admin, or the token is revoked.
  function me(request: Request, r: Region, requestId: string): Response {
    const entry = authenticate(request, r, requestId);
    return entry instanceof Response ? entry : jsonResponse(200, meBody(entry), requestId);
  }

  function uninstall(request: Request, r: Region, requestId: string): Response {
    const entry = authenticate(request, r, requestId);
    if (entry instanceof Response) return entry;
    entry.revoked = true;
    return jsonResponse(200, {}, requestId);
  }

  return { takeDecision, authorizeProblem, decide, authorize, consentPost, token, me, uninstall };
}
