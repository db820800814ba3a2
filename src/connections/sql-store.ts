/**
 * The connection store over SQL, shared by the SQLite and PostgreSQL adapters. Each adapter
 * gives a driver (run, all, migrate) and this file holds the queries: parameterised, one
 * statement per operation, `?` placeholders (the PostgreSQL driver numbers them).
 *
 * @module
 */

import { safeCause } from "../safe-cause.js";
import type { Connection, ConnectionStatus, ConnectionStore } from "../connection.js";
import { IntercomOAuthError, isIntercomOAuthError } from "../errors.js";
import { encodeCursor, listOptions, resealBatchSize } from "./paging.js";
import type { TokenSealer } from "./sealer.js";
import { isSealer, openToken, sealToken } from "./seal-errors.js";
import { COLUMNS, connectionParams, readRow, readSealed, type SqlValue } from "./sql-row.js";
import { checkConnection, checkOwner, checkStatus, checkWorkspaceId } from "./validate.js";

/** What an adapter gives the shared store. Errors thrown here are the database's own. @internal */
export interface SqlDriver {
  /** Runs a statement; resolves to how many rows it changed. */
  run(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** Runs a query; resolves to its rows. */
  all(sql: string, params: readonly SqlValue[]): Promise<unknown[]>;
  /** Creates the table and its indexes if missing, serialised against other processes where the database can. */
  migrate(): Promise<void>;
}

/** Options shared by the SQL adapters. */
export interface SqlConnectionStoreOptions {
  /** Seals tokens before they are written. Required: the SQL stores never write a plain token. */
  readonly sealer: TokenSealer;
  /** The table: 1 to 48 of `a-z 0-9 _`, not starting with a digit. Default `intercom_connections`. */
  readonly table?: string;
  /** Create the table on first use (default `true`). Set `false` when your own migrations create it from the schema SQL. */
  readonly createTable?: boolean;
}

/**
 * A {@link ConnectionStore} on a SQL database, with its migration.
 * @see docs/connections.md#the-connection-store
 */
export interface SqlConnectionStore extends ConnectionStore {
  /** Creates the table and its indexes if they are missing. Safe to call again, and concurrently. */
  migrate(): Promise<void>;
}

/**
 * A copy of the driver's error: name, message, stack, and its `code` (a SQLSTATE, or SQLite's
 * code). Not the error itself: PostgreSQL's `detail` echoes the failing row (a sealed token, the
 * admin's email), and a driver error may hold the query's parameters.
 */
function driverCause(error: unknown): Error {
  const copy = safeCause(error, []);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.length <= 64)
    Object.defineProperty(copy, "code", { value: code, enumerable: true });
  return copy;
}

function storeFailed(operation: string, table: string, cause: unknown): IntercomOAuthError {
  return new IntercomOAuthError(
    "STORE_FAILED",
    `The connection store could not ${operation} (table "${table}"). Check that the database is reachable and the table matches the store's schema; a copy of the database's error (name, message, code) is the cause.`,
    { cause: driverCause(cause) },
  );
}

/**
 * The shared SQL store. `fn` names the adapter in option errors.
 * @internal
 */
export function sqlConnectionStore(
  driver: SqlDriver,
  table: string,
  options: SqlConnectionStoreOptions,
  fn: string,
): SqlConnectionStore {
  const sealer = options.sealer;
  if (!isSealer(sealer)) {
    const message = `${fn}: sealer is required, so that no token is written in plain text. Pass createTokenSealer({ keys, current }).`;
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  const autoCreate = options.createTable !== false;
  const t = `"${table}"`;
  const columns = COLUMNS.join(", ");
  // Stryker disable next-line MethodExpression: without slice, the upsert also sets workspace_id to excluded.workspace_id, the value the conflict matched on: no change, for the documented schema (a bytewise TEXT key, no triggers).
  const updates = COLUMNS.slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(", ");
  const sql = {
    upsert: `INSERT INTO ${t} (${columns}) VALUES (${COLUMNS.map(() => "?").join(", ")}) ON CONFLICT (workspace_id) DO UPDATE SET ${updates}`,
    get: `SELECT ${columns} FROM ${t} WHERE workspace_id = ?`,
    byOwner: `SELECT ${columns} FROM ${t} WHERE owner = ? ORDER BY workspace_id`,
    setStatus: `UPDATE ${t} SET status = ?, updated_at = ? WHERE workspace_id = ?`,
    delete: `DELETE FROM ${t} WHERE workspace_id = ?`,
    first: `SELECT ${columns} FROM ${t} ORDER BY workspace_id LIMIT ?`,
    after: `SELECT ${columns} FROM ${t} WHERE workspace_id > ? ORDER BY workspace_id LIMIT ?`,
    sealedFirst: `SELECT workspace_id, sealed_token FROM ${t} ORDER BY workspace_id LIMIT ?`,
    sealedAfter: `SELECT workspace_id, sealed_token FROM ${t} WHERE workspace_id > ? ORDER BY workspace_id LIMIT ?`,
    reseal: `UPDATE ${t} SET sealed_token = ? WHERE workspace_id = ? AND sealed_token = ?`,
  };

  // One migration at a time in this process; a failed one is tried again on the next call.
  let ready: Promise<void> | undefined;
  const migrate = (): Promise<void> => {
    if (ready === undefined) {
      const attempt = driver.migrate().catch((error: unknown) => {
        if (ready === attempt) ready = undefined;
        throw storeFailed("create its table", table, error);
      });
      ready = attempt;
    }
    return ready;
  };

  async function query<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (autoCreate) await migrate();
    try {
      return await work();
    } catch (error) {
      if (isIntercomOAuthError(error)) throw error;
      throw storeFailed(operation, table, error);
    }
  }

  const open = async (row: unknown): Promise<Connection> => {
    const { workspaceId, sealedToken, connection } = readRow(row);
    return connection(await openToken(sealer, sealedToken, workspaceId));
  };
  const openAll = async (rows: readonly unknown[]): Promise<Connection[]> => {
    const out: Connection[] = [];
    for (const row of rows) out.push(await open(row));
    return out;
  };

  return {
    migrate,
    async save(input) {
      const connection = checkConnection(input);
      const sealed = await sealToken(sealer, connection.accessToken, connection.workspaceId);
      await query("save the connection", () => driver.run(sql.upsert, connectionParams(connection, sealed)));
    },
    async get(workspaceId) {
      const id = checkWorkspaceId(workspaceId, "get");
      const rows = await query("read the connection", () => driver.all(sql.get, [id]));
      return rows.length === 0 ? null : open(rows[0]);
    },
    async listByOwner(owner) {
      const rows = await query("list the owner's connections", () =>
        driver.all(sql.byOwner, [checkOwner(owner, "listByOwner")]),
      );
      return openAll(rows);
    },
    async setStatus(workspaceId, status: ConnectionStatus) {
      const id = checkWorkspaceId(workspaceId, "setStatus");
      checkStatus(status, "setStatus");
      const changed = await query("set the status", () => driver.run(sql.setStatus, [status, Date.now(), id]));
      return changed > 0;
    },
    async delete(workspaceId) {
      const id = checkWorkspaceId(workspaceId, "delete");
      return (await query("delete the connection", () => driver.run(sql.delete, [id]))) > 0;
    },
    async list(listInput) {
      const { after, limit } = listOptions(listInput);
      // One row more than the page tells whether another page follows.
      const rows = await query("list connections", () =>
        after === undefined ? driver.all(sql.first, [limit + 1]) : driver.all(sql.after, [after, limit + 1]),
      );
      const connections = await openAll(rows.slice(0, limit));
      const last = connections[connections.length - 1];
      return {
        connections,
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.workspaceId) : null,
      };
    },
    async reseal(resealInput) {
      const batchSize = resealBatchSize(resealInput);
      let count = 0;
      let after: string | undefined;
      for (;;) {
        const from = after;
        const rows = await query("read sealed tokens", () =>
          from === undefined
            ? driver.all(sql.sealedFirst, [batchSize])
            : driver.all(sql.sealedAfter, [from, batchSize]),
        );
        for (const row of rows) {
          const { workspaceId: id, sealedToken: sealed } = readSealed(row);
          after = id;
          if (!sealer.needsReseal(sealed)) continue;
          const token = await openToken(sealer, sealed, id);
          const resealed = await sealToken(sealer, token, id);
          // Compare-and-set: a reconnect that wrote a new token meanwhile is left as it is.
          count += await query("re-seal a token", () => driver.run(sql.reseal, [resealed, id, sealed]));
        }
        if (rows.length < batchSize) return count;
      }
    },
  };
}
