// The PostgreSQL store through the ConnectionStore contract, on a real server: a throwaway
// cluster started here (or INTERCOM_OAUTH_TEST_PG_URL; see test/support/postgres.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createTokenSealer,
  type PostgresClient,
  postgresConnectionSchema,
  postgresConnectionStore,
} from "../src/connections/index.js";
import { connection, connectionStoreContract } from "./support/connection-store-contract.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { startPostgres, type TestPostgres } from "./support/postgres.js";

let server: TestPostgres;
let pool: pg.Pool;
const pools: pg.Pool[] = [];
const newPool = (connectionString: string) => {
  const p = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000 });
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

let n = 0;
// Each test gets its own table; a run id keeps reruns against a shared server apart.
const run = Date.now().toString(36);

connectionStoreContract("PostgreSQL (pg)", {
  sealed: true,
  space: () => `t_${run}_${++n}`,
  // Two stores on one space get two pools: two connections racing for the first use.
  create: (table, sealer) => postgresConnectionStore(n % 2 === 0 ? pool : newPool(server.url), { sealer, table }),
  raw: {
    async rows(table) {
      return (await pool.query(`SELECT * FROM "${table}" ORDER BY workspace_id`)).rows;
    },
    async copySealedToken(table, from, to) {
      await pool.query(
        `UPDATE "${table}" SET sealed_token = (SELECT sealed_token FROM "${table}" WHERE workspace_id = $1) WHERE workspace_id = $2`,
        [from, to],
      );
    },
  },
  createWith: (options) => postgresConnectionStore(pool, options as never),
  broken: (sealer, options) => postgresConnectionStore(newPool(server.missingDatabaseUrl), { sealer, ...options }),
});

describe("issue 10 — the PostgreSQL store", () => {
  const KEY = "postgres-key-0123456789-abcdefghijklmnop";
  const sealer = createTokenSealer({ keys: { k1: KEY }, current: "k1" });

  it("takes a pg Pool and a pg Client as its client type", () => {
    expectTypeOf<pg.Pool>().toExtend<PostgresClient>();
    expectTypeOf<pg.Client>().toExtend<PostgresClient>();
  });

  it("exports its schema, with indexes on owner and status, and migrate() creates it once", async () => {
    const schema = postgresConnectionSchema("pg_own");
    expect(schema).toContain('CREATE TABLE IF NOT EXISTS "pg_own"');
    expect(schema).toContain('workspace_id TEXT COLLATE "C" NOT NULL PRIMARY KEY');
    expect(schema).toContain('CREATE INDEX IF NOT EXISTS "pg_own_owner_idx" ON "pg_own" (owner)');
    expect(schema).toContain('CREATE INDEX IF NOT EXISTS "pg_own_status_idx" ON "pg_own" (status)');
    expect(postgresConnectionSchema()).toContain('"intercom_connections"');
    expect((await caught(() => postgresConnectionSchema("x'y"))).code).toBe("INVALID_OPTIONS");

    const table = `own_${run}`;
    await pool.query(postgresConnectionSchema(table));
    const store = postgresConnectionStore(pool, { sealer, table, createTable: false });
    const c = connection();
    await store.save(c);
    expect(await store.get(c.workspaceId)).toEqual(c);
    await Promise.all([store.migrate(), postgresConnectionStore(pool, { sealer, table }).migrate()]);
    const indexes = await pool.query("SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY indexname", [
      table,
    ]);
    expect(indexes.rows.map((row) => row.indexname)).toEqual([
      `${table}_owner_idx`,
      `${table}_pkey`,
      `${table}_status_idx`,
    ]);
  });

  it("first uses by many servers at once create the table once (advisory lock), and every save lands", async () => {
    const table = `race_${run}`;
    const stores = Array.from({ length: 6 }, () => postgresConnectionStore(newPool(server.url), { sealer, table }));
    const saved = stores.map((_, i) => connection({ workspaceId: `ws_race_${i}` }));
    await Promise.all(stores.map((store, i) => store.save(saved[i] as never)));
    expect((await pool.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n).toBe(6);
  });

  it("concurrent saves of one workspace from many connections leave one row", async () => {
    const table = `upsert_${run}`;
    const stores = Array.from({ length: 4 }, () => postgresConnectionStore(newPool(server.url), { sealer, table }));
    await stores[0]?.migrate();
    const saves = Array.from({ length: 24 }, () => connection({ workspaceId: "ws_same" }));
    await Promise.all(saves.map((c, i) => stores[i % 4]?.save(c)));
    const rows = (await pool.query(`SELECT workspace_id FROM "${table}"`)).rows;
    expect(rows).toEqual([{ workspace_id: "ws_same" }]);
  });

  it("a connection refused is STORE_FAILED with the driver's error as cause, and no token", async () => {
    await pool.query("SELECT 1");
    const refused = newPool(`postgres://postgres@127.0.0.1:1/postgres`);
    const store = postgresConnectionStore(refused, { sealer });
    const c = connection();
    const error = await caught(() => store.save(c));
    expect(error.code).toBe("STORE_FAILED");
    expect(error.cause).toBeInstanceOf(Error);
    expectNoSecrets(error, [c.accessToken, KEY]);
  });

  it("issue 10 review: a constraint error's cause keeps the SQLSTATE but not PostgreSQL's detail, which echoes the row", async () => {
    const table = `detail_${run}`;
    await pool.query(postgresConnectionSchema(table));
    await pool.query(`ALTER TABLE "${table}" ADD CONSTRAINT no_example CHECK (admin_email NOT LIKE '%@example.com')`);
    const store = postgresConnectionStore(pool, { sealer, table, createTable: false });
    const c = connection({ admin: { id: "a1", email: "ada@example.com", emailVerified: true } });
    const error = await caught(() => store.save(c));
    expect(error.code).toBe("STORE_FAILED");
    const cause = error.cause as Error & { code?: string };
    expect(cause.message).toMatch(/no_example/);
    expect(cause.code).toBe("23514"); // check_violation
    expect(JSON.stringify({ ...cause, message: cause.message, stack: cause.stack })).not.toMatch(
      /ada@example\.com|v1\.k1\./,
    );
    expect(Object.keys(cause)).not.toContain("detail");
    expectNoSecrets(error, [c.accessToken, KEY]);
  });

  it("refuses a client without query, and options that are not an object", async () => {
    expect((await caught(() => postgresConnectionStore({} as never, { sealer }))).code).toBe("INVALID_OPTIONS");
    expect((await caught(() => postgresConnectionStore(pool, undefined as never))).code).toBe("INVALID_OPTIONS");
  });
});
