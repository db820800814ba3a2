// The one contract every ConnectionStore adapter passes (issue 10 §3). Each adapter's test file
// calls connectionStoreContract with a harness that opens its store on fresh storage.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type Connection,
  type ConnectionStore,
  createTokenSealer,
  type TokenSealer,
} from "../../src/connections/index.js";
import { caught, encodedForms, expectNoSecrets } from "./expect-no-secrets.js";

/** How the contract reaches one adapter. */
export interface StoreHarness {
  /** A fresh storage name (a table for the SQL stores). */
  space(): string;
  /** A store on `space`, sealing with `sealer`; two calls with one space share its rows. */
  create(space: string, sealer: TokenSealer): ConnectionStore;
  /** False for the memory store without a sealer: the sealing cases are skipped. */
  readonly sealed: boolean;
  /** The SQL stores: the raw rows, and a way to copy one row's sealed token onto another. */
  readonly raw?: {
    rows(space: string): Promise<Record<string, unknown>[]>;
    copySealedToken(space: string, from: string, to: string): Promise<void>;
  };
  /** The SQL stores: make a store with these options as given (to see them refused). */
  readonly createWith?: (options: Record<string, unknown>) => ConnectionStore;
  /** The SQL stores: a store on a database that fails every query. */
  readonly broken?: (sealer: TokenSealer, options?: { createTable?: boolean }) => ConnectionStore;
}

const KEY_1 = "k1-secret-0123456789-abcdefghijklmnop";
const KEY_2 = "k2-secret-0123456789-qrstuvwxyzABCDEF";
const sealerK1 = () => createTokenSealer({ keys: { k1: KEY_1 }, current: "k1" });
const sealerK1K2 = () => createTokenSealer({ keys: { k1: KEY_1, k2: KEY_2 }, current: "k2" });
const sealerK2 = () => createTokenSealer({ keys: { k2: KEY_2 }, current: "k2" });

/** A sealer of the user's own making that delegates to a swappable one: the rotation, without reopening the store. */
function swappable(first: TokenSealer): TokenSealer & { use(next: TokenSealer): void } {
  let active = first;
  return {
    seal: (token, options) => active.seal(token, options),
    unseal: (sealed, options) => active.unseal(sealed, options),
    needsReseal: (sealed) => active.needsReseal(sealed),
    use(next) {
      active = next;
    },
  };
}

let serial = 0;
/** A connection with a fresh, recognisable token. */
export function connection(overrides: Partial<Connection> = {}): Connection {
  serial++;
  return {
    workspaceId: `ws_${serial}`,
    region: "eu",
    accessToken: `dG9rOjAxMjM0NTY3ODlhYmNkZWY${serial}Zx+9/tok=`,
    admin: { id: `admin_${serial}`, email: `admin${serial}@example.com`, emailVerified: true },
    owner: "tenant_a",
    status: "active",
    installedAt: new Date(1_700_000_000_000 + serial),
    updatedAt: new Date(1_700_000_000_500 + serial),
    ...overrides,
  };
}

async function allConnections(store: ConnectionStore): Promise<Connection[]> {
  const out: Connection[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.list({ cursor, limit: 1000 });
    out.push(...page.connections);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** Registers the contract's tests for one adapter. */
export function connectionStoreContract(name: string, harness: StoreHarness): void {
  const fresh = (sealer: TokenSealer = sealerK1()) => harness.create(harness.space(), sealer);
  const ifSealed = harness.sealed ? it : it.skip;
  const ifRaw = harness.raw !== undefined && harness.sealed ? it : it.skip;
  const ifSql = harness.createWith !== undefined ? it : it.skip;

  describe(`issue 10 — the ConnectionStore contract: ${name}`, () => {
    it("saves and gets a connection back, field for field, as a copy", async () => {
      const store = fresh();
      const saved = connection({ owner: null, admin: { id: "a1", email: "x@example.com", emailVerified: false } });
      await store.save(saved);
      const got = await store.get(saved.workspaceId);
      expect(got).toEqual(saved);
      expect(got).not.toBe(saved);
      expect(got?.installedAt).toBeInstanceOf(Date);
      expect(await store.get("ws_missing")).toBeNull();
    });

    it("returns connections whose JSON and inspect views mask the token; a spread keeps it", async () => {
      const store = fresh();
      const saved = connection({ owner: "t_view" });
      await store.save(saved);
      const read = [
        await store.get(saved.workspaceId),
        ...(await store.listByOwner("t_view")),
        ...(await store.list()).connections,
      ];
      expect(read).toHaveLength(3);
      for (const got of read) {
        expect({ ...got }.accessToken).toBe(saved.accessToken);
        expect(JSON.stringify(got)).toContain(saved.workspaceId);
        expect(JSON.stringify(got)).not.toContain(saved.accessToken);
        expect(inspect(got, { depth: 5 })).not.toContain(saved.accessToken);
      }
    });

    it("upserts by workspace id: a reconnect replaces the token and makes the connection active again", async () => {
      const store = fresh();
      const first = connection();
      await store.save(first);
      expect(await store.setStatus(first.workspaceId, "uninstalled")).toBe(true);
      const again = connection({ workspaceId: first.workspaceId, owner: "tenant_b", region: "us" });
      await store.save(again);
      expect(await store.get(first.workspaceId)).toEqual(again);
      expect((await allConnections(store)).map((c) => c.workspaceId)).toEqual([first.workspaceId]);
    });

    it("lists an owner's connections by workspace id, and nothing for an unknown owner", async () => {
      const store = fresh();
      const [b, a, other, none] = [
        connection({ workspaceId: "ws_b", owner: "tenant_x" }),
        connection({ workspaceId: "ws_a", owner: "tenant_x" }),
        connection({ workspaceId: "ws_c", owner: "tenant_y" }),
        connection({ workspaceId: "ws_d", owner: null }),
      ];
      for (const c of [b, a, other, none]) await store.save(c as Connection);
      expect(await store.listByOwner("tenant_x")).toEqual([a, b]);
      expect(await store.listByOwner("tenant_z")).toEqual([]);
    });

    it("sets a status: true and a later updatedAt when the connection exists, false when not", async () => {
      const store = fresh();
      const c = connection();
      await store.save(c);
      for (const status of ["revoked", "unauthorized", "uninstalled", "active"] as const) {
        expect(await store.setStatus(c.workspaceId, status)).toBe(true);
        const got = await store.get(c.workspaceId);
        expect(got?.status).toBe(status);
        expect(got?.updatedAt.getTime()).toBeGreaterThan(c.updatedAt.getTime());
        expect(got?.accessToken).toBe(c.accessToken);
      }
      expect(await store.setStatus("ws_missing", "revoked")).toBe(false);
      expect((await caught(() => store.setStatus(c.workspaceId, "gone" as never))).code).toBe("INVALID_OPTIONS");
    });

    it("deletes: true once, then false, and the connection is gone", async () => {
      const store = fresh();
      const c = connection();
      await store.save(c);
      expect(await store.delete(c.workspaceId)).toBe(true);
      expect(await store.delete(c.workspaceId)).toBe(false);
      expect(await store.get(c.workspaceId)).toBeNull();
    });

    it("pages through every connection by workspace id, to a null cursor", async () => {
      const store = fresh();
      const ids = ["ws_07", "ws_01", "ws_05", "ws_03", "ws_02", "ws_06", "ws_04"];
      for (const workspaceId of ids) await store.save(connection({ workspaceId }));
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page = await store.list({ cursor, limit: 3 });
        pages.push(page.connections.map((c) => c.workspaceId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(pages).toEqual([["ws_01", "ws_02", "ws_03"], ["ws_04", "ws_05", "ws_06"], ["ws_07"]]);
      expect((await store.list()).connections).toHaveLength(7);
      const exact = await store.list({ limit: 7 });
      expect([exact.connections.length, exact.nextCursor]).toEqual([7, null]);
      expect(await fresh().list()).toEqual({ connections: [], nextCursor: null });
    });

    it("refuses a bad cursor, limit or batch size with INVALID_OPTIONS", async () => {
      const store = fresh();
      for (const options of [
        { cursor: "not base64!" },
        { cursor: "" },
        { cursor: 42 },
        { limit: 0 },
        { limit: 1001 },
        { limit: 1.5 },
      ]) {
        expect((await caught(() => store.list(options as never))).code, JSON.stringify(options)).toBe(
          "INVALID_OPTIONS",
        );
      }
      expect((await caught(() => store.list("x" as never))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => store.reseal({ batchSize: 0 }))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => store.reseal(7 as never))).code).toBe("INVALID_OPTIONS");
    });

    it("refuses a malformed connection with INVALID_OPTIONS naming each field, never the token", async () => {
      const store = fresh();
      const token = "dG9rOmJhZC1pbnB1dC10b2tlbi12YWx1ZQ==";
      const bad = {
        ...connection({ accessToken: token }),
        workspaceId: "",
        region: "mars",
        status: "gone",
        owner: 7,
        admin: null,
        installedAt: new Date(Number.NaN),
        updatedAt: "yesterday",
      };
      const error = await caught(() => store.save(bad as never));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.problems.map((p) => p.split(" ")[1])).toEqual([
        "workspaceId",
        "region",
        "admin",
        "owner",
        "status",
        "installedAt",
        "updatedAt",
      ]);
      expectNoSecrets(error, [token]);
      const noToken = await caught(() => store.save({ ...connection(), accessToken: "" }));
      expect(noToken.problems).toEqual(["save: accessToken must be a non-empty string of at most 4096 characters."]);
      const huge = await caught(() => store.save({ ...connection(), accessToken: "t".repeat(4097) }));
      expect(huge.problems).toEqual(noToken.problems);
      expect((await caught(() => store.save(null as never))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => store.get("" as never))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => store.get("x".repeat(256)))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => store.listByOwner(null as never))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => store.delete(42 as never))).code).toBe("INVALID_OPTIONS");
    });

    it("leaves exactly one row when saves of one workspace run concurrently", async () => {
      const store = fresh();
      const saves = Array.from({ length: 20 }, () => connection({ workspaceId: "ws_race" }));
      await Promise.all(saves.map((c) => store.save(c)));
      const rows = await allConnections(store);
      expect(rows).toHaveLength(1);
      expect(saves.map((c) => c.accessToken)).toContain(rows[0]?.accessToken);
    });

    it("survives concurrent first uses of a fresh table by two stores", async () => {
      const space = harness.space();
      const stores = [harness.create(space, sealerK1()), harness.create(space, sealerK1())];
      const saved = Array.from({ length: 12 }, (_, i) =>
        connection({ workspaceId: `ws_first_${String(i).padStart(2, "0")}` }),
      );
      await Promise.all(saved.map((c, i) => (stores[i % 2] as ConnectionStore).save(c)));
      expect((await allConnections(stores[0] as ConnectionStore)).map((c) => c.workspaceId)).toEqual(
        saved.map((c) => c.workspaceId),
      );
    });

    it("keeps SQL in values harmless: quotes and statements are data", async () => {
      const store = fresh();
      const evil = connection({
        workspaceId: `ws'); DROP TABLE intercom_connections; --`,
        owner: "' OR '1'='1",
        admin: { id: "1; DELETE FROM x", email: `"'\\`, emailVerified: false },
      });
      const plain = connection({ workspaceId: "ws_plain", owner: "tenant_a" });
      await store.save(plain);
      await store.save(evil);
      expect(await store.get(evil.workspaceId)).toEqual(evil);
      expect(await store.listByOwner("' OR '1'='1")).toEqual([evil]);
      expect(await store.get("' OR '1'='1")).toBeNull();
      expect(await store.get(plain.workspaceId)).toEqual(plain);
      expect(await allConnections(store)).toHaveLength(2);
    });

    ifSealed(
      "re-seals in batches after a rotation (then 0), and old rows open with the new key only after",
      async () => {
        const sealer = swappable(sealerK1());
        const space = harness.space();
        const store = harness.create(space, sealer);
        const saved = Array.from({ length: 5 }, () => connection());
        for (const c of saved) await store.save(c);
        expect(await store.reseal()).toBe(0);
        sealer.use(sealerK1K2());
        const newest = connection();
        await store.save(newest);
        expect(await store.reseal({ batchSize: 2 })).toBe(5);
        expect(await store.reseal({ batchSize: 2 })).toBe(0);
        sealer.use(sealerK2());
        for (const c of [...saved, newest]) expect(await store.get(c.workspaceId)).toEqual(c);
        if (harness.raw !== undefined) {
          const prefixes = (await harness.raw.rows(space)).map((row) =>
            String(row.sealed_token).split(".").slice(0, 2).join("."),
          );
          expect(new Set(prefixes)).toEqual(new Set(["v1.k2"]));
        }
      },
    );

    ifSealed("a re-seal racing a reconnect keeps the reconnect's token (compare-and-set)", async () => {
      let active = sealerK1();
      let onUnseal: (() => Promise<void>) | undefined;
      const sealer: TokenSealer = {
        seal: (token, options) => active.seal(token, options),
        async unseal(sealed, options) {
          const token = await active.unseal(sealed, options);
          const hook = onUnseal;
          onUnseal = undefined;
          await hook?.();
          return token;
        },
        needsReseal: (sealed) => active.needsReseal(sealed),
      };
      const store = harness.create(harness.space(), sealer);
      const first = connection();
      await store.save(first);
      active = sealerK1K2();
      const reconnect = connection({ workspaceId: first.workspaceId });
      onUnseal = () => store.save(reconnect);
      expect(await store.reseal()).toBe(0);
      expect(await store.get(first.workspaceId)).toEqual(reconnect);
      expect(await store.reseal()).toBe(0);
    });

    ifSealed("fails SEAL_INVALID, naming the workspace and no key, when the key of a row is gone", async () => {
      const sealer = swappable(sealerK1());
      const store = harness.create(harness.space(), sealer);
      const c = connection();
      await store.save(c);
      sealer.use(sealerK2());
      const error = await caught(() => store.get(c.workspaceId));
      expect(error.code).toBe("SEAL_INVALID");
      expect(error.message).toContain(c.workspaceId);
      expect(error.message).toContain('key "k1"');
      expectNoSecrets(error, [c.accessToken, KEY_1, KEY_2]);
      expect((await caught(() => store.reseal())).code).toBe("SEAL_INVALID");
      expect((await caught(() => store.list())).code).toBe("SEAL_INVALID");
    });

    ifRaw("never writes the plain token: the row holds only its seal", async () => {
      const space = harness.space();
      const store = harness.create(space, sealerK1());
      const c = connection();
      await store.save(c);
      await store.setStatus(c.workspaceId, "revoked");
      const rows = await harness.raw?.rows(space);
      expect(rows).toHaveLength(1);
      const text = JSON.stringify(rows);
      for (const form of [...encodedForms(c.accessToken), KEY_1]) expect(text).not.toContain(form);
      expect(String(rows?.[0]?.sealed_token)).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    });

    ifRaw("refuses a sealed token copied onto another workspace's row (SEAL_INVALID)", async () => {
      const space = harness.space();
      const store = harness.create(space, sealerK1());
      const [victim, attacker] = [connection(), connection()];
      await store.save(victim);
      await store.save(attacker);
      await harness.raw?.copySealedToken(space, victim.workspaceId, attacker.workspaceId);
      const error = await caught(() => store.get(attacker.workspaceId));
      expect(error.code).toBe("SEAL_INVALID");
      expectNoSecrets(error, [victim.accessToken, attacker.accessToken, KEY_1]);
      expect(await store.get(victim.workspaceId)).toEqual(victim);
    });

    ifSql("requires a sealer, and refuses a table name that is not a plain identifier", async () => {
      const create = harness.createWith as NonNullable<StoreHarness["createWith"]>;
      expect((await caught(() => create({}))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => create({ sealer: { seal: () => "" } }))).code).toBe("INVALID_OPTIONS");
      const names = ['x"; DROP TABLE y; --', "a.b", "Connections", "1abc", "", "a b", "x".repeat(49), "t\u0000"];
      for (const table of [...names, 42]) {
        const error = await caught(() => create({ sealer: sealerK1(), table }));
        expect(error.code, String(table)).toBe("INVALID_OPTIONS");
        if (typeof table === "string" && table.length > 3) expect(error.message).not.toContain(table);
      }
      expect(() => create({ sealer: sealerK1(), table: "x".repeat(48) })).not.toThrow();
    });

    it.skipIf(harness.broken === undefined)(
      "fails STORE_FAILED, with the database's error as cause and no token, on a broken database",
      async () => {
        const broken = harness.broken as NonNullable<StoreHarness["broken"]>;
        const store = broken(sealerK1());
        const c = connection();
        // Without createTable, each error names the step; with it, creating the table fails first.
        const steps: [(store: ConnectionStore) => Promise<unknown>, string][] = [
          [(store) => store.save(c), "save the connection"],
          [(store) => store.get(c.workspaceId), "read the connection"],
          [(store) => store.listByOwner("tenant_a"), "list the owner's connections"],
          [(store) => store.setStatus(c.workspaceId, "revoked"), "set the status"],
          [(store) => store.delete(c.workspaceId), "delete the connection"],
          [(store) => store.list(), "list connections"],
          [(store) => store.reseal(), "read sealed tokens"],
        ];
        const unmigrated = broken(sealerK1(), { createTable: false });
        for (const [run, step] of [
          ...steps,
          ...steps.map(([run]) => [run, "create its table"] as (typeof steps)[number]),
        ]) {
          const error = await caught(() => run(step === "create its table" ? store : unmigrated));
          expect(error.code).toBe("STORE_FAILED");
          expect(error.message).toMatch(/Check that the database is reachable/);
          expect(error.message).toContain(`could not ${step} (table "intercom_connections")`);
          expect(error.cause).toBeInstanceOf(Error);
          expectNoSecrets(error, [c.accessToken, KEY_1]);
        }
      },
    );
  });
}
