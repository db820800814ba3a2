/**
 * The option, fault and record types of the testing kit.
 *
 * @module
 */

import type { IntercomBaseUrls, Region } from "../regions.js";

/**
 * The four Intercom endpoints the stand-in implements.
 *
 * @example
 * ```ts
 * const endpoint: StandInEndpoint = "token";
 * standIn.injectFault(endpoint, { type: "server-error" });
 * ```
 */
export type StandInEndpoint = "authorize" | "token" | "me" | "uninstall";

/**
 * What the simulated admin does on Intercom's consent page.
 *
 * @example
 * ```ts
 * const decision: ConsentDecision = "deny";
 * standIn.consent(authorizeUrl, { decision });
 * ```
 */
export type ConsentDecision = "allow" | "deny";

/**
 * The workspace (Intercom "app") an install lands in. Field names are camelCase here;
 * `/me` serves them in Intercom's snake_case under `app` (`id` → `app.id_code`).
 *
 * @example
 * ```ts
 * const workspace: StandInWorkspace = { id: "drzzt019", name: "Acme Support", timezone: "Europe/Dublin" };
 * ```
 */
export interface StandInWorkspace {
  /** The workspace id, served as `app.id_code`. Default `"drzzt019"`. */
  readonly id?: string;
  /** Served as `app.name`. Default `"Stand-in Workspace"`. */
  readonly name?: string;
  /** Unix seconds, served as `app.created_at`. Default `1700000000`. */
  readonly createdAt?: number;
  /** Served as `app.secure`. Default `true`. */
  readonly secure?: boolean;
  /** Served as `app.identity_verification`. Default `true`. */
  readonly identityVerification?: boolean;
  /** Served as `app.timezone`. Default `"Europe/Edinburgh"`. */
  readonly timezone?: string;
}

/**
 * The admin who clicks "Connect" and whom `GET /me` describes.
 *
 * @example
 * ```ts
 * const admin: StandInAdmin = { id: "42", email: "ada@example.com", emailVerified: false };
 * ```
 */
export interface StandInAdmin {
  /** Served as `id`. Default `"991267"`. */
  readonly id?: string;
  /** Served as `email`. Default `"admin@example.com"`. */
  readonly email?: string;
  /** Served as `name`. Default `"Stand-in Admin"`. */
  readonly name?: string;
  /** Served as `email_verified`. Default `true`. Set `false` to test that you check it. */
  readonly emailVerified?: boolean;
}

/**
 * One OAuth app registered in the stand-in's Developer Hub.
 *
 * @example
 * ```ts
 * const app: StandInApp = {
 *   clientId: "second-app",
 *   clientSecret: "second-secret",
 *   redirectUris: ["https://example.com/intercom/callback", "https://staging.example.com/intercom/callback"],
 * };
 * ```
 */
export interface StandInApp {
  /** The app's client id, as shown on Developer Hub's Basic Information page. */
  readonly clientId: string;
  /**
   * The app's client secret. Fake: never put a real Intercom secret in a test.
   */
  readonly clientSecret: string;
  /**
   * Registered Redirect URLs, matched exactly. The first is the default, used when the
   * authorize URL has no `redirect_uri`. Default `["https://app.merge.dev/oauth/callback"]`.
   */
  readonly redirectUris?: readonly string[];
  /** The workspace installs of this app land in. */
  readonly workspace?: StandInWorkspace;
  /** The admin who installs this app. */
  readonly admin?: StandInAdmin;
}

/**
 * Caps that keep a long-running stand-in (a benchmark server) from growing without bound.
 *
 * @example
 * ```ts
 * createIntercomStandIn({ clientId: "id", clientSecret: "secret", limits: { requestLog: 100 } });
 * ```
 */
export interface StandInLimits {
  /** Unexchanged codes kept; the oldest is dropped past this. Default `10000`. */
  readonly codes?: number;
  /** Tokens kept (active and revoked); the oldest is dropped past this. Default `50000`. */
  readonly tokens?: number;
  /** Entries in {@link IntercomStandInCore.requests}; the oldest is dropped past this. Default `1000`. */
  readonly requestLog?: number;
}

/**
 * Options of {@link createIntercomStandIn}.
 *
 * `clientId` and `clientSecret` define the default app; `apps` adds more. At least one
 * app must be defined.
 *
 * @example
 * ```ts
 * const standIn = createIntercomStandIn({
 *   clientId: "test-client-id",
 *   clientSecret: "test-client-secret",
 *   redirectUris: ["https://example.com/intercom/callback"],
 *   codeTtlMs: 60_000,
 * });
 * ```
 */
export interface IntercomStandInOptions {
  /** The default app's client id. */
  readonly clientId?: string;
  /** The default app's client secret. Fake: never put a real Intercom secret in a test. */
  readonly clientSecret?: string;
  /** The default app's registered Redirect URLs; see {@link StandInApp.redirectUris}. */
  readonly redirectUris?: readonly string[];
  /** The default app's workspace. */
  readonly workspace?: StandInWorkspace;
  /** The default app's installing admin. */
  readonly admin?: StandInAdmin;
  /** More apps. Client ids must be unique across all apps. */
  readonly apps?: readonly StandInApp[];
  /**
   * The region that `baseUrls` stand for, and the default region of
   * {@link IntercomStandInCore.issueToken}. Default `"us"`.
   */
  readonly region?: Region;
  /**
   * Extra origins to serve, for example a node:http server on `http://127.0.0.1:4010`.
   * Intercom's real hosts of all three regions are always served as well.
   */
  readonly baseUrls?: IntercomBaseUrls;
  /** How long an authorization code stays valid, in milliseconds. Default 5 minutes. */
  readonly codeTtlMs?: number;
  /** The clock, in Unix milliseconds. Default `Date.now`. Pass your own to test code expiry. */
  readonly now?: () => number;
  /**
   * What the admin decides when the authorize URL is fetched over HTTP. Default `"allow"`.
   * `"prompt"` answers with an HTML consent page, as Intercom does, whose Connect and Cancel
   * buttons post back once and redirect (303) to the Redirect URL with `code` or
   * `error=access_denied`: for tests in a real browser. A decision queued with
   * {@link IntercomStandInCore.nextDecision} still wins over it.
   */
  readonly decision?: ConsentDecision | "prompt";
  /** Size caps; see {@link StandInLimits}. */
  readonly limits?: StandInLimits;
}

/**
 * A failure to inject into one endpoint. See {@link IntercomStandInCore.injectFault}.
 *
 * - `rate-limit`: 429 with a `rate_limit_exceeded` envelope, `X-RateLimit-Limit`,
 *   `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset` (Unix seconds; default now + 10 s;
 *   `rateLimitHeaders: false` leaves them out), plus `Retry-After` when `retryAfterSeconds` is set.
 * - `server-error`: a JSON `server_error` envelope with `status` (default 500, must be 5xx).
 * - `html`: an HTML error page, `content-type: text/html`, with `status` (default 502).
 * - `malformed-json`: 200, `content-type: application/json`, and a body that is not valid JSON.
 * - `network-error`: the request never gets an answer; see {@link isSimulatedNetworkError}.
 * - `delay`: waits `ms` milliseconds, then answers normally.
 * - `forbidden`: 403 with a `forbidden` envelope naming `scope` (default `read_admins`).
 *
 * @example
 * ```ts
 * const fault: StandInFault = { type: "rate-limit", retryAfterSeconds: 2 };
 * standIn.injectFault("me", fault);
 * ```
 */
export type StandInFault =
  | {
      readonly type: "rate-limit";
      readonly retryAfterSeconds?: number;
      readonly resetAt?: number;
      readonly rateLimitHeaders?: boolean;
    }
  | { readonly type: "server-error"; readonly status?: number }
  | { readonly type: "html"; readonly status?: number }
  | { readonly type: "malformed-json" }
  | { readonly type: "network-error" }
  | { readonly type: "delay"; readonly ms: number }
  | { readonly type: "forbidden"; readonly scope?: string };

/**
 * The type names of {@link StandInFault}.
 *
 * @example
 * ```ts
 * const faulted: StandInFaultType[] = standIn.requests.flatMap((r) => (r.fault ? [r.fault] : []));
 * ```
 */
export type StandInFaultType = StandInFault["type"];

/**
 * How many requests a fault applies to.
 *
 * @example
 * ```ts
 * standIn.injectFault("token", { type: "network-error", times: 3 });
 * ```
 */
export interface StandInFaultOptions {
  /** Default 1. `Infinity` keeps the fault until {@link IntercomStandInCore.clearFaults}. */
  readonly times?: number;
}

/**
 * One request the stand-in answered. Secret-free by design: the path, never the query
 * string, body or headers.
 *
 * @example
 * ```ts
 * const last: StandInRequestRecord | undefined = standIn.requests.at(-1);
 * expect(last).toMatchObject({ endpoint: "token", status: 401 });
 * ```
 */
export interface StandInRequestRecord {
  /** The endpoint the request was routed to, or `"unknown"`. */
  readonly endpoint: StandInEndpoint | "unknown";
  /** The HTTP method. */
  readonly method: string;
  /** The URL path, without the query string. */
  readonly path: string;
  /** The region of the host that was called, when the host is one the stand-in serves. */
  readonly region: Region | undefined;
  /** The status sent, or `0` when a `network-error` fault dropped the request. */
  readonly status: number;
  /** The fault that shaped the answer, if any. */
  readonly fault: StandInFaultType | undefined;
  /** When the answer was sent, from the stand-in's clock (Unix ms). */
  readonly at: number;
}

/**
 * Options of {@link IntercomStandInCore.consent}.
 *
 * @example
 * ```ts
 * standIn.consent(authorizeUrl, { decision: "allow", admin: { emailVerified: false } });
 * ```
 */
export interface ConsentOptions {
  /** Allow or deny. Default: the next queued decision, else the stand-in's `decision` option. */
  readonly decision?: ConsentDecision;
  /** Install into this workspace instead of the app's. Merged over the app's workspace. */
  readonly workspace?: StandInWorkspace;
  /** Install as this admin instead of the app's. Merged over the app's admin. */
  readonly admin?: StandInAdmin;
}

/**
 * Options of {@link IntercomStandInCore.issueToken}.
 *
 * @example
 * ```ts
 * const token = standIn.issueToken({ region: "au", workspace: { id: "au000001" } });
 * ```
 */
export interface IssueTokenOptions {
  /** The app the token belongs to. Default: the first app. */
  readonly clientId?: string;
  /** The region the token is bound to. Default: the stand-in's `region`. */
  readonly region?: Region;
  /** Merged over the app's workspace. */
  readonly workspace?: StandInWorkspace;
  /** Merged over the app's admin. */
  readonly admin?: StandInAdmin;
}

/**
 * What the stand-in knows about a token.
 *
 * @example
 * ```ts
 * const state: StandInTokenState = standIn.tokenState(token); // "active" | "revoked" | "unknown"
 * ```
 */
export type StandInTokenState = "active" | "revoked" | "unknown";

/**
 * Options of {@link IntercomStandInCore.uninstallRequest} and
 * {@link IntercomStandInCore.healthCheckRequest}: which app signs, for which workspace.
 *
 * @example
 * ```ts
 * const request = await standIn.healthCheckRequest("https://example.com/intercom/health", { workspaceId: "acme0001" });
 * ```
 */
export interface StandInCallOptions {
  /** The workspace the request is about. Default: the app's workspace id (`"drzzt019"` unless set). */
  readonly workspaceId?: string;
  /** The app whose client secret signs the request. Default: the first app. */
  readonly clientId?: string;
}

/**
 * Options of {@link IntercomStandInCore.notificationRequest}: one topic notification.
 *
 * @example
 * ```ts
 * const request = await standIn.notificationRequest("https://example.com/intercom/webhooks", {
 *   topic: "conversation.user.created",
 *   item: { type: "conversation", id: "123" },
 * });
 * ```
 */
export interface StandInNotificationOptions extends StandInCallOptions {
  /** The topic, such as `conversation.user.created`, or `ping`. */
  readonly topic: string;
  /** `data.item`: the Intercom object the topic is about. Default `{}` (for `ping`, Intercom's ping item). */
  readonly item?: unknown;
  /** The notification id. Default a fresh `notif_…` (for `ping`, `null`, as in Intercom's sample). Reuse one to test deduplication. */
  readonly id?: string;
  /** `created_at` and `first_sent_at`, in Unix seconds. Default: the stand-in's clock. */
  readonly createdAt?: number;
  /** `delivery_attempts`. Default 1. */
  readonly deliveryAttempts?: number;
}

/**
 * Options of {@link IntercomStandInCore.uninstall}.
 *
 * @example
 * ```ts
 * standIn.uninstall("acme0001", { clientId: "second-app" });
 * ```
 */
export interface StandInUninstallOptions {
  /** The app that is uninstalled. Default: the first app. */
  readonly clientId?: string;
}
