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

/**
 * Host overrides per region, for proxies and stand-ins that serve several regions. A region
 * left out uses Intercom's own hosts.
 *
 * @example
 * ```ts
 * const baseUrls: RegionalBaseUrls = { eu: { api: "https://eu-proxy.example.com" } };
 * ```
 */
export interface RegionalBaseUrls {
  /** Overrides for the US hosts. */
  readonly us?: IntercomBaseUrls;
  /** Overrides for the EU hosts. */
  readonly eu?: IntercomBaseUrls;
  /** Overrides for the Australian hosts. */
  readonly au?: IntercomBaseUrls;
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
 * `value` as a {@link Region}.
 * @param subject - what gave it, for the message, such as `exchangeCode: region`
 * @throws IntercomOAuthError `INVALID_OPTIONS` naming the three regions (and the lower-case
 *   one meant, for `"EU"`).
 * @internal
 */
export function requireRegion(value: unknown, subject: string): Region {
  if (isRegion(value)) return value;
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 24)) : typeof value;
  const meant = labelRegion(value);
  const hint = meant === undefined ? "" : ` (did you mean "${meant}"?)`;
  const message = `${subject} ${shown} is not a known Intercom region; use "us", "eu" or "au"${hint}.`;
  throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

/** Whether `baseUrls` is the per-region form (`{ us?, eu?, au? }`) rather than `{ app?, api? }`. */
export function isRegionalBaseUrls(baseUrls: IntercomBaseUrls | RegionalBaseUrls): baseUrls is RegionalBaseUrls {
  return REGIONS.some((region) => region in baseUrls);
}

// Intercom's labels for `app.region` in `GET /me`, lower-cased; only "US" is confirmed (facts §3).
const RAW_REGIONS: Readonly<Record<string, Region>> = {
  us: "us",
  eu: "eu",
  europe: "eu",
  au: "au",
  australia: "au",
};

/**
 * The {@link Region} of Intercom's `app.region` label (`"US"`, `"EU"`, `"AU"`, `"Europe"`,
 * `"Australia"`, in any case), or `fallback` (the region used) when it is missing or unknown.
 *
 * @example
 * ```ts
 * regionOfLabel("Europe", "us"); // "eu"
 * regionOfLabel(null, "au"); // "au"
 * ```
 */
export function regionOfLabel(label: string | null | undefined, fallback: Region): Region {
  return labelRegion(label) ?? fallback;
}

function labelRegion(label: unknown): Region | undefined {
  const key = typeof label === "string" ? label.trim().toLowerCase() : "";
  return Object.hasOwn(RAW_REGIONS, key) ? RAW_REGIONS[key] : undefined;
}

/**
 * The authorize, token, `/me` and uninstall URLs for a region.
 *
 * Each region has its own hosts. Intercom proxies a token used on the US API host to its
 * workspace's region, but whether another region's host accepts it is unconfirmed, so the
 * SDK uses the region's own hosts.
 *
 * @param region - `"us"` (default), `"eu"` or `"au"`
 * @param baseUrls - optional host overrides, for every region (`{ app, api }`) or per region
 *   (`{ eu: { app, api } }`); a trailing slash is ignored
 */
export function intercomEndpoints(
  region: Region = "us",
  baseUrls: IntercomBaseUrls | RegionalBaseUrls = {},
): IntercomEndpoints {
  const hosts = isRegion(region) ? HOSTS[region] : undefined;
  if (hosts === undefined) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `Unknown Intercom region "${String(region)}". Use "us", "eu" or "au".`,
    );
  }
  const overrides = isRegionalBaseUrls(baseUrls) ? (baseUrls[region] ?? {}) : baseUrls;
  const app = (overrides.app ?? hosts.app).replace(/\/+$/, "");
  const api = (overrides.api ?? hosts.api).replace(/\/+$/, "");
  return {
    authorize: `${app}/oauth`,
    token: `${api}/auth/eagle/token`,
    me: `${api}/me`,
    uninstall: `${api}/auth/uninstall`,
  };
}
