/**
 * Events for logs and metrics: what the OAuth handlers and the webhook handlers report to
 * `onEvent`. Each is a plain, secret-free object: no client secret, code, token or key, and
 * no request body.
 *
 * @module
 */

import type { IntercomOAuthErrorCode } from "./errors.js";
import type { Region } from "./regions.js";

/** A workspace finished the OAuth flow and (with a store) its connection was saved. */
export interface ConnectedEvent {
  readonly type: "connected";
  readonly workspaceId: string;
  readonly region: Region;
  /** The owner the flow was started for, or `null`. */
  readonly owner: string | null;
  /** The other owner that held this workspace before, when it changed hands (see `previousOwner`). */
  readonly previousOwner?: string | null;
}

/** The callback failed; `code` says why. */
export interface CallbackFailedEvent {
  readonly type: "callback_failed";
  readonly code: IntercomOAuthErrorCode;
}

/** After a failure that followed the exchange, the token was revoked (`revoked: true`) or the attempt failed. */
export interface CompensatingRevokeEvent {
  readonly type: "compensating_revoke";
  readonly revoked: boolean;
  /** Why the flow failed after the exchange. */
  readonly code: IntercomOAuthErrorCode;
}

/** A request to a webhook handler failed verification, and was answered 401. */
export interface SignatureRejectedEvent {
  readonly type: "signature_rejected";
  /** The handler that refused it. */
  readonly handler: WebhookHandlerName;
  /** `SIGNATURE_MISSING` or `SIGNATURE_INVALID`. */
  readonly code: IntercomOAuthErrorCode;
}

/** A verified uninstall request arrived for a workspace. */
export interface UninstalledEvent {
  readonly type: "uninstalled";
  readonly workspaceId: string;
  /** Whether the store held the workspace (and marked it `uninstalled`); `false` without a store. */
  readonly known: boolean;
}

/** A verified health check was answered. */
export interface HealthCheckedEvent {
  readonly type: "health_checked";
  readonly workspaceId: string;
  /** `UNKNOWN` when the store failed (the error also went to `onError`). */
  readonly state: "OK" | "UNHEALTHY" | "UNKNOWN";
}

/** A verified topic notification was handed to `onNotification` (or was a `ping`). */
export interface NotificationReceivedEvent {
  readonly type: "notification_received";
  readonly id: string;
  readonly topic: string;
  readonly workspaceId: string;
}

/** A verified request to a webhook handler carried a body that is not the JSON expected (answered 400). */
export interface WebhookInvalidEvent {
  readonly type: "webhook_invalid";
  readonly handler: WebhookHandlerName;
}

/** The three webhook handlers of `createWebhookHandlers`. */
export type WebhookHandlerName = "uninstall" | "healthCheck" | "notifications";

/** Everything `onEvent` can receive. Switch on `type`; new types may be added in minor versions. */
export type IntercomOAuthEvent =
  | ConnectedEvent
  | CallbackFailedEvent
  | CompensatingRevokeEvent
  | SignatureRejectedEvent
  | UninstalledEvent
  | HealthCheckedEvent
  | NotificationReceivedEvent
  | WebhookInvalidEvent;

/**
 * Receives {@link IntercomOAuthEvent}s. It runs inline; what it throws or rejects with is
 * ignored, so a broken logger never breaks a handler.
 */
export type IntercomOAuthEventListener = (event: IntercomOAuthEvent) => void | Promise<void>;
