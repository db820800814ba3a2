/**
 * The three web-standard handlers for what Intercom sends to an app: the uninstall URL, the
 * installation health check and the webhook topics. Each verifies its own signature scheme
 * before it reads anything, and changes nothing when verification fails.
 *
 * @module
 */

import type { Connection } from "../connection.js";
import { IntercomOAuthError, isIntercomOAuthError } from "../errors.js";
import type { IntercomOAuthEvent, WebhookHandlerName } from "../events.js";
import { emit as emitEvent } from "../emit.js";
import { safeCause } from "../safe-cause.js";
import {
  defaultHealthAnswer,
  healthCheckWorkspace,
  readNotification,
  uninstallWorkspace,
  wireHealthAnswer,
} from "./envelopes.js";
import { checkWebhookOptions } from "./options.js";
import type {
  HealthCheckAnswer,
  IntercomSignatureScheme,
  IntercomWebhookHandlers,
  VerifiedIntercomRequest,
  WebhookHandlersOptions,
} from "./types.js";
import { createVerifier } from "./verify.js";

export type {
  HealthCheckAnswer,
  HealthCheckContext,
  IntercomWebhookHandlers,
  NotificationContext,
  UninstallContext,
  WebhookErrorContext,
  WebhookHandlersOptions,
} from "./types.js";

const JSON_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function errorAnswer(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return json(status, { error: { code, message } }, headers);
}

/**
 * Builds the three web-standard handlers for what Intercom sends to the app, each
 * `(request: Request) => Promise<Response>` and each mounted at its own URL in Developer Hub:
 *
 * - `uninstall` (the uninstall URL, `X-Body-Signature`): a verified `{"app_id":…}` marks the
 *   connection `uninstalled` in `store`, then calls `onUninstall`, and answers 200.
 * - `healthCheck` (the health check endpoint, `X-Body-Signature`): a verified
 *   `{"workspace_id":…}` answers `{"state":"OK"}` when `store` holds an active connection for it,
 *   else `{"state":"UNHEALTHY","message":…}`; `onHealthCheck` may override the answer.
 *   With neither `store` nor `onHealthCheck` it answers 501.
 * - `notifications` (webhook topics, `X-Hub-Signature`): a verified `notification_event` calls
 *   `onNotification` and answers 200; `ping` is answered 200 without it. Without
 *   `onNotification` it answers 501.
 *
 * Every handler accepts only `POST` (else 405) and only its own scheme. A request that fails
 * verification answers 401 and changes nothing; a verified body of the wrong shape answers 400
 * (`WEBHOOK_INVALID`). When a hook or the store throws, the handler answers 500, with no detail,
 * so that Intercom may try again, and hands the error to `onError`.
 *
 * @param options - the client secret (an array during a rotation), the store, the hooks
 * @throws {@link IntercomOAuthError} `INVALID_OPTIONS` listing every bad option (`problems`);
 * an empty or padded client secret is refused.
 * @see docs/webhooks.md
 * @see https://developers.intercom.com/docs/references/webhooks/webhook-models
 *
 * @example
 * ```ts
 * const hooks = createWebhookHandlers({
 *   clientSecret: process.env.INTERCOM_CLIENT_SECRET!,
 *   store,
 *   onNotification: async ({ id, topic, workspaceId, item }) => queue.push({ id, topic, workspaceId, item }),
 * });
 * // POST /intercom/uninstall → hooks.uninstall, /intercom/health → hooks.healthCheck, /intercom/webhooks → hooks.notifications
 * ```
 */
export function createWebhookHandlers(options: WebhookHandlersOptions): IntercomWebhookHandlers {
  const settings = checkWebhookOptions(options);
  const { store, onUninstall, onHealthCheck, onNotification, onEvent, onError } = options;
  const verifiers = {
    "hub-sha1": createVerifier({ ...settings, scheme: "hub-sha1" }),
    "body-sha256": createVerifier({ ...settings, scheme: "body-sha256" }),
  };

  const emit = (event: IntercomOAuthEvent): void => emitEvent(onEvent, event);

  async function hook<T>(name: string, handler: WebhookHandlerName, run: () => T | Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new IntercomOAuthError(
        "HOOK_FAILED",
        `Your ${name} hook threw, so the ${handler} handler answered 500 (Intercom may send the request again). Fix the hook; a copy of its error, client secret removed, is the cause.`,
        { cause: safeCause(error, settings.secrets) },
      );
    }
  }

  async function stored<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // The adapters of intercom-oauth/connections throw coded, secret-free errors already.
      if (isIntercomOAuthError(error)) throw error;
      throw new IntercomOAuthError(
        "STORE_FAILED",
        `The store's ${method} failed, so the handler answered 500 (Intercom may send the request again). A copy of its error, client secret removed, is the cause.`,
        { cause: safeCause(error, settings.secrets) },
      );
    }
  }

  async function report(error: IntercomOAuthError, name: WebhookHandlerName, request: Request): Promise<void> {
    if (onError === undefined) return;
    try {
      await onError(error, { handler: name, request });
    } catch {
      // What onError throws is ignored: the answer stands either way.
    }
  }

  function invalidBody(name: WebhookHandlerName, error: IntercomOAuthError): Response {
    emit({ type: "webhook_invalid", handler: name });
    return errorAnswer(400, error.code, error.message);
  }

  function handler(
    name: WebhookHandlerName,
    scheme: IntercomSignatureScheme,
    unavailable: (() => Response) | undefined,
    handle: (verified: VerifiedIntercomRequest, request: Request) => Promise<Response>,
  ): (request: Request) => Promise<Response> {
    return async (request) => {
      if (request.method !== "POST") {
        return errorAnswer(405, "METHOD_NOT_ALLOWED", "Intercom sends POST requests only.", { allow: "POST" });
      }
      if (unavailable !== undefined) return unavailable();
      let verified: VerifiedIntercomRequest;
      try {
        verified = await verifiers[scheme](request);
      } catch (error) {
        if (isIntercomOAuthError(error) && error.code === "WEBHOOK_INVALID") return invalidBody(name, error);
        const code = isIntercomOAuthError(error) ? error.code : "SIGNATURE_INVALID";
        emit({ type: "signature_rejected", handler: name, code });
        return errorAnswer(401, code, isIntercomOAuthError(error) ? error.message : "The request was refused.");
      }
      try {
        return await handle(verified, request);
      } catch (error) {
        if (isIntercomOAuthError(error) && error.code === "WEBHOOK_INVALID") return invalidBody(name, error);
        const failure = isIntercomOAuthError(error)
          ? error
          : new IntercomOAuthError("HOOK_FAILED", `The ${name} handler failed unexpectedly.`, {
              cause: safeCause(error, settings.secrets),
            });
        await report(failure, name, request);
        return errorAnswer(500, failure.code, "The webhook could not be handled. The service's logs say why.");
      }
    };
  }

  const notImplemented = (what: string) => () =>
    errorAnswer(501, "NOT_IMPLEMENTED", `This endpoint is not set up: ${what}.`);

  const uninstall = handler("uninstall", "body-sha256", undefined, async ({ body }, request) => {
    const workspaceId = uninstallWorkspace(body);
    const known =
      store !== undefined && (await stored("setStatus", () => store.setStatus(workspaceId, "uninstalled"))) === true;
    if (onUninstall !== undefined)
      await hook("onUninstall", "uninstall", () => onUninstall({ workspaceId, known, request }));
    emit({ type: "uninstalled", workspaceId, known });
    return new Response(null, { status: 200 });
  });

  const healthCheck = handler(
    "healthCheck",
    "body-sha256",
    store === undefined && onHealthCheck === undefined
      ? notImplemented("createWebhookHandlers() was given neither store nor onHealthCheck")
      : undefined,
    async ({ body }, request) => {
      const workspaceId = healthCheckWorkspace(body);
      let connection: Connection | null = null;
      if (store !== undefined) {
        try {
          connection = await stored("get", () => store.get(workspaceId));
        } catch (error) {
          // Intercom's own word for "cannot tell right now"; the failure still reaches onError.
          await report(error as IntercomOAuthError, "healthCheck", request);
          emit({ type: "health_checked", workspaceId, state: "UNKNOWN" });
          return json(200, { state: "UNKNOWN", message: "The app could not check this workspace just now." });
        }
      }
      let answer: HealthCheckAnswer = defaultHealthAnswer(connection?.status);
      if (onHealthCheck !== undefined) {
        const chosen = await hook("onHealthCheck", "healthCheck", () =>
          onHealthCheck({ workspaceId, connection: connection ?? null, answer, request }),
        );
        if (chosen !== undefined) {
          const wire = wireHealthAnswer(chosen);
          if (wire === undefined) {
            throw new IntercomOAuthError(
              "HOOK_FAILED",
              'onHealthCheck returned an answer Intercom cannot read: return { state: "OK" }, { state: "UNHEALTHY", message, cta_label?, cta_url? } with an http(s) cta_url, { state: "UNKNOWN", message? }, or undefined to keep the default.',
            );
          }
          answer = wire;
        }
      }
      emit({ type: "health_checked", workspaceId, state: answer.state });
      return json(200, answer);
    },
  );

  const notifications = handler(
    "notifications",
    "hub-sha1",
    onNotification === undefined ? notImplemented("createWebhookHandlers() was given no onNotification") : undefined,
    async ({ body }, request) => {
      const notification = readNotification(body);
      if (!notification.ping) {
        const { ping: _, ...context } = notification;
        await hook("onNotification", "notifications", () =>
          (onNotification as NonNullable<typeof onNotification>)({ ...context, request }),
        );
      }
      const topic = notification.ping ? "ping" : notification.topic;
      emit({ type: "notification_received", id: notification.id, topic, workspaceId: notification.workspaceId });
      return new Response(null, { status: 200 });
    },
  );

  return { uninstall, healthCheck, notifications };
}
