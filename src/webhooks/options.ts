// Checks every option of createWebhookHandlers() when it is called, so that a bad option fails
// at start-up rather than on Intercom's first request.

import type { Exactly } from "../exactly.js";
import { IntercomOAuthError } from "../errors.js";
import type { WebhookHandlersOptions } from "./types.js";
import {
  clientSecretProblems,
  DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  maxBodyBytesProblem,
  type VerifierSettings,
} from "./verify.js";

/**
 * The options checked below, tied to {@link WebhookHandlersOptions} at compile time: when the
 * two lists differ this type is `never`, and every `options.x` below fails to type-check.
 */
type Checked = Exactly<
  | "clientSecret"
  | "store"
  | "onUninstall"
  | "onHealthCheck"
  | "onNotification"
  | "onEvent"
  | "onError"
  | "maxBodyBytes",
  keyof WebhookHandlersOptions
>;

const HOOKS = ["onUninstall", "onHealthCheck", "onNotification", "onEvent", "onError"] as const;

/**
 * @throws IntercomOAuthError `INVALID_OPTIONS` listing every problem found; never quoting a secret.
 * @internal
 */
export function checkWebhookOptions(input: unknown): Omit<VerifierSettings, "scheme"> {
  const options = (typeof input === "object" && input !== null ? input : {}) as { readonly [K in Checked]?: unknown };
  const problems: string[] = [];
  if (options !== input) problems.push("createWebhookHandlers() expects an options object with at least clientSecret.");
  problems.push(...clientSecretProblems(options.clientSecret));
  const capProblem = maxBodyBytesProblem(options.maxBodyBytes);
  if (capProblem !== undefined) problems.push(capProblem);
  for (const name of HOOKS) {
    if (options[name] !== undefined && typeof options[name] !== "function")
      problems.push(`${name} must be a function when given.`);
  }
  const store = options.store as Record<string, unknown> | null | undefined;
  if (
    store !== undefined &&
    (typeof store !== "object" ||
      store === null ||
      typeof store.get !== "function" ||
      typeof store.setStatus !== "function")
  ) {
    problems.push(
      "store must be a ConnectionStore (at least get(workspaceId) and setStatus(workspaceId, status)), such as one from intercom-oauth/connections.",
    );
  }
  if (problems.length > 0) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `Invalid options for createWebhookHandlers():\n- ${problems.join("\n- ")}\nFix the options listed above.`,
      { problems },
    );
  }
  const secret = options.clientSecret as string | readonly string[];
  return {
    secrets: typeof secret === "string" ? [secret] : [...secret],
    maxBodyBytes: (options.maxBodyBytes as number | undefined) ?? DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  };
}
