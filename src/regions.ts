/**
 * Intercom's data-hosting regions and the hosts each one uses.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/rest-apis/unified-api-base-urls
 * @module
 */

import { IntercomOAuthError } from "./errors.js";

/** The regions Intercom hosts workspaces in. `us` is the default. */
export const REGIONS = ["us", "eu", "au"] as const;

/** An Intercom data-hosting region. */
export type Region = (typeof REGIONS)[number];

/** Host overrides, for proxies and local stand-ins. Each is an origin such as `http://127.0.0.1:4010`. */
export interface IntercomBaseUrls {
  /** Where the authorize page lives, in place of `https://app.intercom.com`. */
  readonly app?: string;
  /** Where the API lives, in place of `https://api.intercom.io`. */
  readonly api?: string;
}

/** The four URLs the OAuth flow touches for one region. */
export interface IntercomEndpoints {
  /** The consent page the admin is sent to. */
  readonly authorize: string;
  /** The code-for-token exchange (`POST`, form-encoded). */
  readonly token: string;
  /** The installing admin and their workspace (`GET`, bearer token). */
  readonly me: string;
  /** Revokes the token, uninstalling the app from the workspace (`POST`, bearer token). */
  readonly uninstall: string;
}

const HOSTS: Readonly<Record<Region, { readonly app: string; readonly api: string }>> = {
  us: { app: "https://app.intercom.com", api: "https://api.intercom.io" },
  eu: { app: "https://app.eu.intercom.com", api: "https://api.eu.intercom.io" },
  au: { app: "https://app.au.intercom.com", api: "https://api.au.intercom.io" },
};

/** Whether `value` is one of {@link REGIONS}. */
export function isRegion(value: unknown): value is Region {
  return typeof value === "string" && (REGIONS as readonly string[]).includes(value);
}

/**
 * The authorize, token, `/me` and uninstall URLs for a region.
 *
 * Each region has its own hosts; tokens are reported to fail against another
 * region's API host, so the SDK never mixes them.
 *
 * @param region - `"us"` (default), `"eu"` or `"au"`
 * @param baseUrls - optional host overrides; a trailing slash is ignored
 */
export function intercomEndpoints(region: Region = "us", baseUrls: IntercomBaseUrls = {}): IntercomEndpoints {
  const hosts = HOSTS[region];
  if (hosts === undefined) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `Unknown Intercom region "${String(region)}". Use "us", "eu" or "au".`,
    );
  }
  const app = (baseUrls.app ?? hosts.app).replace(/\/+$/, "");
  const api = (baseUrls.api ?? hosts.api).replace(/\/+$/, "");
  return {
    authorize: `${app}/oauth`,
    token: `${api}/auth/eagle/token`,
    me: `${api}/me`,
    uninstall: `${api}/auth/uninstall`,
  };
}
