// The memory store, with and without a sealer, through the ConnectionStore contract.
import { describe, expect, it } from "vitest";
import {
  createTokenSealer,
  memoryConnectionStore,
  type ConnectionStore,
  type TokenSealer,
} from "../src/connections/index.js";
import { connection, connectionStoreContract } from "./support/connection-store-contract.js";
import { caught } from "./support/expect-no-secrets.js";

// One store per space, so that two `create` calls on one space share rows as two SQL stores on one table do.
function harness(sealed: boolean) {
  const stores = new Map<string, ConnectionStore>();
  let n = 0;
  return {
    sealed,
    space: () => `space_${++n}`,
    create(space: string, sealer: TokenSealer) {
      let store = stores.get(space);
      if (store === undefined) {
        store = memoryConnectionStore(sealed ? { sealer } : {});
        stores.set(space, store);
      }
      return store;
    },
  };
}

connectionStoreContract("memory, with a sealer", harness(true));
connectionStoreContract("memory, without a sealer", harness(false));

describe("issue 10 — the memory store", () => {
  it("refuses a sealer that is not a TokenSealer", async () => {
    const error = await caught(() => memoryConnectionStore({ sealer: {} as never }));
    expect(error.code).toBe("INVALID_OPTIONS");
  });

  it("without a sealer, re-seals nothing; with defaults, works", async () => {
    const store = memoryConnectionStore();
    await store.save(connection());
    expect(await store.reseal()).toBe(0);
  });

  it("a reseal racing a reconnect keeps the reconnect's token (compare-and-set)", async () => {
    const KEY = "memory-key-0123456789-abcdefghijklmnop";
    let current = createTokenSealer({ keys: { a: KEY }, current: "a" });
    const next = createTokenSealer({ keys: { a: KEY, b: `${KEY}-b` }, current: "b" });
    let onUnseal: (() => Promise<void>) | undefined;
    const store = memoryConnectionStore({
      sealer: {
        seal: (t, o) => current.seal(t, o),
        async unseal(s, o) {
          const token = await current.unseal(s, o);
          await onUnseal?.();
          return token;
        },
        needsReseal: (s) => current.needsReseal(s),
      },
    });
    const first = connection();
    await store.save(first);
    current = next;
    const reconnect = connection({ workspaceId: first.workspaceId });
    onUnseal = async () => {
      onUnseal = undefined;
      await store.save(reconnect);
    };
    expect(await store.reseal()).toBe(0);
    expect(await store.get(first.workspaceId)).toEqual(reconnect);
  });
});
