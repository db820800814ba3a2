/**
 * The OAuth callback: Intercom sends the admin's browser back to the redirect URI with
 * `?code=…&state=…`, or with `?error=…` when the install did not happen.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { type JsonValue, verifySignedState, type VerifiedState, type VerifySignedStateOptions } from "./state.js";

/**
 * Longest authorization code accepted. Intercom's codes are a few dozen characters; a bound
 * keeps attacker-sized codes out of the exchange and of the scrubbing of its error answers.
 * @internal
 */
export const MAX_CODE_LENGTH = 1024;

/** What a callback can be read from. */
export type CallbackInput = string | URL | URLSearchParams | Request;

/** Options of {@link parseCallback}. */
export interface ParseCallbackOptions {
  /**
   * The state you issued for this browser session (from your cookie or session).
   * Required: the comparison is the flow's only CSRF defence.
   */
  readonly expectedState: string;
}

/** A successful callback. */
export interface CallbackResult {
  /**
   * The authorization code. Single-use and valid for about 5 minutes: exchange it at
   * once with `exchangeCode`. Never log it.
   */
  readonly code: string;
  /** The state Intercom returned (equal to `expectedState`). */
  readonly state: string;
}

/** A successful callback whose state was a verified signed state. */
export interface SignedCallbackResult<T = JsonValue> extends CallbackResult, VerifiedState<T> {}

const MAX_DESCRIPTION = 500;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function searchParamsOf(input: CallbackInput): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (input instanceof URL) return input.searchParams;
  if (typeof Request !== "undefined" && input instanceof Request) return new URL(input.url).searchParams;
  if (typeof input === "string") {
    if (SCHEME.test(input)) {
      try {
        return new URL(input).searchParams;
      } catch {
        // fall through: read it as a query string
      }
    }
    const hash = input.indexOf("#");
    const withoutFragment = hash === -1 ? input : input.slice(0, hash);
    // Without a "?", indexOf is -1 and slice(0) keeps the whole string: a bare query.
    return new URLSearchParams(withoutFragment.slice(withoutFragment.indexOf("?") + 1));
  }
  throw new IntercomOAuthError(
    "INVALID_OPTIONS",
    "parseCallback expects the callback as a URL string, a query string, a URL, URLSearchParams or a Request.",
    { problems: ["input must be a string, URL, URLSearchParams or Request."] },
  );
}

/** Compares without an early exit, so timing says little about where two states differ. */
function sameString(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  // Stryker disable next-line MethodExpression: Math.min gives the same results: when the lengths differ, diff already holds their non-zero XOR, and the loop only ORs more bits in
  const length = Math.max(a.length, b.length);
  // `!==`, not `<`: a `<=` would be an equivalent mutant, and its disable comment would hide `>=`.
  for (let i = 0; i !== length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

interface RawCallback {
  readonly code: string;
  readonly state: string;
}

/** Errors, code and state presence; everything but the comparison. */
function readCallback(input: CallbackInput, checkExpected: () => void): RawCallback {
  const params = searchParamsOf(input);
  const error = params.get("error");
  if (error !== null) {
    const described = params.get("error_description");
    const errorDescription = described === null ? undefined : described.slice(0, MAX_DESCRIPTION);
    if (error === "access_denied") {
      throw new IntercomOAuthError(
        "ACCESS_DENIED",
        "The admin declined the install on Intercom's consent page. Nothing to exchange; let them start again when they are ready.",
        { errorDescription },
      );
    }
    throw new IntercomOAuthError(
      "CALLBACK_ERROR",
      `Intercom sent the admin back with error "${error.slice(0, 100)}"${errorDescription === undefined ? "" : ` (${errorDescription})`}. ` +
        "Check the app's settings in Developer Hub (client id, Redirect URLs), then start the authorization again.",
      { errorDescription },
    );
  }
  checkExpected();
  const code = params.get("code");
  if (code === null || code === "") {
    throw new IntercomOAuthError(
      "CODE_MISSING",
      "The callback has no code parameter. Make sure this handler runs on the Redirect URL Intercom redirects to, with its query string intact, and start the authorization again.",
    );
  }
  if (code.length > MAX_CODE_LENGTH) {
    throw new IntercomOAuthError(
      "CALLBACK_ERROR",
      `The callback's code is ${code.length} characters long, far longer than Intercom's codes (at most ${MAX_CODE_LENGTH} are accepted), so it was not exchanged. Start the authorization again from your app.`,
    );
  }
  const state = params.get("state");
  if (state === null || state === "") {
    throw new IntercomOAuthError(
      "STATE_MISSING",
      "The callback has no state parameter, so it cannot be tied to this session. Always build the authorize URL with createAuthorizationUrl (it adds a state), and start again.",
    );
  }
  return { code, state };
}

/**
 * Reads Intercom's callback and checks its state against the one this session issued.
 *
 * Accepts the full callback URL, a path or query string (with or without `?`), a `URL`,
 * `URLSearchParams`, or a `Request` (its URL's query is read). The code is decoded once
 * and kept whole, including a trailing `=`.
 *
 * @throws IntercomOAuthError `ACCESS_DENIED` (the admin declined; see `errorDescription`),
 *   `CALLBACK_ERROR` (another `error=`), `STATE_MISSING` (no state in the callback, or no
 *   `expectedState` given), `CODE_MISSING`, `STATE_MISMATCH` (possible CSRF).
 */
export function parseCallback(input: CallbackInput, options: ParseCallbackOptions): CallbackResult {
  const expected = (options as Partial<ParseCallbackOptions> | undefined)?.expectedState;
  const result = readCallback(input, () => {
    if (typeof expected !== "string" || expected === "") {
      throw new IntercomOAuthError(
        "STATE_MISSING",
        "parseCallback got no expectedState. Pass the state you stored when you built the authorize URL; " +
          "if it comes from a cookie or session, that cookie may have expired or the callback opened in another browser: start the authorization again.",
      );
    }
  });
  if (!sameString(result.state, expected as string)) {
    throw new IntercomOAuthError(
      "STATE_MISMATCH",
      "The callback's state does not match the state issued to this browser session, so the callback may be forged (CSRF). " +
        "Do not exchange the code; start the authorization again from this browser.",
    );
  }
  return Object.freeze({ code: result.code, state: result.state });
}

/**
 * {@link parseCallback} for cookie-less flows: the state is checked with
 * {@link verifySignedState} instead of compared with a stored value.
 *
 * @throws IntercomOAuthError the codes of {@link parseCallback}, plus `STATE_INVALID` and `STATE_EXPIRED`.
 */
export async function parseSignedCallback<T = JsonValue>(
  input: CallbackInput,
  options: VerifySignedStateOptions,
): Promise<SignedCallbackResult<T>> {
  const result = readCallback(input, () => {});
  const verified = await verifySignedState<T>(result.state, options);
  return Object.freeze({ code: result.code, state: result.state, ...verified });
}
