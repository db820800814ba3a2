/**
 * Web-standard request handlers: `(request: Request) => Promise<Response>` for the
 * two ends of the flow, usable in Node 20+ (behind node:http or any framework that
 * speaks `Request`/`Response`), Bun, Deno and Workers.
 *
 * @module
 */

import { IntercomOAuthError, isIntercomOAuthError } from "../errors.js";
import { scrubber } from "../redact.js";
import { checkHandlersOptions } from "./handlers-options.js";
import { createSignedState, createState, verifySignedState } from "./state.js";
import { openStateCookie, readCookie, sealStateCookie, stateCookieHeader } from "./state-cookie.js";
import type {
  EmptyStateData,
  HandlerErrorContext,
  HandlersClient,
  HandlersOptions,
  IntercomOAuthHandlers,
  StateData,
  StateDataOf,
  StateStore,
} from "./handlers-types.js";
import type { IntercomToken } from "./token.js";

export type {
  ConnectedWorkspace,
  EmptyStateData,
  HandlerErrorContext,
  HandlersClient,
  HandlersOptions,
  IntercomOAuthHandlers,
  JsonShape,
  StateData,
  StateDataOf,
  StateStore,
} from "./handlers-types.js";

type Hook = "stateData" | "stateStore.set" | "stateStore.take" | "onSuccess";

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

/**
 * A copy of what a hook or a custom client threw, safe to log: its name, message and stack
 * with the client secret, the code and the token removed (your code may have put them there).
 */
function safeCause(error: unknown, secrets: readonly string[]): Error {
  const clean = scrubber(secrets);
  let name = "Error";
  let message = "";
  let stack: string | undefined;
  try {
    if (error instanceof Error) {
      name = String(error.name);
      message = String(error.message);
      stack = typeof error.stack === "string" ? error.stack : undefined;
    } else {
      name = typeof error;
      message = String(error);
    }
  } catch {
    message = "(the thrown value could not be read)";
  }
  const copy = new Error(clean(message));
  copy.name = clean(name);
  if (stack !== undefined) copy.stack = clean(stack);
  return copy;
}

function hookFailed(hook: Hook, cause: unknown, secrets: readonly string[]): IntercomOAuthError {
  // The hook's own message may hold anything (a database URL, a password): keep it out of ours.
  const after =
    hook === "onSuccess"
      ? " after the code exchange. The token is revoked (best effort, once) unless revokeOnFailure is false; onError's context says whether that worked"
      : "";
  return new IntercomOAuthError(
    "HOOK_FAILED",
    `Your ${hook} hook threw${after}. Fix the hook (a secret-free copy of its error is the cause), then connect again.`,
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

function isPlainObject(value: unknown): value is StateData {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
  const { mode, ttlSeconds, cookieName, cookieKey } = checkHandlersOptions(options, clientCookieKey);
  if (typeof client?.revokeToken !== "function") {
    const message =
      "The handlers' client has no revokeToken function: it is needed to revoke a token when something fails after the exchange.";
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  const baseSecrets: readonly string[] = clientSecret === undefined ? [] : [clientSecret];
  const signingSecret = options.signingSecret as string | Uint8Array;
  const store = options.stateStore as StateStore;
  const onError = options.onError ?? defaultOnError;
  const revokeOnFailure = options.revokeOnFailure ?? true;

  async function fail(
    error: unknown,
    request: Request,
    secrets: readonly string[],
    token?: IntercomToken,
  ): Promise<Response> {
    let context: HandlerErrorContext = {};
    if (token !== undefined) {
      if (revokeOnFailure) {
        // No request signal: the browser leaving must not stop the clean-up.
        const revoked = await Promise.resolve()
          .then(() => client.revokeToken(token.accessToken))
          .then(
            () => true,
            () => false,
          );
        context = revoked ? { revoked } : { revoked, token };
      } else {
        context = { token };
      }
    }
    try {
      const response = await onError(toOAuthError(error, secrets), request, Object.freeze(context));
      return isResponse(response) ? response : internalError();
    } catch {
      return internalError();
    }
  }

  async function start(request: Request): Promise<Response> {
    try {
      let data: StateData = {};
      if (options.stateData !== undefined) {
        const stateData = options.stateData;
        data = (await runHook("stateData", baseSecrets, () => stateData(request))) as unknown as StateData;
        if (!isPlainObject(data)) {
          const message = 'stateData must return a JSON object, such as { tenantId: "t_42" }.';
          throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
        }
      }
      const headers = new Headers({ "cache-control": "no-store" });
      let state: string;
      if (mode === "signed") {
        state = await createSignedState({ secret: signingSecret, ttlSeconds, data });
      } else {
        state = createState();
        if (mode === "store") {
          await runHook("stateStore.set", baseSecrets, () => store.set(state, data, ttlSeconds));
        } else {
          const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
          const value = await sealStateCookie(await cookieKey(), cookieName, { state, data }, expires);
          headers.append("set-cookie", stateCookieHeader(cookieName, value, ttlSeconds));
        }
      }
      headers.set("location", client.createAuthorizationUrl({ state }).url.href);
      return new Response(null, { status: 302, headers });
    } catch (error) {
      return fail(error, request, baseSecrets);
    }
  }

  async function expected(request: Request, received: string | null): Promise<{ state: string; data: StateData }> {
    if (mode === "signed") {
      if (!received) return { state: "", data: {} };
      const verified = await verifySignedState(received, { secret: signingSecret });
      return { state: received, data: (verified.data ?? {}) as StateData };
    }
    if (mode === "store") {
      const data = received ? await runHook("stateStore.take", baseSecrets, () => store.take(received)) : undefined;
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
    return openStateCookie(await cookieKey(), cookieName, raw, Date.now() / 1000);
  }

  async function callback(request: Request): Promise<Response> {
    let response: Response;
    let token: IntercomToken | undefined;
    const secrets = [...baseSecrets];
    try {
      const { state, data } = await expected(request, new URL(request.url).searchParams.get("state"));
      const { code } = client.parseCallback(request, { expectedState: state });
      secrets.push(code);
      // No request signal: a browser that leaves mid-exchange must not strand a token Intercom issued.
      token = await client.exchangeCode(code);
      secrets.push(token.accessToken);
      const identity = await client.getIdentity(token.accessToken, { signal: request.signal });
      const result = { token, identity, data: data as D, request };
      const answer = await runHook("onSuccess", secrets, () => options.onSuccess(result));
      if (!isResponse(answer)) throw hookFailed("onSuccess", new TypeError("onSuccess did not return a Response."), []);
      response = answer;
    } catch (error) {
      response = await fail(error, request, secrets, token);
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
