// Reading an answer's body with a size cap and a deadline. Whatever ends the read early (the
// cap, the deadline, the caller's signal) cancels the body, so that fetch closes the
// connection instead of downloading the rest into memory.

/**
 * The largest body read, in bytes: Intercom's token and `/me` answers, and its error bodies,
 * are well under 10 KiB. Over it, the read stops and the call fails with `INVALID_RESPONSE`.
 */
export const MAX_BODY_BYTES = 1_048_576;

/** Thrown by {@link readBody} when the deadline passed. */
export const BODY_TIMEOUT = Symbol("body timeout");
/** Thrown by {@link readBody} when the body is over {@link MAX_BODY_BYTES}. */
export const BODY_TOO_LARGE = Symbol("body too large");

// Made on first use: nothing is built at import time.
let decoder: TextDecoder | undefined;
const ignore = (): void => {};

function decode(chunks: readonly Uint8Array[], size: number): string {
  decoder ??= new TextDecoder();
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return decoder.decode(all);
}

/**
 * The body as UTF-8 text, like `response.text()`, but read within `ms` and at most
 * {@link MAX_BODY_BYTES}.
 *
 * One timer, no per-chunk race: cancelling the reader settles a pending `read()` at once.
 *
 * @throws BODY_TIMEOUT, BODY_TOO_LARGE, the signal's reason once it aborted, or what the
 * stream throws (an abort, a reset).
 * @internal
 */
export async function readBody(response: Response, ms: number, signal: AbortSignal | undefined): Promise<string> {
  const body = response.body;
  // Stryker disable next-line StringLiteral: every reader parses the text as JSON or searches it for error codes; "" and any other such text read the same.
  if (body === null) return "";
  if (Number(response.headers.get("content-length")) > MAX_BODY_BYTES) {
    body.cancel().catch(ignore);
    throw BODY_TOO_LARGE;
  }
  const reader = body.getReader();
  const cancel = (): void => {
    reader.cancel().catch(ignore);
  };
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      cancel();
    },
    Math.max(0, ms),
  );
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal fires "abort" at most once, and `finally` removes the listener anyway.
  signal?.addEventListener("abort", cancel, { once: true });
  if (signal?.aborted) cancel(); // aborted between the headers and now: the listener will not fire
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // As response.text() does: a custom fetch's stream of ArrayBuffers or strings would
      // otherwise be read as other bytes. Checked by tag, so chunks from another realm pass.
      if (Object.prototype.toString.call(value) !== "[object Uint8Array]") {
        cancel();
        throw new TypeError("The response body stream gave a chunk that is not a Uint8Array.");
      }
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        cancel();
        throw BODY_TOO_LARGE;
      }
      chunks.push(value);
    }
    // A cancelled read ends like a finished one: say why it ended.
    if (signal?.aborted) throw signal.reason;
    if (timedOut) throw BODY_TIMEOUT;
    return decode(chunks, size);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", cancel);
  }
}
