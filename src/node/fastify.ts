// The Fastify form. Fastify parses JSON bodies before a route handler runs, and a webhook's
// signature covers the raw bytes, so the work happens in the route's onRequest hook: the reply is
// hijacked there and Fastify neither parses the body nor calls the handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NodeHandlerOptions } from "./options.js";
import { toNodeHandler, type WebHandler } from "./handler.js";

/** The parts of a Fastify request the route reads. */
export interface FastifyLikeRequest {
  readonly raw: IncomingMessage;
}

/** The parts of a Fastify reply the route uses. */
export interface FastifyLikeReply {
  readonly raw: ServerResponse;
  hijack(): unknown;
}

/** What {@link toFastifyRoute} returns: spread it into `fastify.route({ method, url, ... })`. */
export interface FastifyRouteParts {
  /** Hijacks the reply and answers from the web handler, before Fastify reads the body. */
  onRequest(request: FastifyLikeRequest, reply: FastifyLikeReply): Promise<void>;
  /** Never reached: `onRequest` has answered. */
  handler(): Promise<void>;
}

/**
 * A web handler as Fastify route parts. Fastify's own `trustProxy` and `bodyLimit` do not apply
 * to it: give {@link NodeHandlerOptions} here.
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` for bad options.
 * @see docs/frameworks.md
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { toFastifyRoute } from "intercom-oauth/node";
 *
 * const app = Fastify();
 * app.route({ method: "POST", url: "/intercom/uninstall", ...toFastifyRoute(hooks.uninstall) });
 * ```
 */
export function toFastifyRoute(handler: WebHandler, options?: NodeHandlerOptions): FastifyRouteParts {
  const serve = toNodeHandler(handler, options);
  return {
    async onRequest(request, reply) {
      reply.hijack();
      await serve(request.raw, reply.raw);
    },
    async handler() {},
  };
}
