/**
 * Serves a stand-in from a node:http server, for benchmarks and for clients that
 * cannot be intercepted by msw. Typed structurally so that this file imports nothing
 * from `node:` and the kit still loads in fetch runtimes.
 *
 * @module
 */

import { isSimulatedNetworkError } from "./faults.js";
import type { IntercomStandInCore } from "./stand-in.js";

/**
 * The parts of node's `IncomingMessage` the listener reads.
 *
 * @example
 * ```ts
 * createServer((req: IncomingMessage, res) => listener(req, res)); // an IncomingMessage fits
 * ```
 */
export interface NodeLikeRequest extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
}

/**
 * The parts of node's `ServerResponse` the listener writes.
 *
 * @example
 * ```ts
 * createServer((req, res: ServerResponse) => listener(req, res)); // a ServerResponse fits
 * ```
 */
export interface NodeLikeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(chunk?: Uint8Array): unknown;
  destroy(error?: Error): unknown;
}

/**
 * Options of {@link toNodeListener}.
 *
 * @example
 * ```ts
 * createServer(toNodeListener(standIn, { origin: "http://127.0.0.1:4010" }));
 * ```
 */
export interface NodeListenerOptions {
  /**
   * The origin requests are taken to address, such as `http://127.0.0.1:4010`.
   * Default: `http://` plus the request's `Host` header. It must be one the stand-in
   * serves (`baseUrls` or {@link IntercomStandInCore.addBaseUrls}).
   */
  readonly origin?: string;
}

async function readBody(request: NodeLikeRequest): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of request) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.length;
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/**
 * A `(req, res)` listener for `node:http`'s `createServer` that answers with
 * `standIn.handle`. A `network-error` fault destroys the socket, so the client sees a
 * reset connection.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { createIntercomStandInCore, toNodeListener } from "intercom-oauth/testing/node";
 *
 * const standIn = createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
 * const server = createServer(toNodeListener(standIn));
 * server.listen(0, "127.0.0.1", () => {
 *   const { port } = server.address() as { port: number };
 *   const endpoints = standIn.addBaseUrls({ app: `http://127.0.0.1:${port}`, api: `http://127.0.0.1:${port}` });
 *   console.log(endpoints.authorize);
 * });
 * ```
 */
export function toNodeListener(
  standIn: Pick<IntercomStandInCore, "handle">,
  options: NodeListenerOptions = {},
): (req: NodeLikeRequest, res: NodeLikeResponse) => void {
  return (req, res) => {
    void (async () => {
      const method = (req.method ?? "GET").toUpperCase();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const origin = options.origin ?? `http://${headers.get("host") ?? "127.0.0.1"}`;
      const hasBody = method !== "GET" && method !== "HEAD";
      const body = hasBody ? await readBody(req) : undefined;
      const request = new Request(new URL(req.url ?? "/", origin), { method, headers, ...(body ? { body } : {}) });
      let response: Response;
      try {
        response = await standIn.handle(request);
      } catch (error) {
        if (isSimulatedNetworkError(error)) {
          res.destroy();
          return;
        }
        throw error;
      }
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      res.end(new Uint8Array(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      // A bug in the stand-in: answer 500 and say so, rather than crash the server.
      try {
        res.statusCode = 500;
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.end(
          new TextEncoder().encode(
            `intercom-oauth/testing failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      } catch {
        res.destroy();
      }
    });
  };
}
