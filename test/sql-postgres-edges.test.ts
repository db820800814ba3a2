// The PostgreSQL store's edges on a real server (issue 13): the migration's advisory lock, pages
// that stay bytewise under a database collation that is not C, and the schema's types.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenSealer, postgresConnectionSchema, postgresConnectionStore } from "../src/connections/index.js";
import { connection } from "./support/connection-store-contract.js";
import { caught } from "./support/expect-no-secrets.js";
import { startPostgres, type TestPostgres } from "./support/postgres.js";

const sealer = createTokenSealer({ keys: { k1: "pg-edges-key-0123456789-abcdefghijkl" }, current: "k1" });
const run = Date.now().toString(36);
let server: TestPostgres;
let pool: pg.Pool;
const pools: pg.Pool[] = [];
const newPool = (connectionString: string) => {
  const p = new pg.Pool({ connectionString, max: 3, connectionTimeoutMillis: 5_000 });
  p.on("error", () => {});
  pools.push(p);
  return p;
};

beforeAll(async () => {
  server = await startPostgres();
  pool = newPool(server.url);
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  server?.stop();
});

describe("issue 13 — PostgreSQL store: edges", () => {
  it("creating the table waits for the advisory lock of intercom-oauth:<table>, which other tools can take", async () => {
    const table = `locked_${run}`;
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`intercom-oauth:${table}`]);
      const migrated = postgresConnectionStore(pool, { sealer, table }).migrate();
      const early = await Promise.race([
        migrated.then(() => "done"),
        new Promise((r) => setTimeout(r, 300, "waiting")),
      ]);
      expect(early).toBe("waiting");
      expect((await holder.query("SELECT to_regclass($1) AS t", [`"${table}"`])).rows[0].t).toBeNull();
      await holder.query("COMMIT");
      await migrated;
    } finally {
      holder.release();
    }
    expect((await pool.query("SELECT to_regclass($1)::text AS t", [`"${table}"`])).rows[0].t).toBe(table);
  });

  it("pages bytewise in a database whose default collation is not C", async (ctx) => {
    const icu = (await pool.query("SELECT count(*)::int AS n FROM pg_collation WHERE collprovider = 'i'")).rows[0].n;
    // A PostgreSQL built without ICU has only C-like collations here: reported as skipped.
    if (icu === 0) ctx.skip();
    const name = `icu_${run}`;
    await pool.query(`CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C'`);
    try {
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      const icuPool = newPool(url.toString());
      const store = postgresConnectionStore(icuPool, { sealer });
      for (const workspaceId of ["ws_b", "ws_B", "ws_a", "ws_A"]) await store.save(connection({ workspaceId }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.list({ cursor, limit: 1 });
        seen.push(...page.connections.map((c) => c.workspaceId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(["ws_A", "ws_B", "ws_a", "ws_b"]);
      await icuPool.end();
      pools.splice(pools.indexOf(icuPool), 1);
    } finally {
      await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });

  it("declares BIGINT times and a SMALLINT flag", () => {
    const schema = postgresConnectionSchema("typed");
    expect(schema).toMatch(/admin_email_verified SMALLINT NOT NULL/);
    expect(schema).toMatch(/installed_at BIGINT NOT NULL/);
    expect(schema).toMatch(/updated_at BIGINT NOT NULL/);
    expect(schema.endsWith(";\n")).toBe(true);
  });

  it("explains a client without query, options that are not an object, and a bad table", async () => {
    for (const client of [null, undefined]) {
      const error = await caught(() => postgresConnectionStore(client as never, { sealer }));
      expect(error.message).toMatch(/^postgresConnectionStore: client must have query/);
    }
    const noClient = await caught(() => postgresConnectionStore({ query: 1 } as never, { sealer }));
    expect(noClient.message).toMatch(
      /^postgresConnectionStore: client must have query\(text, values\), such as a pg Pool/,
    );
    expect(noClient.problems).toEqual([noClient.message]);
    const noOptions = await caught(() => postgresConnectionStore(pool, null as never));
    expect(noOptions.message).toMatch(/^postgresConnectionStore: options must be \{ sealer, table\? \}/);
    expect(noOptions.problems).toEqual([noOptions.message]);
    expect((await caught(() => postgresConnectionStore(pool, { sealer, table: "A" }))).message).toMatch(
      /^postgresConnectionStore: table must be/,
    );
    expect((await caught(() => postgresConnectionSchema("A"))).message).toMatch(
      /^postgresConnectionSchema: table must be/,
    );
    expect((await caught(() => postgresConnectionStore(pool, { sealer: null as never }))).message).toMatch(
      /^postgresConnectionStore: sealer is required/,
    );
  });
});
