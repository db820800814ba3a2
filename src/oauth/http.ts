// One HTTP attempt through ky, and the bounded retry loop used for GET /me.
// ky's own retry and error throwing are off: status mapping and retries are ours, so that
// no ky error object (which holds the request: the secret in the body, the token in a
// header) ever reaches a caller. Redirects are never followed: Intercom's API does not
// redirect these calls, and following one would send the code and client secret (or the
// token) to another host, and accept whatever token it answers.

import ky from "ky";
import { BODY_TIMEOUT, BODY_TOO_LARGE, readBody } from "./body.js";
import { IntercomOAuthError } from "../errors.js";
import { bodyTooLarge, type Operation, redirectRefused, retryAfterMsOf } from "./intercom-errors.js";
import { scrub } from "../redact.js";
import { sleep } from "../sleep.js";

/** Client-wide HTTP settings. */
export interface HttpSettings {
  /** A custom fetch, or undefined to use the global fetch at call time. */
  readonly fetch: typeof globalThis.fetch | undefined;
  /** Per attempt: until the body is read. */
  readonly timeoutMs: number;
}

/** What one request sends. */
export interface SendInit {
  /** Which call this is, for error messages. */
  readonly operation: Operation;
  readonly method: "GET" | "POST";
  readonly headers: Record<string, string>;
  /** A form body (`application/x-www-form-urlencoded`). */
  readonly form?: URLSearchParams;
  /** A JSON body. */
  readonly json?: unknown;
}

/** An answer whose body has been read. */
export interface Sent {
  readonly response: Response;
  readonly body: string;
  /** For a retryable answer returned without a further attempt: how long to wait first. */
  readonly retryAfterMs?: number;
}

/** Longest single wait between retries; a longer advertised wait is returned to the caller. */
export const MAX_RETRY_WAIT_MS = 60_000;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 8_000;

function aborted(): IntercomOAuthError {
  return new IntercomOAuthError(
    "ABORTED",
    "The request to Intercom was cancelled by the caller's AbortSignal. Nothing to fix unless the cancellation was unintended.",
  );
}

function timedOutError(ms: number, url: string): IntercomOAuthError {
  return new IntercomOAuthError(
    "TIMEOUT",
    `Intercom did not answer ${new URL(url).pathname} within ${ms} ms. Try again; if it keeps happening, raise timeoutMs or check the network path to ${new URL(url).host}.`,
  );
}

/** A secret-free stand-in for whatever fetch threw. Scrubbed before it is cut to length. */
function freshCause(error: unknown, secrets: readonly string[]): Error {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : "";
  const inner = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  const innerCode =
    typeof inner === "object" && inner !== null && typeof (inner as { code?: unknown }).code === "string"
      ? ` (${(inner as { code: string }).code})`
      : "";
  return new Error(scrub(`${name}: ${message}${innerCode}`, secrets).slice(0, 300));
}

function networkError(url: string, error: unknown, secrets: readonly string[]): IntercomOAuthError {
  const cause = freshCause(error, secrets);
  return new IntercomOAuthError(
    "NETWORK_ERROR",
    `Could not reach Intercom at ${new URL(url).host} (${cause.message}). Check DNS, proxy and firewall settings, or baseUrls.api if you set it, then try again.`,
    { cause },
  );
}

function failure(
  error: unknown,
  url: string,
  ms: number,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
): IntercomOAuthError {
  if (signal?.aborted) return aborted();
  if (error === BODY_TIMEOUT || (error instanceof Error && error.name === "TimeoutError"))
    return timedOutError(ms, url);
  if (error instanceof IntercomOAuthError) return error;
  return networkError(url, error, secrets);
}

/**
 * A custom fetch may ignore its signal and answer after the call has already failed with
 * TIMEOUT or ABORTED; that late answer's body is cancelled at once, so that it does not keep
 * a connection open. (The global fetch honours its signal and needs no such wrapper.)
 */
function cancelWhenLate(fetch: typeof globalThis.fetch, late: () => boolean): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (late()) response.body?.cancel().catch(() => {});
    return response;
  };
}

/** A 3xx, or what a browser's fetch gives for one with `redirect: "manual"`. */
function isRedirect(response: Response): boolean {
  return (response.status >= 300 && response.status < 400) || response.status === 0;
}

/** A custom fetch that followed a redirect itself, despite `redirect: "manual"`. */
function wasRedirected(response: Response, url: string): boolean {
  if (response.redirected === true) return true;
  if (typeof response.url !== "string" || response.url === "") return false;
  try {
    return new URL(response.url).origin !== new URL(url).origin;
  } catch {
    return true;
  }
}

/**
 * Sends one request and reads its body as text, within `ms` (default: `timeoutMs`) and
 * at most MAX_BODY_BYTES. Never follows a redirect.
 *
 * Kept lean (the exchange is benchmarked against a bare `ky.post`): ky's own timeout and
 * signal handling, no hooks, no extra Request copies, the body read once.
 *
 * @throws IntercomOAuthError `ABORTED`, `TIMEOUT` or `NETWORK_ERROR`; `INVALID_RESPONSE`
 *   for a redirect or an oversized body; never for another HTTP status.
 * @internal
 */
export async function send(
  url: string,
  init: SendInit,
  settings: HttpSettings,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
  ms: number = settings.timeoutMs,
): Promise<Sent> {
  if (signal?.aborted) throw aborted();
  const started = Date.now();
  let failed = false;
  let response: Response;
  try {
    response = await ky(url, {
      method: init.method,
      headers: init.headers,
      ...(init.form === undefined ? {} : { body: init.form }),
      ...(init.json === undefined ? {} : { json: init.json }),
      ...(settings.fetch === undefined ? {} : { fetch: cancelWhenLate(settings.fetch, () => failed) }),
      ...(signal === undefined ? {} : { signal }),
      redirect: "manual",
      timeout: ms,
      retry: 0,
      throwHttpErrors: false,
    });
  } catch (error) {
    failed = true;
    throw failure(error, url, ms, signal, secrets);
  }
  const redirect = isRedirect(response);
  if (redirect || wasRedirected(response, url)) {
    response.body?.cancel().catch(() => {});
    throw redirectRefused(init.operation, url, response, !redirect, secrets);
  }
  try {
    const body = await readBody(response, started + ms - Date.now(), signal);
    return { response, body };
  } catch (error) {
    if (error === BODY_TOO_LARGE) throw bodyTooLarge(init.operation, response, secrets);
    throw failure(error, url, ms, signal, secrets);
  }
}

/** The wait before retry number `retry + 1`: exponential from 250 ms, with jitter. */
function backoffMs(retry: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** retry) * (0.5 + Math.random() / 2);
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function isRetryableError(error: unknown): boolean {
  return error instanceof IntercomOAuthError && (error.code === "NETWORK_ERROR" || error.code === "TIMEOUT");
}

/**
 * {@link send} for idempotent requests: retries 429, 5xx, network errors and timeouts
 * up to `maxRetries` times, waiting what Intercom advertises but never less than the
 * exponential backoff (so a past, zero or bogus `Retry-After` cannot cause back-to-back
 * retries).
 *
 * The whole call ends within its deadline, `(maxRetries + 1) × timeoutMs`:
 * - an attempt gets `timeoutMs`, or what is left of the deadline when that is less;
 * - a wait is slept only if at least half of `timeoutMs` is left after it. Otherwise the
 *   last error is thrown, or the last answer returned with the wait as its `retryAfterMs`;
 * - an advertised wait over {@link MAX_RETRY_WAIT_MS} is never slept: the answer is
 *   returned at once with its `retryAfterMs`.
 * @internal
 */
export async function sendWithRetry(
  url: string,
  init: SendInit,
  settings: HttpSettings,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
  maxRetries: number,
): Promise<Sent> {
  const deadline = Date.now() + settings.timeoutMs * (maxRetries + 1);
  const fits = (wait: number): boolean => Date.now() + wait + settings.timeoutMs / 2 <= deadline;
  for (let retry = 0; ; retry++) {
    const ms = Math.min(settings.timeoutMs, deadline - Date.now());
    let sent: Sent;
    try {
      sent = await send(url, init, settings, signal, secrets, ms);
    } catch (error) {
      if (retry >= maxRetries || !isRetryableError(error)) throw error;
      const wait = backoffMs(retry);
      if (!fits(wait)) throw error;
      await sleep(wait, signal, aborted);
      continue;
    }
    if (!isRetryableStatus(sent.response.status)) return sent;
    const advertised = retryAfterMsOf(sent.response.headers);
    if (retry >= maxRetries || (advertised !== undefined && advertised > MAX_RETRY_WAIT_MS)) {
      return advertised === undefined ? sent : { ...sent, retryAfterMs: advertised };
    }
    const wait = Math.max(advertised ?? 0, backoffMs(retry));
    if (!fits(wait)) return { ...sent, retryAfterMs: Math.ceil(wait) };
    await sleep(wait, signal, aborted);
  }
}
