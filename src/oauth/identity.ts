/**
 * Who installed the app, and on which workspace: `GET /me` with the new token.
 *
 * @see https://developers.intercom.com/docs/references/rest-api/api.intercom.io/admins/identifyadmin
 * @module
 */

import type { Tagged } from "type-fest";
import { errorFromResponse, invalidResponse } from "./intercom-errors.js";
import { sendWithRetry, type HttpSettings } from "./http.js";
import { regionOfLabel, type Region } from "../regions.js";

/**
 * An Intercom workspace id (`app.id_code`) as {@link IntercomIdentity} gives it: a string,
 * tagged so that an admin id or a tenant id cannot be passed where it is expected. It is
 * still a `string` wherever one is taken; only a value from `getIdentity` is a `WorkspaceId`.
 *
 * @example
 * ```ts
 * async function saveToken(workspaceId: WorkspaceId, accessToken: string): Promise<void> {}
 * const identity = await intercom.getIdentity(token);
 * await saveToken(identity.workspace.id, encrypt(token.accessToken)); // saveToken(identity.admin.id, …) does not compile
 * ```
 */
export type WorkspaceId = Tagged<string, "IntercomWorkspaceId">;

/** The admin who installed the app, and their workspace. */
export interface IntercomIdentity {
  readonly admin: {
    /** Intercom's admin id. */
    readonly id: string;
    /** The admin's display name, when Intercom gives one. */
    readonly name: string | null;
    /** The admin's email. Trust it only when `emailVerified` is true. */
    readonly email: string;
    /** Whether Intercom verified the email (`email_verified`); false when Intercom does not say. */
    readonly emailVerified: boolean;
  };
  readonly workspace: {
    /** The workspace id (Intercom's `app.id_code`): key your stored token by it. */
    readonly id: WorkspaceId;
    /** The workspace name. */
    readonly name: string | null;
    /**
     * The workspace's region as `/me` reports it (`app.region`, read case-insensitively:
     * `US`, `EU`, `AU`, `Europe`, `Australia`). When `/me` gives none, or a label this SDK
     * does not know, it is the region the call used. It can differ from the region used: the
     * US host serves an EU workspace too (Intercom proxies it), and that is not an error.
     */
    readonly region: Region;
    /** Intercom's own `app.region` label as sent, for example `"US"`; `null` when absent. */
    readonly rawRegion: string | null;
    /** The workspace time zone, for example `"Europe/Edinburgh"`; `null` when absent. */
    readonly timezone: string | null;
  };
}

// The /me answer as checked by badFields; Intercom adds fields over time, and others are ignored.
interface MeAnswer {
  readonly id: string | number;
  readonly name?: string | null;
  readonly email: string;
  readonly email_verified?: boolean | null;
  readonly app: {
    readonly id_code: string | number;
    readonly name?: string | null;
    readonly region?: string | null;
    readonly timezone?: string | null;
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown) => (typeof v === "string" && v !== "") || typeof v === "number";
const isText = (v: unknown) => v === undefined || v === null || typeof v === "string";

/**
 * The fields of a `/me` answer that are missing or mistyped, in order; empty when it is a
 * {@link MeAnswer}. Plain code, the only check of this shape: a zod schema of it costs
 * several times as much per call, and showed in loopback `getIdentity` timings (docs/performance.md).
 * @internal
 */
export function badFields(json: unknown): string[] {
  if (!isRecord(json)) return ["(root)"];
  const bad: string[] = [];
  if (!isId(json.id)) bad.push("id");
  if (!isText(json.name)) bad.push("name");
  if (typeof json.email !== "string") bad.push("email");
  const verified = json.email_verified;
  if (verified !== undefined && verified !== null && typeof verified !== "boolean") bad.push("email_verified");
  const app = json.app;
  if (!isRecord(app)) bad.push("app");
  else {
    if (!isId(app.id_code)) bad.push("app.id_code");
    for (const field of ["name", "region", "timezone"]) if (!isText(app[field])) bad.push(`app.${field}`);
  }
  return bad;
}

/** @internal */
export interface ApiContext {
  readonly url: string;
  readonly apiVersion: string;
  readonly http: HttpSettings;
  readonly maxRetries: number;
  /** The region whose host `url` is on. */
  readonly region: Region;
}

/** The headers every bearer call sends. */
export function bearerHeaders(accessToken: string, apiVersion: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}`, accept: "application/json", "intercom-version": apiVersion };
}

/** @internal */
export async function getIdentity(
  context: ApiContext,
  accessToken: string,
  signal: AbortSignal | undefined,
): Promise<IntercomIdentity> {
  const secrets = [accessToken];
  const sent = await sendWithRetry(
    context.url,
    { operation: "identity", method: "GET", headers: bearerHeaders(accessToken, context.apiVersion) },
    context.http,
    signal,
    secrets,
    context.maxRetries,
  );
  const { response } = sent;
  if (!response.ok) {
    throw errorFromResponse({
      operation: "identity",
      response,
      body: sent.body,
      secrets,
      apiVersion: context.apiVersion,
      ...(sent.retryAfterMs === undefined ? {} : { retryAfterMs: sent.retryAfterMs }),
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(sent.body);
  } catch {
    throw invalidResponse("identity", response, "the body is not JSON", secrets);
  }
  const bad = badFields(json);
  if (bad.length > 0)
    throw invalidResponse("identity", response, `it lacks or mistypes ${bad.slice(0, 5).join(", ")}`, secrets);
  const me = json as MeAnswer;
  const app = me.app;
  return Object.freeze({
    admin: Object.freeze({
      id: String(me.id),
      name: me.name ?? null,
      email: me.email,
      emailVerified: me.email_verified === true,
    }),
    workspace: Object.freeze({
      id: String(app.id_code) as WorkspaceId,
      name: app.name ?? null,
      region: regionOfLabel(app.region, context.region),
      rawRegion: app.region ?? null,
      timezone: app.timezone ?? null,
    }),
  });
}
