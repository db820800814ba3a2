/**
 * The Intercom stand-in: a fetch-style handler that speaks Intercom's OAuth wire
 * protocol. No msw here, so it runs anywhere `Request` and `Response` exist.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { installSafeView } from "../redact.js";
import { sleep } from "../sleep.js";
import {
  REGIONS,
  type IntercomBaseUrls,
  type IntercomEndpoints,
  type Region,
  intercomEndpoints,
  isRegion,
} from "../regions.js";
import { faultResponse, simulatedNetworkError, validateFault } from "./faults.js";
import type {
  ConsentDecision,
  ConsentOptions,
  IntercomStandInOptions,
  IssueTokenOptions,
  StandInAdmin,
  StandInApp,
  StandInEndpoint,
  StandInFault,
  StandInFaultOptions,
  StandInFaultType,
  StandInRequestRecord,
  StandInTokenState,
  StandInWorkspace,
} from "./types.js";
import {
  type WireError,
  errorResponse,
  htmlResponse,
  jsonResponse,
  mintCode,
  oauthErrorResponse,
  mintToken,
  requestIdSource,
  wantsJson,
} from "./wire.js";

/**
 * The Redirect URL apps get when none are given: the one the seed guide registers.
 *
 * @example
 * ```ts
 * new URL(callbackUrl).origin + new URL(callbackUrl).pathname === DEFAULT_REDIRECT_URI;
 * ```
 */
export const DEFAULT_REDIRECT_URI = "https://app.merge.dev/oauth/callback";

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
const DEFAULT_TTL_MS = 5 * 60 * 1000;
const METHODS: Record<StandInEndpoint, string> = { authorize: "GET", token: "POST", me: "GET", uninstall: "POST" };
const REGION_LABEL: Record<Region, string> = { us: "US", eu: "EU", au: "AU" };

interface Route {
  readonly endpoint: StandInEndpoint;
  readonly region: Region;
}

interface AppEntry {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly workspace: StandInWorkspace;
  readonly admin: StandInAdmin;
}

interface CodeEntry {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly region: Region;
  readonly expiresAt: number;
  readonly workspace: StandInWorkspace;
  readonly admin: StandInAdmin;
}

interface TokenEntry {
  readonly clientId: string;
  readonly region: Region;
  readonly workspace: StandInWorkspace;
  readonly admin: StandInAdmin;
  revoked: boolean;
}

interface QueuedFault {
  readonly fault: StandInFault;
  remaining: number;
}

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
   * authorize URL, the client id is unknown, or the `redirect_uri` is not registered.
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
   * Forgets codes, tokens, faults, queued decisions, the request log and the counts.
   * Apps and served base URLs stay.
   *
   * @example
   * ```ts
   * afterEach(() => standIn.reset());
   * ```
   */
  reset(): void;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

function positiveInt(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function collectApps(options: IntercomStandInOptions, problems: string[]): AppEntry[] {
  const declared: StandInApp[] = [];
  if (options.clientId !== undefined || options.clientSecret !== undefined) {
    declared.push({
      clientId: options.clientId as string,
      clientSecret: options.clientSecret as string,
      ...(options.redirectUris ? { redirectUris: options.redirectUris } : {}),
      ...(options.workspace ? { workspace: options.workspace } : {}),
      ...(options.admin ? { admin: options.admin } : {}),
    });
  }
  if (options.apps !== undefined && !Array.isArray(options.apps)) problems.push("apps must be an array");
  else declared.push(...(options.apps ?? []));
  if (declared.length === 0)
    problems.push("define an app: pass clientId and clientSecret, or apps: [{ clientId, clientSecret }]");
  const seen = new Set<string>();
  const apps: AppEntry[] = [];
  declared.forEach((app, i) => {
    const where =
      i === 0 && options.clientId !== undefined
        ? "clientId/clientSecret"
        : `apps[${options.clientId !== undefined ? i - 1 : i}]`;
    if (typeof app?.clientId !== "string" || app.clientId === "")
      problems.push(`${where}: clientId must be a non-empty string`);
    if (typeof app?.clientSecret !== "string" || app.clientSecret === "")
      problems.push(`${where}: clientSecret must be a non-empty string`);
    if (typeof app?.clientId === "string" && seen.has(app.clientId))
      problems.push(`${where}: clientId "${app.clientId}" is defined twice`);
    seen.add(app?.clientId);
    const redirectUris = app?.redirectUris ?? [DEFAULT_REDIRECT_URI];
    if (!Array.isArray(redirectUris) || redirectUris.length === 0) {
      problems.push(`${where}: redirectUris must be a non-empty array of URLs`);
    } else {
      for (const uri of redirectUris) {
        if (typeof uri !== "string" || !URL.canParse(uri))
          problems.push(`${where}: redirect URI ${JSON.stringify(uri)} is not an absolute URL`);
      }
    }
    apps.push({
      clientId: app?.clientId,
      clientSecret: app?.clientSecret,
      redirectUris: Object.freeze([...(Array.isArray(redirectUris) ? redirectUris : [])]),
      workspace: app?.workspace ?? {},
      admin: app?.admin ?? {},
    });
  });
  return apps;
}

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
      id_code: w.id ?? "drzzt019",
      name: w.name ?? "Stand-in Workspace",
      created_at: w.createdAt ?? 1_700_000_000,
      secure: w.secure ?? true,
      identity_verification: w.identityVerification ?? true,
      timezone: w.timezone ?? "Europe/Edinburgh",
      region: REGION_LABEL[token.region],
    },
  };
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
  const problems: string[] = [];
  if (typeof options !== "object" || options === null) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      'createIntercomStandIn needs options such as { clientId: "id", clientSecret: "secret" }.',
    );
  }
  const appList = collectApps(options, problems);
  const region = options.region ?? "us";
  if (!isRegion(region)) problems.push(`region ${JSON.stringify(region)} is not one of ${REGIONS.join(", ")}`);
  const ttl = options.codeTtlMs ?? DEFAULT_TTL_MS;
  if (!(typeof ttl === "number" && ttl > 0 && Number.isFinite(ttl)))
    problems.push("codeTtlMs must be a positive number of milliseconds");
  if (options.now !== undefined && typeof options.now !== "function")
    problems.push("now must be a function returning Unix milliseconds");
  const defaultDecision = options.decision ?? "allow";
  if (defaultDecision !== "allow" && defaultDecision !== "deny") problems.push('decision must be "allow" or "deny"');
  const limits = { codes: 10_000, tokens: 50_000, requestLog: 1000, ...options.limits };
  for (const [key, value] of Object.entries(limits)) {
    if (!positiveInt(value)) problems.push(`limits.${key} must be a positive integer`);
  }
  for (const key of ["app", "api"] as const) {
    const value = options.baseUrls?.[key];
    if (value !== undefined && !isHttpUrl(value))
      problems.push(`baseUrls.${key} must be an absolute URL such as http://127.0.0.1:4010`);
  }
  if (problems.length > 0) {
    throw new IntercomOAuthError("INVALID_OPTIONS", `Invalid stand-in options: ${problems.join("; ")}.`, { problems });
  }

  const now = options.now ?? Date.now;
  const apps = new Map(appList.map((app) => [app.clientId, app]));
  const firstClientId = appList[0]?.clientId as string;
  const nextRequestId = requestIdSource();

  const routes = new Map<string, Route>();
  const servedList: Array<{ region: Region; endpoints: IntercomEndpoints }> = [];
  function serve(r: Region, baseUrls?: IntercomBaseUrls): IntercomEndpoints {
    const endpoints = intercomEndpoints(r, baseUrls);
    for (const endpoint of ["authorize", "token", "me", "uninstall"] as const) {
      const url = new URL(endpoints[endpoint]);
      routes.set(url.origin + url.pathname, { endpoint, region: r });
    }
    servedList.push({ region: r, endpoints });
    return endpoints;
  }
  for (const r of REGIONS) serve(r);
  if (options.baseUrls?.app !== undefined || options.baseUrls?.api !== undefined) serve(region, options.baseUrls);

  // Maps keep insertion order, which is issue order: pruning walks from the oldest.
  const codes = new Map<string, CodeEntry>();
  const tokens = new Map<string, TokenEntry>();
  const faults = new Map<StandInEndpoint, QueuedFault[]>();
  const decisions: ConsentDecision[] = [];
  let log: StandInRequestRecord[] = [];
  let logStart = 0;
  let counts = { authorize: 0, token: 0, me: 0, uninstall: 0, unknown: 0 };

  function pruneCodes(at: number): void {
    for (const [code, entry] of codes) {
      if (entry.expiresAt > at && codes.size <= limits.codes) break;
      codes.delete(code);
    }
  }

  function remember<K, V>(map: Map<K, V>, key: K, value: V, cap: number): void {
    map.set(key, value);
    if (map.size > cap) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
  }

  function record(
    endpoint: StandInEndpoint | "unknown",
    request: Request,
    path: string,
    r: Region | undefined,
    status: number,
    fault: StandInFaultType | undefined,
  ): void {
    counts[endpoint] += 1;
    const entry: StandInRequestRecord = { endpoint, method: request.method, path, region: r, status, fault, at: now() };
    // A ring buffer: O(1) per request however long the server runs.
    if (log.length < limits.requestLog) log.push(entry);
    else {
      log[logStart] = entry;
      logStart = (logStart + 1) % limits.requestLog;
    }
  }

  function takeFault(endpoint: StandInEndpoint): StandInFault | undefined {
    const queue = faults.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  }

  function takeDecision(): ConsentDecision {
    return decisions.shift() ?? defaultDecision;
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
      pruneCodes(at);
      const code = mintCode();
      remember(
        codes,
        code,
        {
          clientId: app.clientId,
          redirectUri,
          region: r,
          expiresAt: at + ttl,
          workspace: { ...app.workspace, ...extra.workspace },
          admin: { ...app.admin, ...extra.admin },
        },
        limits.codes,
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
    const callback = decide(checked.app, checked.redirectUri, url.searchParams, r, takeDecision());
    return new Response(null, { status: 302, headers: { location: callback.href, "x-request-id": requestId } });
  }

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
    pruneCodes(at);
    const entry = fields.code === undefined ? undefined : codes.get(fields.code);
    // Any presentation by a valid client burns the code: it works once, and only once.
    if (entry) codes.delete(fields.code as string);
    const redirectMismatch =
      fields.redirect_uri !== undefined && entry !== undefined && fields.redirect_uri !== entry.redirectUri;
    if (!entry || entry.expiresAt <= at || entry.clientId !== app.clientId || entry.region !== r || redirectMismatch) {
      return errorResponse(401, [{ code: "unauthorized_code", message: "Unauthorized Code" }], requestId);
    }
    const issued = mintToken();
    remember(
      tokens,
      issued,
      { clientId: app.clientId, region: r, workspace: entry.workspace, admin: entry.admin, revoked: false },
      limits.tokens,
    );
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
    const entry = match?.[1] === undefined ? undefined : tokens.get(match[1]);
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

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = routes.get(url.origin + url.pathname);
    const requestId = nextRequestId();
    if (!route) {
      const response = errorResponse(
        404,
        [
          {
            code: "not_found",
            message:
              "Resource Not Found. The Intercom stand-in serves /oauth, /auth/eagle/token, /me and /auth/uninstall.",
          },
        ],
        requestId,
      );
      record("unknown", request, url.pathname, undefined, 404, undefined);
      return response;
    }
    const { endpoint, region: r } = route;
    const method = request.method.toUpperCase();
    const allowed = METHODS[endpoint];
    if (method !== allowed && !(method === "HEAD" && allowed === "GET")) {
      record(endpoint, request, url.pathname, r, 405, undefined);
      return errorResponse(
        405,
        [{ code: "method_not_allowed", message: `Use ${allowed} for this endpoint.` }],
        requestId,
        { allow: allowed },
      );
    }
    const fault = takeFault(endpoint);
    if (fault?.type === "network-error") {
      record(endpoint, request, url.pathname, r, 0, fault.type);
      throw simulatedNetworkError();
    }
    if (fault?.type === "delay") await sleep(fault.ms, request.signal);
    else if (fault) {
      const response = faultResponse(fault, requestId, now());
      record(endpoint, request, url.pathname, r, response.status, fault.type);
      return response;
    }
    let response: Response;
    if (endpoint === "authorize") response = authorize(request, url, r, requestId);
    else if (endpoint === "token") response = await token(request, r, requestId);
    else {
      const entry = authenticate(request, r, requestId);
      if (entry instanceof Response) response = entry;
      else if (endpoint === "me") response = jsonResponse(200, meBody(entry), requestId);
      else {
        entry.revoked = true;
        response = jsonResponse(200, {}, requestId);
      }
    }
    record(endpoint, request, url.pathname, r, response.status, fault?.type);
    return response;
  }

  const standIn: IntercomStandInCore = {
    handle,
    fetch(input, init) {
      try {
        return handle(new Request(input, init));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    consent(authorizeUrl, consentOptions = {}) {
      const url = new URL(String(authorizeUrl));
      const route = routes.get(url.origin + url.pathname);
      if (route?.endpoint !== "authorize") {
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          `consent: ${url.origin}${url.pathname} is not an authorize URL this stand-in serves. Build it from one of standIn.served().`,
        );
      }
      const checked = authorizeProblem(url.searchParams);
      if (checked.error) {
        throw new IntercomOAuthError("INVALID_OPTIONS", `consent: ${checked.error.message}`, {
          problems: [checked.error.message],
        });
      }
      const decision = consentOptions.decision ?? takeDecision();
      if (decision !== "allow" && decision !== "deny")
        throw new IntercomOAuthError("INVALID_OPTIONS", 'consent: decision must be "allow" or "deny".');
      return decide(checked.app, checked.redirectUri, url.searchParams, route.region, decision, consentOptions);
    },
    nextDecision(decision, times = 1) {
      if ((decision !== "allow" && decision !== "deny") || !positiveInt(times)) {
        throw new IntercomOAuthError(
          "INVALID_OPTIONS",
          'nextDecision: pass "allow" or "deny" and a positive whole number of times.',
        );
      }
      for (let i = 0; i < times; i++) decisions.push(decision);
    },
    injectFault(endpoint, fault) {
      validateFault(endpoint, fault);
      const queue = faults.get(endpoint) ?? [];
      const { times, ...rest } = fault;
      queue.push({ fault: rest as StandInFault, remaining: times ?? 1 });
      faults.set(endpoint, queue);
    },
    clearFaults() {
      faults.clear();
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
      const issued = mintToken();
      remember(
        tokens,
        issued,
        {
          clientId,
          region: r,
          workspace: { ...app.workspace, ...issueOptions.workspace },
          admin: { ...app.admin, ...issueOptions.admin },
          revoked: false,
        },
        limits.tokens,
      );
      return issued;
    },
    revokeToken(t) {
      const entry = tokens.get(t);
      if (entry) entry.revoked = true;
      return entry !== undefined;
    },
    tokenState(t) {
      const entry = tokens.get(t);
      return entry === undefined ? "unknown" : entry.revoked ? "revoked" : "active";
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
      return serve(r, baseUrls);
    },
    served() {
      return servedList.map((entry) => ({ ...entry }));
    },
    get requests() {
      return [...log.slice(logStart), ...log.slice(0, logStart)];
    },
    get counts() {
      return { ...counts };
    },
    reset() {
      codes.clear();
      tokens.clear();
      faults.clear();
      decisions.length = 0;
      log = [];
      logStart = 0;
      counts = { authorize: 0, token: 0, me: 0, uninstall: 0, unknown: 0 };
    },
  };
  // Logs and snapshots of the stand-in show its shape, never its secrets, codes or tokens.
  const summary = () => ({ kind: "IntercomStandIn", clientIds: [...apps.keys()], counts: { ...counts } });
  return installSafeView(standIn, summary, "IntercomStandIn");
}
