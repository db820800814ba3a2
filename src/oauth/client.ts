/**
 * createIntercomOAuth: the OAuth flow client for one Intercom app.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */

import type { LiteralUnion } from "type-fest";
import type { KnownVersion } from "./api-version.js";
import { createAuthorizationUrl, type AuthorizationUrl, type AuthorizationUrlParams } from "./authorize.js";
import { parseCallback, type CallbackInput, type CallbackResult, type ParseCallbackOptions } from "./callback.js";
import {
  buildHandlers,
  type EmptyStateData,
  type HandlersOptions,
  type IntercomOAuthHandlers,
  type StateDataOf,
} from "./handlers.js";
import type { HttpSettings } from "./http.js";
import { getIdentity, type ApiContext, type IntercomIdentity } from "./identity.js";
import { clientOptionsSchema, parseOptions } from "./options.js";
import {
  intercomEndpoints,
  requireRegion,
  type IntercomBaseUrls,
  type Region,
  type RegionalBaseUrls,
} from "../regions.js";
import { revokeToken } from "./revoke.js";
import { deriveCookieKey } from "./state-cookie.js";
import { installSafeView } from "../redact.js";
import { accessTokenOf, exchangeCode, type AccessTokenInput, type IntercomToken } from "./token.js";

/** The Intercom REST API version sent as `Intercom-Version` unless `apiVersion` overrides it. */
export const DEFAULT_API_VERSION = "2.14";

/** Options of {@link createIntercomOAuth}. */
export interface IntercomOAuthOptions {
  /** The app's client id (Developer Hub > your app > Basic information). */
  readonly clientId: string;
  /**
   * The app's client secret. Kept inside the client's closure: it is not a property of
   * the client and never appears in errors or logs.
   *
   * **Warning:** server-side only. Load it from a secret store, not from source code.
   */
  readonly clientSecret: string;
  /**
   * One of the app's registered Redirect URLs, matched exactly. Omitted: Intercom uses
   * the first registered URL. Must be https (http only for localhost, 127.0.0.1 and [::1]).
   */
  readonly redirectUri?: string;
  /**
   * The default region: its hosts serve every call that names no `region` of its own.
   * Default `"us"`. One client (one app, one secret) serves every region: pass `{ region }`
   * per call, or `handlers({ region })`.
   */
  readonly region?: Region;
  /**
   * The `Intercom-Version` header for `/me` and uninstall. Default {@link DEFAULT_API_VERSION}.
   * Editors suggest the published versions ({@link KnownVersion}); any other string is sent
   * as is, since Intercom publishes versions faster than this package is released. Only a
   * value that cannot be a header (empty, whitespace, control characters) is refused, with
   * `INVALID_OPTIONS`.
   */
  readonly apiVersion?: LiteralUnion<KnownVersion, string>;
  /**
   * Time allowed per request attempt, including reading the body, in ms. Default 10,000.
   * On expiry the request and its body are cancelled (the connection closes) and the call
   * fails with `TIMEOUT`. `getIdentity` also has an overall deadline built from it: see
   * `maxRetries`.
   */
  readonly timeoutMs?: number;
  /**
   * A custom fetch (proxies, logging, tests). Default: the global `fetch`, looked up at
   * each call. It gets a `Request` with `redirect: "manual"`: a redirect is never followed,
   * and any 3xx fails with `INVALID_RESPONSE`. **Warning:** it sees the client secret, codes
   * and tokens; never log requests.
   */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Host overrides (proxies, local stand-ins), as origins: `{ app?, api? }` for every region,
   * or `{ us?, eu?, au? }` with one such pair per region (a region left out keeps Intercom's hosts).
   */
  readonly baseUrls?: IntercomBaseUrls | RegionalBaseUrls;
  /**
   * Retries for `GET /me` only (429, 5xx, network errors, timeouts), 0 to 10. Default 2.
   * The code exchange and revoke are never retried.
   *
   * Each wait is what Intercom advertises (`Retry-After`, `X-RateLimit-Reset`), never less
   * than an exponential backoff from about 250 ms. `getIdentity` ends within its deadline,
   * `(maxRetries + 1) × timeoutMs` (30 s by default), waits included: a wait that would not
   * leave half of `timeoutMs` before the deadline is not slept, and the last error or answer
   * is returned (with `retryAfterMs`). An advertised wait over 60 s is never slept.
   */
  readonly maxRetries?: number;
}

/** Per-call options of the client's network methods. */
export interface RequestOptions {
  /** Cancels the call; it then fails with `ABORTED`. */
  readonly signal?: AbortSignal;
  /**
   * The workspace's region for this call, in place of the client's `region`: the call goes
   * to that region's API host. Use the region the token was issued in (the connection's).
   * Anything but `"us"`, `"eu"` or `"au"` fails with `INVALID_OPTIONS`.
   */
  readonly region?: Region;
}

/** The OAuth flow client returned by {@link createIntercomOAuth}. */
export interface IntercomOAuthClient {
  /** The app's client id. */
  readonly clientId: string;
  /** The default region: the one a call without its own `region` uses. */
  readonly region: Region;
  /**
   * Builds the authorize URL to send the admin to, with a fresh state unless one is given.
   * @throws IntercomOAuthError `INVALID_OPTIONS` for a bad `state`, `redirectUri` or `region`.
   */
  createAuthorizationUrl(params?: AuthorizationUrlParams): AuthorizationUrl;
  /**
   * Reads the callback and checks its state. See the standalone `parseCallback`.
   * @throws IntercomOAuthError `ACCESS_DENIED`, `CALLBACK_ERROR`, `CODE_MISSING`, `STATE_MISSING`, `STATE_MISMATCH`.
   */
  parseCallback(input: CallbackInput, options: ParseCallbackOptions): CallbackResult;
  /**
   * Exchanges the callback's code for an access token. One attempt, never retried (the
   * code is single-use). Store `token.accessToken` explicitly, encrypted at rest.
   * @throws IntercomOAuthError `INVALID_GRANT`, `INVALID_CLIENT`, `RATE_LIMITED`, `SERVER_ERROR`,
   *   `API_ERROR`, `INVALID_RESPONSE`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `CODE_MISSING`,
   *   `INVALID_OPTIONS` (an unknown `region`).
   */
  exchangeCode(code: string, options?: RequestOptions): Promise<IntercomToken>;
  /**
   * The installing admin and their workspace (`GET /me`). Retried on 429, 5xx, network
   * errors and timeouts, up to `maxRetries`. `workspace.region` is the region `/me` reports,
   * or the region used when it reports none that is known.
   * @throws IntercomOAuthError `UNAUTHORIZED`, `FORBIDDEN`, `RATE_LIMITED`, `SERVER_ERROR`, `API_ERROR`,
   *   `INVALID_RESPONSE`, `TIMEOUT`, `ABORTED`, `NETWORK_ERROR`, `INVALID_OPTIONS`.
   */
  getIdentity(accessToken: AccessTokenInput, options?: RequestOptions): Promise<IntercomIdentity>;
  /**
   * Revokes the token (`POST /auth/uninstall`), which uninstalls the app from the
   * workspace. Not retried. `UNAUTHORIZED` means the token was already dead: delete it anyway.
   * @throws IntercomOAuthError as {@link IntercomOAuthClient.getIdentity}; `INVALID_RESPONSE` only
   *   for a redirect or an answer over 1 MiB.
   */
  revokeToken(accessToken: AccessTokenInput, options?: RequestOptions): Promise<void>;
  /**
   * Web-standard `start` and `callback` handlers, `(request: Request) => Promise<Response>`,
   * that run the whole flow on this client. See {@link HandlersOptions} for the state modes.
   * `D` is what `stateData` returns; `onSuccess` gets it back as `data`. In cookie mode the
   * cookie's HMAC key is derived from the client secret (purpose-labelled, never the secret itself).
   * @throws IntercomOAuthError `INVALID_OPTIONS` listing every bad option.
   */
  handlers<D extends StateDataOf<D> = EmptyStateData>(options: HandlersOptions<D>): IntercomOAuthHandlers;
}

function signalOf(options: RequestOptions | undefined): AbortSignal | undefined {
  return options?.signal ?? undefined;
}

/** What a call needs of one region: its endpoints and the contexts built on them. */
interface RegionCalls {
  readonly tokenUrl: string;
  readonly me: ApiContext;
  readonly uninstall: ApiContext;
}

/**
 * Creates the OAuth flow client for one Intercom app and region.
 *
 * @example
 * ```ts
 * const intercom = createIntercomOAuth({
 *   clientId: process.env.INTERCOM_CLIENT_ID!,
 *   clientSecret: process.env.INTERCOM_CLIENT_SECRET!,
 *   redirectUri: "https://example.com/oauth/intercom/callback",
 * });
 * ```
 * @throws IntercomOAuthError `INVALID_OPTIONS` with one `problems` entry per bad option.
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 */
export function createIntercomOAuth(options: IntercomOAuthOptions): IntercomOAuthClient {
  const parsed = parseOptions(clientOptionsSchema(), options, "createIntercomOAuth");
  const { clientId, clientSecret, redirectUri, baseUrls } = parsed;
  const region = parsed.region ?? "us";
  const http: HttpSettings = { fetch: parsed.fetch, timeoutMs: parsed.timeoutMs ?? 10_000 };
  const apiVersion = parsed.apiVersion ?? DEFAULT_API_VERSION;
  const maxRetries = parsed.maxRetries ?? 2;
  intercomEndpoints(region, baseUrls);
  // Endpoints per call: a few string joins, cheaper than caching them per region.
  const callsIn = (options: RequestOptions | undefined, where: string): RegionCalls => {
    const r = options?.region === undefined ? region : requireRegion(options.region, `${where}: region`);
    const endpoints = intercomEndpoints(r, baseUrls);
    return {
      tokenUrl: endpoints.token,
      me: { url: endpoints.me, apiVersion, http, maxRetries, region: r },
      uninstall: { url: endpoints.uninstall, apiVersion, http, maxRetries: 0, region: r },
    };
  };
  const describe = { clientId, region };
  // Derived on first use by a cookie-mode handler; the secret itself never leaves this closure.
  let cookieKey: Promise<CryptoKey> | undefined;
  const handlersCookieKey = () => (cookieKey ??= deriveCookieKey(clientSecret));

  const client: IntercomOAuthClient = {
    clientId,
    region,
    createAuthorizationUrl(params = {}) {
      const state = params.state;
      const uri = params.redirectUri ?? redirectUri;
      return createAuthorizationUrl({
        clientId,
        region: params.region === undefined ? region : requireRegion(params.region, "createAuthorizationUrl: region"),
        ...(baseUrls === undefined ? {} : { baseUrls }),
        ...(state === undefined ? {} : { state }),
        ...(uri === undefined ? {} : { redirectUri: uri }),
      });
    },
    parseCallback(input, callbackOptions) {
      return parseCallback(input, callbackOptions);
    },
    async exchangeCode(code, requestOptions) {
      const { tokenUrl } = callsIn(requestOptions, "exchangeCode");
      return exchangeCode({ tokenUrl, clientId, clientSecret, http }, code, signalOf(requestOptions));
    },
    async getIdentity(accessToken, requestOptions) {
      const { me } = callsIn(requestOptions, "getIdentity");
      return getIdentity(me, accessTokenOf(accessToken, "getIdentity"), signalOf(requestOptions));
    },
    async revokeToken(accessToken, requestOptions) {
      const { uninstall } = callsIn(requestOptions, "revokeToken");
      return revokeToken(uninstall, accessTokenOf(accessToken, "revokeToken"), signalOf(requestOptions));
    },
    handlers(handlerOptions) {
      return buildHandlers(client, handlerOptions, handlersCookieKey, clientSecret);
    },
  };
  return Object.freeze(installSafeView(client, () => describe, "IntercomOAuthClient"));
}
