/**
 * The Intercom stand-in: a fetch-style handler that speaks Intercom's OAuth wire
 * protocol. No msw here, so it runs anywhere `Request` and `Response` exist.
 *
 * It is assembled from its parts: options.ts (checked options), ledger.ts (codes, tokens,
 * the request log, queued faults and decisions), routing.ts (hosts, paths and the request
 * handler) and behaviours.ts (what each endpoint answers).
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { installSafeView } from "../redact.js";
import { type IntercomBaseUrls, type IntercomEndpoints, type Region, isRegion } from "../regions.js";
import { createBehaviours } from "./behaviours.js";
import { validateFault } from "./faults.js";
import { healthCheckRequest, notificationRequest, uninstallRequest } from "./intercom-calls.js";
import { Ledger } from "./ledger.js";
import { DEFAULT_WORKSPACE_ID, isHttpUrl, positiveInt, resolveStandInOptions } from "./options.js";
import { Routes, createHandle } from "./routing.js";
import type {
  ConsentDecision,
  ConsentOptions,
  IntercomStandInOptions,
  IssueTokenOptions,
  StandInEndpoint,
  StandInFault,
  StandInCallOptions,
  StandInFaultOptions,
  StandInNotificationOptions,
  StandInRequestRecord,
  StandInTokenState,
  StandInUninstallOptions,
} from "./types.js";

/**
 * The stand-in without its msw layer. {@link createIntercomStandIn} returns this plus
 * `handlers()`.
 *
 * @example
 * ```ts
 * const standIn: IntercomStandInCore = createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
 * const me = await standIn.fetch("https://api.intercom.io/me", { headers: { authorization: `Bearer ${standIn.issueToken()}` } });
 * ```
 */
export interface IntercomStandInCore {
  /**
   * Answers one request the way Intercom would. Routes by origin and path: the real
   * hosts of all three regions, plus `baseUrls`. Anything else gets a 404 envelope.
   *
   * Rejects with a `TypeError("fetch failed")` when a `network-error` fault fires; see
   * {@link isSimulatedNetworkError}.
   *
   * @example
   * ```ts
   * const response = await standIn.handle(new Request("https://api.intercom.io/me", {
   *   headers: { authorization: `Bearer ${standIn.issueToken()}` },
   * }));
   * ```
   */
  handle(request: Request): Promise<Response>;
  /**
   * A `fetch`-compatible function backed by {@link IntercomStandInCore.handle}: pass it
   * wherever a client accepts a custom `fetch`, with no msw and no sockets.
   *
   * @example
   * ```ts
   * const response = await standIn.fetch("https://api.intercom.io/me", { headers: { authorization: "Bearer x" } });
   * ```
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /**
   * Simulates the admin's decision on the consent page for an authorize URL, without
   * HTTP, and returns the callback URL Intercom would redirect to: `?code=…&state=…` on
   * allow, `?error=access_denied&error_description=…&state=…` on deny.
   *
   * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` when the URL is not a served
   * authorize URL, the client id is unknown, the `redirect_uri` is not registered, or the
   * stand-in prompts (`decision: "prompt"`) and no `decision` is given.
   *
   * @example
   * ```ts
   * const callback = standIn.consent(authorizeUrl, { decision: "deny" });
   * callback.searchParams.get("error"); // "access_denied"
   * ```
   */
  consent(authorizeUrl: string | URL, options?: ConsentOptions): URL;
  /**
   * Queues the decision the next `times` authorize requests over HTTP get (default 1).
   *
   * @example
   * ```ts
   * standIn.nextDecision("deny");
   * const response = await fetch(authorizeUrl, { redirect: "manual" }); // 302 to ?error=access_denied
   * ```
   */
  nextDecision(decision: ConsentDecision, times?: number): void;
  /**
   * Makes the next `times` (default 1) requests to `endpoint` fail as `fault` says.
   * Faults queue: one injected after another applies once the first is used up.
   *
   * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` for an unknown endpoint or a malformed fault.
   *
   * @example
   * ```ts
   * standIn.injectFault("me", { type: "rate-limit", retryAfterSeconds: 2 });
   * standIn.injectFault("token", { type: "network-error", times: 3 });
   * ```
   */
  injectFault(endpoint: StandInEndpoint, fault: StandInFault & StandInFaultOptions): void;
  /**
   * Drops every queued fault.
   *
   * @example
   * ```ts
   * afterEach(() => standIn.clearFaults());
   * ```
   */
  clearFaults(): void;
  /**
   * Creates a valid access token directly, skipping the authorize and token steps.
   *
   * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` for an unknown client id or region.
   *
   * @example
   * ```ts
   * const token = standIn.issueToken({ region: "eu" });
   * ```
   */
  issueToken(options?: IssueTokenOptions): string;
  /**
   * Revokes a token, as an uninstall would. Returns whether the token was known.
   *
   * @example
   * ```ts
   * standIn.revokeToken(token); // next GET /me answers 401 token_revoked
   * ```
   */
  revokeToken(token: string): boolean;
  /**
   * Uninstalls the app from a workspace, as an admin would: every token of that app in that
   * workspace is revoked, so `/me` answers 401 `token_revoked`. Returns how many were revoked.
   * Then deliver {@link IntercomStandInCore.uninstallRequest} to your uninstall handler, as
   * Intercom would.
   *
   * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` for an unknown client id or an empty workspace id.
   *
   * @example
   * ```ts
   * standIn.uninstall("acme0001");
   * await hooks.uninstall(await standIn.uninstallRequest("https://example.com/intercom/uninstall", { workspaceId: "acme0001" }));
   * ```
   */
  uninstall(workspaceId?: string, options?: StandInUninstallOptions): number;
  /**
   * Intercom's POST to the app's uninstall URL: `{"app_id":"<workspace id>"}`, signed with
   * `X-Body-Signature` (HMAC-SHA256, lower-case hex) with the app's client secret.
   *
   * @throws (rejects) {@link IntercomOAuthError} `INVALID_OPTIONS` for a URL that is not
   * absolute http(s), an unknown client id or an empty workspace id.
   * @see docs/webhooks.md
   *
   * @example
   * ```ts
   * const response = await hooks.uninstall(await standIn.uninstallRequest("https://example.com/intercom/uninstall"));
   * ```
   */
  uninstallRequest(url: string | URL, options?: StandInCallOptions): Promise<Request>;
  /**
   * Intercom's installation health check: `{"workspace_id":"<workspace id>"}`, signed with
   * `X-Body-Signature` with the app's client secret.
   *
   * @throws (rejects) {@link IntercomOAuthError} `INVALID_OPTIONS`, as for `uninstallRequest`.
   * @see docs/webhooks.md
   *
   * @example
   * ```ts
   * const answer = await (await hooks.healthCheck(await standIn.healthCheckRequest(url, { workspaceId: "acme0001" }))).json();
   * ```
   */
  healthCheckRequest(url: string | URL, options?: StandInCallOptions): Promise<Request>;
  /**
   * A topic webhook: a `notification_event` envelope (`app_id` is the workspace id, the item
   * under `data.item`), signed with `X-Hub-Signature: sha1=<hex>` with the app's client secret.
   *
   * @throws (rejects) {@link IntercomOAuthError} `INVALID_OPTIONS` for a bad URL, client id,
   * workspace id, topic, id, createdAt or deliveryAttempts, or an item that is not JSON.
   * @see docs/webhooks.md
   *
   * @example
   * ```ts
   * const request = await standIn.notificationRequest(url, { topic: "contact.user.created", item: { type: "contact", id: "1" } });
   * ```
   */
  notificationRequest(url: string | URL, options: StandInNotificationOptions): Promise<Request>;
  /**
   * Whether a token is active, revoked or unknown to the stand-in.
   *
   * @example
   * ```ts
   * expect(standIn.tokenState(token)).toBe("revoked");
   * ```
   */
  tokenState(token: string): StandInTokenState;
  /**
   * Serves one more set of origins as `region` (default: the stand-in's `region`), for
   * example a node:http server whose port is known only after `listen`. Returns the
   * endpoints now served there. Call `handlers()` after this if you use msw.
   *
   * @example
   * ```ts
   * const endpoints = standIn.addBaseUrls({ app: origin, api: origin });
   * ```
   */
  addBaseUrls(baseUrls: IntercomBaseUrls, region?: Region): IntercomEndpoints;
  /**
   * Every set of endpoints the stand-in serves, with its region: the real hosts first,
   * then each added base URL set.
   *
   * @example
   * ```ts
   * for (const { endpoints } of standIn.served()) console.log(endpoints.authorize);
   * ```
   */
  served(): ReadonlyArray<{ readonly region: Region; readonly endpoints: IntercomEndpoints }>;
  /**
   * The last requests answered (default cap 1000), oldest first, secret-free.
   *
   * @example
   * ```ts
   * expect(standIn.requests.map((r) => r.endpoint)).toEqual(["authorize", "token", "me"]);
   * ```
   */
  readonly requests: readonly StandInRequestRecord[];
  /**
   * How many requests each endpoint got since creation or {@link IntercomStandInCore.reset}
   * (not capped like `requests`).
   *
   * @example
   * ```ts
   * expect(standIn.counts.token).toBe(1); // the SDK must never retry a code exchange
   * ```
   */
  readonly counts: Readonly<Record<StandInEndpoint | "unknown", number>>;
  /**
   * Forgets codes, tokens, open consent pages, faults, queued decisions, the request log and the counts.
   * Apps and served base URLs stay.
   *
   * @example
   * ```ts
   * afterEach(() => standIn.reset());
   * ```
   */
  reset(): void;
}

/**
 * Creates the msw-free core of the stand-in. Most tests want
 * {@link createIntercomStandIn}, which adds `handlers()`; use this one where msw is
 * not installed (a node:http server, a fetch runtime).
 *
 * @param options - the apps, clock and hosts; see {@link IntercomStandInOptions}
 * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` listing each problem found.
 *
 * @example
 * ```ts
 * const standIn = createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
 * const response = await standIn.fetch("https://app.intercom.com/oauth?client_id=id&state=s", { redirect: "manual" });
 * ```
 */
export function createIntercomStandInCore(options: IntercomStandInOptions): IntercomStandInCore {
  const settings = resolveStandInOptions(options);
  const { apps, firstClientId, region, now } = settings;
  const ledger = new Ledger(settings.limits, now);
  const routes = new Routes(region, settings.baseUrls);
  const behaviours = createBehaviours(settings, ledger);
  const handle = createHandle(routes, ledger, behaviours, now);

  const standIn: IntercomStandInCore = {
    handle,
    fetch(input, init) {
      try {
        // Served as a fetch handler, the second argument is the runtime's (Bun's Server, Deno's
        // info, a Worker's env), not a RequestInit: Bun's Request would take its `url`.
        const requestInit = isPlainObject(init) ? init : undefined;
        return handle(new Request(input, requestInit));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    consent(authorizeUrl, consentOptions = {}) {
      const url = new URL(String(authorizeUrl));
      const route = routes.find(url);
      if (route?.endpoint !== "authorize") {
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          `consent: ${url.origin}${url.pathname} is not an authorize URL this stand-in serves. Build it from one of standIn.served().`,
        );
      }
      const checked = behaviours.authorizeProblem(url.searchParams);
      if (checked.error) {
        throw new IntercomOAuthError("INVALID_OPTIONS", `consent: ${checked.error.message}`, {
          problems: [checked.error.message],
        });
      }
      const decision = consentOptions.decision ?? behaviours.takeDecision();
      if (decision === "prompt")
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          'consent: this stand-in prompts (decision: "prompt"); pass { decision: "allow" } or { decision: "deny" }.',
        );
      if (decision !== "allow" && decision !== "deny")
        throw new IntercomOAuthError("INVALID_OPTIONS", 'consent: decision must be "allow" or "deny".');
      return behaviours.decide(
        checked.app,
        checked.redirectUri,
        url.searchParams,
        route.region,
        decision,
        consentOptions,
      );
    },
    nextDecision(decision, times = 1) {
      if ((decision !== "allow" && decision !== "deny") || !positiveInt(times)) {
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          'nextDecision: pass "allow" or "deny" and a positive whole number of times.',
        );
      }
      ledger.queueDecision(decision, times);
    },
    injectFault(endpoint, fault) {
      validateFault(endpoint, fault);
      const { times, ...rest } = fault;
      ledger.queueFault(endpoint, rest as StandInFault, times ?? 1);
    },
    clearFaults() {
      ledger.clearFaults();
    },
    issueToken(issueOptions = {}) {
      const clientId = issueOptions.clientId ?? firstClientId;
      const app = apps.get(clientId);
      const r = issueOptions.region ?? region;
      if (!app || !isRegion(r)) {
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          `issueToken: ${app ? `region ${JSON.stringify(r)} is not us, eu or au` : "no app has this clientId; use one passed to createIntercomStandIn"}.`,
        );
      }
      return ledger.issueToken({
        clientId,
        region: r,
        workspace: { ...app.workspace, ...issueOptions.workspace },
        admin: { ...app.admin, ...issueOptions.admin },
      });
    },
    revokeToken(t) {
      return ledger.revoke(t);
    },
    tokenState(t) {
      return ledger.tokenState(t);
    },
    uninstall(workspaceId, uninstallOptions = {}) {
      const app = apps.get(uninstallOptions.clientId ?? firstClientId);
      if (!app)
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          "uninstall: no app has this clientId; use one passed to createIntercomStandIn.",
        );
      const id = workspaceId ?? app.workspace.id ?? DEFAULT_WORKSPACE_ID;
      if (typeof id !== "string" || id === "")
        throw new IntercomOAuthError("INVALID_OPTIONS", "uninstall: workspaceId must be a non-empty string.");
      return ledger.revokeWorkspace(app.clientId, id);
    },
    async uninstallRequest(url, callOptions) {
      return uninstallRequest(settings, url, callOptions);
    },
    async healthCheckRequest(url, callOptions) {
      return healthCheckRequest(settings, url, callOptions);
    },
    async notificationRequest(url, notificationOptions) {
      return notificationRequest(settings, url, notificationOptions);
    },
    addBaseUrls(baseUrls, r = region) {
      if (!isRegion(r))
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          `addBaseUrls: region ${JSON.stringify(r)} is not us, eu or au.`,
        );
      for (const key of ["app", "api"] as const) {
        const value = baseUrls?.[key];
        if (value !== undefined && !isHttpUrl(value)) {
          throw new IntercomOAuthError(
            "INVALID_OPTIONS",
            `addBaseUrls: ${key} must be an absolute URL such as http://127.0.0.1:4010.`,
          );
        }
      }
      return routes.serve(r, baseUrls);
    },
    served() {
      return routes.served();
    },
    get requests() {
      return ledger.requests;
    },
    get counts() {
      return ledger.counts;
    },
    reset() {
      ledger.reset();
    },
  };
  // Logs and snapshots of the stand-in show its shape, never its secrets, codes or tokens.
  const summary = () => ({ kind: "IntercomStandIn", clientIds: [...apps.keys()], counts: ledger.counts });
  return installSafeView(standIn, summary, "IntercomStandIn");
}

function isPlainObject(value: unknown): value is RequestInit {
  if (typeof value !== "object" || value === null) return false;
  // Any realm's Object.prototype (a test's vm context too), whose own prototype is null.
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
