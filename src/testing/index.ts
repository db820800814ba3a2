/**
 * intercom-oauth/testing: an Intercom stand-in for tests, demos and benchmarks.
 *
 * It answers Intercom's OAuth endpoints (authorize, token exchange, `/me`, uninstall)
 * for the US, EU and AU hosts, with injectable faults, and acts as Intercom calling the app:
 * signed uninstall, health check and topic webhook requests (`standIn.uninstallRequest`, …). Use it through msw
 * (`standIn.handlers()`), as a plain fetch handler (`standIn.handle`, `standIn.fetch`),
 * or over node:http (`toNodeListener`).
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createIntercomStandIn } from "intercom-oauth/testing";
 *
 * const standIn = createIntercomStandIn({ clientId: "id", clientSecret: "secret" });
 * const server = setupServer(...standIn.handlers());
 * server.listen();
 * ```
 *
 * @module
 */
export { createIntercomStandIn, intercomHandlers, type IntercomStandIn } from "./msw.js";
export { createIntercomStandInCore, type IntercomStandInCore } from "./stand-in.js";
export { DEFAULT_REDIRECT_URI } from "./options.js";
export { INTERCOM_VERSIONS } from "./behaviours.js";
export { isSimulatedNetworkError, STAND_IN_ENDPOINTS } from "./faults.js";
export {
  toNodeListener,
  type NodeLikeRequest,
  type NodeLikeResponse,
  type NodeListenerOptions,
} from "./node-listener.js";
export type {
  ConsentDecision,
  ConsentOptions,
  IntercomStandInOptions,
  IssueTokenOptions,
  StandInAdmin,
  StandInApp,
  StandInCallOptions,
  StandInEndpoint,
  StandInFault,
  StandInFaultOptions,
  StandInFaultType,
  StandInLimits,
  StandInNotificationOptions,
  StandInRequestRecord,
  StandInTokenState,
  StandInUninstallOptions,
  StandInWorkspace,
} from "./types.js";
