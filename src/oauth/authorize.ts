/**
 * The authorize URL: where the admin is sent to install the app on their workspace.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */

import { authorizationUrlInputSchema, parseOptions } from "./options.js";
import { intercomEndpoints, type IntercomBaseUrls, type Region, type RegionalBaseUrls } from "../regions.js";
import { createState } from "./state.js";

/** Input of the standalone {@link createAuthorizationUrl}. Needs no client secret. */
export interface AuthorizationUrlInput {
  /** The app's client id, from Developer Hub > Basic information. */
  readonly clientId: string;
  /**
   * The CSRF value Intercom returns on the callback. Omit it to get a fresh
   * {@link createState} value; pass a {@link createSignedState} value for cookie-less flows.
   */
  readonly state?: string;
  /**
   * One of the app's registered Redirect URLs, matched exactly. Omitted: Intercom uses
   * the first registered URL.
   */
  readonly redirectUri?: string;
  /** The workspace's hosting region; picks the host of the consent page. Default `"us"`. */
  readonly region?: Region;
  /** Host overrides (proxies, local stand-ins), for every region or per region. */
  readonly baseUrls?: IntercomBaseUrls | RegionalBaseUrls;
}

/** Per-call input of {@link IntercomOAuthClient.createAuthorizationUrl}. */
export interface AuthorizationUrlParams {
  /** See {@link AuthorizationUrlInput.state}. */
  readonly state?: string;
  /** Overrides the client's `redirectUri` for this URL. */
  readonly redirectUri?: string;
  /**
   * The workspace's region for this URL, in place of the client's `region`: picks the
   * consent page's host. Exchange the callback's code with the same region.
   */
  readonly region?: Region;
}

/** An authorize URL and the state it carries. */
export interface AuthorizationUrl {
  /** Send the admin's browser here (HTTP 302 or a link). */
  readonly url: URL;
  /**
   * The state inside `url`. Keep it where only this browser session can read it (a
   * secure, HttpOnly, SameSite=Lax cookie or a server session), and pass it to
   * `parseCallback` as `expectedState`. Signed states can instead be verified statelessly.
   */
  readonly state: string;
}

/**
 * Builds Intercom's authorize URL: `{app}/oauth?client_id=…&state=…[&redirect_uri=…]`.
 *
 * Pure: no network, no secret. Intercom takes no `scope` (permissions are ticked per
 * app in Developer Hub), no PKCE and no `response_type`, so none is sent.
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` listing every problem with the input.
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 */
export function createAuthorizationUrl(input: AuthorizationUrlInput): AuthorizationUrl {
  const options = parseOptions(authorizationUrlInputSchema(), input, "createAuthorizationUrl");
  const state = options.state ?? createState();
  const url = new URL(intercomEndpoints(options.region ?? "us", options.baseUrls).authorize);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("state", state);
  if (options.redirectUri !== undefined) url.searchParams.set("redirect_uri", options.redirectUri);
  return Object.freeze({ url, state });
}
