/**
 * intercom-oauth/testing/node: the stand-in served from node:http (`toNodeListener`), for
 * benchmarks, demos and clients that msw cannot intercept. Everything of
 * `intercom-oauth/testing` too, so one import does.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { createIntercomStandInCore, toNodeListener } from "intercom-oauth/testing/node";
 *
 * const standIn = createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
 * createServer(toNodeListener(standIn)).listen(0, "127.0.0.1");
 * ```
 *
 * @module
 */
export * from "./index.js";
export {
  toNodeListener,
  type NodeLikeRequest,
  type NodeLikeResponse,
  type NodeListenerOptions,
} from "./node-listener.js";
