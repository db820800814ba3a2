/**
 * The one error family of intercom-oauth.
 *
 * Every failure the SDK reports is an {@link IntercomOAuthError} with a stable
 * {@link IntercomOAuthErrorCode}. Messages say what went wrong and how to fix it,
 * and never contain a client secret, an authorization code or an access token.
 *
 * @module
 */

/**
 * What each error code means, in one line. The keys are the stable `code` strings;
 * `docs/errors.md` is checked against this table by the test suite.
 */
export const ERROR_CODES = {
  UNKNOWN_SCOPE: "A scope id or Developer Hub label is not one of Intercom's permissions.",
  INVALID_SCOPE_SPEC: "A scope spec is not a preset name, a list of ids, or { preset, add, remove }.",
  INVALID_OPTIONS: "Options passed to an SDK function are missing or malformed.",
  INVALID_CONFIG: "A partner-credentials config file could not be read, parsed or validated.",
  ACCESS_DENIED: "The admin declined the install on Intercom's consent page (callback carried error=access_denied).",
  CALLBACK_ERROR: "The OAuth callback carried an error other than access_denied.",
  CODE_MISSING: "The OAuth callback has no `code` parameter.",
  STATE_MISSING: "The OAuth callback, or the expected value it is checked against, has no `state`.",
  STATE_MISMATCH: "The callback's `state` does not equal the one this session issued (possible CSRF).",
  STATE_EXPIRED: "A signed state or the handlers' state cookie is older than its time-to-live.",
  STATE_INVALID:
    "A signed state or the handlers' state cookie is malformed, tampered with, signed with another secret, or issued in the future.",
  INVALID_GRANT: "Intercom refused the authorization code: wrong, already used, or expired.",
  INVALID_CLIENT: "Intercom refused the client credentials (client id or secret).",
  UNAUTHORIZED: "Intercom refused the access token: invalid, revoked, blocked or suspended.",
  FORBIDDEN: "The access token lacks a permission (scope) the endpoint needs.",
  RATE_LIMITED: "Intercom answered 429: too many requests. See `retryAfterMs`.",
  SERVER_ERROR: "Intercom answered with a 5xx status.",
  API_ERROR: "Intercom answered with an unexpected 4xx status (for example a bad Intercom-Version).",
  TIMEOUT: "A request to Intercom took longer than `timeoutMs`.",
  ABORTED: "The caller's AbortSignal cancelled the request.",
  NETWORK_ERROR: "The request did not reach Intercom (DNS, connection refused, TLS, reset).",
  INVALID_RESPONSE: "Intercom's answer was not the JSON the SDK expects (HTML error page, bad JSON, wrong shape).",
  HOOK_FAILED:
    "A hook given to handlers() (stateData, owner, stateStore.set/take, store.get/save, onSuccess) failed; a secret-free copy of its error is the `cause`.",
  SIGNATURE_MISSING:
    "A request said to come from Intercom carries no signature header (X-Hub-Signature or X-Body-Signature).",
  SIGNATURE_INVALID:
    "A request said to come from Intercom has a signature that is malformed or does not match its body, or a body over the cap.",
  WEBHOOK_INVALID: "A verified request from Intercom carries a body that is not the JSON its endpoint expects.",
  SEAL_INVALID:
    "A sealed token cannot be opened: tampered with, sealed for another workspace, malformed, or sealed with an unknown key.",
  STORE_FAILED: "The connection store (its database) failed; the original error is the `cause`.",
} as const satisfies Record<string, string>;

/**
 * The stable `code` of an {@link IntercomOAuthError}. New codes may be added in
 * minor versions; existing ones keep their meaning.
 *
 * @see docs/errors.md for each code's causes and fixes.
 */
export type IntercomOAuthErrorCode = keyof typeof ERROR_CODES;

/** One entry of Intercom's `error.list` envelope, or the RFC 6749 pair mapped onto it. */
export interface IntercomApiErrorEntry {
  /** Intercom's machine code, for example `token_revoked` or `unauthorized`. */
  readonly code: string;
  /** Intercom's human message, for example `Access Token Invalid`. */
  readonly message?: string;
  /** The request field the error is about, when Intercom names one. */
  readonly field?: string;
}

/** Extra, optional facts an {@link IntercomOAuthError} can carry. */
export interface IntercomOAuthErrorDetails {
  /**
   * The underlying error. Never an object of the SDK's that holds a secret; for
   * `HOOK_FAILED`, the error your own hook threw, as it was.
   */
  readonly cause?: unknown;
  /** HTTP status of Intercom's answer, when there was one. */
  readonly status?: number;
  /** Intercom's `request_id` (body) or `X-Request-Id` (header), for support tickets. */
  readonly requestId?: string;
  /** The parsed Intercom error entries. */
  readonly errors?: readonly IntercomApiErrorEntry[];
  /** For `RATE_LIMITED`: how long to wait before trying again, in milliseconds. */
  readonly retryAfterMs?: number;
  /** For `FORBIDDEN`: the permission Intercom named as missing, when it named one. */
  readonly scope?: string;
  /** For `ACCESS_DENIED` and `CALLBACK_ERROR`: the callback's `error_description`. */
  readonly errorDescription?: string;
  /** For `INVALID_OPTIONS`, `INVALID_CONFIG`, `UNKNOWN_SCOPE`: each problem found, one per line. */
  readonly problems?: readonly string[];
  /** The raw HTTP response. Kept non-enumerable so that it is not serialized or logged by accident. */
  readonly response?: Response;
}

// A registry-wide symbol, so that two copies of this module (ESM and CJS, or two
// installed versions) recognise each other's errors where `instanceof` cannot.
const BRAND = Symbol.for("intercom-oauth.error");

/**
 * The error every intercom-oauth function throws.
 *
 * Check the `code`, not the message: codes are stable, messages may improve.
 * Use {@link isIntercomOAuthError} rather than `instanceof` when the error may come
 * from another copy of the package.
 *
 * @example
 * ```ts
 * try {
 *   await intercom.exchangeCode(code);
 * } catch (error) {
 *   if (isIntercomOAuthError(error) && error.code === "INVALID_GRANT") {
 *     // the code was used or expired: send the admin through the flow again
 *   }
 * }
 * ```
 */
export class IntercomOAuthError extends Error {
  /** The stable error code. */
  readonly code: IntercomOAuthErrorCode;
  /** HTTP status of Intercom's answer, when there was one. */
  readonly status: number | undefined;
  /** Intercom's request id, when known. Quote it to Intercom support. */
  readonly requestId: string | undefined;
  /** The parsed Intercom error entries (empty when the answer had none). */
  readonly errors: readonly IntercomApiErrorEntry[];
  /** For `RATE_LIMITED`: milliseconds to wait before trying again, when Intercom said. */
  readonly retryAfterMs: number | undefined;
  /** For `FORBIDDEN`: the missing permission Intercom named, when it named one. */
  readonly scope: string | undefined;
  /** For `ACCESS_DENIED` and `CALLBACK_ERROR`: the callback's `error_description`. */
  readonly errorDescription: string | undefined;
  /** Each problem found, for errors that collect several (options, config, scopes). */
  readonly problems: readonly string[];
  /**
   * The raw HTTP response, when there was one. Non-enumerable: it is left out of
   * `JSON.stringify` and `console.log`. Its body has already been read.
   */
  declare readonly response: Response | undefined;

  /**
   * @param code - a stable {@link IntercomOAuthErrorCode}
   * @param message - what went wrong and how to fix it; must hold no secret
   * @param details - optional facts; see {@link IntercomOAuthErrorDetails}
   */
  constructor(code: IntercomOAuthErrorCode, message: string, details: IntercomOAuthErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "IntercomOAuthError";
    this.code = code;
    this.status = details.status;
    this.requestId = details.requestId;
    this.errors = Object.freeze([...(details.errors ?? [])]);
    this.retryAfterMs = details.retryAfterMs;
    this.scope = details.scope;
    this.errorDescription = details.errorDescription;
    this.problems = Object.freeze([...(details.problems ?? [])]);
    Object.defineProperty(this, "response", { value: details.response, enumerable: false });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * `instanceof` recognises errors from every copy of this class (each entry point, ESM and
   * CJS, two installed versions), by the same registry symbol as {@link isIntercomOAuthError}.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** A plain, secret-free object for logs and JSON: code, message and the public facts. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.status !== undefined) out.status = this.status;
    if (this.requestId !== undefined) out.requestId = this.requestId;
    if (this.errors.length > 0) out.errors = this.errors;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    if (this.scope !== undefined) out.scope = this.scope;
    if (this.errorDescription !== undefined) out.errorDescription = this.errorDescription;
    if (this.problems.length > 0) out.problems = this.problems;
    return out;
  }
}

/**
 * Whether `value` is an {@link IntercomOAuthError}, from this or any other copy of
 * the package (it checks a registry symbol, not the prototype chain).
 *
 * @param value - anything caught
 * @param code - when given, also require this code
 */
export function isIntercomOAuthError<C extends IntercomOAuthErrorCode = IntercomOAuthErrorCode>(
  value: unknown,
  code?: C,
): value is IntercomOAuthError & { readonly code: C } {
  if (typeof value !== "object" || value === null) return false;
  if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (value as { code?: unknown }).code === code;
}
