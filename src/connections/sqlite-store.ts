/**
 * The SQLite connection store, over any database with `prepare(sql).run/all`: a
 * `better-sqlite3` Database or a `node:sqlite` DatabaseSync. Neither is imported.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { schemaStatements } from "./sql-schema.js";
import { type SqlConnectionStore, type SqlConnectionStoreOptions, sqlConnectionStore } from "./sql-store.js";
import { checkTableName, DEFAULT_TABLE } from "./sql-table.js";

/** A prepared statement, as both `better-sqlite3` and `node:sqlite` have it. The store binds only strings, numbers and null, by position. */
export interface SqliteStatement {
  /** Runs the statement; `changes` is how many rows it changed. */
  run(...params: unknown[]): { readonly changes: number | bigint };
  /** Runs the query; its rows as objects. */
  all(...params: unknown[]): unknown[];
}

/** A SQLite database: `better-sqlite3`'s `Database` or `node:sqlite`'s `DatabaseSync`. */
export interface SqliteDatabase {
  /** Prepares one statement. */
  prepare(sql: string): SqliteStatement;
}

/**
 * The schema of the SQLite store's table and indexes, for your own migrations.
 *
 * @param table - the table name (default `intercom_connections`), checked as the store checks it
 * @throws IntercomOAuthError `INVALID_OPTIONS` for a table name that is not a plain identifier.
 * @see docs/connections.md#tables-and-migrations
 */
export function sqliteConnectionSchema(table: string = DEFAULT_TABLE): string {
  return `${schemaStatements(checkTableName(table, "sqliteConnectionSchema"), "sqlite").join(";\n")};\n`;
}

/**
 * A connection store on SQLite. The table is created on first use (or by `migrate()`); the
 * token is sealed before it is written. Statements are prepared once and reused.
 *
 * @example
 * ```ts
 * import Database from "better-sqlite3";
 * import { createTokenSealer, sqliteConnectionStore } from "intercom-oauth/connections";
 *
 * const sealer = createTokenSealer({ keys: { k1: process.env.TOKEN_KEY_1 ?? "" }, current: "k1" });
 * const store = sqliteConnectionStore(new Database("app.db"), { sealer });
 * ```
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` without a sealer, with a bad table name, or with
 *   a `db` that has no `prepare`.
 * @see docs/connections.md#the-connection-store
 */
export function sqliteConnectionStore(db: SqliteDatabase, options: SqlConnectionStoreOptions): SqlConnectionStore {
  const fn = "sqliteConnectionStore";
  if (typeof (db as Partial<SqliteDatabase> | null)?.prepare !== "function") {
    const message = `${fn}: db must be a better-sqlite3 Database or a node:sqlite DatabaseSync.`;
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  if (typeof options !== "object" || options === null) {
    const message = `${fn}: options must be { sealer, table? }.`;
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  const table = checkTableName(options.table, fn);
  const statements = new Map<string, SqliteStatement>();
  const prepared = (sql: string): SqliteStatement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return sqlConnectionStore(
    {
      async run(sql, params) {
        return Number(prepared(sql).run(...params).changes);
      },
      async all(sql, params) {
        return prepared(sql).all(...params);
      },
      // SQLite runs one statement at a time, and IF NOT EXISTS makes each one idempotent.
      async migrate() {
        for (const statement of schemaStatements(table, "sqlite")) db.prepare(statement).run();
      },
    },
    table,
    options,
    fn,
  );
}
