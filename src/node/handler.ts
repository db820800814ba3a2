// toNodeHandler: one of our web handlers (Request -> Response) served by node:http, Express or a
// Next.js pages route. The handler only ever sees a whole, capped body, and learns of a client
// that went away through its Request's signal.
import type { IncomingMessage, ServerResponse } from "node:http";
import { IntercomOAuthError } from "../errors.js";
import { checkNodeOptions, type NodeHandlerOptions } from "./options.js";
import { headersOf, readBody, Refusal, urlOf } from "./request.js";
import { plain, send } from "./response.js";

/**
 * A web handler: any of the SDK's (`start`, `callback`, `uninstall`, `healthCheck`,
 * `notifications`) or your own `(request) => Response`.
 */
export type WebHandler = (request: Request) => Response | Promise<Response>;

/**
 * What {@link toNodeHandler} returns: a node:http listener, Express middleware and a Next.js
 * pages API route at once. With `next` (Express), a failure is passed on; without, it is a 500.
 * The promise never rejects.
 */
export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

const WITHOUT_BODY = new Set(["GET", "HEAD"]);

/**
 * Serves a web handler from Node: builds the `Request` (origin per {@link NodeHandlerOptions},
 * body read with a cap, aborted when the client disconnects) and writes the `Response` (every
 * `Set-Cookie` kept, body streamed).
 *
 * Over `maxBodyBytes` it answers `413` and the handler never runs; a bad `Host` or request
 * target is a `400`. When the handler throws, `next(error)` gets the error if given, else the
 * client gets a plain `500 Internal Server Error` with no detail.
 *
 * Mount it before any body parser (`express.json()`): webhook signatures cover the raw bytes.
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` for bad options.
 * @see docs/frameworks.md
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { toNodeHandler } from "intercom-oauth/node";
 *
 * const { start } = intercom.handlers({ onSuccess: () => new Response("Connected") });
 * createServer(toNodeHandler(start, { origin: "https://app.example.com" })).listen(3000);
 * ```
 */
export function toNodeHandler(handler: WebHandler, options?: NodeHandlerOptions): NodeHandler {
  if (typeof handler !== "function") {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      "toNodeHandler() expects a handler function (request) => Response, such as intercom.handlers().callback.",
      { problems: ["handler must be a function."] },
    );
  }
  const settings = checkNodeOptions(options, "toNodeHandler");
  return async (req, res, next) => {
    const aborted = new AbortController();
    // "close" before the response finished: the client went away (or the socket broke).
    const onClose = () => {
      if (!res.writableFinished) aborted.abort(new Error("The client closed the connection."));
    };
    res.once("close", onClose);
    try {
      const url = urlOf(req, settings);
      if (url instanceof Refusal) return plain(res, url.status, url.message, true);
      const method = (req.method ?? "GET").toUpperCase();
      let body: Uint8Array<ArrayBuffer> | undefined;
      if (!WITHOUT_BODY.has(method)) {
        // Someone read the stream before us: the bytes a signature covers are gone.
        if (req.readableDidRead || req.readableEnded) {
          throw new IntercomOAuthError(
            "INVALID_OPTIONS",
            "toNodeHandler(): the request body was already read, by a body parser such as express.json(). Mount the Intercom routes before it: webhook signatures cover the raw bytes.",
          );
        }
        const read = await readBody(req, settings.maxBodyBytes);
        if (read instanceof Refusal) return plain(res, read.status, read.message, true);
        body = read;
      }
      const request = new Request(url, {
        method,
        headers: headersOf(req),
        signal: aborted.signal,
        ...(body === undefined ? {} : { body }),
      });
      const response = await handler(request);
      if (aborted.signal.aborted) {
        await response.body?.cancel();
        return;
      }
      await send(res, response, aborted.signal);
    } catch (error) {
      if (next) return next(error);
      if (res.headersSent || aborted.signal.aborted) {
        res.destroy();
        return;
      }
      plain(res, 500, "Internal Server Error");
    } finally {
      res.off("close", onClose);
    }
  };
}
