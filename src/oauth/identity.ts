/**
 * Who installed the app, and on which workspace: `GET /me` with the new token.
 *
 * @see https://developers.intercom.com/docs/references/rest-api/api.intercom.io/admins/identifyadmin
 * @module
 */

import type { Tagged } from "type-fest";
import { z } from "zod";
import { errorFromResponse, invalidResponse } from "./intercom-errors.js";
import { sendWithRetry, type HttpSettings } from "./http.js";

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
    /** Intercom's region label as sent, for example `"US"`, `"Europe"`; `null` when absent. */
    readonly region: string | null;
    /** The workspace time zone, for example `"Europe/Edinburgh"`; `null` when absent. */
    readonly timezone: string | null;
  };
}

const id = z.union([z.string().min(1), z.number().transform(String)]);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

// Intercom adds fields over time; unknown ones are ignored.
const meSchema = z.object({
  id,
  name: optionalText,
  email: z.string(),
  email_verified: z.boolean().nullish(),
  app: z.object({
    id_code: id,
    name: optionalText,
    region: optionalText,
    timezone: optionalText,
  }),
});

type Me = z.infer<typeof meSchema>;

const isId = (v: unknown): v is string | number => (typeof v === "string" && v !== "") || typeof v === "number";
const isText = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === "string";

/**
 * meSchema's check written out, for the usual answer: on loopback, zod's parse of this
 * object was the largest cost of the SDK's own per-call work (docs/performance.md). It
 * accepts only what meSchema accepts; anything else goes to zod, which names the bad fields.
 */
function wellFormedMe(json: unknown): Me | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const me = json as Record<string, unknown>;
  const app = me.app;
  if (typeof app !== "object" || app === null || Array.isArray(app)) return undefined;
  const { id_code: appId, name: appName, region, timezone } = app as Record<string, unknown>;
  const { id: adminId, name, email, email_verified: emailVerified } = me;
  if (!isId(adminId) || typeof email !== "string" || !isText(name) || !isId(appId)) return undefined;
  if (!isText(appName) || !isText(region) || !isText(timezone)) return undefined;
  if (emailVerified !== undefined && emailVerified !== null && typeof emailVerified !== "boolean") return undefined;
  return {
    id: String(adminId),
    name: name ?? null,
    email,
    email_verified: emailVerified,
    app: { id_code: String(appId), name: appName ?? null, region: region ?? null, timezone: timezone ?? null },
  };
}

/** @internal */
export interface ApiContext {
  readonly url: string;
  readonly apiVersion: string;
  readonly http: HttpSettings;
  readonly maxRetries: number;
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
  let me = wellFormedMe(json);
  if (me === undefined) {
    const parsed = meSchema.safeParse(json);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(root)"))].slice(0, 5);
      throw invalidResponse("identity", response, `it lacks or mistypes ${fields.join(", ")}`, secrets);
    }
    me = parsed.data; // Only if the two checks ever disagree: zod's verdict wins.
  }
  return Object.freeze({
    admin: Object.freeze({ id: me.id, name: me.name, email: me.email, emailVerified: me.email_verified === true }),
    workspace: Object.freeze({
      id: me.app.id_code as WorkspaceId,
      name: me.app.name,
      region: me.app.region,
      timezone: me.app.timezone,
    }),
  });
}
