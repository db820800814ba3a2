// Routing: which origin and path is which endpoint in which region, and the one `handle`
// that checks the method, applies queued faults, runs the behaviour and logs the request.

import { type IntercomBaseUrls, type IntercomEndpoints, REGIONS, type Region, intercomEndpoints } from "../regions.js";
import { sleep } from "../sleep.js";
import type { Behaviours } from "./behaviours.js";
import { faultResponse, simulatedNetworkError } from "./faults.js";
import type { Ledger } from "./ledger.js";
import type { StandInEndpoint } from "./types.js";
import { errorResponse, requestIdSource } from "./wire.js";

// POST on authorize is the consent page's form (`decision: "prompt"`).
const METHODS: Record<StandInEndpoint, readonly string[]> = {
  authorize: ["GET", "POST"],
  token: ["POST"],
  me: ["GET"],
  uninstall: ["POST"],
};

/** One served endpoint. @internal */
export interface Route {
  readonly endpoint: StandInEndpoint;
  readonly region: Region;
}

/** The origins and paths a stand-in serves: the real hosts of every region, plus added base URLs. @internal */
export class Routes {
  readonly #routes = new Map<string, Route>();
  readonly #served: Array<{ region: Region; endpoints: IntercomEndpoints }> = [];

  constructor(region: Region, baseUrls: IntercomBaseUrls | undefined) {
    for (const r of REGIONS) this.serve(r);
    if (baseUrls?.app !== undefined || baseUrls?.api !== undefined) this.serve(region, baseUrls);
  }

  /** Serves one more set of origins as `region`; returns its endpoints. */
  serve(region: Region, baseUrls?: IntercomBaseUrls): IntercomEndpoints {
    const endpoints = intercomEndpoints(region, baseUrls);
    for (const endpoint of ["authorize", "token", "me", "uninstall"] as const) {
      const url = new URL(endpoints[endpoint]);
      this.#routes.set(url.origin + url.pathname, { endpoint, region });
    }
    this.#served.push({ region, endpoints });
    return endpoints;
  }

  find(url: URL): Route | undefined {
    return this.#routes.get(url.origin + url.pathname);
  }

  /** Copies of every served set, in the order served. */
  served(): Array<{ region: Region; endpoints: IntercomEndpoints }> {
    return this.#served.map((entry) => ({ ...entry }));
  }
}

/** The stand-in's request handler. @internal */
export function createHandle(
  routes: Routes,
  ledger: Ledger,
  behaviours: Behaviours,
  now: () => number,
): (request: Request) => Promise<Response> {
  const nextRequestId = requestIdSource();
  return async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = routes.find(url);
    const requestId = nextRequestId();
    if (!route) {
      const response = errorResponse(
        404,
        [
          {
            code: "not_found",
            message:
              "Resource Not Found. The Intercom stand-in serves /oauth, /auth/eagle/token, /me and /auth/uninstall.",
          },
        ],
        requestId,
      );
      ledger.record("unknown", request, url.pathname, undefined, 404, undefined);
      return response;
    }
    const { endpoint, region: r } = route;
    const method = request.method.toUpperCase();
    const allowed = METHODS[endpoint];
    if (!allowed.includes(method) && !(method === "HEAD" && allowed.includes("GET"))) {
      ledger.record(endpoint, request, url.pathname, r, 405, undefined);
      return errorResponse(
        405,
        [{ code: "method_not_allowed", message: `Use ${allowed.join(" or ")} for this endpoint.` }],
        requestId,
        { allow: allowed.join(", ") },
      );
    }
    const fault = ledger.takeFault(endpoint);
    if (fault?.type === "network-error") {
      ledger.record(endpoint, request, url.pathname, r, 0, fault.type);
      throw simulatedNetworkError();
    }
    if (fault?.type === "delay") await sleep(fault.ms, request.signal);
    else if (fault) {
      const response = faultResponse(fault, requestId, now());
      ledger.record(endpoint, request, url.pathname, r, response.status, fault.type);
      return response;
    }
    let response: Response;
    if (endpoint === "authorize")
      response =
        method === "POST"
          ? await behaviours.consentPost(request, r, requestId)
          : behaviours.authorize(request, url, r, requestId);
    else if (endpoint === "token") response = await behaviours.token(request, r, requestId);
    else if (endpoint === "me") response = behaviours.me(request, r, requestId);
    else response = behaviours.uninstall(request, r, requestId);
    ledger.record(endpoint, request, url.pathname, r, response.status, fault?.type);
    return response;
  };
}
