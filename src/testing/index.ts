/**
 * intercom-oauth/testing: an Intercom stand-in for tests, demos and benchmarks, on any runtime.
 *
 * It answers Intercom's OAuth endpoints (authorize, token exchange, `/me`, uninstall)
 * for the US, EU and AU hosts, with injectable faults, and acts as Intercom calling the app:
 * signed uninstall, health check and topic webhook requests (`standIn.uninstallRequest`, …).
 * It is a plain fetch handler (`standIn.fetch`), served by Bun.serve, Deno.serve or a Worker.
 * Loading it touches no `process`, no `localStorage`, no msw and no `node:` module. The msw
 * layer is `intercom-oauth/testing/msw`; the node:http listener is `intercom-oauth/testing/node`.
 *
 * @example
 * ```ts
 * import { createIntercomStandInCore } from "intercom-oauth/testing";
 *
 * const standIn = createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
 * Deno.serve({ port: 0 }, standIn.fetch);
 * ```
 *
 * @module
 */
export { createIntercomStandInCore, type IntercomStandInCore } from "./stand-in.js";
export { DEFAULT_REDIRECT_URI } from "./options.js";
export { INTERCOM_VERSIONS } from "./behaviours.js";
export { isSimulatedNetworkError, STAND_IN_ENDPOINTS } from "./faults.js";
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
