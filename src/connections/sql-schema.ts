/**
 * The table and its indexes, for SQLite and PostgreSQL. Every statement is idempotent
 * (`IF NOT EXISTS`), so running the schema again is harmless.
 *
 * @module
 */

import { CONNECTION_STATUSES } from "../connection.js";
import { REGIONS } from "../regions.js";

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

/**
 * The schema's statements, without trailing semicolons. `table` must have passed checkTableName.
 * @internal
 */
export function schemaStatements(table: string, dialect: "sqlite" | "postgres"): string[] {
  const pg = dialect === "postgres";
  // On PostgreSQL the key sorts bytewise, whatever the database's collation, so that pages are stable.
  const key = pg ? 'TEXT COLLATE "C"' : "TEXT";
  const int = pg ? "BIGINT" : "INTEGER";
  return [
    `CREATE TABLE IF NOT EXISTS "${table}" (
  workspace_id ${key} NOT NULL PRIMARY KEY,
  region TEXT NOT NULL CHECK (region IN (${list(REGIONS)})),
  sealed_token TEXT NOT NULL,
  admin_id TEXT NOT NULL,
  admin_email TEXT NOT NULL,
  admin_email_verified ${pg ? "SMALLINT" : "INTEGER"} NOT NULL CHECK (admin_email_verified IN (0, 1)),
  owner TEXT,
  status TEXT NOT NULL CHECK (status IN (${list(CONNECTION_STATUSES)})),
  installed_at ${int} NOT NULL,
  updated_at ${int} NOT NULL
)`,
    `CREATE INDEX IF NOT EXISTS "${table}_owner_idx" ON "${table}" (owner)`,
    `CREATE INDEX IF NOT EXISTS "${table}_status_idx" ON "${table}" (status)`,
  ];
}
