// The stand-in's options: checked all at once, with defaults applied.

import { IntercomOAuthError } from "../errors.js";
import { REGIONS, type IntercomBaseUrls, type Region, isRegion } from "../regions.js";
import type { ConsentDecision, IntercomStandInOptions, StandInAdmin, StandInApp, StandInWorkspace } from "./types.js";

/**
 * The Redirect URL apps get when none are given: the one the seed guide registers.
 *
 * @example
 * ```ts
 * new URL(callbackUrl).origin + new URL(callbackUrl).pathname === DEFAULT_REDIRECT_URI;
 * ```
 */
export const DEFAULT_REDIRECT_URI = "https://app.merge.dev/oauth/callback";

const DEFAULT_TTL_MS = 5 * 60 * 1000;

/** The workspace id installs land in when none is given: Intercom's sample `id_code`. @internal */
export const DEFAULT_WORKSPACE_ID = "drzzt019";

/** One app the stand-in knows. @internal */
export interface AppEntry {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly workspace: StandInWorkspace;
  readonly admin: StandInAdmin;
}

/** The size caps, with defaults applied. @internal */
export interface Limits {
  readonly codes: number;
  readonly tokens: number;
  readonly requestLog: number;
}

/** The options once checked, with defaults applied. @internal */
export interface StandInSettings {
  /** The apps by client id, in declaration order. */
  readonly apps: ReadonlyMap<string, AppEntry>;
  readonly firstClientId: string;
  readonly region: Region;
  readonly codeTtlMs: number;
  readonly now: () => number;
  readonly decision: ConsentDecision | "prompt";
  readonly limits: Limits;
  readonly baseUrls: IntercomBaseUrls | undefined;
}

/** Whether `value` is an absolute http(s) URL. @internal */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

/** Whether `value` is a whole number above zero. @internal */
export function positiveInt(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function collectApps(options: IntercomStandInOptions, problems: string[]): AppEntry[] {
  const declared: StandInApp[] = [];
  if (options.clientId !== undefined || options.clientSecret !== undefined) {
    declared.push({
      clientId: options.clientId as string,
      clientSecret: options.clientSecret as string,
      ...(options.redirectUris ? { redirectUris: options.redirectUris } : {}),
      ...(options.workspace ? { workspace: options.workspace } : {}),
      ...(options.admin ? { admin: options.admin } : {}),
    });
  }
  if (options.apps !== undefined && !Array.isArray(options.apps)) problems.push("apps must be an array");
  else declared.push(...(options.apps ?? []));
  if (declared.length === 0)
    problems.push("define an app: pass clientId and clientSecret, or apps: [{ clientId, clientSecret }]");
  const seen = new Set<string>();
  const apps: AppEntry[] = [];
  declared.forEach((app, i) => {
    const where =
      i === 0 && options.clientId !== undefined
        ? "clientId/clientSecret"
        : `apps[${options.clientId !== undefined ? i - 1 : i}]`;
    if (typeof app?.clientId !== "string" || app.clientId === "")
      problems.push(`${where}: clientId must be a non-empty string`);
    if (typeof app?.clientSecret !== "string" || app.clientSecret === "")
      problems.push(`${where}: clientSecret must be a non-empty string`);
    if (typeof app?.clientId === "string" && seen.has(app.clientId))
      problems.push(`${where}: clientId "${app.clientId}" is defined twice`);
    seen.add(app?.clientId);
    const redirectUris = app?.redirectUris ?? [DEFAULT_REDIRECT_URI];
    if (!Array.isArray(redirectUris) || redirectUris.length === 0) {
      problems.push(`${where}: redirectUris must be a non-empty array of URLs`);
    } else {
      for (const uri of redirectUris) {
        if (typeof uri !== "string" || !URL.canParse(uri))
          problems.push(`${where}: redirect URI ${JSON.stringify(uri)} is not an absolute URL`);
      }
    }
    apps.push({
      clientId: app?.clientId,
      clientSecret: app?.clientSecret,
      redirectUris: Object.freeze([...(Array.isArray(redirectUris) ? redirectUris : [])]),
      workspace: app?.workspace ?? {},
      admin: app?.admin ?? {},
    });
  });
  return apps;
}

/**
 * Checks the stand-in's options and applies their defaults.
 * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` listing each problem found.
 * @internal
 */
export function resolveStandInOptions(options: IntercomStandInOptions): StandInSettings {
  const problems: string[] = [];
  if (typeof options !== "object" || options === null) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      'createIntercomStandIn needs options such as { clientId: "id", clientSecret: "secret" }.',
    );
  }
  const appList = collectApps(options, problems);
  const region = options.region ?? "us";
  if (!isRegion(region)) problems.push(`region ${JSON.stringify(region)} is not one of ${REGIONS.join(", ")}`);
  const ttl = options.codeTtlMs ?? DEFAULT_TTL_MS;
  if (!(typeof ttl === "number" && ttl > 0 && Number.isFinite(ttl)))
    problems.push("codeTtlMs must be a positive number of milliseconds");
  if (options.now !== undefined && typeof options.now !== "function")
    problems.push("now must be a function returning Unix milliseconds");
  const defaultDecision = options.decision ?? "allow";
  if (defaultDecision !== "allow" && defaultDecision !== "deny" && defaultDecision !== "prompt")
    problems.push('decision must be "allow", "deny" or "prompt"');
  const limits = { codes: 10_000, tokens: 50_000, requestLog: 1000, ...options.limits };
  for (const [key, value] of Object.entries(limits)) {
    if (!positiveInt(value)) problems.push(`limits.${key} must be a positive integer`);
  }
  for (const key of ["app", "api"] as const) {
    const value = options.baseUrls?.[key];
    if (value !== undefined && !isHttpUrl(value))
      problems.push(`baseUrls.${key} must be an absolute URL such as http://127.0.0.1:4010`);
  }
  if (problems.length > 0) {
    throw new IntercomOAuthError("INVALID_OPTIONS", `Invalid stand-in options: ${problems.join("; ")}.`, { problems });
  }
  return {
    apps: new Map(appList.map((app) => [app.clientId, app])),
    firstClientId: appList[0]?.clientId as string,
    region,
    codeTtlMs: ttl,
    now: options.now ?? Date.now,
    decision: defaultDecision,
    limits,
    baseUrls: options.baseUrls,
  };
}
