// The SQLite store through the ConnectionStore contract: better-sqlite3 under Node 20,
// node:sqlite's DatabaseSync under Node 22 and later (see test/support/sqlite.ts).
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import type BetterSqlite3 from "better-sqlite3";
import {
  createTokenSealer,
  type SqliteDatabase,
  sqliteConnectionSchema,
  sqliteConnectionStore,
} from "../src/connections/index.js";
import { connection, connectionStoreContract } from "./support/connection-store-contract.js";
import { caught } from "./support/expect-no-secrets.js";
import { openSqlite } from "./support/sqlite.js";

const sqlite = openSqlite();
const { db } = sqlite;
afterAll(() => sqlite.close());
let n = 0;

connectionStoreContract(`SQLite (${sqlite.driver})`, {
  sealed: true,
  space: () => `t_${++n}`,
  create: (table, sealer) => sqliteConnectionStore(db, { sealer, table }),
  raw: {
    async rows(table) {
      return db.prepare(`SELECT * FROM "${table}" ORDER BY workspace_id`).all() as Record<string, unknown>[];
    },
    async copySealedToken(table, from, to) {
      db.prepare(
        `UPDATE "${table}" SET sealed_token = (SELECT sealed_token FROM "${table}" WHERE workspace_id = ?) WHERE workspace_id = ?`,
      ).run(from, to);
    },
  },
  createWith: (options) => sqliteConnectionStore(db, options as never),
  broken(sealer, options) {
    const closed = openSqlite();
    closed.close();
    return sqliteConnectionStore(closed.db, { sealer, ...options });
  },
});

describe("issue 10 — the SQLite store", () => {
  const sealer = createTokenSealer({ keys: { k1: "sqlite-key-0123456789-abcdefghijklmnop" }, current: "k1" });

  it("takes better-sqlite3's Database as its db type", () => {
    expectTypeOf<BetterSqlite3.Database>().toExtend<SqliteDatabase>();
  });

  it("exports its schema, with indexes on owner and status, and migrate() creates it", async () => {
    const schema = sqliteConnectionSchema("my_connections");
    expect(schema).toContain('CREATE TABLE IF NOT EXISTS "my_connections"');
    expect(schema).toContain('CREATE INDEX IF NOT EXISTS "my_connections_owner_idx" ON "my_connections" (owner)');
    expect(schema).toContain('CREATE INDEX IF NOT EXISTS "my_connections_status_idx" ON "my_connections" (status)');
    expect(sqliteConnectionSchema()).toContain('"intercom_connections"');
    expect((await caught(() => sqliteConnectionSchema("a;b"))).code).toBe("INVALID_OPTIONS");

    const own = openSqlite();
    own.exec(schema);
    const store = sqliteConnectionStore(own.db, { sealer, table: "my_connections", createTable: false });
    const c = connection();
    await store.save(c);
    expect(await store.get(c.workspaceId)).toEqual(c);
    await store.migrate();
    await store.migrate();
    const indexes = own.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
      .all("my_connections");
    expect(indexes).toEqual(
      expect.arrayContaining([{ name: "my_connections_owner_idx" }, { name: "my_connections_status_idx" }]),
    );
    own.close();
  });

  it("with createTable: false, a missing table is STORE_FAILED, not created", async () => {
    const store = sqliteConnectionStore(db, { sealer, table: "never_created", createTable: false });
    expect((await caught(() => store.get("ws_1"))).code).toBe("STORE_FAILED");
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = ?").all("never_created")).toEqual([]);
  });

  it("a failed creation is tried again on the next use", async () => {
    const own = openSqlite();
    own.exec('CREATE VIEW "retry_t" AS SELECT 1 AS x');
    const store = sqliteConnectionStore(own.db, { sealer, table: "retry_t" });
    expect((await caught(() => store.get("ws_1"))).code).toBe("STORE_FAILED");
    own.exec('DROP VIEW "retry_t"');
    expect(await store.get("ws_1")).toBeNull();
    own.close();
  });

  it("refuses a db without prepare, and options that are not an object", async () => {
    expect((await caught(() => sqliteConnectionStore({} as never, { sealer }))).code).toBe("INVALID_OPTIONS");
    expect((await caught(() => sqliteConnectionStore(db, null as never))).code).toBe("INVALID_OPTIONS");
  });

  it("each column that does not fit the schema is STORE_FAILED naming it (a table without the checks)", async () => {
    const lax = openSqlite();
    const columns =
      "workspace_id, region, sealed_token, admin_id, admin_email, admin_email_verified, owner, status, installed_at, updated_at";
    lax.exec(`CREATE TABLE "lax" (${columns.replace("workspace_id", "workspace_id PRIMARY KEY")})`);
    const store = sqliteConnectionStore(lax.db, { sealer, table: "lax", createTable: false });
    const c = connection({ workspaceId: "ws_lax" });
    await store.save(c);
    const good = lax.db.prepare(`SELECT ${columns} FROM "lax"`).all()[0] as Record<string, unknown>;
    const bad: [string, unknown][] = [
      ["sealed_token", null],
      ["region", "mars"],
      ["admin_id", null],
      ["admin_email", 7],
      ["admin_email_verified", 2],
      ["owner", 5],
      ["status", "gone"],
      ["installed_at", "yesterday"],
      ["updated_at", 1.5],
    ];
    for (const [column, value] of bad) {
      lax.db.prepare(`UPDATE "lax" SET ${column} = ?`).run(value);
      const error = await caught(() => store.get("ws_lax"));
      expect([error.code, error.message.includes(column)], column).toEqual(["STORE_FAILED", true]);
      expect(error.message).toContain("ws_lax");
      lax.db.prepare(`UPDATE "lax" SET ${column} = ?`).run(good[column]);
    }
    expect(await store.get("ws_lax")).toEqual(c);
    lax.db.prepare(`UPDATE "lax" SET workspace_id = ''`).run();
    const error = await caught(() => store.list());
    expect([error.code, error.message]).toEqual([
      "STORE_FAILED",
      expect.stringMatching(/^The stored row is malformed \(column workspace_id\)/),
    ]);
    expect((await caught(() => store.reseal())).code).toBe("STORE_FAILED");
    lax.close();
  });

  it("a row edited by hand into another shape is STORE_FAILED naming the column", async () => {
    const store = sqliteConnectionStore(db, { sealer, table: "hand_edited" });
    const c = connection();
    await store.save(c);
    db.prepare(`UPDATE "hand_edited" SET installed_at = 'yesterday'`).run();
    const error = await caught(() => store.get(c.workspaceId));
    expect(error.code).toBe("STORE_FAILED");
    expect(error.message).toContain("installed_at");
  });
});
