// The JSON bodies Intercom sends to each endpoint, read from a verified body, and the health
// check's answer as it goes back on the wire. A body of the wrong shape is WEBHOOK_INVALID,
// with a message that never echoes the body.

import type { ConnectionStatus } from "../connection.js";
import { IntercomOAuthError } from "../errors.js";
import type { HealthCheckAnswer } from "./types.js";

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

function webhookInvalid(message: string): IntercomOAuthError {
  return new IntercomOAuthError("WEBHOOK_INVALID", message);
}

/** The workspace id of an uninstall body, `{"app_id":"…"}`. @internal */
export function uninstallWorkspace(body: unknown): string {
  if (isObject(body) && isId(body.app_id)) return body.app_id;
  throw webhookInvalid(
    'The verified uninstall request is not {"app_id":"<workspace id>"}, which Intercom sends to the uninstall URL. Check that this handler is mounted at the app\'s uninstall URL only.',
  );
}

/** The workspace id of a health check body, `{"workspace_id":"…"}`. @internal */
export function healthCheckWorkspace(body: unknown): string {
  if (isObject(body) && isId(body.workspace_id)) return body.workspace_id;
  throw webhookInvalid(
    'The verified health check is not {"workspace_id":"<workspace id>"}, which Intercom sends to the health check endpoint. Check that this handler is mounted at that endpoint only.',
  );
}

/** Intercom's topic names, such as `conversation.user.created` or `contact.lead.tag.created`. */
const TOPIC = /^[A-Za-z0-9_.-]{1,100}$/;
/** The largest Unix time, in seconds, that a JavaScript Date holds. */
const MAX_UNIX_SECONDS = 8.64e12;

/** A topic notification, read from its envelope. @internal */
export type Notification =
  | { readonly ping: true; readonly id: string; readonly workspaceId: string }
  | {
      readonly ping: false;
      readonly id: string;
      readonly topic: string;
      readonly workspaceId: string;
      readonly item: unknown;
      readonly createdAt: Date;
      readonly envelope: JsonObject;
    };

/**
 * Reads a `notification_event` envelope. A `ping` needs only its topic (Intercom's sample ping
 * has `"id": null`); every other topic needs `id`, `topic`, `app_id`, `data.item` and `created_at`.
 * @internal
 */
export function readNotification(body: unknown): Notification {
  const shape =
    'Intercom sends {"type":"notification_event","id":"notif_…","topic":"…","app_id":"…","data":{"item":{…}},"created_at":…} to the webhook topics endpoint.';
  if (!isObject(body) || body.type !== "notification_event" || !isId(body.topic)) {
    throw webhookInvalid(`The verified request is not a notification_event with a topic. ${shape}`);
  }
  if (!TOPIC.test(body.topic)) {
    // It reaches onNotification and the events: keep it to the shape of Intercom's topic names.
    throw webhookInvalid(
      `The verified notification's topic is not a topic name (letters, digits, "_", "." and "-", at most 100). ${shape}`,
    );
  }
  if (body.topic === "ping") {
    return {
      ping: true,
      id: typeof body.id === "string" ? body.id : "",
      workspaceId: typeof body.app_id === "string" ? body.app_id : "",
    };
  }
  const data = body.data;
  const createdAt = body.created_at;
  const missing = [
    isId(body.id) ? undefined : "id",
    isId(body.app_id) ? undefined : "app_id",
    isObject(data) && "item" in data ? undefined : "data.item",
    // Unix seconds that make a real date: no fraction games, nothing past year 275760.
    Number.isSafeInteger(createdAt) && (createdAt as number) >= 0 && (createdAt as number) <= MAX_UNIX_SECONDS
      ? undefined
      : "created_at",
  ].filter((field) => field !== undefined);
  if (missing.length > 0) {
    throw webhookInvalid(`The verified ${body.topic} notification lacks ${missing.join(", ")}. ${shape}`);
  }
  return {
    ping: false,
    id: body.id as string,
    topic: body.topic,
    workspaceId: body.app_id as string,
    item: (data as JsonObject).item,
    createdAt: new Date((createdAt as number) * 1000),
    envelope: body,
  };
}

const UNHEALTHY: Record<ConnectionStatus | "none", string> = {
  none: "This workspace is not connected to the app. Connect it again from the app's settings.",
  active: "",
  uninstalled: "The app was uninstalled from this workspace. Install it again to use it.",
  revoked: "This workspace was disconnected from the app. Connect it again from the app's settings.",
  unauthorized: "The app's access to this workspace stopped working. Connect it again from the app's settings.",
};

/** The default answer: OK for an active connection, else UNHEALTHY with what to do. @internal */
export function defaultHealthAnswer(status: ConnectionStatus | undefined): HealthCheckAnswer {
  if (status === "active") return { state: "OK" };
  // A store of your own may hold a status this version does not know: say "not connected".
  const known = status !== undefined && Object.hasOwn(UNHEALTHY, status);
  return { state: "UNHEALTHY", message: UNHEALTHY[known ? status : "none"] };
}

/** Intercom's limit on a health check's message, in characters. */
const MAX_HEALTH_MESSAGE = 2084;

function capMessage(message: string): string {
  return message.length > MAX_HEALTH_MESSAGE ? `${message.slice(0, MAX_HEALTH_MESSAGE - 1)}…` : message;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "https:" || protocol === "http:";
}

/**
 * The wire form of an answer `onHealthCheck` returned: only the known fields, `cta_type`
 * filled in when there is a `cta_url`. `undefined` when the answer is not valid.
 * @internal
 */
export function wireHealthAnswer(answer: unknown): HealthCheckAnswer | undefined {
  if (!isObject(answer)) return undefined;
  if (answer.state === "OK") return { state: "OK" };
  if (answer.state === "UNKNOWN") {
    if (answer.message === undefined) return { state: "UNKNOWN" };
    return typeof answer.message === "string" ? { state: "UNKNOWN", message: capMessage(answer.message) } : undefined;
  }
  if (answer.state !== "UNHEALTHY" || typeof answer.message !== "string" || answer.message === "") return undefined;
  const { cta_type, cta_label, cta_url } = answer;
  if (cta_type !== undefined && cta_type !== "URL_CTA") return undefined;
  if (cta_label !== undefined && typeof cta_label !== "string") return undefined;
  if (cta_url !== undefined && !isHttpUrl(cta_url)) return undefined;
  return {
    state: "UNHEALTHY",
    message: capMessage(answer.message),
    ...(cta_url === undefined ? {} : { cta_type: "URL_CTA", cta_url: cta_url as string }),
    ...(cta_label === undefined ? {} : { cta_label: cta_label as string }),
  };
}
