// One HTTP attempt through ky, and the bounded retry loop used for GET /me.
// ky's own retry and error throwing are off: status mapping and retries are ours, so that
// no ky error object (which holds the request: the secret in the body, the token in a
// header) ever reaches a caller.

import ky from "ky";
import { IntercomOAuthError } from "./errors.js";
import { retryAfterMsOf, scrub } from "./error-body.js";

/** Client-wide HTTP settings. */
export interface HttpSettings {
  /** A custom fetch, or undefined to use the global fetch at call time. */
  readonly fetch: typeof globalThis.fetch | undefined;
  /** Per attempt: until the body is read. */
  readonly timeoutMs: number;
}

/** What one request sends. */
export interface SendInit {
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
  /** For a retryable answer returned after the last attempt: the wait Intercom advertised. */
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

function timedOutError(timeoutMs: number, url: string): IntercomOAuthError {
  return new IntercomOAuthError(
    "TIMEOUT",
    `Intercom did not answer ${new URL(url).pathname} within ${timeoutMs} ms. Try again; if it keeps happening, raise timeoutMs or check the network path to ${new URL(url).host}.`,
  );
}

/** A secret-free stand-in for whatever fetch threw. */
function freshCause(error: unknown, secrets: readonly string[]): Error {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : "";
  const inner = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  const innerCode =
    typeof inner === "object" && inner !== null && typeof (inner as { code?: unknown }).code === "string"
      ? ` (${(inner as { code: string }).code})`
      : "";
  return new Error(scrub(`${name}: ${message}${innerCode}`.slice(0, 300), secrets));
}

function networkError(url: string, error: unknown, secrets: readonly string[]): IntercomOAuthError {
  const cause = freshCause(error, secrets);
  return new IntercomOAuthError(
    "NETWORK_ERROR",
    `Could not reach Intercom at ${new URL(url).host} (${cause.message}). Check DNS, proxy and firewall settings, or baseUrls.api if you set it, then try again.`,
    { cause },
  );
}

const BODY_TIMEOUT = Symbol("body timeout");

/** `response.text()`, or BODY_TIMEOUT after `ms`: ky's timeout stops at the headers. */
async function readWithin(response: Response, ms: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(BODY_TIMEOUT), Math.max(0, ms));
  });
  try {
    return await Promise.race([response.text(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function failure(
  error: unknown,
  url: string,
  settings: HttpSettings,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
): IntercomOAuthError {
  if (signal?.aborted) return aborted();
  if (error === BODY_TIMEOUT || (error instanceof Error && error.name === "TimeoutError"))
    return timedOutError(settings.timeoutMs, url);
  if (error instanceof IntercomOAuthError) return error;
  return networkError(url, error, secrets);
}

/**
 * Sends one request and reads its body as text, within `timeoutMs`.
 *
 * Kept lean (the exchange is benchmarked against a bare `ky.post`): ky's own timeout and
 * signal handling, no hooks, no extra Request copies, the body read once.
 *
 * @throws IntercomOAuthError `ABORTED`, `TIMEOUT` or `NETWORK_ERROR`; never for an HTTP status.
 * @internal
 */
export async function send(
  url: string,
  init: SendInit,
  settings: HttpSettings,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
): Promise<Sent> {
  if (signal?.aborted) throw aborted();
  const started = Date.now();
  let response: Response;
  try {
    response = await ky(url, {
      method: init.method,
      headers: init.headers,
      ...(init.form === undefined ? {} : { body: init.form }),
      ...(init.json === undefined ? {} : { json: init.json }),
      ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      ...(signal === undefined ? {} : { signal }),
      timeout: settings.timeoutMs,
      retry: 0,
      throwHttpErrors: false,
    });
  } catch (error) {
    throw failure(error, url, settings, signal, secrets);
  }
  try {
    const body = await readWithin(response, started + settings.timeoutMs - Date.now());
    return { response, body };
  } catch (error) {
    throw failure(error, url, settings, signal, secrets);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

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
 * up to `maxRetries` times, waiting what Intercom advertises (else an exponential
 * backoff). An advertised wait over {@link MAX_RETRY_WAIT_MS} is not slept: the answer is
 * returned at once with its `retryAfterMs`.
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
  for (let retry = 0; ; retry++) {
    let sent: Sent;
    try {
      sent = await send(url, init, settings, signal, secrets);
    } catch (error) {
      if (retry >= maxRetries || !isRetryableError(error)) throw error;
      await sleep(backoffMs(retry), signal);
      continue;
    }
    if (!isRetryableStatus(sent.response.status)) return sent;
    const advertised = retryAfterMsOf(sent.response.headers);
    if (retry >= maxRetries || (advertised !== undefined && advertised > MAX_RETRY_WAIT_MS)) {
      return advertised === undefined ? sent : { ...sent, retryAfterMs: advertised };
    }
    await sleep(advertised ?? backoffMs(retry), signal);
  }
}
