/**
 * Injectable failures: validation, the answers they produce, and the simulated
 * network error.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import type { StandInEndpoint, StandInFault, StandInFaultOptions } from "./types.js";
import { errorResponse, htmlResponse } from "./wire.js";

const SIMULATED = Symbol.for("intercom-oauth.testing.network-error");

/**
 * The endpoints faults can target.
 *
 * @example
 * ```ts
 * for (const endpoint of STAND_IN_ENDPOINTS) standIn.injectFault(endpoint, { type: "server-error" });
 * ```
 */
export const STAND_IN_ENDPOINTS: readonly StandInEndpoint[] = ["authorize", "token", "me", "uninstall"];

/**
 * Whether `error` is the failure a `network-error` fault makes
 * {@link IntercomStandInCore.handle} throw. Adapters use it to drop the request their
 * own way (msw: `HttpResponse.error()`; node:http: destroy the socket).
 *
 * The error itself is a `TypeError` with message `fetch failed`, like the one `fetch`
 * throws when a connection is refused, so code that calls `standIn.fetch` directly sees
 * what it would see in production.
 *
 * @example
 * ```ts
 * try {
 *   return await standIn.handle(request);
 * } catch (error) {
 *   if (isSimulatedNetworkError(error)) socket.destroy();
 *   else throw error;
 * }
 * ```
 */
export function isSimulatedNetworkError(error: unknown): error is TypeError {
  return error instanceof TypeError && (error as unknown as Record<symbol, unknown>)[SIMULATED] === true;
}

/** @internal */
export function simulatedNetworkError(): TypeError {
  const cause = Object.assign(new Error("socket hang up (simulated by intercom-oauth/testing)"), {
    code: "ECONNRESET",
  });
  const error = new TypeError("fetch failed", { cause });
  Object.defineProperty(error, SIMULATED, { value: true, enumerable: false });
  return error;
}

function isCount(value: unknown): boolean {
  return value === Number.POSITIVE_INFINITY || (typeof value === "number" && Number.isInteger(value) && value > 0);
}

/** Checks a fault before it is queued, so a typo fails at the call site, not mid-test. @internal */
export function validateFault(endpoint: unknown, fault: StandInFault & StandInFaultOptions): void {
  const problems: string[] = [];
  if (!STAND_IN_ENDPOINTS.includes(endpoint as StandInEndpoint)) {
    problems.push(`endpoint ${JSON.stringify(endpoint)} is not one of ${STAND_IN_ENDPOINTS.join(", ")}`);
  }
  if (typeof fault !== "object" || fault === null) {
    problems.push('fault must be an object such as { type: "server-error" }');
  } else {
    if (fault.times !== undefined && !isCount(fault.times))
      problems.push("times must be a positive integer or Infinity");
    switch (fault.type) {
      case "rate-limit":
        if (
          fault.retryAfterSeconds !== undefined &&
          !(Number.isFinite(fault.retryAfterSeconds) && fault.retryAfterSeconds >= 0)
        ) {
          problems.push("retryAfterSeconds must be a number of seconds >= 0");
        }
        if (fault.resetAt !== undefined && !Number.isFinite(fault.resetAt))
          problems.push("resetAt must be Unix seconds");
        break;
      case "server-error":
        if (
          fault.status !== undefined &&
          !(Number.isInteger(fault.status) && fault.status >= 500 && fault.status <= 599)
        ) {
          problems.push("server-error status must be 500-599");
        }
        break;
      case "html":
        if (
          fault.status !== undefined &&
          !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)
        ) {
          problems.push("html status must be 200-599");
        }
        break;
      case "delay":
        if (!(Number.isFinite(fault.ms) && fault.ms >= 0))
          problems.push("delay needs ms, a number of milliseconds >= 0");
        break;
      case "forbidden":
        if (fault.scope !== undefined && (typeof fault.scope !== "string" || fault.scope === "")) {
          problems.push('forbidden scope must be a non-empty string such as "read_admins"');
        }
        break;
      case "malformed-json":
      case "network-error":
        break;
      default:
        problems.push(
          `fault type ${JSON.stringify((fault as { type?: unknown }).type)} is not one of rate-limit, server-error, html, malformed-json, network-error, delay, forbidden`,
        );
    }
  }
  if (problems.length > 0) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `injectFault: ${problems.join("; ")}. Fix the call and try again.`,
      {
        problems,
      },
    );
  }
}

/** A fault that answers (delay and network-error do not; the stand-in handles them before). @internal */
export type AnsweringFault = Exclude<StandInFault, { readonly type: "delay" | "network-error" }>;

/** The answer a fault gives. @internal */
export function faultResponse(fault: AnsweringFault, requestId: string, nowMs: number): Response {
  switch (fault.type) {
    case "rate-limit": {
      const headers: Record<string, string> = {};
      if (fault.rateLimitHeaders !== false) {
        headers["x-ratelimit-limit"] = "10000";
        headers["x-ratelimit-remaining"] = "0";
        headers["x-ratelimit-reset"] = String(fault.resetAt ?? Math.floor(nowMs / 1000) + 10);
      }
      if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.ceil(fault.retryAfterSeconds));
      return errorResponse(
        429,
        [{ code: "rate_limit_exceeded", message: "Exceeded rate limit of 1666 in 10_seconds" }],
        requestId,
        headers,
      );
    }
    case "server-error":
      return errorResponse(fault.status ?? 500, [{ code: "server_error", message: "Server Error" }], requestId);
    case "html": {
      const status = fault.status ?? 502;
      return htmlResponse(
        status,
        `${status} Error`,
        "The server could not complete your request. Please try again later.",
        requestId,
      );
    }
    case "malformed-json":
      return new Response('{"type":"admin","id":"991267","app":{"id_code":', {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8", "x-request-id": requestId },
      });
    case "forbidden":
      return errorResponse(
        403,
        [
          {
            code: "forbidden",
            message: `You do not have the required scope (${fault.scope ?? "read_admins"}) to access this resource`,
          },
        ],
        requestId,
      );
  }
}
