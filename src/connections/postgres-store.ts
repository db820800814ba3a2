/**
 * The PostgreSQL connection store, over anything with `query(text, values)`: a `pg` Pool or
 * Client, or a driver with the same method. `pg` is not imported.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { schemaStatements } from "./sql-schema.js";
import { type SqlConnectionStore, type SqlConnectionStoreOptions, sqlConnectionStore } from "./sql-store.js";
import { checkTableName, DEFAULT_TABLE } from "./sql-table.js";

/**
 * A PostgreSQL client: a `pg` Pool or Client. `query(text)` without values must accept several
 * statements (the simple query protocol), as `pg`'s does.
 */
export interface PostgresClient {
  /** Runs a query with `$1`… parameters. */
  query(text: string, values?: unknown[]): Promise<{ readonly rows: unknown[]; readonly rowCount: number | null }>;
}

/**
 * The schema of the PostgreSQL store's table and indexes, for your own migrations.
 *
 * @param table - the table name (default `intercom_connections`), checked as the store checks it
 * @throws IntercomOAuthError `INVALID_OPTIONS` for a table name that is not a plain identifier.
 * @see docs/connections.md#tables-and-migrations
 */
export function postgresConnectionSchema(table: string = DEFAULT_TABLE): string {
  return `${schemaStatements(checkTableName(table, "postgresConnectionSchema"), "postgres").join(";\n")};\n`;
}

/** `?` placeholders numbered as PostgreSQL's `$1`, `$2`…; the store's SQL has no `?` elsewhere. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * A connection store on PostgreSQL. The table is created on first use (or by `migrate()`),
 * under a transaction-scoped advisory lock, so that servers starting together do not race;
 * the token is sealed before it is written.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { createTokenSealer, postgresConnectionStore } from "intercom-oauth/connections";
 *
 * const sealer = createTokenSealer({ keys: { k1: process.env.TOKEN_KEY_1 ?? "" }, current: "k1" });
 * const store = postgresConnectionStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }), { sealer });
 * ```
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` without a sealer, with a bad table name, or with
 *   a `client` that has no `query`.
 * @see docs/connections.md#the-connection-store
 */
export function postgresConnectionStore(
  client: PostgresClient,
  options: SqlConnectionStoreOptions,
): SqlConnectionStore {
  const fn = "postgresConnectionStore";
  if (typeof (client as Partial<PostgresClient> | null)?.query !== "function") {
    const message = `${fn}: client must have query(text, values), such as a pg Pool.`;
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  if (typeof options !== "object" || options === null) {
    const message = `${fn}: options must be { sealer, table? }.`;
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  const table = checkTableName(options.table, fn);
  // One message, one implicit transaction: the lock is held until the schema is in place.
  const migration = [
    `SELECT pg_advisory_xact_lock(hashtext('intercom-oauth:${table}'))`,
    ...schemaStatements(table, "postgres"),
  ].join(";\n");
  return sqlConnectionStore(
    {
      async run(sql, params) {
        return (await client.query(numbered(sql), [...params])).rowCount ?? 0;
      },
      async all(sql, params) {
        return (await client.query(numbered(sql), [...params])).rows;
      },
      async migrate() {
        await client.query(migration);
      },
    },
    table,
    options,
    fn,
  );
}
