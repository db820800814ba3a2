/**
 * The types of the web handlers: their client, options, hooks and results. Kept apart from
 * the handlers themselves so that the option checks can use them without a circular import.
 *
 * @module
 */

import type { Connection, ConnectionStatus, ConnectionStore } from "../connection.js";
import type { IntercomOAuthError } from "../errors.js";
import type { IntercomOAuthEventListener } from "../events.js";
import type { Region } from "../regions.js";
import type { IntercomIdentity } from "./identity.js";
import type { JsonValue } from "./state.js";
import type { IntercomToken } from "./token.js";

/** The parts of an Intercom OAuth client the handlers drive. */
export interface HandlersClient {
  /** With a `region` from the handlers, the consent page must be that region's. */
  createAuthorizationUrl(options?: { state?: string; redirectUri?: string; region?: Region }): {
    url: URL;
    state: string;
  };
  parseCallback(
    input: string | URL | URLSearchParams | Request,
    options: { expectedState: string },
  ): { code: string; state: string };
  /** With a `region`, the exchange must go to that region's host. */
  exchangeCode(code: string, options?: { signal?: AbortSignal; region?: Region }): Promise<IntercomToken>;
  getIdentity(accessToken: string, options?: { signal?: AbortSignal; region?: Region }): Promise<IntercomIdentity>;
  /** Used to revoke a token when something fails after the exchange (see `revokeOnFailure`). */
  revokeToken(accessToken: string, options?: { signal?: AbortSignal; region?: Region }): Promise<void>;
  /**
   * The default region. Without a handlers `region`, required with `store` or `onEvent`: it
   * is then the saved connection's `region`, and the `connected` event's. `createIntercomOAuth` sets it.
   */
  readonly region?: Region;
}

/**
 * The region a flow runs in: a {@link Region}, or a function of the start request (for
 * example the signed-in tenant's setting) that returns one.
 */
export type HandlersRegion = Region | ((request: Request) => Region | Promise<Region>);

/**
 * JSON data carried through the flow with the state, such as a tenant id or a return
 * path: an object whose values survive `JSON.stringify` and `JSON.parse`.
 */
export type StateData = { [key: string]: JsonValue };

/**
 * The JSON shape of `T`: each value kept when it survives `JSON.stringify` and `JSON.parse`,
 * `never` where it would not (a `Date`, a function, `undefined`). Unlike {@link StateData} it
 * also accepts interfaces, which have no index signature.
 */
export type JsonShape<T> = T extends JsonValue
  ? T
  : T extends (...args: never[]) => unknown
    ? never
    : T extends readonly unknown[]
      ? { [I in keyof T]: JsonShape<T[I]> }
      : T extends object
        ? { [K in keyof T]: JsonShape<T[K]> }
        : never;

/**
 * What `stateData` may return: an object type `D` (not an array) whose every field is JSON
 * (`handlers<D extends StateDataOf<D>>`). Type aliases and interfaces both work.
 */
export type StateDataOf<D> = object & { [K in keyof D]: JsonShape<D[K]> } & { readonly length?: never };

/** The `data` that `onSuccess` gets when there is no `stateData`: an empty object. */
export type EmptyStateData = Record<never, never>;

/**
 * A server-side store for pending states. Each state is taken (read and deleted)
 * exactly once, which makes a replayed callback fail.
 */
export interface StateStore {
  /**
   * Keep `value` under `state` for `ttlSeconds`. The value is the handlers' own JSON object
   * (your `stateData` and the `owner`): keep it as it is.
   */
  set(state: string, value: StateData, ttlSeconds: number): void | Promise<void>;
  /** Return, unchanged, and delete what was kept under `state`; `undefined` when absent or expired. */
  take(state: string): StateData | undefined | Promise<StateData | undefined>;
}

/** What {@link HandlersOptions.onSuccess} receives once the workspace is connected. */
export interface ConnectedWorkspace<D extends StateDataOf<D> = StateData> {
  /** The access token. It never expires: store `token.accessToken` encrypted. */
  readonly token: IntercomToken;
  /** The admin who installed the app, and their workspace (`identity.workspace.id` is the workspace id). */
  readonly identity: IntercomIdentity;
  /**
   * What {@link HandlersOptions.stateData} returned when the flow started. Authenticated
   * in cookie and signed modes; as trustworthy as your store in `stateStore` mode.
   */
  readonly data: D;
  /** The callback request. */
  readonly request: Request;
  /**
   * With a `store`: the connection just saved (active, with this token). Its `toJSON` and
   * `util.inspect` views mask `accessToken`; a spread (`{ ...connection }`) keeps it.
   */
  readonly connection?: Connection;
  /**
   * With a `store`: set only when the store already held this workspace for another owner
   * (the value is that owner, possibly `null`). The new connection has replaced it: see
   * docs/connections.md for refusing, transferring or notifying.
   */
  readonly previousOwner?: string | null;
  /**
   * With a `store`: set whenever the store already held this workspace (a reconnect, by the same
   * owner or not), to the status that connection had: `"uninstalled"` after an uninstall,
   * `"active"` for a live one replaced. Absent for a first install.
   */
  readonly previousStatus?: ConnectionStatus;
  /**
   * With a `store`: set when the store held this workspace in a row whose token could not be
   * unsealed (`SEAL_INVALID`: a key removed too early, or a sealed token copied from another
   * row). The new connection has replaced it, which repairs the row; whose it was is unknown,
   * so treat it as a possible change of owner.
   */
  readonly previousUnreadable?: true;
}

/** What `onSuccess` receives with a `store`: a {@link ConnectedWorkspace} whose `connection` is always there. */
export type StoredWorkspace<D extends StateDataOf<D> = StateData> = ConnectedWorkspace<D> & {
  readonly connection: Connection;
};

/**
 * What `owner` may return: your own key for the connection (a tenant or account id, a
 * non-empty string of at most 1,024 characters), or `null` for none.
 */
export type ConnectionOwner = string | null;

/** The third argument of {@link HandlersOptions.onError}. */
export interface HandlerErrorContext {
  /**
   * The live token, only when something failed after the exchange and it was not revoked:
   * `revokeOnFailure` is `false`, or the revoke itself failed (`revoked: false`). Store it,
   * retry, or revoke it yourself.
   */
  readonly token?: IntercomToken;
  /**
   * Only when something failed after the exchange and `revokeOnFailure` is on: whether the
   * token was revoked. `false` means the workspace may still hold an install; `token` is then set.
   */
  readonly revoked?: boolean;
}

interface HandlersBaseOptions<D extends StateDataOf<D>> {
  /**
   * Data to carry through the flow, computed from the start request (for example the
   * signed-in tenant). A JSON object; in cookie mode, at most about 2,690 bytes once serialized (the cookie
   * carries it base64url-encoded beside the state, the region and a MAC, within 3,800 bytes).
   */
  stateData?(request: Request): D | Promise<D>;
  /**
   * Called with any failure of either handler; returns the response to send.
   * Default: a plain-text 400 (502 for Intercom-side failures, 500 for `HOOK_FAILED`)
   * naming the error code. The error's message holds no secret, so it is safe to log.
   * If it throws, the handler answers a plain 500.
   */
  onError?(error: IntercomOAuthError, request: Request, context: HandlerErrorContext): Response | Promise<Response>;
  /** How long a started flow stays valid, in seconds (1 to 86,400). Default 600 (Intercom's codes last about 5 minutes). */
  ttlSeconds?: number;
  /**
   * When `getIdentity` or `onSuccess` fails after the code was exchanged, revoke the token
   * (best effort, once) before answering, so the workspace keeps no install that nobody
   * holds and the admin can simply connect again. Default `true`. Set `false` to keep the
   * token: `onError` then receives it as `context.token`.
   */
  revokeOnFailure?: boolean;
  /**
   * Receives secret-free events for logs and metrics: `connected`, `callback_failed` (with its
   * code) and `compensating_revoke` (with its outcome). Not awaited; what it throws or rejects
   * with is ignored.
   */
  onEvent?: IntercomOAuthEventListener;
  /**
   * The workspace's region, chosen at `start`: a {@link Region}, or `(request) => Region` (for
   * example the signed-in tenant's setting). Default: the client's `region`. It travels in the
   * same tamper-proof state as `stateData`, and the callback exchanges the code on that
   * region's host, so one Redirect URL serves every region. A function that returns anything
   * but `"us"`, `"eu"` or `"au"` fails `start` with `INVALID_OPTIONS`; one that throws, with
   * `HOOK_FAILED`.
   */
  region?: HandlersRegion;
}

/** Without a store: `onSuccess` gets the token and keeps it itself. */
interface NoStoreOptions<D extends StateDataOf<D>> {
  store?: undefined;
  owner?: undefined;
  successUrl?: undefined;
  /**
   * Called with the connected workspace; returns the response to send (for example a
   * redirect into your app). If it throws, the token is revoked (see `revokeOnFailure`)
   * and `onError` gets `HOOK_FAILED`.
   */
  onSuccess(result: ConnectedWorkspace<D>): Response | Promise<Response>;
}

/** The options every store-backed setup takes. */
interface StoreOptions {
  /**
   * Where the callback saves the connection (an upsert by workspace id), before `onSuccess`
   * or the redirect to `successUrl`. If it fails, the token is revoked and the callback
   * answers `HOOK_FAILED` (500).
   */
  store: ConnectionStore;
  /**
   * Your key for the connection (a tenant or account id), computed from the start request
   * beside `stateData` and carried in the same tamper-proof state. Saved as the connection's
   * `owner`. Default: `null`. It must return a non-empty string (at most 1,024 characters) or
   * `null`; anything else, or a throw, is `HOOK_FAILED`.
   */
  owner?(request: Request): ConnectionOwner | Promise<ConnectionOwner>;
}

/** With a store and `onSuccess`: the connection is saved, then `onSuccess` answers. */
interface StoreWithOnSuccessOptions<D extends StateDataOf<D>> extends StoreOptions {
  successUrl?: undefined;
  /**
   * Called once the connection is saved, with it as `connection` (and `previousOwner` when the
   * workspace changed hands); returns the response to send. If it throws, the token is
   * revoked (see `revokeOnFailure`), the saved row is marked `revoked` when that worked, and
   * `onError` gets `HOOK_FAILED`.
   */
  onSuccess(result: StoredWorkspace<D>): Response | Promise<Response>;
}

/** With a store and `successUrl`: the connection is saved, then the browser goes to `successUrl`. */
interface StoreWithSuccessUrlOptions extends StoreOptions {
  /**
   * Where to send the browser (a 303) once the connection is saved: an absolute `https:` URL,
   * or a path starting with `/` (not `//`). Checked when `handlers()` is called.
   */
  successUrl: string;
  onSuccess?: undefined;
}

/** Cookie mode (the default): the options that only it takes. */
interface CookieModeOptions {
  stateStore?: undefined;
  signingSecret?: undefined;
  /**
   * Name of the state cookie: an RFC 6265 token. Default `__Host-intercom_oauth_state`
   * (the `__Host-` prefix stops sibling subdomains from planting it).
   */
  cookieName?: string;
  /**
   * Key material for the cookie's HMAC (32+ bytes). Default: a key derived from the
   * client secret. Needed when you call `createHandlers` with your own client.
   */
  cookieSecret?: string | Uint8Array;
}

/**
 * Options for {@link createHandlers}. Pick at most one of `stateStore` and
 * `signingSecret`; with neither, the state travels in a cookie. `D` is what
 * `stateData` returns, handed back to `onSuccess` as `data`.
 *
 * Without a `store`, `onSuccess` is required and keeps the token itself. With a `store`, the
 * callback saves the connection, then calls `onSuccess`, or answers a 303 to `successUrl`:
 * pass exactly one of the two.
 *
 * - cookie (default): the state and data are set in an HMAC-authenticated, HttpOnly,
 *   Secure, SameSite=Lax `__Host-` cookie and compared with the callback's. This binds the
 *   flow to the browser that started it, which is the CSRF defence Intercom relies on (it
 *   has no PKCE), and any edit of the cookie is refused.
 * - `stateStore`: the state (and its data) is kept server-side and taken once.
 * - `signingSecret`: the state is an HMAC-signed, expiring token; no storage at all.
 *
 * **Warning:** `stateStore` and `signingSecret` modes do not tie the callback to the
 * browser that started the flow. Use them when cookies cannot work (embedded
 * webviews, cross-site setups), and bind the result to your user in `onSuccess`.
 */
export type HandlersOptions<D extends StateDataOf<D> = EmptyStateData> = HandlersBaseOptions<D> &
  (NoStoreOptions<D> | StoreWithOnSuccessOptions<D> | StoreWithSuccessUrlOptions) &
  (
    | CookieModeOptions
    | { stateStore: StateStore; signingSecret?: undefined; cookieName?: undefined; cookieSecret?: undefined }
    | { signingSecret: string | Uint8Array; stateStore?: undefined; cookieName?: undefined; cookieSecret?: undefined }
  );

/** The two handlers: mount `start` where your "Connect Intercom" button points, `callback` at your Redirect URL. */
export interface IntercomOAuthHandlers {
  /** Starts the flow: a 302 to Intercom's authorize page. */
  start(request: Request): Promise<Response>;
  /** Finishes the flow: checks state, exchanges the code, identifies the workspace, calls `onSuccess`. */
  callback(request: Request): Promise<Response>;
}
