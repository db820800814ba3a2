// The SQL store's edges on a real SQLite database (issue 13): paging limits and their messages,
// table names, the schema's types and checks, drivers that read integers as BigInt, and what a
// failing statement leaves in the error.
import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import {
  CONNECTION_STATUSES,
  createTokenSealer,
  type SqliteDatabase,
  sqliteConnectionSchema,
  sqliteConnectionStore,
  type TokenSealer,
} from "../src/connections/index.js";
import { REGIONS } from "../src/index.js";
import { connection } from "./support/connection-store-contract.js";
import { caught } from "./support/expect-no-secrets.js";
import { openSqlite } from "./support/sqlite.js";

const KEY_1 = "sqlite-edges-key-0123456789-abcdefgh";
const KEY_2 = "sqlite-edges-key-two-0123456789-abcd";
const sealerK1 = createTokenSealer({ keys: { k1: KEY_1 }, current: "k1" });
const sealerK2 = createTokenSealer({ keys: { k1: KEY_1, k2: KEY_2 }, current: "k2" });

const sqlite = openSqlite();
const { db } = sqlite;
afterAll(() => sqlite.close());
let n = 0;
const fresh = (sealer: TokenSealer = sealerK1) => {
  const table = `e_${++n}`;
  return { table, store: sqliteConnectionStore(db, { sealer, table }) };
};

/** A sealer whose key can change, as after a deploy that rotates keys. */
function rotating(): TokenSealer & { to(next: TokenSealer): void } {
  let active: TokenSealer = sealerK1;
  return {
    seal: (token, options) => active.seal(token, options),
    unseal: (sealed, options) => active.unseal(sealed, options),
    needsReseal: (sealed) => active.needsReseal(sealed),
    to(next) {
      active = next;
    },
  };
}

/** A SQLite database that reads integers as BigInt (better-sqlite3's safeIntegers, node:sqlite's readBigInts). */
function openBigIntSqlite(): { db: SqliteDatabase; close(): void } {
  const require = createRequire(import.meta.url);
  if (Number(process.versions.node.split(".")[0]) >= 22) {
    const { DatabaseSync } = require("node:sqlite") as {
      DatabaseSync: new (path: string, options: object) => SqliteDatabase & { close(): void };
    };
    const big = new DatabaseSync(":memory:", { readBigInts: true });
    return { db: big, close: () => big.close() };
  }
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  const big = new Database(":memory:");
  big.defaultSafeIntegers(true);
  return { db: big, close: () => void big.close() };
}

/** Registers `fn` as a SQL function on either driver. */
function sqlFunction(target: SqliteDatabase, name: string, fn: () => unknown): void {
  (target as unknown as { function(name: string, fn: () => unknown): void }).function(name, fn);
}

describe("issue 13 — SQLite store: paging and batch limits", () => {
  it("lists 100 connections a page by default, and says when more follow", async () => {
    const { store } = fresh();
    for (let i = 0; i < 101; i++) await store.save(connection({ workspaceId: `ws_${String(i).padStart(3, "0")}` }));
    const first = await store.list();
    expect(first.connections).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    const rest = await store.list({ cursor: first.nextCursor });
    expect(rest.connections.map((c) => c.workspaceId)).toEqual(["ws_100"]);
    expect(rest.nextCursor).toBeNull();
  });

  it("takes limits and batch sizes of 1 and 1000, and pages one by one", async () => {
    const { store } = fresh();
    for (const workspaceId of ["ws_b", "ws_a"]) await store.save(connection({ workspaceId }));
    const one = await store.list({ limit: 1 });
    expect(one.connections.map((c) => c.workspaceId)).toEqual(["ws_a"]);
    const two = await store.list({ cursor: one.nextCursor, limit: 1 });
    expect([two.connections.map((c) => c.workspaceId), two.nextCursor]).toEqual([["ws_b"], null]);
    expect((await store.list({ limit: 1000 })).connections).toHaveLength(2);
    expect(await store.reseal({ batchSize: 1 })).toBe(0);
    expect(await store.reseal({ batchSize: 1000 })).toBe(0);
  });

  it("pages through workspace ids outside ASCII, by bytes", async () => {
    const { store } = fresh();
    const ids = ["ws_é", "ws_z", "ws_日本", "ws_A"];
    for (const workspaceId of ids) await store.save(connection({ workspaceId }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.list({ cursor, limit: 1 });
      seen.push(...page.connections.map((c) => c.workspaceId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(["ws_A", "ws_z", "ws_é", "ws_日本"]);
  });

  it("explains a bad limit, batch size, cursor or options object", async () => {
    const { store } = fresh();
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => store.list({ limit: 0 }), /^list: limit must be a whole number from 1 to 1000\.$/],
      [() => store.list({ limit: 1001 }), /^list: limit must be a whole number from 1 to 1000/],
      [() => store.list({ limit: "5" as never }), /^list: limit must be/],
      [() => store.reseal({ batchSize: 1001 }), /^reseal: batchSize must be a whole number from 1 to 1000/],
      [() => store.reseal({ batchSize: 2.5 }), /^reseal: batchSize must be/],
      [() => store.list(null as never), /^list expects \{ cursor\?, limit\? \}/],
      [() => store.reseal(null as never), /^reseal expects \{ batchSize\? \}/],
      [() => store.reseal("x" as never), /^reseal expects/],
      // base64url of the byte 0xff, which is not UTF-8.
      [() => store.list({ cursor: "_w" }), /^list: cursor must be the nextCursor of a previous page/],
      [() => store.list({ cursor: 7 as never }), /^list: cursor must be the nextCursor/],
    ];
    for (const [run, message] of cases) {
      const error = await caught(run);
      expect(error.code, String(message)).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(message);
      expect(error.problems).toEqual([error.message]);
    }
  });
});

describe("issue 13 — SQLite store: re-sealing", () => {
  it("re-seals every row in batches, whatever order they were written in", async () => {
    const sealer = rotating();
    const { store } = fresh(sealer);
    const saved = ["ws_e", "ws_d", "ws_c", "ws_b", "ws_a"].map((workspaceId) => connection({ workspaceId }));
    for (const c of saved) await store.save(c);
    sealer.to(sealerK2);
    expect(await store.reseal({ batchSize: 2 })).toBe(5);
    expect(await store.reseal({ batchSize: 2 })).toBe(0);
    for (const c of saved) expect(await store.get(c.workspaceId)).toEqual(c);
  });

  it("a re-seal whose write fails is STORE_FAILED naming that step and the table", async () => {
    const sealer = rotating();
    const { table, store } = fresh(sealer);
    await store.save(connection());
    sqlite.exec(
      `CREATE TRIGGER "${table}_frozen" BEFORE UPDATE OF sealed_token ON "${table}" BEGIN SELECT RAISE(ABORT, 'frozen'); END`,
    );
    sealer.to(sealerK2);
    const error = await caught(() => store.reseal());
    expect(error.code).toBe("STORE_FAILED");
    expect(error.message).toMatch(new RegExp(`could not re-seal a token \\(table "${table}"\\)`));
    expect((error.cause as Error).message).toMatch(/frozen/);
  });
});

describe("issue 13 — SQLite store: what a failing statement leaves in the error", () => {
  it("a failed creation names that step; the next use tries again", async () => {
    const own = openSqlite();
    own.exec('CREATE VIEW "occupied" AS SELECT 1 AS x');
    const store = sqliteConnectionStore(own.db, { sealer: sealerK1, table: "occupied" });
    const error = await caught(() => store.save(connection()));
    expect(error.message).toMatch(/could not create its table \(table "occupied"\)/);
    own.exec('DROP VIEW "occupied"');
    await store.migrate();
    expect(await store.list()).toEqual({ connections: [], nextCursor: null });
    own.close();
  });

  it("the cause keeps a short string code, enumerable so that logs show it, and drops any other", async () => {
    const cases: [unknown, unknown][] = [
      ["E_SHORT", "E_SHORT"],
      ["C".repeat(64), "C".repeat(64)],
      ["C".repeat(65), undefined],
      [["tok_row_data"], undefined],
      [7, undefined],
    ];
    for (const [code, kept] of cases) {
      const own = openSqlite();
      sqlFunction(own.db, "boom", () => {
        throw Object.assign(new Error("boom from the database"), { code });
      });
      own.exec(sqliteConnectionSchema("hooked"));
      own.exec('CREATE TRIGGER "hooked_boom" BEFORE INSERT ON "hooked" BEGIN SELECT boom(); END');
      const store = sqliteConnectionStore(own.db, { sealer: sealerK1, table: "hooked", createTable: false });
      const error = await caught(() => store.save(connection()));
      own.close();
      expect(error.code).toBe("STORE_FAILED");
      const cause = error.cause as Error & { code?: unknown };
      expect(cause.message).toMatch(/boom from the database/);
      expect(cause.code, JSON.stringify(code)).toEqual(kept);
      expect(Object.keys(cause).includes("code")).toBe(kept !== undefined);
    }
  });
});

describe("issue 13 — SQLite store: a database that throws what is not an Error", () => {
  it.each([
    ["null", null],
    ["a string", "tok_row_data"],
  ])("a statement that throws %s is STORE_FAILED with an Error as cause", async (_, thrown) => {
    const own = openSqlite();
    sqlFunction(own.db, "boom", () => {
      throw thrown;
    });
    own.exec(sqliteConnectionSchema("hooked"));
    own.exec('CREATE TRIGGER "hooked_boom" BEFORE INSERT ON "hooked" BEGIN SELECT boom(); END');
    const store = sqliteConnectionStore(own.db, { sealer: sealerK1, table: "hooked", createTable: false });
    const error = await caught(() => store.save(connection()));
    own.close();
    expect(error.code).toBe("STORE_FAILED");
    expect(error.message).toMatch(/could not save the connection/);
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as { code?: unknown }).code).toBeUndefined();
  });
});

describe("issue 13 — SQLite store: table names", () => {
  it("takes any lower-case identifier of 1 to 48 characters, and uses it", async () => {
    for (const table of ["a", "_private", "t9_x", `z${"0".repeat(47)}`]) {
      const store = sqliteConnectionStore(db, { sealer: sealerK1, table });
      const c = connection();
      await store.save(c);
      expect(db.prepare(`SELECT workspace_id FROM "${table}"`).all()).toEqual([
        expect.objectContaining({ workspace_id: c.workspaceId }),
      ]);
    }
  });

  it("refuses anything else, saying the rule and which function", async () => {
    for (const table of ["A", "9t", "t-x", "x".repeat(49), " t", "t\n", "été"]) {
      const error = await caught(() => sqliteConnectionStore(db, { sealer: sealerK1, table }));
      expect(error.code, table).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(
        /^sqliteConnectionStore: table must be 1 to 48 of a-z 0-9 _, not starting with a digit/,
      );
      expect(error.message).toMatch(/search_path/);
      expect(error.problems).toEqual([error.message]);
    }
    expect((await caught(() => sqliteConnectionSchema("A"))).message).toMatch(/^sqliteConnectionSchema: table must be/);
  });

  it("uses intercom_connections when no table is named", async () => {
    const own = openSqlite();
    await sqliteConnectionStore(own.db, { sealer: sealerK1 }).save(connection());
    expect(own.db.prepare(`SELECT count(*) AS n FROM "intercom_connections"`).all()).toEqual([
      expect.objectContaining({ n: 1 }),
    ]);
    own.close();
  });

  it("explains a db without prepare and options that are not an object", async () => {
    const noDb = await caught(() => sqliteConnectionStore(null as never, { sealer: sealerK1 }));
    expect(noDb.message).toMatch(
      /^sqliteConnectionStore: db must be a better-sqlite3 Database or a node:sqlite DatabaseSync/,
    );
    expect(noDb.problems).toEqual([noDb.message]);
    const noOptions = await caught(() => sqliteConnectionStore(db, "x" as never));
    expect(noOptions.message).toMatch(/^sqliteConnectionStore: options must be \{ sealer, table\? \}/);
    expect(noOptions.problems).toEqual([noOptions.message]);
  });
});

describe("issue 13 — SQLite store: the schema", () => {
  it("declares each column's type: a TEXT key, INTEGER flags and times", () => {
    const schema = sqliteConnectionSchema("typed");
    expect(schema).toMatch(/workspace_id TEXT NOT NULL PRIMARY KEY/);
    expect(schema).toMatch(/admin_email_verified INTEGER NOT NULL/);
    expect(schema).toMatch(/installed_at INTEGER NOT NULL/);
    expect(schema).toMatch(/updated_at INTEGER NOT NULL/);
    expect(schema.endsWith(";\n")).toBe(true);
  });

  it("the table itself refuses a hand-edited region, status or flag outside the schema", async () => {
    const { table, store } = fresh();
    for (const region of REGIONS)
      for (const status of CONNECTION_STATUSES) await store.save(connection({ region, status }));
    expect((await store.list()).connections).toHaveLength(REGIONS.length * CONNECTION_STATUSES.length);
    for (const edit of ["region = 'mars'", "status = 'gone'", "admin_email_verified = 2"]) {
      expect(() => db.prepare(`UPDATE "${table}" SET ${edit}`).run(), edit).toThrow(/CHECK constraint/);
    }
  });
});

describe("issue 13 — SQLite store: values as drivers return them", () => {
  it("works on a database that reads integers as BigInt", async () => {
    const big = openBigIntSqlite();
    const sealer = rotating();
    const store = sqliteConnectionStore(big.db, { sealer });
    const c = connection({ admin: { id: "a1", email: "a@example.com", emailVerified: false } });
    await store.save(c);
    expect(await store.get(c.workspaceId)).toEqual(c);
    expect(await store.setStatus(c.workspaceId, "revoked")).toBe(true);
    expect(await store.setStatus("ws_missing", "revoked")).toBe(false);
    sealer.to(sealerK2);
    expect(await store.reseal()).toBe(1);
    expect(await store.delete(c.workspaceId)).toBe(true);
    expect(await store.delete(c.workspaceId)).toBe(false);
    big.close();
  });

  it("reads times stored as decimal text, and refuses text that only looks like a number", async () => {
    const lax = openSqlite();
    const columns =
      "workspace_id, region, sealed_token, admin_id, admin_email, admin_email_verified, owner, status, installed_at, updated_at";
    lax.exec(`CREATE TABLE "lax" (${columns.replace("workspace_id", "workspace_id PRIMARY KEY")})`);
    const store = sqliteConnectionStore(lax.db, { sealer: sealerK1, table: "lax", createTable: false });
    const c = connection({ workspaceId: "ws_text_times", installedAt: new Date(1_700_000_000_000) });
    await store.save(c);
    lax.db.prepare(`UPDATE "lax" SET installed_at = '1700000000000', admin_email_verified = '1'`).run();
    expect(await store.get(c.workspaceId)).toEqual(c);
    for (const text of ["0x10", "1e3", " 12", "12 ", "12a", "a12", "", "-"]) {
      lax.db.prepare(`UPDATE "lax" SET installed_at = ?`).run(text);
      const error = await caught(() => store.get(c.workspaceId));
      expect([error.code, error.message], JSON.stringify(text)).toEqual([
        "STORE_FAILED",
        expect.stringMatching(/workspace "ws_text_times" is malformed \(column installed_at\)/),
      ]);
    }
    lax.db.prepare(`UPDATE "lax" SET installed_at = '-5'`).run();
    expect((await store.get(c.workspaceId))?.installedAt.getTime()).toBe(-5);
    lax.close();
  });

  it("prepares each statement once, however often it runs", async () => {
    const own = openSqlite();
    const prepared: string[] = [];
    const counting: SqliteDatabase = {
      prepare(sql) {
        prepared.push(sql);
        return own.db.prepare(sql);
      },
    };
    const store = sqliteConnectionStore(counting, { sealer: sealerK1 });
    await store.migrate();
    const before = prepared.length;
    for (let i = 0; i < 3; i++) {
      await store.save(connection({ workspaceId: "ws_again" }));
      await store.get("ws_again");
    }
    expect(prepared.length - before).toBe(2);
    own.close();
  });
});

describe("issue 13 — SQLite store: the refusals name the method and the rule", () => {
  it("names get, listByOwner, setStatus and delete in their own refusals", async () => {
    const { store } = fresh();
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ["get", () => store.get(""), /^get: workspaceId must be a non-empty string/],
      ["listByOwner", () => store.listByOwner(42 as never), /^listByOwner: owner must be a non-empty string/],
      ["setStatus", () => store.setStatus("", "active"), /^setStatus: workspaceId must be/],
      ["setStatus", () => store.setStatus("ws_1", "gone" as never), /^setStatus: status must be one of active, /],
      ["delete", () => store.delete(""), /^delete: workspaceId must be/],
    ];
    for (const [method, run, message] of cases) {
      const error = await caught(run);
      expect(error.code, method).toBe("INVALID_OPTIONS");
      expect(error.message, method).toMatch(message);
    }
  });

  it("refuses a table name that is not a string, even one that prints as a valid name", async () => {
    for (const table of [["t_arr"], { toString: () => "t_obj" }, 7]) {
      const error = await caught(() => sqliteConnectionStore(db, { sealer: sealerK1, table: table as never }));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(/^sqliteConnectionStore: table must be 1 to 48/);
    }
  });

  it("a row whose workspace_id is not text is STORE_FAILED, not a sealing problem", async () => {
    // A table made by hand with an INTEGER key: SQLite hands back the number 5, which the store
    // must refuse as a row that does not fit the schema.
    const table = `e_int_${++n}`;
    const schema = sqliteConnectionSchema(table).replace("workspace_id TEXT", "workspace_id INTEGER");
    (db as unknown as { exec(sql: string): void }).exec(schema);
    const store = sqliteConnectionStore(db, { sealer: sealerK1, table });
    await store.save(connection({ workspaceId: "5" }));
    const error = await caught(() => store.get("5"));
    expect(error.code).toBe("STORE_FAILED");
    expect(error.message).toMatch(/workspace_id/);
  });
});
