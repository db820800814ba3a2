/**
 * Intercom's error answers: parsing the body, and mapping status + body to an error code.
 *
 * Intercom answers with its own envelope,
 * `{"type":"error.list","request_id":"…","errors":[{"code":"…","message":"…"}]}`;
 * RFC 6749 servers answer `{"error":"…","error_description":"…"}`. Both are read.
 *
 * @see https://developers.intercom.com/docs/references/rest-api/errors/error-objects
 * @module
 */

import { IntercomOAuthError, type IntercomApiErrorEntry, type IntercomOAuthErrorCode } from "../errors.js";
import { scrubber } from "../redact.js";

/** The parts of an error body the SDK uses. */
export interface ParsedIntercomErrorBody {
  /** Each error entry; RFC 6749 bodies become one entry `{ code: error, message: error_description }`. */
  readonly errors: readonly IntercomApiErrorEntry[];
  /** The body's `request_id`, when it has one. */
  readonly requestId: string | undefined;
}

const MAX_ENTRIES = 20;
const MAX_CODE = 100;
const MAX_MESSAGE = 1000;
const MAX_REQUEST_ID = 200;
const empty = (): ParsedIntercomErrorBody => Object.freeze({ errors: Object.freeze([]), requestId: undefined });

/** Applied to every string from the body BEFORE it is cut to length: a cut must never leave part of a secret. */
type Clean = (value: string) => string;
const asIs: Clean = (value) => value;

function text(value: unknown, max: number, clean: Clean): string | undefined {
  if (typeof value === "string") return value.length > 0 ? clean(value).slice(0, max) : undefined;
  // Stryker disable next-line ConditionalExpression: Number.isFinite is false for every non-number (it does not coerce), so the typeof test is redundant
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  // Stryker disable next-line ConditionalExpression: the values read here come from JSON; a number or boolean has none of the fields read (code, error, type, message, errors, ...), so it still gives no entry
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function entryOf(value: unknown, clean: Clean): IntercomApiErrorEntry | undefined {
  if (typeof value === "string")
    return value.length > 0 ? { code: "unknown", message: text(value, MAX_MESSAGE, clean) as string } : undefined;
  const item = record(value);
  if (item === undefined) return undefined;
  const code =
    text(item.code, MAX_CODE, clean) ?? text(item.error, MAX_CODE, clean) ?? text(item.type, MAX_CODE, clean);
  const message = text(item.message, MAX_MESSAGE, clean) ?? text(item.error_description, MAX_MESSAGE, clean);
  const field = text(item.field, MAX_CODE, clean);
  if (code === undefined && message === undefined) return undefined;
  const entry: { code: string; message?: string; field?: string } = { code: code ?? "unknown" };
  if (message !== undefined) entry.message = message;
  if (field !== undefined) entry.field = field;
  return entry;
}

function parseUnsafe(body: unknown, clean: Clean): ParsedIntercomErrorBody {
  let value = body;
  // Stryker disable next-line ConditionalExpression: every caller passes the body as text (errorFromResponse); parseIntercomErrorBody is in no package entry
  if (typeof value === "string") {
    const trimmed = value.trim();
    // Stryker disable next-line ConditionalExpression,StringLiteral: text not starting with "{" parses to an array, a primitive or a SyntaxError, and each gives no entries, as this early return does
    if (!trimmed.startsWith("{")) return empty();
    value = JSON.parse(trimmed) as unknown;
  }
  const root = record(value);
  // Stryker disable next-line ConditionalExpression: an undefined root throws a TypeError on root.request_id, which parseCleaned turns into the same empty result
  if (root === undefined) return empty();
  const requestId = text(root.request_id, MAX_REQUEST_ID, clean);
  const errors: IntercomApiErrorEntry[] = [];
  if (Array.isArray(root.errors)) {
    // Intercom's error.list envelope.
    for (const item of root.errors.slice(0, MAX_ENTRIES)) {
      const entry = entryOf(item, clean);
      if (entry !== undefined) errors.push(entry);
    }
  } else if (typeof root.error === "string") {
    // RFC 6749 section 5.2.
    const entry = entryOf({ code: root.error, message: root.error_description }, clean);
    if (entry !== undefined) errors.push(entry);
  } else if (record(root.error) !== undefined) {
    const entry = entryOf(root.error, clean);
    if (entry !== undefined) errors.push(entry);
  } else if (root.type === "error" || typeof root.code === "string") {
    const entry = entryOf({ code: root.code, message: root.message }, clean);
    if (entry !== undefined) errors.push(entry);
  }
  return { errors: Object.freeze(errors.map((e) => Object.freeze(e))), requestId };
}

/**
 * Reads an Intercom error body: the `error.list` envelope, an RFC 6749
 * `{error, error_description}` body, a JSON string of either, or anything else (which
 * gives no entries). Never throws.
 *
 * @param body - the parsed JSON, or the raw response text
 */
export function parseIntercomErrorBody(body: unknown): ParsedIntercomErrorBody {
  return parseCleaned(body, asIs);
}

function parseCleaned(body: unknown, clean: Clean): ParsedIntercomErrorBody {
  try {
    return parseUnsafe(body, clean);
  } catch {
    return empty();
  }
}

/**
 * The longest `retryAfterMs` reported: a day. Intercom counts rate limits in 10-second
 * windows; a longer advertised wait (or a 400-digit one) is noise, reported as this bound.
 * @internal
 */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * The wait an answer advertises: `Retry-After` (seconds or an HTTP date), else
 * `X-RateLimit-Reset` (Unix seconds). Undefined when neither is usable; a time in the past
 * gives 0; never more than {@link MAX_RETRY_AFTER_MS}, never Infinity or NaN.
 * @internal
 */
export function retryAfterMsOf(headers: Headers, now: number = Date.now()): number | undefined {
  // Stryker disable next-line MethodExpression: Headers.get already strips surrounding whitespace, and a missing header read as null fails both patterns below as undefined does
  const retryAfter = headers.get("retry-after")?.trim();
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: undefined (tested as "undefined"), null and "" match neither the seconds pattern nor a date Date.parse reads, so they reach X-RateLimit-Reset without this guard too
  if (retryAfter !== undefined && retryAfter !== "") {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(retryAfter) * 1000));
    // An HTTP date names its weekday and month; Date.parse alone would also read "-5" or "1e9".
    if (/[a-z]/i.test(retryAfter)) {
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
    }
  }
  // Stryker disable next-line MethodExpression: Headers.get already strips surrounding whitespace, and a missing header read as null fails /^\d{1,12}$/ as undefined does
  const reset = headers.get("x-ratelimit-reset")?.trim();
  // Stryker disable next-line ConditionalExpression: /^\d{1,12}$/ refuses undefined (tested as "undefined"), so the undefined check never decides
  if (reset !== undefined && /^\d{1,12}$/.test(reset)) {
    return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Number(reset) * 1000 - now));
  }
  return undefined;
}

/** Which call failed; the same status means different things on the token endpoint. */
export type Operation = "exchange" | "identity" | "revoke" | "api";

// Intercom's documented error codes decide before the HTTP status does: Intercom has answered
// token_unauthorized (a missing permission) with 401, which is not a dead token.
const API_CODES = new Map<string, IntercomOAuthErrorCode>([
  ["unauthorized", "UNAUTHORIZED"],
  ["token_revoked", "UNAUTHORIZED"],
  ["token_blocked", "UNAUTHORIZED"],
  ["token_not_found", "UNAUTHORIZED"],
  ["token_expired", "UNAUTHORIZED"],
  ["token_suspended", "UNAUTHORIZED"],
  ["missing_authorization", "UNAUTHORIZED"],
  ["token_unauthorized", "FORBIDDEN"],
  ["forbidden", "FORBIDDEN"],
  ["action_forbidden", "FORBIDDEN"],
  ["api_plan_restricted", "FORBIDDEN"],
  ["rate_limit_exceeded", "RATE_LIMITED"],
  ["server_error", "SERVER_ERROR"],
  ["intercom_version_invalid", "API_ERROR"],
]);
// The token endpoint: a bad or used code answers 401 `unauthorized_code` (error.list); a wrong
// client answers 401 with an RFC 6749 `invalid_client`.
const EXCHANGE_CODES = new Map<string, IntercomOAuthErrorCode>([
  ["unauthorized_code", "INVALID_GRANT"],
  ["invalid_grant", "INVALID_GRANT"],
  ["invalid_client", "INVALID_CLIENT"],
  ["unauthorized_client", "INVALID_CLIENT"],
  // The token endpoint answers an unknown client id with "not found".
  ["not_found", "INVALID_CLIENT"],
  ["rate_limit_exceeded", "RATE_LIMITED"],
  ["server_error", "SERVER_ERROR"],
]);

function byCode(
  codes: ReadonlyMap<string, IntercomOAuthErrorCode>,
  entries: readonly IntercomApiErrorEntry[],
): IntercomOAuthErrorCode | undefined {
  for (const entry of entries) {
    const code = codes.get(entry.code.toLowerCase());
    if (code !== undefined) return code;
  }
  return undefined;
}

/** The missing permission named in a message such as "You do not have the required scope (read_conversations) …". */
export function scopeFromEntries(entries: readonly IntercomApiErrorEntry[]): string | undefined {
  for (const { message } of entries) {
    // Stryker disable next-line ConditionalExpression: exec(undefined) tests the text "undefined", which neither scope pattern matches
    if (message === undefined) continue;
    const match =
      /scope\w*[^(\n]{0,40}\(\s*([a-z][a-z0-9_]*)\s*\)/i.exec(message) ??
      /scopes?\W{1,3}([a-z]+_[a-z0-9_]+)/i.exec(message);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

function said(entries: readonly IntercomApiErrorEntry[]): string {
  if (entries.length === 0) return "";
  const parts = entries
    .slice(0, 3)
    .map((e) => (e.message === undefined ? e.code : `${e.code}: ${e.message.slice(0, 200)}`));
  // Intercom's own messages usually end in a period; keep exactly one.
  return ` Intercom said: ${parts.join("; ").replace(/[.\s]+$/, "")}.`;
}

function classifyExchange(
  status: number,
  entries: readonly IntercomApiErrorEntry[],
  body: string,
): IntercomOAuthErrorCode | undefined {
  const known = byCode(EXCHANGE_CODES, entries);
  if (known !== undefined) return known;
  // A wrong client may name invalid_client only in a body that is not JSON.
  // Stryker disable next-line ConditionalExpression: only exchange answers reach here; they are not 2xx, and http.ts refuses 3xx and status 0 first, so status >= 400 always holds
  if (entries.length === 0 && status >= 400 && status < 500) {
    if (/\b(?:invalid|unauthorized)_client\b/i.test(body)) return "INVALID_CLIENT";
    if (/\b(?:unauthorized_code|invalid_grant)\b/i.test(body)) return "INVALID_GRANT";
  }
  if (status < 400 || status >= 500 || status === 429) return undefined;
  // A message may echo the request (client_id=…) whatever went wrong: drop such echoes first.
  const words = entries
    .map(
      // Stryker disable next-line StringLiteral: the placeholders ("" for a missing message or field, "" for a removed echo) stand next to a space or a non-word character, so text there without those words (as the mutant's) cannot add or remove a client, secret or app word
      (e) => `${e.code} ${(e.message ?? "").replace(/\bclient_(?:id|secret)=\S*/gi, "")} ${e.field ?? ""}`,
    )
    .join(" ");
  if (/client|secret|\bapp\b/i.test(words)) return "INVALID_CLIENT";
  if (status === 401 || /\bcode\b/i.test(entries.map((e) => `${e.message ?? ""} ${e.field ?? ""}`).join(" "))) {
    return "INVALID_GRANT";
  }
  return undefined;
}

function classify(status: number, entries: readonly IntercomApiErrorEntry[]): IntercomOAuthErrorCode {
  const known = byCode(API_CODES, entries);
  if (known !== undefined) return known;
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "SERVER_ERROR";
  // Stryker disable next-line StringLiteral: errorFromResponse sends any code its switch does not name, "" included, to the default branch, which builds API_ERROR itself
  return "API_ERROR";
}

const ACTION: Record<Operation, string> = {
  exchange: "the code exchange",
  identity: "GET /me",
  revoke: "the uninstall (revoke)",
  api: "the API call",
};

/** Facts about a non-2xx answer that {@link errorFromResponse} needs. */
export interface ErrorResponseContext {
  readonly operation: Operation;
  readonly response: Response;
  /** The body as text, already read. */
  readonly body: string;
  /** Values that must not appear in the error (client secret, code, token). */
  readonly secrets: readonly string[];
  /** The Intercom-Version sent, to explain `intercom_version_invalid`. */
  readonly apiVersion?: string;
  /** Names the call in messages, instead of the operation's default (`"the call to /contacts"`). */
  readonly action?: string;
  /** For 429 (and 5xx): the advertised wait, when the headers gave one. */
  readonly retryAfterMs?: number;
}

/** The `X-Request-Id` header, scrubbed and bounded. */
function headerRequestId(response: Response, clean: (value: string) => string): string | undefined {
  const header = response.headers.get("x-request-id");
  return header === null || header === "" ? undefined : clean(header).slice(0, MAX_REQUEST_ID);
}

/**
 * The {@link IntercomOAuthError} for a non-2xx answer. Every string taken from the answer
 * is scrubbed of the secrets before it is cut to length.
 * @internal
 */
export function errorFromResponse(context: ErrorResponseContext): IntercomOAuthError {
  const { operation, response } = context;
  const status = response.status;
  const clean = scrubber(context.secrets);
  const parsed = parseCleaned(context.body, clean);
  const errors = parsed.errors;
  const requestId = parsed.requestId ?? headerRequestId(response, clean);
  const code =
    (operation === "exchange" ? classifyExchange(status, errors, context.body) : undefined) ?? classify(status, errors);
  const detail = said(errors);
  const base = { status, requestId, errors, response };
  const retryAfterMs =
    context.retryAfterMs ??
    // Stryker disable next-line ConditionalExpression: retryAfterMs is pure, and only the RATE_LIMITED and SERVER_ERROR branches pass it on; the others drop it
    (code === "RATE_LIMITED" || code === "SERVER_ERROR" ? retryAfterMsOf(response.headers) : undefined);
  const action = context.action ?? ACTION[operation];
  switch (code) {
    case "INVALID_GRANT":
      return new IntercomOAuthError(
        code,
        `Intercom refused the authorization code (${status}): it is wrong, already used, or older than about 5 minutes.${detail} ` +
          "Send the admin through the authorize URL again; codes work once. If every exchange fails, check clientId and clientSecret, and that the code is exchanged in the region whose consent page issued it.",
        base,
      );
    case "INVALID_CLIENT":
      return new IntercomOAuthError(
        code,
        `Intercom refused the client credentials (${status}).${detail} ` +
          "Check clientId and clientSecret against Developer Hub > your app > Basic information; a regenerated secret replaces the old one.",
        base,
      );
    case "UNAUTHORIZED":
      return new IntercomOAuthError(
        code,
        `Intercom refused the access token during ${action} (${status}): it is invalid, revoked, blocked or suspended, often because the workspace uninstalled the app.${detail} ` +
          "Delete the stored token and ask an admin to connect again. If the client talks to a regional host (eu or au), check it is the workspace's own region: a token is not accepted on another region's host.",
        base,
      );
    case "FORBIDDEN": {
      const scope = scopeFromEntries(errors);
      const plan = errors.some((e) => e.code === "api_plan_restricted");
      const fix = plan
        ? "The workspace's Intercom plan does not include this API; the workspace must upgrade."
        : `Tick the missing permission${scope === undefined ? "" : ` (${scope})`} under Developer Hub > your app > Authentication > Permissions` +
          `${operation === "identity" ? ' (GET /me needs "Read admins" or "Read one admin")' : ""}, then have an admin reinstall the app to grant it. ` +
          "The token itself is still good: keep it.";
      return new IntercomOAuthError(
        code,
        `The access token is not allowed ${action} (${status})${scope === undefined ? "" : `: it lacks the ${scope} permission`}.${detail} ${fix}`,
        { ...base, scope },
      );
    }
    case "RATE_LIMITED":
      return new IntercomOAuthError(
        code,
        `Intercom rate-limited ${action} (${status}).${detail} ` +
          (retryAfterMs === undefined
            ? "Wait a few seconds before trying again; limits are counted in 10-second windows."
            : retryAfterMs < 1000
              ? "Try again in a moment (see retryAfterMs)."
              : `Try again in ${Math.ceil(retryAfterMs / 1000)} s (see retryAfterMs).`),
        { ...base, retryAfterMs: retryAfterMs },
      );
    case "SERVER_ERROR":
      return new IntercomOAuthError(
        code,
        `Intercom failed ${action} with ${status}, a server-side error.${detail} ` +
          (operation === "exchange"
            ? "The code may already be spent, so it is not retried: send the admin through the authorize URL again, or later if Intercom is down."
            : "Try again later; if it persists, check Intercom's status page and quote the request id to Intercom support."),
        { ...base, retryAfterMs: retryAfterMs },
      );
    default: {
      const version = errors.some((e) => e.code === "intercom_version_invalid");
      const fix = version
        ? `Intercom does not accept Intercom-Version "${context.apiVersion ?? ""}". Set apiVersion to a version Intercom supports (such as 2.14), or omit it.`
        : "Check the request (client options, baseUrls, apiVersion) and quote the request id to Intercom support if it looks right.";
      return new IntercomOAuthError("API_ERROR", `Intercom rejected ${action} with ${status}.${detail} ${fix}`, base);
    }
  }
}

const CHECK_API =
  "Check that baseUrls.api points at Intercom's API (a proxy or captive portal may be answering); if it does, report it with the request id.";

/**
 * The error for an answer the SDK cannot use: a 2xx with the wrong body, or a token it refuses.
 * @internal
 */
export function invalidResponse(
  operation: Operation,
  response: Response,
  reason: string,
  secrets: readonly string[],
): IntercomOAuthError {
  // Stryker disable next-line StringLiteral: a missing Content-Type stands in for text without "html" whether it is "" or any other text without "html"
  const html = (response.headers.get("content-type") ?? "").includes("html");
  return new IntercomOAuthError(
    "INVALID_RESPONSE",
    `Intercom's answer to ${ACTION[operation]} was not usable: ${reason}${html ? " (it was an HTML page)" : ""}. ${CHECK_API}`,
    { status: response.status, requestId: headerRequestId(response, scrubber(secrets)), response },
  );
}

/**
 * The error for a body over the size cap, whatever its status.
 * @internal
 */
export function bodyTooLarge(operation: Operation, response: Response, secrets: readonly string[]): IntercomOAuthError {
  return invalidResponse(
    operation,
    response,
    `its body (status ${response.status}) is over the 1 MiB the SDK reads, so the SDK stopped reading and closed the connection`,
    secrets,
  );
}

/**
 * The error for a redirect, which is never followed, or (`followed`) for an answer a custom
 * fetch got by following one itself. It names a host only: the rest of the URL may carry anything.
 * @internal
 */
export function redirectRefused(
  operation: Operation,
  url: string,
  response: Response,
  followed: boolean,
  secrets: readonly string[],
): IntercomOAuthError {
  const clean = scrubber(secrets);
  const base = { status: response.status, requestId: headerRequestId(response, clean), response };
  if (followed) {
    // The custom fetch followed a redirect itself: the answer came from elsewhere.
    let host = "another address";
    try {
      host = clean(new URL(response.url).host) || host;
    } catch {
      // keep the generic wording
    }
    return new IntercomOAuthError(
      "INVALID_RESPONSE",
      `The custom fetch followed a redirect during ${ACTION[operation]}, and the answer came from ${host}: it was discarded. ` +
        'Intercom\'s API never redirects these calls. Pass a fetch that honours redirect: "manual", and check baseUrls.api and any proxy.',
      base,
    );
  }
  const location = response.headers.get("location");
  let where = "";
  if (location !== null && location !== "") {
    try {
      where = ` to ${clean(new URL(location, url).host)}`;
    } catch {
      where = " to a malformed Location";
    }
  }
  const what = response.status === 0 ? "an opaque redirect (status 0)" : `a redirect (${response.status})`;
  return new IntercomOAuthError(
    "INVALID_RESPONSE",
    `Intercom's API answered ${ACTION[operation]} with ${what}${where}, which the SDK does not follow: nothing was sent there. ` +
      "Intercom's API never redirects these calls, so something else answered: check baseUrls.api and any proxy between you and Intercom.",
    base,
  );
}
