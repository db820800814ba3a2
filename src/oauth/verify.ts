/**
 * A live check of the client id and secret: one token request with a code that can never
 * be real, read from the order in which Intercom checks things (client first, code second).
 *
 * @module
 */

import * as z from "zod/mini";
import { type IntercomOAuthErrorCode, isIntercomOAuthError } from "../errors.js";
import { type IntercomBaseUrls, type Region, type RegionalBaseUrls, intercomEndpoints } from "../regions.js";
import { send } from "./http.js";
import { errorFromResponse } from "./intercom-errors.js";
import { clientOptionsSchema, parseOptions } from "./options.js";

/**
 * The code every probe sends: fixed, and obviously not a code Intercom issued, so that it can
 * never be exchanged for a token.
 * @internal
 */
export const PROBE_CODE = "intercom-oauth-verify-probe-not-a-real-code";

/** What {@link verifyCredentials} needs. */
export interface VerifyCredentialsOptions {
  /** The app's client id (Developer Hub > your app > Basic information). */
  readonly clientId: string;
  /** The app's client secret. Sent to Intercom's token endpoint only; never in the result. */
  readonly clientSecret: string;
  /** The region whose token endpoint is probed. Default `"us"`. */
  readonly region?: Region;
  /** Host overrides (a proxy or a stand-in), as for `createIntercomOAuth`. */
  readonly baseUrls?: IntercomBaseUrls | RegionalBaseUrls;
  /** A custom fetch. Default: the global `fetch`, looked up at call time. */
  readonly fetch?: typeof globalThis.fetch;
  /** How long to wait for the answer, in milliseconds. Default 10,000. */
  readonly timeoutMs?: number;
}

/**
 * The outcome of {@link verifyCredentials}:
 * - `accepted`: Intercom accepted the client id and secret (it refused only the probe code);
 * - `rejected`: Intercom refused the client (`code` is `INVALID_CLIENT`);
 * - `inconclusive`: any other answer, a network failure or a timeout; `code` is the error's
 *   code when there was one, and `reason` says what happened.
 */
export type VerifyCredentialsResult =
  | { readonly verdict: "accepted" }
  | {
      readonly verdict: "rejected";
      readonly code: IntercomOAuthErrorCode;
      /** The HTTP status of the refusal. */
      readonly status?: number;
      /** Intercom's request id, to quote to support. */
      readonly requestId?: string;
    }
  | {
      readonly verdict: "inconclusive";
      /** What happened, and what to check. Never holds the secret. */
      readonly reason: string;
      readonly code?: IntercomOAuthErrorCode;
      readonly status?: number;
      readonly requestId?: string;
    };

// The codes that say the client passed and only the code was refused.
const CODE_REFUSED = new Set(["unauthorized_code", "invalid_grant"]);

let verifyOptions: ReturnType<typeof buildVerifyOptionsSchema> | undefined;
function buildVerifyOptionsSchema() {
  const { clientId, clientSecret, region, baseUrls, fetch, timeoutMs } = clientOptionsSchema().shape;
  return z.strictObject({ clientId, clientSecret, region, baseUrls, fetch, timeoutMs });
}

function extras(status: number | undefined, requestId: string | undefined) {
  return { ...(status === undefined ? {} : { status }), ...(requestId === undefined ? {} : { requestId }) };
}

/**
 * Checks a client id and secret against Intercom's token endpoint, before any customer
 * connects: one POST with a fixed, obviously fake code. Intercom checks the client before
 * the code, so `unauthorized_code` means the id and secret were accepted and
 * `invalid_client` (or an unknown client id) means they were refused.
 *
 * **This rests on one third-party observation of Intercom's answers (2026-10)**, not on
 * Intercom's documentation: if Intercom changes the order of its checks, a verdict may be
 * wrong, and anything unexpected is reported as `inconclusive`.
 *
 * It sends exactly one request and never retries. It never throws for Intercom's answer,
 * a network failure or a timeout: those are verdicts. The result never holds the secret.
 *
 * @example
 * ```ts
 * const result = await verifyCredentials({
 *   clientId: process.env.INTERCOM_CLIENT_ID!,
 *   clientSecret: process.env.INTERCOM_CLIENT_SECRET!,
 *   region: "eu",
 * });
 * if (result.verdict === "rejected") throw new Error("Check the client secret in Developer Hub");
 * ```
 * @throws IntercomOAuthError `INVALID_OPTIONS` for missing or malformed options (nothing is sent).
 */
export async function verifyCredentials(options: VerifyCredentialsOptions): Promise<VerifyCredentialsResult> {
  const parsed = parseOptions(buildOrGet(), options, "verifyCredentials");
  const tokenUrl = intercomEndpoints(parsed.region ?? "us", parsed.baseUrls).token;
  const http = { fetch: parsed.fetch, timeoutMs: parsed.timeoutMs ?? 10_000 };
  const secrets = [parsed.clientSecret];
  const form = new URLSearchParams({
    code: PROBE_CODE,
    client_id: parsed.clientId,
    client_secret: parsed.clientSecret,
  });
  let sent: Awaited<ReturnType<typeof send>>;
  try {
    sent = await send(
      tokenUrl,
      { operation: "exchange", method: "POST", headers: { accept: "application/json" }, form },
      http,
      undefined,
      secrets,
    );
  } catch (error) {
    if (!isIntercomOAuthError(error)) {
      return { verdict: "inconclusive", reason: "The probe failed before Intercom answered." };
    }
    return {
      verdict: "inconclusive",
      reason: error.message,
      code: error.code,
      ...extras(error.status, error.requestId),
    };
  }
  const { response } = sent;
  if (response.ok) {
    return {
      verdict: "inconclusive",
      reason: `The token endpoint answered the probe's fake code with ${response.status}, which Intercom never does: something else is answering. Check baseUrls and any proxy.`,
      status: response.status,
    };
  }
  const error = errorFromResponse({ operation: "exchange", response, body: sent.body, secrets });
  const more = extras(error.status, error.requestId);
  // Intercom answers an unknown client id with "not found"; a 404 that does not name the
  // client is more likely a wrong base URL.
  const unknownClient = error.status !== 404 || error.errors.some((e) => /client/i.test(e.message ?? ""));
  if (error.code === "INVALID_CLIENT" && unknownClient) return { verdict: "rejected", code: error.code, ...more };
  if (error.code === "INVALID_GRANT" && error.errors.some((e) => CODE_REFUSED.has(e.code.toLowerCase()))) {
    return { verdict: "accepted" };
  }
  const html = (response.headers.get("content-type") ?? "").includes("html") ? ", as an HTML page" : "";
  return {
    verdict: "inconclusive",
    reason:
      `The token endpoint answered the probe with ${response.status}${html}, neither unauthorized_code (client accepted) nor invalid_client (client refused). ` +
      "Check baseUrls and any proxy, and Intercom's status page; quote the request id to Intercom support if it persists.",
    code: error.code,
    ...more,
  };
}

function buildOrGet() {
  verifyOptions ??= buildVerifyOptionsSchema();
  return verifyOptions;
}
