/**
 * A connection: one Intercom workspace that installed the app, its token and its state, and
 * the small store interface the OAuth handlers, the webhook handlers and the adapters of
 * `intercom-oauth/connections` share. Kept apart from the adapters, so that every entry can
 * name these types without pulling one in.
 *
 * @module
 */

import type { Region } from "./regions.js";

/**
 * Where a connection stands.
 *
 * - `active`: the token works, as far as the service knows.
 * - `uninstalled`: Intercom said so, through the uninstall URL.
 * - `revoked`: the service disconnected it (`disconnect`, or `revokeToken` then `setStatus`).
 * - `unauthorized`: Intercom refused the token on use (`UNAUTHORIZED`); ask for a reconnect.
 */
export type ConnectionStatus = "active" | "uninstalled" | "revoked" | "unauthorized";

/** Every {@link ConnectionStatus}, in a fixed order. */
export const CONNECTION_STATUSES = [
  "active",
  "uninstalled",
  "revoked",
  "unauthorized",
] as const satisfies readonly ConnectionStatus[];

/** The admin who installed the app, as `/me` reported it at connect time. */
export interface ConnectionAdmin {
  /** Intercom's admin id. */
  readonly id: string;
  /** The admin's email. Trust it only when `emailVerified` is true. */
  readonly email: string;
  /** Whether Intercom verified the email. */
  readonly emailVerified: boolean;
}

/**
 * One Intercom workspace connected to the service.
 *
 * **Warning:** `accessToken` is the plain token, which never expires. It lives in memory only:
 * the SQL stores seal it before it is written and unseal it when it is read.
 */
export interface Connection {
  /** The workspace id: `app.id_code` from `/me`. The store's key. */
  readonly workspaceId: string;
  /** The region whose hosts the token was issued on. */
  readonly region: Region;
  /** The plain access token, in memory only. */
  readonly accessToken: string;
  /** Who installed the app. */
  readonly admin: ConnectionAdmin;
  /** The service's own key for the connection (its tenant or account id), or `null`. */
  readonly owner: string | null;
  /** Where the connection stands. */
  readonly status: ConnectionStatus;
  /** When this install was made (a reconnect makes a new one). */
  readonly installedAt: Date;
  /** When the row last changed. */
  readonly updatedAt: Date;
}

/** One page of {@link ConnectionStore.list}. */
export interface ConnectionPage {
  /** The connections of this page, by workspace id. */
  readonly connections: readonly Connection[];
  /** Pass it back as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

/** Options of {@link ConnectionStore.list}. */
export interface ListConnectionsOptions {
  /** The `nextCursor` of the previous page; omit it for the first page. */
  readonly cursor?: string | null;
  /** At most this many connections (1 to 1,000). Default 100. */
  readonly limit?: number;
}

/** Options of {@link ConnectionStore.reseal}. */
export interface ResealOptions {
  /** Rows read and re-sealed per batch (1 to 1,000). Default 100. */
  readonly batchSize?: number;
}

/**
 * Where connections are kept, keyed by workspace id. `intercom-oauth/connections` has three
 * adapters (memory, SQLite, PostgreSQL); any object with these methods will do.
 *
 * Every method rejects with an `IntercomOAuthError` (`STORE_FAILED` when the database
 * failed, `SEAL_INVALID` when a stored token cannot be unsealed).
 */
export interface ConnectionStore {
  /** Inserts the connection, or replaces the one of the same workspace (a reconnect makes it active again, with the new token). */
  save(connection: Connection): Promise<void>;
  /** The connection of a workspace, or `null`. */
  get(workspaceId: string): Promise<Connection | null>;
  /** Every connection of one owner, by workspace id. */
  listByOwner(owner: string): Promise<Connection[]>;
  /** Sets the status (and `updatedAt`); `false` when there is no such connection. */
  setStatus(workspaceId: string, status: ConnectionStatus): Promise<boolean>;
  /** Deletes the connection; `false` when there was none. */
  delete(workspaceId: string): Promise<boolean>;
  /** Pages through every connection, by workspace id, for batch jobs. */
  list(options?: ListConnectionsOptions): Promise<ConnectionPage>;
  /** Re-seals, in batches, every token sealed with a key that is no longer current; resolves to how many were re-sealed. */
  reseal(options?: ResealOptions): Promise<number>;
}
