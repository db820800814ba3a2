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

import { IntercomOAuthError, type IntercomApiErrorEntry, type IntercomOAuthErrorCode } from "./errors.js";

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
const EMPTY: ParsedIntercomErrorBody = Object.freeze({ errors: Object.freeze([]), requestId: undefined });

function text(value: unknown, max: number): string | undefined {
  if (typeof value === "string") return value.length > 0 ? value.slice(0, max) : undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function entryOf(value: unknown): IntercomApiErrorEntry | undefined {
  if (typeof value === "string")
    return value.length > 0 ? { code: "unknown", message: value.slice(0, MAX_MESSAGE) } : undefined;
  const item = record(value);
  if (item === undefined) return undefined;
  const code = text(item.code, MAX_CODE) ?? text(item.error, MAX_CODE) ?? text(item.type, MAX_CODE);
  const message = text(item.message, MAX_MESSAGE) ?? text(item.error_description, MAX_MESSAGE);
  const field = text(item.field, MAX_CODE);
  if (code === undefined && message === undefined) return undefined;
  const entry: { code: string; message?: string; field?: string } = { code: code ?? "unknown" };
  if (message !== undefined) entry.message = message;
  if (field !== undefined) entry.field = field;
  return entry;
}

function parseUnsafe(body: unknown): ParsedIntercomErrorBody {
  let value = body;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (!trimmed.startsWith("{")) return EMPTY;
    value = JSON.parse(trimmed) as unknown;
  }
  const root = record(value);
  if (root === undefined) return EMPTY;
  const requestId = text(root.request_id, MAX_REQUEST_ID);
  const errors: IntercomApiErrorEntry[] = [];
  if (Array.isArray(root.errors)) {
    // Intercom's error.list envelope.
    for (const item of root.errors.slice(0, MAX_ENTRIES)) {
      const entry = entryOf(item);
      if (entry !== undefined) errors.push(entry);
    }
  } else if (typeof root.error === "string") {
    // RFC 6749 section 5.2.
    const entry = entryOf({ code: root.error, message: root.error_description });
    if (entry !== undefined) errors.push(entry);
  } else if (record(root.error) !== undefined) {
    const entry = entryOf(root.error);
    if (entry !== undefined) errors.push(entry);
  } else if (root.type === "error" || typeof root.code === "string") {
    const entry = entryOf({ code: root.code, message: root.message });
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
  try {
    return parseUnsafe(body);
  } catch {
    return EMPTY;
  }
}

/**
 * The wait an answer advertises: `Retry-After` (seconds or an HTTP date), else
 * `X-RateLimit-Reset` (Unix seconds). Undefined when neither is usable.
 * @internal
 */
export function retryAfterMsOf(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter !== undefined && retryAfter !== "") {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (reset !== undefined && /^\d{1,12}$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/** Which call failed; the same status means different things on the token endpoint. */
export type Operation = "exchange" | "identity" | "revoke";

const UNAUTHORIZED_CODES = new Set([
  "unauthorized",
  "token_revoked",
  "token_blocked",
  "token_not_found",
  "token_expired",
  "token_suspended",
  "missing_authorization",
]);
const FORBIDDEN_CODES = new Set(["token_unauthorized", "forbidden", "action_forbidden", "api_plan_restricted"]);

/** Replaces every occurrence of a secret; error bodies may echo what was sent. */
export function scrub(value: string, secrets: readonly string[]): string {
  let out = value;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}

function scrubEntries(entries: readonly IntercomApiErrorEntry[], secrets: readonly string[]): IntercomApiErrorEntry[] {
  return entries.map((entry) => {
    const out: { code: string; message?: string; field?: string } = { code: scrub(entry.code, secrets) };
    if (entry.message !== undefined) out.message = scrub(entry.message, secrets);
    if (entry.field !== undefined) out.field = scrub(entry.field, secrets);
    return out;
  });
}

/** The missing permission named in a message such as "You do not have the required scope (read_conversations) …". */
export function scopeFromEntries(entries: readonly IntercomApiErrorEntry[]): string | undefined {
  for (const { message } of entries) {
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
): IntercomOAuthErrorCode | undefined {
  const codes = entries.map((e) => e.code.toLowerCase());
  if (codes.includes("invalid_client") || codes.includes("unauthorized_client")) return "INVALID_CLIENT";
  if (codes.includes("invalid_grant")) return "INVALID_GRANT";
  if (status < 400 || status >= 500 || status === 429) return undefined;
  const words = entries.map((e) => `${e.code} ${e.message ?? ""} ${e.field ?? ""}`).join(" ");
  if (/client|secret|\bapp\b/i.test(words)) return "INVALID_CLIENT";
  if (status === 401 || /\bcode\b/i.test(entries.map((e) => `${e.message ?? ""} ${e.field ?? ""}`).join(" "))) {
    return "INVALID_GRANT";
  }
  return undefined;
}

function classify(status: number, entries: readonly IntercomApiErrorEntry[]): IntercomOAuthErrorCode {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "SERVER_ERROR";
  const codes = entries.map((e) => e.code.toLowerCase());
  if (codes.some((c) => UNAUTHORIZED_CODES.has(c))) return "UNAUTHORIZED";
  if (codes.some((c) => FORBIDDEN_CODES.has(c))) return "FORBIDDEN";
  if (codes.includes("rate_limit_exceeded")) return "RATE_LIMITED";
  return "API_ERROR";
}

const ACTION: Record<Operation, string> = {
  exchange: "the code exchange",
  identity: "GET /me",
  revoke: "the uninstall (revoke)",
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
  /** For 429 (and 5xx): the advertised wait, when the headers gave one. */
  readonly retryAfterMs?: number;
}

/** The request id of an answer: the body's `request_id`, else the `X-Request-Id` header. */
export function requestIdOf(response: Response, parsed: ParsedIntercomErrorBody): string | undefined {
  return parsed.requestId ?? response.headers.get("x-request-id")?.slice(0, MAX_REQUEST_ID) ?? undefined;
}

/**
 * The {@link IntercomOAuthError} for a non-2xx answer.
 * @internal
 */
export function errorFromResponse(context: ErrorResponseContext): IntercomOAuthError {
  const { operation, response, secrets } = context;
  const status = response.status;
  const parsed = parseIntercomErrorBody(context.body);
  const errors = scrubEntries(parsed.errors, secrets);
  const requestId = requestIdOf(response, parsed);
  const code = (operation === "exchange" ? classifyExchange(status, errors) : undefined) ?? classify(status, errors);
  const detail = said(errors);
  const base = { status, requestId, errors, response };
  const retryAfterMs =
    context.retryAfterMs ?? (status === 429 || status >= 500 ? retryAfterMsOf(response.headers) : undefined);
  const action = ACTION[operation];
  switch (code) {
    case "INVALID_GRANT":
      return new IntercomOAuthError(
        code,
        `Intercom refused the authorization code (${status}): it is wrong, already used, or older than about 5 minutes.${detail} ` +
          "Send the admin through the authorize URL again; codes work once. If every exchange fails, check clientId and clientSecret.",
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
          "Delete the stored token and ask an admin to connect again. If the workspace is hosted in the EU or Australia, also check the client's region.",
        base,
      );
    case "FORBIDDEN": {
      const scope = scopeFromEntries(errors);
      const plan = errors.some((e) => e.code === "api_plan_restricted");
      const fix = plan
        ? "The workspace's Intercom plan does not include this API; the workspace must upgrade."
        : `Tick the missing permission${scope === undefined ? "" : ` (${scope})`} under Developer Hub > your app > Authentication > Permissions` +
          `${operation === "identity" ? ' (GET /me needs "Read admins" or "Read one admin")' : ""}, then have an admin reinstall the app to grant it.`;
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

/**
 * The error for a 2xx answer the SDK cannot use.
 * @internal
 */
export function invalidResponse(operation: Operation, response: Response, reason: string): IntercomOAuthError {
  const html = (response.headers.get("content-type") ?? "").includes("html");
  return new IntercomOAuthError(
    "INVALID_RESPONSE",
    `Intercom's answer to ${ACTION[operation]} was not usable: ${reason}${html ? " (it was an HTML page)" : ""}. ` +
      "Check that baseUrls.api points at Intercom's API (a proxy or captive portal may be answering); if it does, report it with the request id.",
    { status: response.status, requestId: response.headers.get("x-request-id") ?? undefined, response },
  );
}
