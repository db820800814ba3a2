/**
 * intercom-oauth/node: the SDK's web handlers (`Request` → `Response`) served from Node:
 * node:http, Express, Next.js pages routes ({@link toNodeHandler}) and Fastify
 * ({@link toFastifyRoute}). The only entry that uses Node's own modules; every other entry runs
 * on any fetch runtime.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { toNodeHandler } from "intercom-oauth/node";
 *
 * const app = express();
 * app.get("/intercom/connect", toNodeHandler(start));
 * app.get("/intercom/callback", toNodeHandler(callback));
 * app.post("/intercom/uninstall", toNodeHandler(hooks.uninstall));
 * ```
 *
 * @see docs/frameworks.md
 * @module
 */
export { DEFAULT_MAX_BODY_BYTES, type NodeHandlerOptions } from "./options.js";
export { toNodeHandler, type NodeHandler, type WebHandler } from "./handler.js";
export {
  toFastifyRoute,
  type FastifyLikeReply,
  type FastifyLikeRequest,
  type FastifyRouteParts,
} from "./fastify.js";
