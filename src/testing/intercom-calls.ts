// The stand-in as Intercom calling the app: the signed requests Intercom sends to an app's
// uninstall URL, health check endpoint and webhook topics endpoint. Web Crypto only, so that
// the kit runs wherever Request and crypto.subtle exist.

import { IntercomOAuthError } from "../errors.js";
import { type AppEntry, DEFAULT_WORKSPACE_ID, isHttpUrl, type StandInSettings } from "./options.js";
import type { StandInCallOptions, StandInNotificationOptions } from "./types.js";

type Scheme = "hub-sha1" | "body-sha256";

function invalid(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

async function hmacHex(hash: "SHA-1" | "SHA-256", secret: string, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, body));
  let hex = "";
  for (const byte of mac) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** A POST of `body` to `url`, signed as Intercom signs it with the app's client secret. */
async function signed(url: string, body: string, scheme: Scheme, secret: string): Promise<Request> {
  const bytes = new TextEncoder().encode(body);
  const headers = new Headers({ "content-type": "application/json", accept: "application/json" });
  if (scheme === "hub-sha1") headers.set("x-hub-signature", `sha1=${await hmacHex("SHA-1", secret, bytes)}`);
  else headers.set("x-body-signature", await hmacHex("SHA-256", secret, bytes));
  return new Request(url, { method: "POST", headers, body: bytes });
}

/** The app and workspace a call is for, checked. @internal */
export function callTarget(
  settings: StandInSettings,
  fn: string,
  url: unknown,
  options: StandInCallOptions | undefined,
): { app: AppEntry; workspaceId: string; url: string } {
  const href = url instanceof URL ? url.href : url;
  if (!isHttpUrl(href)) throw invalid(`${fn}: url must be the absolute http(s) URL of your endpoint.`);
  const app = settings.apps.get(options?.clientId ?? settings.firstClientId);
  if (app === undefined) throw invalid(`${fn}: no app has this clientId; use one passed to createIntercomStandIn.`);
  const workspaceId = options?.workspaceId ?? app.workspace.id ?? DEFAULT_WORKSPACE_ID;
  if (typeof workspaceId !== "string" || workspaceId === "")
    throw invalid(`${fn}: workspaceId must be a non-empty string.`);
  return { app, workspaceId, url: href as string };
}

/** Intercom's POST to the uninstall URL: `{"app_id":…}`, `X-Body-Signature`. @internal */
export function uninstallRequest(
  settings: StandInSettings,
  url: string | URL,
  options?: StandInCallOptions,
): Promise<Request> {
  const target = callTarget(settings, "uninstallRequest", url, options);
  return signed(target.url, JSON.stringify({ app_id: target.workspaceId }), "body-sha256", target.app.clientSecret);
}

/** Intercom's installation health check: `{"workspace_id":…}`, `X-Body-Signature`. @internal */
export function healthCheckRequest(
  settings: StandInSettings,
  url: string | URL,
  options?: StandInCallOptions,
): Promise<Request> {
  const target = callTarget(settings, "healthCheckRequest", url, options);
  return signed(
    target.url,
    JSON.stringify({ workspace_id: target.workspaceId }),
    "body-sha256",
    target.app.clientSecret,
  );
}

const PING_ITEM = { type: "ping", message: "something something interzen" };

/** A topic notification in Intercom's envelope, key order as in its samples, `X-Hub-Signature`. @internal */
export function notificationRequest(
  settings: StandInSettings,
  url: string | URL,
  options: StandInNotificationOptions,
): Promise<Request> {
  const target = callTarget(settings, "notificationRequest", url, options);
  const { topic, id, createdAt, deliveryAttempts } = options ?? ({} as StandInNotificationOptions);
  if (typeof topic !== "string" || topic === "")
    throw invalid("notificationRequest: topic must be a topic name such as conversation.user.created, or ping.");
  if (id !== undefined && (typeof id !== "string" || id === ""))
    throw invalid("notificationRequest: id must be a non-empty string when given.");
  if (createdAt !== undefined && !(Number.isSafeInteger(createdAt) && createdAt >= 0))
    throw invalid("notificationRequest: createdAt must be whole Unix seconds when given.");
  if (deliveryAttempts !== undefined && !(Number.isSafeInteger(deliveryAttempts) && deliveryAttempts >= 1))
    throw invalid("notificationRequest: deliveryAttempts must be a positive whole number when given.");
  const ping = topic === "ping";
  const at = createdAt ?? Math.floor(settings.now() / 1000);
  let body: string | undefined;
  try {
    body = JSON.stringify({
      type: "notification_event",
      app_id: target.workspaceId,
      data: { type: "notification_event_data", item: options.item ?? (ping ? PING_ITEM : {}) },
      links: {},
      id: id ?? (ping ? null : `notif_${crypto.randomUUID()}`),
      topic,
      delivery_status: "pending",
      delivery_attempts: deliveryAttempts ?? 1,
      delivered_at: 0,
      first_sent_at: at,
      created_at: at,
      self: null,
    });
  } catch {
    body = undefined;
  }
  if (body === undefined) throw invalid("notificationRequest: item must be JSON (no cycles, no BigInt).");
  return signed(target.url, body, "hub-sha1", target.app.clientSecret);
}
