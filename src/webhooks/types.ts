/**
 * The types of Intercom's signed requests and of the webhook handlers: options, the contexts
 * the hooks get, and what a health check answers. Kept apart so that the option checks and the
 * handlers can share them without an import circle.
 *
 * @module
 */

import type { Connection, ConnectionStore } from "../connection.js";
import type { IntercomOAuthError } from "../errors.js";
import type { IntercomOAuthEventListener, WebhookHandlerName } from "../events.js";

/**
 * How a request from Intercom is signed, named after its header.
 *
 * - `hub-sha1`: `X-Hub-Signature: sha1=<hex>`, an HMAC-SHA1 of the raw body. Topic webhooks.
 * - `body-sha256`: `X-Body-Signature: <hex>`, an HMAC-SHA256 of the raw body. The uninstall
 *   URL, the installation health check and Canvas Kit.
 *
 * @see docs/webhooks.md
 */
export type IntercomSignatureScheme = "hub-sha1" | "body-sha256";

/** Options of `verifyIntercomRequest`. */
export interface VerifyIntercomRequestOptions {
  /**
   * The app's client secret, which Intercom signs with. During a rotation pass both, old and
   * new: a signature made with either verifies.
   */
  readonly clientSecret: string | readonly string[];
  /**
   * The largest body read, in bytes. Default 1 MiB (1,048,576), far above any envelope
   * Intercom sends. A larger body is refused as `SIGNATURE_INVALID` before it is all read.
   */
  readonly maxBodyBytes?: number;
  /**
   * Accept only this scheme: its header is the only one read, and a request without it is
   * `SIGNATURE_MISSING`. Without it, either verifies; when a request carries both headers,
   * `X-Body-Signature` (the stronger) is the one checked.
   */
  readonly scheme?: IntercomSignatureScheme;
}

/** A request whose signature matched its exact bytes. */
export interface VerifiedIntercomRequest {
  /** The scheme that verified it. */
  readonly scheme: IntercomSignatureScheme;
  /**
   * The body parsed as JSON, only after it verified (a verified body that is not JSON is
   * `WEBHOOK_INVALID`). Any JSON value: check its shape before you use it.
   */
  readonly body: unknown;
  /** The body exactly as signed, decoded as UTF-8. */
  readonly rawBody: string;
}

/** What `onUninstall` gets. */
export interface UninstallContext {
  /** The workspace that uninstalled the app: the request's `app_id`, the `workspaceId` of its connection. */
  readonly workspaceId: string;
  /** Whether the store held the workspace and marked it `uninstalled` (`false` without a store). */
  readonly known: boolean;
  /** The verified request; its body has been read. */
  readonly request: Request;
}

/**
 * What a health check answers, as Intercom reads it. `UNHEALTHY` shows `message` to the
 * workspace's admins; `cta_url` (with `cta_label`) links them to a fix, such as a reconnect.
 * `cta_type` defaults to `"URL_CTA"` when `cta_url` is set. `UNKNOWN` says the service cannot
 * tell right now (the handler answers it when the store fails). Messages are cut at 2,084
 * characters, Intercom's limit.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/installation-health-check
 */
export type HealthCheckAnswer =
  | { readonly state: "OK" }
  | {
      readonly state: "UNKNOWN";
      /** Optional: why the state is unknown. */
      readonly message?: string;
    }
  | {
      readonly state: "UNHEALTHY";
      /** Shown to the workspace's admins: what is wrong and what to do. */
      readonly message: string;
      /** The call to action's kind; Intercom's integrators send `"URL_CTA"`. */
      readonly cta_type?: "URL_CTA";
      /** The call to action's label, such as "Reconnect". */
      readonly cta_label?: string;
      /** Where the call to action leads: an absolute http(s) URL. */
      readonly cta_url?: string;
    };

/** What `onHealthCheck` gets. */
export interface HealthCheckContext {
  /** The workspace Intercom asks about: the request's `workspace_id`. */
  readonly workspaceId: string;
  /** The store's connection for the workspace, or `null` (always `null` without a store). */
  readonly connection: Connection | null;
  /** The answer the handler would give: `OK` for an active connection, else `UNHEALTHY` (never `UNKNOWN`: a failing store answers that before this hook runs). */
  readonly answer: HealthCheckAnswer;
  /** The verified request; its body has been read. */
  readonly request: Request;
}

/** What `onNotification` gets: one topic notification, verified. */
export interface NotificationContext {
  /** The notification's id (`notif_…`). Deliveries are at least once: deduplicate by it. */
  readonly id: string;
  /** The topic, such as `conversation.user.created`. */
  readonly topic: string;
  /** The workspace it is about: the envelope's `app_id`. */
  readonly workspaceId: string;
  /** `data.item`: the Intercom object the topic is about. Its shape depends on the topic. */
  readonly item: unknown;
  /** The envelope's `created_at`. */
  readonly createdAt: Date;
  /** The whole verified envelope, for fields such as `delivery_attempts`. */
  readonly envelope: Readonly<Record<string, unknown>>;
  /** The verified request; its body has been read. */
  readonly request: Request;
}

/** What `onError` gets beside the error. */
export interface WebhookErrorContext {
  /** The handler that answered 500. */
  readonly handler: WebhookHandlerName;
  /** The request it answered. */
  readonly request: Request;
}

/** Options of `createWebhookHandlers`. */
export interface WebhookHandlersOptions {
  /** The app's client secret; both old and new during a rotation. See {@link VerifyIntercomRequestOptions.clientSecret}. */
  readonly clientSecret: string | readonly string[];
  /**
   * Where connections are kept. `uninstall` marks the workspace `uninstalled` in it;
   * `healthCheck` reads it. Only `get` and `setStatus` are used.
   */
  readonly store?: Pick<ConnectionStore, "get" | "setStatus">;
  /** Called after a verified uninstall (and after the store marked it). */
  readonly onUninstall?: (context: UninstallContext) => void | Promise<void>;
  /**
   * Decides a health check's answer. Return `undefined` to keep `context.answer`. With neither
   * `store` nor `onHealthCheck`, `healthCheck` answers 501.
   */
  readonly onHealthCheck?: (
    context: HealthCheckContext,
  ) => HealthCheckAnswer | undefined | Promise<HealthCheckAnswer | undefined>;
  /** Handles a verified topic notification (never `ping`). Without it, `notifications` answers 501. */
  readonly onNotification?: (context: NotificationContext) => void | Promise<void>;
  /** Receives secret-free events for logs and metrics. What it throws is ignored. */
  readonly onEvent?: IntercomOAuthEventListener;
  /**
   * Called when a hook or the store failed and the handler answered 500, with a
   * `HOOK_FAILED` or `STORE_FAILED` error whose `cause` is a copy of the original with the
   * client secret removed. What it throws is ignored.
   */
  readonly onError?: (error: IntercomOAuthError, context: WebhookErrorContext) => void | Promise<void>;
  /** The largest body read, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

/** The three web-standard handlers, each mounted at its own URL. */
export interface IntercomWebhookHandlers {
  /** The app's uninstall URL (`X-Body-Signature`). */
  readonly uninstall: (request: Request) => Promise<Response>;
  /** The installation health check endpoint (`X-Body-Signature`). */
  readonly healthCheck: (request: Request) => Promise<Response>;
  /** The webhook topics endpoint (`X-Hub-Signature`). */
  readonly notifications: (request: Request) => Promise<Response>;
}
