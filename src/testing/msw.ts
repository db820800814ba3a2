/**
 * intercom-oauth/testing/msw: the stand-in with msw handlers (`createIntercomStandIn`,
 * `intercomHandlers`). The only file of the kit that imports msw, which reads `process.env`
 * and builds a cookie store on `localStorage` at load, so it is an entry of its own.
 * Everything of `intercom-oauth/testing` too, so one import does.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createIntercomStandIn } from "intercom-oauth/testing/msw";
 *
 * const server = setupServer(...createIntercomStandIn({ clientId: "id", clientSecret: "secret" }).handlers());
 * server.listen();
 * ```
 *
 * @module
 */

import { http, HttpResponse, type RequestHandler } from "msw";
import { isSimulatedNetworkError } from "./faults.js";
import { type IntercomStandInCore, createIntercomStandInCore } from "./stand-in.js";
import type { IntercomStandInOptions } from "./types.js";

export * from "./index.js";

/**
 * A stand-in with its msw handlers: everything of {@link IntercomStandInCore}, plus `handlers()`.
 *
 * @example
 * ```ts
 * const standIn: IntercomStandIn = createIntercomStandIn({ clientId: "id", clientSecret: "secret" });
 * ```
 */
export interface IntercomStandIn extends IntercomStandInCore {
  /**
   * msw handlers for every endpoint the stand-in serves right now: Intercom's hosts in
   * all three regions plus `baseUrls`. They match the four OAuth URLs exactly, so your
   * own handlers for other Intercom endpoints keep working alongside them. A
   * `network-error` fault becomes `HttpResponse.error()`, so `fetch` rejects.
   *
   * @example
   * ```ts
   * const server = setupServer(...standIn.handlers());
   * ```
   */
  handlers(): RequestHandler[];
}

function handlersFor(standIn: IntercomStandInCore): RequestHandler[] {
  const resolver = async ({ request }: { request: Request }) => {
    try {
      return await standIn.handle(request);
    } catch (error) {
      // A caller that aborted (a client timeout during a delay fault) is gone; answer quietly.
      if (isSimulatedNetworkError(error) || request.signal.aborted) return HttpResponse.error();
      throw error;
    }
  };
  const seen = new Set<string>();
  const handlers: RequestHandler[] = [];
  for (const { endpoints } of standIn.served()) {
    for (const url of [endpoints.authorize, endpoints.token, endpoints.me, endpoints.uninstall]) {
      if (seen.has(url)) continue;
      seen.add(url);
      handlers.push(http.all(url, resolver));
    }
  }
  return handlers;
}

/**
 * Creates an Intercom stand-in: a fake Intercom that answers the authorize, token,
 * `/me` and uninstall endpoints for the US, EU and AU hosts (and any `baseUrls`), with
 * injectable faults and a request log.
 *
 * Warning: use made-up credentials. The stand-in never talks to Intercom.
 *
 * @param options - apps, clock and hosts; see {@link IntercomStandInOptions}
 * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` listing each problem found.
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createIntercomStandIn } from "intercom-oauth/testing/msw";
 *
 * const standIn = createIntercomStandIn({ clientId: "id", clientSecret: "secret" });
 * const server = setupServer(...standIn.handlers());
 * server.listen();
 * ```
 */
export function createIntercomStandIn(options: IntercomStandInOptions): IntercomStandIn {
  const core = createIntercomStandInCore(options);
  return Object.assign(core, { handlers: () => handlersFor(core) });
}

/**
 * msw handlers backed by a stand-in: pass options to create a fresh one, or an
 * existing stand-in (the same as `standIn.handlers()`).
 *
 * @example
 * ```ts
 * const server = setupServer(...intercomHandlers({ clientId: "id", clientSecret: "secret" }));
 * ```
 */
export function intercomHandlers(optionsOrStandIn: IntercomStandInOptions | IntercomStandInCore): RequestHandler[] {
  const standIn =
    typeof (optionsOrStandIn as Partial<IntercomStandInCore>).handle === "function"
      ? (optionsOrStandIn as IntercomStandInCore)
      : createIntercomStandInCore(optionsOrStandIn as IntercomStandInOptions);
  return handlersFor(standIn);
}
