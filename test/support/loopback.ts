// A real node:http server on 127.0.0.1 for the tests where the network matters (redirects,
// body sizes, timeouts, closed sockets): msw would intercept fetch and prove nothing about them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the server received, with its body read in full. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/** A running loopback server. */
export interface Loopback {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Every request received so far, in order. */
  readonly received: Received[];
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

export type Handler = (request: Received, res: ServerResponse, req: IncomingMessage) => void;

/** Starts a server that reads each request's body, records it, then calls `handler`. */
export async function loopback(handler: Handler): Promise<Loopback> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(request);
      handler(request, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves once `check()` is true, polling every 10 ms; rejects after `limitMs`. */
export async function eventually(check: () => boolean, limitMs: number, what: string): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`still waiting after ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Answers JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
