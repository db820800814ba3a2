/**
 * Web-standard request handlers: `(request: Request) => Promise<Response>` for the
 * two ends of the flow, usable in Node 20+ (behind node:http or any framework that
 * speaks `Request`/`Response`), Bun, Deno and Workers.
 *
 * @module
 */

import { IntercomOAuthError, isIntercomOAuthError } from "./errors.js";
import type { IntercomIdentity } from "./identity.js";
import { createSignedState, createState, verifySignedState } from "./state.js";
import type { IntercomToken } from "./token.js";

/** The parts of an Intercom OAuth client the handlers drive. */
export interface HandlersClient {
  createAuthorizationUrl(options?: { state?: string; redirectUri?: string }): { url: URL; state: string };
  parseCallback(
    input: string | URL | URLSearchParams | Request,
    options: { expectedState: string },
  ): { code: string; state: string };
  exchangeCode(code: string, options?: { signal?: AbortSignal }): Promise<IntercomToken>;
  getIdentity(accessToken: string, options?: { signal?: AbortSignal }): Promise<IntercomIdentity>;
}

/** JSON data carried through the flow with the state, such as a tenant id or a return path. */
export type StateData = Record<string, unknown>;

/**
 * A server-side store for pending states. Each state is taken (read and deleted)
 * exactly once, which makes a replayed callback fail.
 */
export interface StateStore {
  /** Keep `data` under `state` for `ttlSeconds`. */
  set(state: string, data: StateData, ttlSeconds: number): void | Promise<void>;
  /** Return and delete what was kept under `state`; `undefined` when absent or expired. */
  take(state: string): StateData | undefined | Promise<StateData | undefined>;
}

/** What {@link HandlersOptions.onSuccess} receives once the workspace is connected. */
export interface ConnectedWorkspace {
  /** The access token. It never expires: store `token.accessToken` encrypted. */
  readonly token: IntercomToken;
  /** The admin who installed the app, and their workspace (`identity.workspace.id` is the workspace id). */
  readonly identity: IntercomIdentity;
  /** The data given to the state when the flow started (from {@link HandlersOptions.stateData}). */
  readonly data: StateData;
  /** The callback request. */
  readonly request: Request;
}

interface HandlersBaseOptions {
  /** Called with the connected workspace; returns the response to send (for example a redirect into your app). */
  onSuccess(result: ConnectedWorkspace): Response | Promise<Response>;
  /**
   * Called with any failure of either handler; returns the response to send.
   * Default: a plain-text 400 (or 502 for Intercom-side failures) naming the error code.
   * The error's message holds no secret, so it is safe to log.
   */
  onError?(error: IntercomOAuthError, request: Request): Response | Promise<Response>;
  /** Data to carry through the flow, computed from the start request (for example the signed-in tenant). */
  stateData?(request: Request): StateData | Promise<StateData>;
  /** How long a started flow stays valid, in seconds. Default 600 (Intercom's codes last about 5 minutes). */
  ttlSeconds?: number;
  /** Name of the state cookie (cookie mode). Default `intercom_oauth_state`. */
  cookieName?: string;
}

/**
 * Options for {@link createHandlers}. Pick at most one of `stateStore` and
 * `signingSecret`; with neither, the state travels in a cookie.
 *
 * - cookie (default): the state is set in an HttpOnly, Secure, SameSite=Lax cookie
 *   and compared with the callback's. This binds the flow to the browser that
 *   started it, which is the CSRF defence Intercom relies on (it has no PKCE).
 * - `stateStore`: the state (and its data) is kept server-side and taken once.
 * - `signingSecret`: the state is an HMAC-signed, expiring token; no storage at all.
 *
 * **Warning:** `stateStore` and `signingSecret` modes do not tie the callback to the
 * browser that started the flow. Use them when cookies cannot work (embedded
 * webviews, cross-site setups), and bind the result to your user in `onSuccess`.
 */
export type HandlersOptions = HandlersBaseOptions &
  (
    | { stateStore?: undefined; signingSecret?: undefined }
    | { stateStore: StateStore; signingSecret?: undefined }
    | { signingSecret: string; stateStore?: undefined }
  );

/** The two handlers: mount `start` where your "Connect Intercom" button points, `callback` at your Redirect URL. */
export interface IntercomOAuthHandlers {
  /** Starts the flow: a 302 to Intercom's authorize page. */
  start(request: Request): Promise<Response>;
  /** Finishes the flow: checks state, exchanges the code, identifies the workspace, calls `onSuccess`. */
  callback(request: Request): Promise<Response>;
}

const DEFAULT_COOKIE = "intercom_oauth_state";

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function stateCookie(name: string, value: string, maxAge: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

function defaultOnError(error: IntercomOAuthError): Response {
  const intercomSide = error.status !== undefined || error.code === "NETWORK_ERROR" || error.code === "TIMEOUT";
  return new Response(`Connecting Intercom failed (${error.code}): ${error.message}\n`, {
    status: intercomSide ? 502 : 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

function toOAuthError(error: unknown): IntercomOAuthError {
  if (isIntercomOAuthError(error)) return error;
  // A failure in the caller's own hooks: keep its message out (it may hold anything).
  return new IntercomOAuthError(
    "INVALID_OPTIONS",
    "A handler hook (stateData, stateStore or onSuccess) threw. Check that hook; the original error is the cause.",
    {
      cause: error,
    },
  );
}

/**
 * Builds the two web-standard handlers of the OAuth flow on top of a client.
 * Usually reached as `createIntercomOAuth(…).handlers(options)`.
 *
 * @example
 * ```ts
 * const { start, callback } = intercom.handlers({
 *   onSuccess: async ({ token, identity }) => {
 *     await db.saveWorkspace(identity.workspace.id, encrypt(token.accessToken));
 *     return Response.redirect("https://example.com/settings/intercom?connected=1", 303);
 *   },
 * });
 * ```
 * @see https://datatracker.ietf.org/doc/html/rfc6749#section-10.12 (CSRF and the state parameter)
 */
export function createHandlers(client: HandlersClient, options: HandlersOptions): IntercomOAuthHandlers {
  const ttlSeconds = options.ttlSeconds ?? 600;
  const cookieName = options.cookieName ?? DEFAULT_COOKIE;
  if (options.stateStore !== undefined && options.signingSecret !== undefined) {
    throw new IntercomOAuthError("INVALID_OPTIONS", "Pass either stateStore or signingSecret to handlers(), not both.");
  }
  if (typeof options.onSuccess !== "function") {
    throw new IntercomOAuthError("INVALID_OPTIONS", "handlers() needs an onSuccess function that returns a Response.");
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      "handlers() ttlSeconds must be a positive whole number of seconds.",
    );
  }
  const onError = options.onError ?? defaultOnError;
  const mode = options.stateStore ? "store" : options.signingSecret !== undefined ? "signed" : "cookie";

  async function start(request: Request): Promise<Response> {
    try {
      const data = (await options.stateData?.(request)) ?? {};
      let state: string;
      if (mode === "signed") {
        state = await createSignedState({ secret: options.signingSecret as string, ttlSeconds, data });
      } else {
        state = createState();
        if (mode === "store") await (options.stateStore as StateStore).set(state, data, ttlSeconds);
      }
      const { url } = client.createAuthorizationUrl({ state });
      const headers = new Headers({ location: url.href, "cache-control": "no-store" });
      // Cookie mode keeps the data beside the state; the other modes carry or store it themselves.
      if (mode === "cookie")
        headers.append("set-cookie", stateCookie(cookieName, JSON.stringify({ state, data }), ttlSeconds));
      return new Response(null, { status: 302, headers });
    } catch (error) {
      return onError(toOAuthError(error), request);
    }
  }

  async function expected(request: Request, received: string | null): Promise<{ state: string; data: StateData }> {
    if (mode === "signed") {
      if (!received) return { state: "", data: {} };
      const verified = await verifySignedState(received, { secret: options.signingSecret as string });
      return { state: received, data: (verified.data ?? {}) as StateData };
    }
    if (mode === "store") {
      const data = received ? await (options.stateStore as StateStore).take(received) : undefined;
      if (received && data === undefined) {
        throw new IntercomOAuthError(
          "STATE_MISMATCH",
          "The callback's state is unknown, expired or already used. Start the connection again from your app.",
        );
      }
      return { state: received ?? "", data: data ?? {} };
    }
    const raw = readCookie(request, cookieName);
    if (raw === undefined) {
      throw new IntercomOAuthError(
        "STATE_MISSING",
        `The state cookie "${cookieName}" is missing: the flow was not started in this browser, or it expired. Start the connection again.`,
      );
    }
    try {
      const parsed = JSON.parse(raw) as { state?: unknown; data?: unknown };
      if (typeof parsed.state !== "string") throw new Error("no state");
      return { state: parsed.state, data: (parsed.data ?? {}) as StateData };
    } catch {
      throw new IntercomOAuthError(
        "STATE_INVALID",
        `The state cookie "${cookieName}" is malformed. Start the connection again.`,
      );
    }
  }

  async function callback(request: Request): Promise<Response> {
    const clear = mode === "cookie" ? stateCookie(cookieName, "", 0) : undefined;
    let response: Response;
    try {
      const received = new URL(request.url).searchParams.get("state");
      const { state, data } = await expected(request, received);
      const { code } = client.parseCallback(request, { expectedState: state });
      const token = await client.exchangeCode(code, { signal: request.signal });
      const identity = await client.getIdentity(token.accessToken, { signal: request.signal });
      response = await options.onSuccess({ token, identity, data, request });
    } catch (error) {
      response = await onError(toOAuthError(error), request);
    }
    if (clear === undefined) return response;
    // Responses from Response.redirect() have immutable headers; copy into a fresh one.
    const headers = new Headers(response.headers);
    headers.append("set-cookie", clear);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  return { start, callback };
}
