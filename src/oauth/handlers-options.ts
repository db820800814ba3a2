/**
 * Checks every option of `handlers()` when it is called, so that a bad option fails at
 * start-up rather than on each request.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import type { HandlersOptions, StateData } from "./handlers-types.js";
import { MAX_TTL_SECONDS, secretBytes } from "./state.js";
import { DEFAULT_COOKIE_NAME, deriveCookieKey, isCookieName } from "./state-cookie.js";

/** Where the state lives. @internal */
export type HandlersMode = "cookie" | "store" | "signed";

/** The checked settings the handlers run on. @internal */
export interface CheckedHandlersOptions {
  readonly mode: HandlersMode;
  readonly ttlSeconds: number;
  readonly cookieName: string;
  /** The cookie's HMAC key, derived on first use (cookie mode only). */
  readonly cookieKey: () => Promise<CryptoKey>;
}

const isFunction = (value: unknown) => typeof value === "function";

/** Every option name of {@link HandlersOptions}, in any of its modes. */
type OptionName = HandlersOptions<StateData> extends infer O ? (O extends unknown ? keyof O : never) : never;
type Exactly<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? A : never;
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
  | "cookieSecret",
  OptionName
>;

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
  need(isFunction(options.onSuccess), "onSuccess must be a function that returns a Response.");
  for (const name of ["onError", "stateData"] as const) {
    need(options[name] === undefined || isFunction(options[name]), `${name} must be a function when given.`);
  }
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
    ttlSeconds: ttlSeconds as number,
    cookieName: (cookieName as string) ?? DEFAULT_COOKIE_NAME,
    cookieKey,
  };
}
