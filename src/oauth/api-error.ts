/**
 * The service's own Intercom calls: any non-2xx answer mapped to an `IntercomOAuthError`, with
 * the codes and scrubbing of the SDK's own calls.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { scrubber } from "../redact.js";
import { readBody } from "./body.js";
import { errorFromResponse, redirectRefused } from "./intercom-errors.js";
import { type AccessTokenInput, accessTokenOf } from "./token.js";

/** Options of {@link intercomErrorFromResponse}. */
export interface IntercomErrorFromResponseOptions {
  /**
   * The token the call was made with: removed from the error (raw or encoded) should Intercom
   * echo it. Pass it whenever you have it.
   */
  readonly accessToken?: AccessTokenInput;
  /** The `Intercom-Version` the call sent, to explain `intercom_version_invalid`. */
  readonly apiVersion?: string;
  /** How long to wait for the body, in ms. Default 10,000; the status alone decides after that. */
  readonly timeoutMs?: number;
}

const MAX_PATH = 100;

function invalidOptions(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", `intercomErrorFromResponse: ${message}`, { problems: [message] });
}

/** The body as text, read as the SDK's own answers are (at most 1 MiB): "" when it is over that, used, unreadable or too slow. */
async function bodyOf(response: Response, timeoutMs: number): Promise<string> {
  // Stryker disable next-line StringLiteral: for the api operation the body is only parsed, and text not starting with "{" gives no entries, as "" does
  if (response.bodyUsed) return "";
  try {
    return await readBody(response, timeoutMs, undefined);
  } catch {
    // Too large, too slow or reset: the status still says enough.
    // Stryker disable next-line StringLiteral: for the api operation the body is only parsed, and text not starting with "{" gives no entries, as "" does
    return "";
  }
}

/** "the call to /contacts/123", from the response's URL, without its query (which may hold anything). */
function actionOf(response: Response, secrets: readonly string[]): string {
  try {
    const path = scrubber(secrets)(new URL(response.url).pathname);
    return `the call to ${path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path}`;
  } catch {
    return "the API call";
  }
}

/**
 * The `IntercomOAuthError` for an answer to one of your own Intercom API calls, with the codes
 * of the SDK's calls: `UNAUTHORIZED` for a dead token (mark the connection `unauthorized`, ask
 * for a reconnect), `FORBIDDEN` for a missing permission (`scope` names it when Intercom did:
 * the token is still good; tick the permission, then have an admin reinstall), `RATE_LIMITED`
 * (with `retryAfterMs`), `SERVER_ERROR`, `API_ERROR`, and `INVALID_RESPONSE` for a redirect.
 * Intercom's error entries and request id are kept; the token, if given, is scrubbed from
 * everything, raw or encoded. It reads the body as the SDK reads its own answers (at most 1 MiB,
 * within `timeoutMs`; a body over that, or unreadable, leaves the status to decide), and never rejects for an error answer.
 *
 * @example
 * ```ts
 * const response = await fetch("https://api.intercom.io/contacts", {
 *   headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
 * });
 * if (!response.ok) throw await intercomErrorFromResponse(response, { accessToken });
 * ```
 * @throws IntercomOAuthError `INVALID_OPTIONS` (a rejection) for a 2xx answer, which is not an
 *   error (check `response.ok` first; its body is left unread), or for a value that is not a `Response`.
 * @see docs/connections.md
 */
export async function intercomErrorFromResponse(
  response: Response,
  options: IntercomErrorFromResponseOptions = {},
): Promise<IntercomOAuthError> {
  if (
    typeof response !== "object" ||
    response === null ||
    typeof response.status !== "number" ||
    typeof response.headers?.get !== "function"
  ) {
    throw invalidOptions("expects the Response of a fetch to Intercom's API.");
  }
  if (response.status >= 200 && response.status < 300) {
    throw invalidOptions(
      `the answer is a success (${response.status}), not an error. Check response.ok before calling it; the body was left unread.`,
    );
  }
  const token =
    options.accessToken === undefined ? undefined : accessTokenOf(options.accessToken, "intercomErrorFromResponse");
  // Stryker disable next-line ConditionalExpression: scrubber skips a secret that is not a string, so [undefined] scrubs nothing, as [] does
  const secrets = token === undefined ? [] : [token];
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw invalidOptions("timeoutMs must be a number of milliseconds.");
  const action = actionOf(response, secrets);
  // 2xx is refused above: below 400 is a redirect, or an opaque one (status 0). Intercom's API does not redirect.
  if (response.status < 400) {
    response.body?.cancel().catch(() => undefined);
    // Without a URL (a Response made by hand), a relative Location resolves against a placeholder host.
    return redirectRefused("api", response.url || "https://unknown.invalid/", response, false, secrets);
  }
  const body = await bodyOf(response, timeoutMs);
  return errorFromResponse({
    // Stryker disable next-line StringLiteral: operation only picks the default action (always given here) and the exchange and identity wording, which "" does not pick either
    operation: "api",
    response,
    body,
    secrets,
    action,
    // Stryker disable next-line ConditionalExpression: apiVersion is only read as `context.apiVersion ?? ""`, so a missing key and an undefined value read the same
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
  });
}
