// Reading an incoming request's body once, as bytes, with a size cap: the signature covers
// these exact bytes, so nothing may decode, trim or re-encode them before the check. Over the
// cap the read stops and the stream is cancelled, so a huge upload is never held in memory.

/** Thrown by {@link readRawBody} when the body is over the cap. @internal */
export const RAW_BODY_TOO_LARGE = Symbol("raw body too large");

const ignore = (): void => {};

/**
 * The request's body bytes, at most `max` of them.
 *
 * @throws RAW_BODY_TOO_LARGE, or what the stream throws (the client went away).
 * @internal
 */
export async function readRawBody(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  const body = request.body;
  if (body === null) return new Uint8Array(0);
  // A declared length over the cap is refused before a byte is read; a lying one is caught below.
  if (Number(request.headers.get("content-length")) > max) {
    body.cancel().catch(ignore);
    throw RAW_BODY_TOO_LARGE;
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        reader.cancel().catch(ignore);
        throw RAW_BODY_TOO_LARGE;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
