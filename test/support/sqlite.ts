// A real SQLite database for the tests: better-sqlite3 under Node 20 (its native build exists
// only for Node 20 here), node:sqlite's DatabaseSync under Node 22 and later.
import { createRequire } from "node:module";
import type { SqliteDatabase } from "../../src/connections/index.js";

/** A SQLite database and how to close it. */
export interface TestSqlite {
  readonly db: SqliteDatabase;
  /** Which driver opened it. */
  readonly driver: "better-sqlite3" | "node:sqlite";
  /** Runs SQL with no parameters (several statements allowed). */
  exec(sql: string): void;
  close(): void;
}

const major = Number(process.versions.node.split(".")[0]);
const require = createRequire(import.meta.url);

/** Opens `path` (default: a private in-memory database) with the driver this Node version has. */
export function openSqlite(path = ":memory:"): TestSqlite {
  if (major >= 22) {
    // Not in @types/node 20; typed structurally, as the store types it.
    const { DatabaseSync } = require("node:sqlite") as {
      DatabaseSync: new (path: string) => SqliteDatabase & { exec(sql: string): void; close(): void };
    };
    const db = new DatabaseSync(path);
    return { db, driver: "node:sqlite", exec: (sql) => db.exec(sql), close: () => db.close() };
  }
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  const db = new Database(path);
  return { db, driver: "better-sqlite3", exec: (sql) => void db.exec(sql), close: () => void db.close() };
}
