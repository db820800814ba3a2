/**
 * Revoking a token: `POST /auth/uninstall`, which also uninstalls the app from the workspace.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */

import { errorFromResponse } from "./intercom-errors.js";
import { send } from "./http.js";
import { bearerHeaders, type ApiContext } from "./identity.js";

/**
 * One attempt, never retried: revoking is the user's explicit action, and a caller that
 * wants to retry can do so knowing the outcome of the first try.
 * @internal
 */
export async function revokeToken(
  context: ApiContext,
  accessToken: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const secrets = [accessToken];
  const sent = await send(
    context.url,
    { operation: "revoke", method: "POST", headers: bearerHeaders(accessToken, context.apiVersion), json: {} },
    context.http,
    signal,
    secrets,
  );
  if (!sent.response.ok) {
    throw errorFromResponse({
      operation: "revoke",
      response: sent.response,
      body: sent.body,
      secrets,
      apiVersion: context.apiVersion,
    });
  }
}
