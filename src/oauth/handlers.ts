/**
 * Web-standard request handlers: `(request: Request) => Promise<Response>` for the
 * two ends of the flow, usable in Node 20+ (behind node:http or any framework that
 * speaks `Request`/`Response`), Bun, Deno and Workers.
 *
 * @module
 */

import type { Connection, ConnectionStore } from "../connection.js";
import { IntercomOAuthError, isIntercomOAuthError } from "../errors.js";
import { isRegion, requireRegion, type Region } from "../regions.js";
import { emit } from "../emit.js";
import { newConnection, replacedBy, viewOf, type Replaced } from "./handlers-connection.js";
import { checkHandlersOptions } from "./handlers-options.js";
import { type Carried, ownerProblem, pack, unpack } from "./handlers-state.js";
import { safeCause } from "../safe-cause.js";
import { createSignedState, createState, verifySignedState } from "./state.js";
import { openStateCookie, readCookie, sealStateCookie, stateCookieHeader } from "./state-cookie.js";
import type {
  ConnectedWorkspace,
  ConnectionOwner,
  EmptyStateData,
  HandlerErrorContext,
  HandlersClient,
  HandlersOptions,
  HandlersRegion,
  IntercomOAuthHandlers,
  StateData,
  StateDataOf,
  StateStore,
  StoredWorkspace,
} from "./handlers-types.js";
import type { IntercomToken } from "./token.js";

export type {
  ConnectedWorkspace,
  ConnectionOwner,
  EmptyStateData,
  HandlerErrorContext,
  HandlersClient,
  HandlersOptions,
  HandlersRegion,
  IntercomOAuthHandlers,
  JsonShape,
  StateData,
  StateDataOf,
  StateStore,
  StoredWorkspace,
} from "./handlers-types.js";

type Hook =
  | "stateData"
  | "owner"
  | "region"
  | "stateStore.set"
  | "stateStore.take"
  | "store.get"
  | "store.save"
  | "onSuccess";
/** The hooks that run after the code exchange, when a failure revokes the token. */
const AFTER_EXCHANGE: ReadonlySet<Hook> = new Set(["store.get", "store.save", "onSuccess"]);

const TEXT_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};
const MAX_ECHOED_DESCRIPTION = 200;
const MAX_ECHOED_MESSAGE = 600;

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function defaultOnError(error: IntercomOAuthError): Response {
  const intercomSide = error.status !== undefined || error.code === "NETWORK_ERROR" || error.code === "TIMEOUT";
  const status = error.code === "HOOK_FAILED" ? 500 : intercomSide ? 502 : 400;
  // The callback's error_description is attacker-chosen text: echo only a short, single-line piece.
  let message = error.message;
  const description = error.errorDescription;
  if (description !== undefined && description.length > MAX_ECHOED_DESCRIPTION) {
    message = message.replace(description, bounded(description, MAX_ECHOED_DESCRIPTION));
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  message = bounded(message, MAX_ECHOED_MESSAGE).replace(/[\u0000-\u001f\u007f]+/g, " ");
  return new Response(`Connecting Intercom failed (${error.code}): ${message}\n`, { status, headers: TEXT_HEADERS });
}

function internalError(): Response {
  return new Response("Connecting Intercom failed: internal error.\n", { status: 500, headers: TEXT_HEADERS });
}

function hookFailed(hook: Hook, cause: unknown, secrets: readonly string[]): IntercomOAuthError {
  // The hook's own message may hold anything (a database URL, a password): keep it out of ours.
  const what = hook.startsWith("store.")
    ? `Your connection store's ${hook.slice(6)}() failed`
    : `Your ${hook} hook threw`;
  const after = AFTER_EXCHANGE.has(hook)
    ? " after the code exchange. The token is revoked (best effort, once) unless revokeOnFailure is false; onError's context says whether that worked"
    : "";
  return new IntercomOAuthError(
    "HOOK_FAILED",
    `${what}${after}. Fix the ${hook.startsWith("store.") ? "store" : "hook"} (a secret-free copy of its error is the cause), then connect again.`,
    { cause: safeCause(cause, secrets) },
  );
}

async function runHook<T>(hook: Hook, secrets: readonly string[], run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw hookFailed(hook, error, secrets);
  }
}

function toOAuthError(error: unknown, secrets: readonly string[]): IntercomOAuthError {
  if (isIntercomOAuthError(error)) return error;
  // Only a custom HandlersClient can get here: the SDK's own functions throw IntercomOAuthError.
  return new IntercomOAuthError(
    "HOOK_FAILED",
    "The handlers' client threw an error that is not an IntercomOAuthError. Check your HandlersClient; a secret-free copy of the original error is the cause.",
    { cause: safeCause(error, secrets) },
  );
}

/** Whether a hook gave back something usable as a response (checked by shape: frameworks bring their own Response). */
function isResponse(value: unknown): value is Response {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Response).status === "number" &&
    typeof (value as Response).headers === "object" &&
    (value as Response).headers !== null
  );
}

function stateWithoutRegion(): IntercomOAuthError {
  return new IntercomOAuthError(
    "STATE_INVALID",
    "The state carries no region (an older version started the flow). Start the connection again.",
  );
}

/** `{ region }` for a client call, or nothing, for a client without regions. */
function inRegion(region: Region | undefined): { region?: Region } {
  return region === undefined ? {} : { region };
}

function isPlainObject(value: unknown): value is StateData {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalidOptions(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

/**
 * Builds the two web-standard handlers of the OAuth flow on top of a client.
 * Usually reached as `createIntercomOAuth(…).handlers(options)`, which derives the
 * state cookie's key from the client secret; called directly with your own client,
 * cookie mode needs `cookieSecret`.
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
 * @throws IntercomOAuthError `INVALID_OPTIONS` listing every bad option (`problems`).
 * @see https://datatracker.ietf.org/doc/html/rfc6749#section-10.12 (CSRF and the state parameter)
 */
export function createHandlers<D extends StateDataOf<D> = EmptyStateData>(
  client: HandlersClient,
  options: HandlersOptions<D>,
): IntercomOAuthHandlers {
  return buildHandlers(client, options, undefined);
}

/**
 * {@link createHandlers}, with the cookie key a client derives from its secret.
 * @internal
 */
export function buildHandlers<D extends StateDataOf<D>>(
  client: HandlersClient,
  options: HandlersOptions<D>,
  clientCookieKey: (() => Promise<CryptoKey>) | undefined,
  clientSecret?: string,
): IntercomOAuthHandlers {
  const { mode, ttlSeconds, cookieName, cookieKey, successUrl } = checkHandlersOptions(options, clientCookieKey);
  if (typeof client?.revokeToken !== "function") {
    throw invalidOptions(
      "The handlers' client has no revokeToken function: it is needed to revoke a token when something fails after the exchange.",
    );
  }
  const connections = options.store as ConnectionStore | undefined;
  const onEvent = options.onEvent;
  const chooseRegion = options.region as HandlersRegion | undefined;
  // The region of a flow whose start chose none: the handlers' own, else the client's.
  const defaultRegion = isRegion(chooseRegion) ? chooseRegion : isRegion(client.region) ? client.region : undefined;
  const needsRegion = connections !== undefined || onEvent !== undefined;
  if (needsRegion && defaultRegion === undefined && typeof chooseRegion !== "function") {
    throw invalidOptions(
      'The handlers\' client has no region ("us", "eu" or "au"): with a store or onEvent it is the connection\'s region. Set region on your HandlersClient, or pass handlers({ region }).',
    );
  }
  const baseSecrets: readonly string[] = clientSecret === undefined ? [] : [clientSecret];
  const signingSecret = options.signingSecret as string | Uint8Array;
  const stateStore = options.stateStore as StateStore;
  const onError = options.onError ?? defaultOnError;
  const revokeOnFailure = options.revokeOnFailure ?? true;
  const onSuccess = options.onSuccess as ((result: ConnectedWorkspace<D>) => Response | Promise<Response>) | undefined;

  /** Revokes the token after a failure that followed the exchange, once; whether it worked. */
  async function compensate(
    token: IntercomToken,
    code: IntercomOAuthError["code"],
    saved: Connection | undefined,
    region: Region | undefined,
  ) {
    // No request signal: the browser leaving must not stop the clean-up.
    const revoked = await Promise.resolve()
      .then(() => client.revokeToken(token.accessToken, inRegion(region)))
      .then(
        () => true,
        () => false,
      );
    emit(onEvent, { type: "compensating_revoke", revoked, code });
    if (revoked && saved !== undefined && connections !== undefined) {
      // The saved row now holds a dead token: say so, best effort (the uninstall webhook would too).
      await Promise.resolve()
        .then(() => connections.setStatus(saved.workspaceId, "revoked"))
        .catch(() => undefined);
    }
    return revoked;
  }

  async function fail(
    error: unknown,
    request: Request,
    secrets: readonly string[],
    callback?: { token: IntercomToken | undefined; saved: Connection | undefined; region?: Region | undefined },
  ): Promise<Response> {
    const oauthError = toOAuthError(error, secrets);
    let context: HandlerErrorContext = {};
    const token = callback?.token;
    if (token !== undefined) {
      if (revokeOnFailure) {
        const revoked = await compensate(token, oauthError.code, callback?.saved, callback?.region);
        context = revoked ? { revoked } : { revoked, token };
      } else {
        context = { token };
      }
    }
    if (callback !== undefined) emit(onEvent, { type: "callback_failed", code: oauthError.code });
    try {
      const response = await onError(oauthError, request, Object.freeze(context));
      return isResponse(response) ? response : internalError();
    } catch {
      return internalError();
    }
  }

  async function ownerFrom(request: Request): Promise<string | null> {
    if (options.owner === undefined) return null;
    const ownerOf = options.owner as (request: Request) => ConnectionOwner | Promise<ConnectionOwner>;
    const value: unknown = await runHook("owner", baseSecrets, () => ownerOf(request));
    const problem = ownerProblem(value);
    if (problem !== undefined) {
      throw hookFailed("owner", new TypeError(`${problem}; it must return a non-empty string or null.`), []);
    }
    return value as string | null;
  }

  async function carriedBy(request: Request): Promise<Carried> {
    let data: StateData = {};
    if (options.stateData !== undefined) {
      const stateData = options.stateData;
      data = (await runHook("stateData", baseSecrets, () => stateData(request))) as unknown as StateData;
      if (!isPlainObject(data))
        throw invalidOptions('stateData must return a JSON object, such as { tenantId: "t_42" }.');
    }
    const owner = await ownerFrom(request);
    return { data, owner, region: await regionFor(request) };
  }

  /** The region `start` chooses: the handlers' `region` (or its answer for this request), else the client's. */
  async function regionFor(request: Request): Promise<Region | undefined> {
    if (typeof chooseRegion !== "function") return defaultRegion;
    const chosen: unknown = await runHook("region", baseSecrets, () => chooseRegion(request));
    return requireRegion(chosen, "start: the handlers' region function returned");
  }

  /**
   * Outside cookie mode the state is not tied to the browser: whoever holds the authorize URL
   * can finish the flow. So the owner is asked again of the callback request, and must match,
   * or a tenant could send its link to another workspace's admin and take that workspace.
   */
  async function checkOwnerAgain(request: Request, carried: string | null): Promise<void> {
    if (mode === "cookie" || options.owner === undefined) return;
    if ((await ownerFrom(request)) === carried) return;
    throw new IntercomOAuthError(
      "STATE_MISMATCH",
      "The callback came back for another owner than the one that started the flow (in stateStore and signingSecret modes, owner() runs again on the callback and must return the same value). No code was exchanged. Start the connection again while signed in to the account that should own it.",
    );
  }

  async function start(request: Request): Promise<Response> {
    try {
      const carried = await carriedBy(request);
      const headers = new Headers({ "cache-control": "no-store" });
      let state: string;
      if (mode === "signed") {
        state = await createSignedState({ secret: signingSecret, ttlSeconds, data: pack(carried) });
      } else {
        state = createState();
        if (mode === "store") {
          await runHook("stateStore.set", baseSecrets, () => stateStore.set(state, pack(carried), ttlSeconds));
        } else {
          const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
          const value = await sealStateCookie(await cookieKey(), cookieName, { state, ...carried }, expires);
          headers.append("set-cookie", stateCookieHeader(cookieName, value, ttlSeconds));
        }
      }
      headers.set("location", client.createAuthorizationUrl({ state, ...inRegion(carried.region) }).url.href);
      return new Response(null, { status: 302, headers });
    } catch (error) {
      return fail(error, request, baseSecrets);
    }
  }

  async function expected(request: Request, received: string | null): Promise<{ state: string } & Carried> {
    if (mode === "signed") {
      if (!received) return { state: "", data: {}, owner: null };
      const verified = await verifySignedState(received, { secret: signingSecret });
      return { state: received, ...unpack(verified.data, "signed") };
    }
    if (mode === "store") {
      const value = received
        ? await runHook("stateStore.take", baseSecrets, () => stateStore.take(received))
        : undefined;
      if (!received) return { state: "", data: {}, owner: null };
      if (value === undefined) {
        throw new IntercomOAuthError(
          "STATE_MISMATCH",
          "The callback's state is unknown, expired or already used. Start the connection again from your app.",
        );
      }
      return { state: received, ...unpack(value, "store") };
    }
    const raw = readCookie(request, cookieName);
    if (raw === undefined) {
      throw new IntercomOAuthError(
        "STATE_MISSING",
        `The state cookie "${cookieName}" is missing: the flow was not started in this browser, or it expired. Start the connection again.`,
      );
    }
    return openStateCookie(await cookieKey(), cookieName, raw, Date.now() / 1000);
  }

  /** Saves the connection: what it replaced is read first, to report a change of owner. */
  async function save(connection: Connection, secrets: readonly string[]): Promise<Replaced> {
    const store = connections as ConnectionStore;
    let previous: Connection | null;
    try {
      previous = (await store.get(connection.workspaceId)) ?? null;
    } catch (error) {
      // A row that cannot be unsealed (a lost key, a copied seal) is repaired by this save:
      // refusing would leave the workspace unable to reconnect, and revoke each new token.
      if (!isIntercomOAuthError(error, "SEAL_INVALID")) throw hookFailed("store.get", error, secrets);
      await runHook("store.save", secrets, () => store.save(connection));
      return { previousUnreadable: true };
    }
    await runHook("store.save", secrets, () => store.save(connection));
    return replacedBy(previous, connection.owner);
  }

  async function callback(request: Request): Promise<Response> {
    let response: Response;
    const progress: { token: IntercomToken | undefined; saved: Connection | undefined; region?: Region | undefined } = {
      token: undefined,
      saved: undefined,
    };
    const secrets = [...baseSecrets];
    try {
      const carried = await expected(request, new URL(request.url).searchParams.get("state"));
      const { state, data, owner } = carried;
      const { code } = client.parseCallback(request, { expectedState: state });
      await checkOwnerAgain(request, owner);
      // The region start chose, authenticated with the state: the code is only good on its host.
      const region = carried.region ?? defaultRegion;
      if (region === undefined && needsRegion) throw stateWithoutRegion();
      progress.region = region;
      secrets.push(code);
      // No request signal: a browser that leaves mid-exchange must not strand a token Intercom issued.
      const token = await client.exchangeCode(code, inRegion(region));
      progress.token = token;
      secrets.push(token.accessToken);
      const identity = await client.getIdentity(token.accessToken, { signal: request.signal, ...inRegion(region) });
      let replaced: Replaced = {};
      let result: ConnectedWorkspace<D> = { token, identity, data: data as D, request };
      if (connections !== undefined) {
        // The host the token was issued on, which is where every later call must go.
        const connection = newConnection(token, identity, region as Region, owner);
        replaced = await save(connection, secrets);
        progress.saved = connection;
        result = { ...result, connection: viewOf(connection), ...replaced } satisfies StoredWorkspace<D>;
      }
      if (onSuccess === undefined) {
        response = new Response(null, {
          status: 303,
          headers: { location: successUrl as string, "cache-control": "no-store" },
        });
      } else {
        const answer = await runHook("onSuccess", secrets, () => onSuccess(Object.freeze(result)));
        if (!isResponse(answer)) {
          throw hookFailed("onSuccess", new TypeError("onSuccess did not return a Response."), []);
        }
        response = answer;
      }
      if (onEvent !== undefined) {
        emit(onEvent, {
          type: "connected",
          workspaceId: identity.workspace.id,
          region: region as Region,
          owner: connections === undefined ? null : owner,
          ...("previousOwner" in replaced ? { previousOwner: replaced.previousOwner ?? null } : {}),
        });
      }
    } catch (error) {
      response = await fail(error, request, secrets, progress);
    }
    if (mode !== "cookie") return response;
    try {
      // Responses from Response.redirect() have immutable headers; copy into a fresh one.
      const headers = new Headers(response.headers);
      headers.append("set-cookie", stateCookieHeader(cookieName, "", 0));
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    } catch {
      return internalError();
    }
  }

  return { start, callback };
}
