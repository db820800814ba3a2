// The memory store, with and without a sealer, through the ConnectionStore contract.
import { describe, expect, it } from "vitest";
import {
  createTokenSealer,
  memoryConnectionStore,
  type ConnectionStore,
  type TokenSealer,
} from "../src/connections/index.js";
import { connection, connectionStoreContract } from "./support/connection-store-contract.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

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

  it("a custom sealer's own failures become coded errors that carry nothing of it", async () => {
    const secret = "custom-sealer-internal-detail-0123456789";
    const throwing = memoryConnectionStore({
      sealer: {
        seal: async () => {
          throw new Error(`KMS said no: ${secret}`);
        },
        unseal: async () => "",
        needsReseal: () => false,
      },
    });
    const c = connection();
    const failed = await caught(() => throwing.save(c));
    expect([failed.code, failed.cause]).toEqual(["STORE_FAILED", undefined]);
    expectNoSecrets(failed, [secret, c.accessToken]);
    const empty = memoryConnectionStore({
      sealer: { seal: async () => "", unseal: async () => "", needsReseal: () => false },
    });
    expect((await caught(() => empty.save(connection()))).code).toBe("STORE_FAILED");

    const sealer = createTokenSealer({ keys: { k: "memory-key-0123456789-abcdefghijklmnop" }, current: "k" });
    const unsealing = memoryConnectionStore({
      sealer: {
        seal: (t, o) => sealer.seal(t, o),
        unseal: async () => {
          throw new Error(`KMS said no: ${secret}`);
        },
        needsReseal: () => false,
      },
    });
    await unsealing.save(c);
    const unsealed = await caught(() => unsealing.get(c.workspaceId));
    expect([unsealed.code, unsealed.cause]).toEqual(["SEAL_INVALID", undefined]);
    expect(unsealed.message).toContain(c.workspaceId);
    expectNoSecrets(unsealed, [secret, c.accessToken]);
  });
});
