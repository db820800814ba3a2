// Response -> ServerResponse: status, every header (each Set-Cookie its own line, beside any a
// middleware already set), and the body streamed with backpressure until the client goes away.
import type { ServerResponse } from "node:http";

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Writes `response` to `res`; resolves once it is sent or the client is gone. @internal */
export async function send(res: ServerResponse, response: Response, signal: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) {
    const earlier = res.getHeader("set-cookie");
    const kept = earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [String(earlier)];
    res.setHeader("set-cookie", [...kept, ...cookies]);
  }
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      if (signal.aborted) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}

/** A plain-text answer that names no internal detail. @internal */
export function plain(res: ServerResponse, status: number, message: string, close = false): void {
  res.statusCode = status;
  res.setHeader("content-type", "text/plain; charset=utf-8");
  if (close) res.setHeader("connection", "close");
  res.end(message);
}
