/**
 * Checks every option of `handlers()` when it is called, so that a bad option fails at
 * start-up rather than on each request.
 *
 * @module
 */

import type { Exactly } from "../exactly.js";
import { IntercomOAuthError } from "../errors.js";
import { isRegion } from "../regions.js";
import type { HandlersOptions, StateData } from "./handlers-types.js";
import { MAX_TTL_SECONDS, secretBytes } from "./state.js";
import { DEFAULT_COOKIE_NAME, deriveCookieKey, isCookieName } from "./state-cookie.js";

/** Where the state lives. @internal */
export type HandlersMode = "cookie" | "store" | "signed";

/** The checked settings the handlers run on. @internal */
export interface CheckedHandlersOptions {
  readonly mode: HandlersMode;
  /** The successUrl, checked; `undefined` when `onSuccess` answers. */
  readonly successUrl: string | undefined;
  readonly ttlSeconds: number;
  readonly cookieName: string;
  /** The cookie's HMAC key, derived on first use (cookie mode only). */
  readonly cookieKey: () => Promise<CryptoKey>;
}

const isFunction = (value: unknown) => typeof value === "function";

/** Every option name of {@link HandlersOptions}, in any of its modes. */
type OptionName = HandlersOptions<StateData> extends infer O ? (O extends unknown ? keyof O : never) : never;
/**
 * The options checked below, tied to {@link HandlersOptions} at compile time: when the two
 * lists differ this type is `never`, and every `options.x` below fails to type-check until the
 * new option's check is written (or the removed one's dropped).
 */
type Checked = Exactly<
  | "onSuccess"
  | "onError"
  | "stateData"
  | "ttlSeconds"
  | "revokeOnFailure"
  | "stateStore"
  | "signingSecret"
  | "cookieName"
  | "cookieSecret"
  | "store"
  | "owner"
  | "successUrl"
  | "onEvent"
  | "region",
  OptionName
>;

/** The longest `successUrl`, as for Redirect URLs. */
const MAX_SUCCESS_URL_LENGTH = 2048;
const STORE_METHODS = ["save", "get", "listByOwner", "setStatus", "delete", "list", "reseal"] as const;

/**
 * Whether `url` is a safe place to send the browser after a connection: an absolute `https:`
 * URL, or a same-origin path. `//host` and `/\host` are other hosts to a browser, and
 * whitespace, control or non-ASCII characters could split, hide or break the `Location`
 * header, so they are refused (percent-encode them).
 * @internal
 */
export function isSuccessUrl(url: unknown): url is string {
  if (typeof url !== "string" || url.length === 0 || url.length > MAX_SUCCESS_URL_LENGTH) return false;
  // Printable ASCII only: a header cannot hold the rest, and the answer is built after the exchange.
  if (/[^\x21-\x7e]|\\/.test(url)) return false;
  if (url.startsWith("/")) return !url.startsWith("//");
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.host !== "" && parsed.username === "" && parsed.password === "";
  } catch {
    return false;
  }
}

function problemOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * @throws IntercomOAuthError `INVALID_OPTIONS` listing every problem found.
 * @internal
 */
export function checkHandlersOptions(
  input: unknown,
  clientCookieKey: (() => Promise<CryptoKey>) | undefined,
): CheckedHandlersOptions {
  const options = (typeof input === "object" && input !== null ? input : {}) as { readonly [K in Checked]?: unknown };
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  if (options !== input) problems.push("handlers() expects an options object with at least onSuccess.");
  const { store, successUrl } = options;
  const hasStore = store !== undefined;
  if (hasStore) {
    const methods = store as Record<string, unknown> | null;
    need(
      typeof methods === "object" && methods !== null && STORE_METHODS.every((name) => isFunction(methods[name])),
      `store must be a ConnectionStore (an object with ${STORE_METHODS.join(", ")}), such as one from intercom-oauth/connections.`,
    );
    need(
      (options.onSuccess === undefined) !== (successUrl === undefined),
      "With a store, pass exactly one of onSuccess (to answer yourself) and successUrl (to redirect there).",
    );
  } else {
    need(
      successUrl === undefined,
      "successUrl needs a store: without one, the token would be dropped. Pass a store, or keep the token in onSuccess.",
    );
    need(
      options.owner === undefined,
      "owner needs a store (it becomes the saved connection's owner); without one, carry your tenant in stateData.",
    );
    need(options.onSuccess !== undefined, "onSuccess is required without a store: it is where the token is kept.");
  }
  need(
    successUrl === undefined || isSuccessUrl(successUrl),
    'successUrl must be an absolute https: URL or a path starting with "/" (not "//"), in printable ASCII (percent-encode the rest), without spaces or backslashes.',
  );
  need(
    options.onSuccess === undefined || isFunction(options.onSuccess),
    "onSuccess must be a function that returns a Response.",
  );
  for (const name of ["onError", "stateData", "owner", "onEvent"] as const) {
    need(options[name] === undefined || isFunction(options[name]), `${name} must be a function when given.`);
  }
  need(
    options.region === undefined || isRegion(options.region) || isFunction(options.region),
    'region must be "us", "eu" or "au", or a function of the start request that returns one.',
  );
  const ttlSeconds = options.ttlSeconds ?? 600;
  need(
    Number.isInteger(ttlSeconds) && (ttlSeconds as number) >= 1 && (ttlSeconds as number) <= MAX_TTL_SECONDS,
    `ttlSeconds must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}; 600 (ten minutes) suits most flows.`,
  );
  need(
    options.revokeOnFailure === undefined || typeof options.revokeOnFailure === "boolean",
    "revokeOnFailure must be true or false.",
  );
  const { stateStore, signingSecret, cookieName, cookieSecret } = options;
  const mode: HandlersMode = stateStore !== undefined ? "store" : signingSecret !== undefined ? "signed" : "cookie";
  need(stateStore === undefined || signingSecret === undefined, "Pass either stateStore or signingSecret, not both.");
  if (stateStore !== undefined) {
    const store = stateStore as Record<string, unknown> | null;
    need(
      typeof store === "object" && store !== null && isFunction(store.set) && isFunction(store.take),
      "stateStore must be an object with set(state, data, ttlSeconds) and take(state) functions.",
    );
  }
  if (signingSecret !== undefined) {
    const problem = problemOf(() => secretBytes(signingSecret, "signingSecret"));
    if (problem !== undefined) problems.push(problem);
  }
  if (mode === "cookie") {
    need(
      cookieName === undefined || isCookieName(cookieName),
      "cookieName must be a cookie-name token (letters, digits and !#$%&'*+-.^_`|~; no spaces, ;, = or quotes).",
    );
    if (cookieSecret !== undefined) {
      const problem = problemOf(() => secretBytes(cookieSecret, "cookieSecret"));
      if (problem !== undefined) problems.push(problem);
    } else {
      need(
        clientCookieKey !== undefined,
        "cookieSecret is required in cookie mode when createHandlers gets your own client; intercom.handlers() derives it from the client secret.",
      );
    }
  } else {
    for (const name of ["cookieName", "cookieSecret"] as const) {
      need(
        options[name] === undefined,
        `${name} applies to cookie mode only; remove it, or drop ${mode === "store" ? "stateStore" : "signingSecret"}.`,
      );
    }
  }
  if (problems.length > 0) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `Invalid options for handlers():\n- ${problems.join("\n- ")}\nFix the options listed above.`,
      { problems },
    );
  }
  let derived: Promise<CryptoKey> | undefined;
  const cookieKey =
    cookieSecret === undefined
      ? (clientCookieKey as () => Promise<CryptoKey>)
      : () => (derived ??= deriveCookieKey(cookieSecret as string | Uint8Array));
  return {
    mode,
    successUrl: successUrl as string | undefined,
    ttlSeconds: ttlSeconds as number,
    cookieName: (cookieName as string) ?? DEFAULT_COOKIE_NAME,
    cookieKey,
  };
}
