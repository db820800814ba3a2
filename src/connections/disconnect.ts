/**
 * Disconnecting a workspace: revoke its token, then mark its connection `revoked`.
 *
 * @module
 */

import type { Connection, ConnectionStatus, ConnectionStore } from "../connection.js";
import { IntercomOAuthError, isIntercomOAuthError } from "../errors.js";
import { safeCause } from "../safe-cause.js";
import type { Region } from "../regions.js";

/** The part of an `IntercomOAuthClient` that {@link disconnect} uses. */
export interface DisconnectClient {
  /**
   * Revokes a token (`POST /auth/uninstall`) on the given region's host: `disconnect` passes the
   * connection's region, so one client serves connections of every region.
   */
  revokeToken(accessToken: string, options?: { signal?: AbortSignal; region?: Region }): Promise<void>;
}

/** Options of {@link disconnect}. */
export interface DisconnectOptions {
  /** The app's client (`createIntercomOAuth`); the revoke goes to the connection's own region. */
  readonly client: DisconnectClient;
  /** Where the connection is kept. */
  readonly store: ConnectionStore;
  /** The workspace to disconnect. */
  readonly workspaceId: string;
  /** Cancels the revoke; it then fails with `ABORTED` and the row is unchanged. */
  readonly signal?: AbortSignal;
}

/**
 * What {@link disconnect} did.
 *
 * - `revoked`: Intercom revoked the token (and uninstalled the app); the row is `revoked`.
 * - `already_invalid`: Intercom answered `UNAUTHORIZED`: the token was dead already (an
 *   uninstall, an earlier revoke). The row is `revoked` too.
 * - `not_found`: the store holds no such workspace; nothing was sent.
 */
export type DisconnectOutcome = "revoked" | "already_invalid" | "not_found";

/** The result of {@link disconnect}. */
export interface DisconnectResult {
  /** What happened; see {@link DisconnectOutcome}. */
  readonly outcome: DisconnectOutcome;
  /** The workspace. */
  readonly workspaceId: string;
  /** The connection's status before the call; absent for `not_found`. */
  readonly previousStatus?: ConnectionStatus;
}

function checkOptions(options: unknown): DisconnectOptions {
  const o = (typeof options === "object" && options !== null ? options : {}) as Partial<Record<string, unknown>>;
  const problems: string[] = [];
  const client = o.client as Partial<DisconnectClient> | undefined;
  if (typeof client !== "object" || client === null || typeof client.revokeToken !== "function") {
    problems.push("client must be an IntercomOAuthClient (with revokeToken).");
  }
  const store = o.store as Partial<ConnectionStore> | undefined;
  if (
    typeof store !== "object" ||
    store === null ||
    typeof store.get !== "function" ||
    typeof store.setStatus !== "function"
  ) {
    problems.push("store must be a ConnectionStore (with get and setStatus).");
  }
  if (typeof o.workspaceId !== "string" || o.workspaceId === "")
    problems.push("workspaceId must be a non-empty string.");
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
    problems.push("signal must be an AbortSignal when given.");
  if (problems.length > 0) {
    throw new IntercomOAuthError("INVALID_OPTIONS", `Invalid options for disconnect():\n- ${problems.join("\n- ")}`, {
      problems,
    });
  }
  return o as unknown as DisconnectOptions;
}

/** The store's failure as an IntercomOAuthError: its own when it threw one, else `STORE_FAILED` with a scrubbed copy. */
function storeError(error: unknown, what: string, secrets: readonly string[]): IntercomOAuthError {
  const original = isIntercomOAuthError(error) ? error : undefined;
  return new IntercomOAuthError(
    original?.code ?? "STORE_FAILED",
    `disconnect: ${what} ${original?.message ?? ""}`.trim(),
    {
      cause: original ?? safeCause(error, secrets),
    },
  );
}

/**
 * Disconnects a workspace: reads its connection (the store unseals the token), revokes the
 * token with Intercom, which also uninstalls the app, then marks the row `revoked`. The row
 * is kept, for your history; `store.delete` removes it.
 *
 * Safe to call again: once the token is dead, Intercom answers `UNAUTHORIZED`, reported as
 * `already_invalid`, and the row is still marked.
 *
 * @example
 * ```ts
 * const { outcome } = await disconnect({ client: intercom, store, workspaceId });
 * // "revoked" | "already_invalid" | "not_found"
 * ```
 * @throws IntercomOAuthError with the revoke's code (`NETWORK_ERROR`, `TIMEOUT`, `SERVER_ERROR`,
 *   `RATE_LIMITED`, `ABORTED`, …) when Intercom did not confirm the revoke: the row is unchanged
 *   and the message says so; try again later. `INVALID_OPTIONS` for bad options (nothing sent).
 *   The store's own error (`STORE_FAILED`,
 *   `SEAL_INVALID`) when it fails.
 * @see docs/connections.md
 */
export async function disconnect(options: DisconnectOptions): Promise<DisconnectResult> {
  const { client, store, workspaceId, signal } = checkOptions(options);
  let connection: Connection | null;
  try {
    connection = await store.get(workspaceId);
  } catch (error) {
    throw storeError(error, `reading workspace ${workspaceId} failed; nothing was revoked.`, []);
  }
  if (connection === null || connection === undefined) return Object.freeze({ outcome: "not_found", workspaceId });
  const previousStatus = connection.status;
  const secrets = [connection.accessToken];
  let outcome: DisconnectOutcome = "revoked";
  try {
    // The connection's own region: another region's host could refuse the token, which would
    // look like a false "already invalid".
    const region = connection.region;
    await client.revokeToken(connection.accessToken, signal === undefined ? { region } : { signal, region });
  } catch (error) {
    if (isIntercomOAuthError(error, "UNAUTHORIZED")) {
      outcome = "already_invalid";
    } else {
      throw unrevoked(error, workspaceId, previousStatus, secrets);
    }
  }
  try {
    await store.setStatus(workspaceId, "revoked");
  } catch (error) {
    const done = outcome === "revoked" ? "The token was revoked" : "The token was already invalid";
    throw storeError(
      error,
      `${done}, but marking workspace ${workspaceId} revoked failed (it still says "${previousStatus}"). Call disconnect again (it will report already_invalid), or store.setStatus(workspaceId, "revoked").`,
      secrets,
    );
  }
  return Object.freeze({ outcome, workspaceId, previousStatus });
}

/** The revoke failed without Intercom saying the token is dead: nothing changed. */
function unrevoked(
  error: unknown,
  workspaceId: string,
  status: ConnectionStatus,
  secrets: readonly string[],
): IntercomOAuthError {
  const unchanged = `The connection of workspace ${workspaceId} is unchanged (still "${status}"); the token may still be live. Try disconnect again later.`;
  if (!isIntercomOAuthError(error)) {
    return new IntercomOAuthError(
      "HOOK_FAILED",
      `disconnect: the client's revokeToken threw an error that is not an IntercomOAuthError (a secret-free copy is the cause). ${unchanged}`,
      { cause: safeCause(error, secrets) },
    );
  }
  return new IntercomOAuthError(error.code, `disconnect: revoking the token failed. ${error.message} ${unchanged}`, {
    cause: error,
    status: error.status,
    requestId: error.requestId,
    errors: error.errors,
    retryAfterMs: error.retryAfterMs,
    scope: error.scope,
    response: error.response,
  });
}
