// The token sealer's edges (issue 13): what each refusal says, and how the stores treat a
// sealer of the user's own making that fails, throws something odd, or returns no seal.
import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTokenSealer, sqliteConnectionStore, type TokenSealer } from "../src/connections/index.js";
import { IntercomOAuthError } from "../src/index.js";
import { connection } from "./support/connection-store-contract.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { openSqlite } from "./support/sqlite.js";

const KEY_1 = "edges-key-one-0123456789abcdefghijkl";
const TOKEN = "dG9rOmVkZ2VzLXRva2Vu:edges-token";
const sealer = createTokenSealer({ keys: { k1: KEY_1 }, current: "k1" });
const context = { context: "ws_edges" };
const encode = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

const sqlite = openSqlite();
afterAll(() => sqlite.close());
let n = 0;
const storeWith = (custom: unknown) =>
  sqliteConnectionStore(sqlite.db, { sealer: custom as TokenSealer, table: `edges_${++n}` });

describe("issue 13 — the sealer's refusals say what is wrong", () => {
  it("a missing context names the method and asks for the workspace id", async () => {
    for (const [method, run] of [
      ["seal", () => sealer.seal(TOKEN, {} as never)],
      ["unseal", () => sealer.unseal("v1.k1.a.b", { context: "" })],
    ] as const) {
      const error = await caught(run);
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(new RegExp(`^${method}: context must be the workspace id`));
      expect(error.problems).toEqual([error.message]);
    }
  });

  it("an empty token is refused as such", async () => {
    const error = await caught(() => sealer.seal("", context));
    expect(error.message).toMatch(/^seal: token must be a non-empty string/);
    expect(error.problems).toEqual([error.message]);
  });

  it("every problem of the options is listed, and the message holds them all", async () => {
    const error = await caught(() => createTokenSealer({ keys: { k1: "short", "a.b": KEY_1 }, current: "k9" }));
    expect(error.problems).toHaveLength(3);
    expect(error.message.split("\n")).toEqual(error.problems);
    expect(error.message).toMatch(/secret of key "k1" is too short/);
  });

  it("options of the wrong shape are refused as such, before any key is read", async () => {
    const cases: [unknown, RegExp][] = [
      ["k1", /^createTokenSealer expects \{ keys: \{ <keyId>: <secret> \}, current: <keyId> \}/],
      [{ keys: null, current: "k1" }, /^createTokenSealer: keys must be an object of key id to secret/],
      [{ keys: KEY_1, current: "0" }, /^createTokenSealer: keys must be an object/],
      [{ keys: { 1: KEY_1 }, current: 1 }, /^createTokenSealer: current must be the id of one of keys/],
    ];
    for (const [options, message] of cases) {
      const error = await caught(() => createTokenSealer(options as never));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.problems).toHaveLength(1);
      expect(error.message).toMatch(message);
      expectNoSecrets(error, [KEY_1]);
    }
  });

  it("a value that is not seal-shaped is told apart from a seal that does not open", async () => {
    const notSealed = await caught(() => sealer.unseal("v1.k1.only-three", context));
    expect(notSealed.code).toBe("SEAL_INVALID");
    expect(notSealed.message).toMatch(/not a sealed token \(expected v1\.<keyId>\.<iv>\.<ciphertext>\)/);
    // A ciphertext of exactly one tag (16 bytes) is seal-shaped: it fails to open instead.
    const tagOnly = `v1.k1.${encode(randomBytes(12))}.${encode(randomBytes(16))}`;
    const unopened = await caught(() => sealer.unseal(tagOnly, context));
    expect(unopened.code).toBe("SEAL_INVALID");
    expect(unopened.message).toMatch(/cannot be opened/);
  });

  it("a genuine seal of the empty string (tag only, made with node:crypto) opens to it", async () => {
    const key = hkdfSync(
      "sha256",
      KEY_1,
      "intercom-oauth/token-sealer",
      "intercom-oauth token sealing v1 (AES-256-GCM)",
      32,
    );
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", Buffer.from(key), iv);
    cipher.setAAD(Buffer.from("v1.k1.ws_edges"));
    const data = Buffer.concat([cipher.update(Buffer.alloc(0)), cipher.final(), cipher.getAuthTag()]);
    expect(await sealer.unseal(`v1.k1.${encode(iv)}.${encode(data)}`, context)).toBe("");
  });

  it("opens many seals of several keys in parallel, each with its own key", async () => {
    const two = createTokenSealer({ keys: { k1: KEY_1, k2: `${KEY_1}-2` }, current: "k2" });
    const seals = [...(await Promise.all([1, 2, 3].map(() => sealer.seal(TOKEN, context))))];
    seals.push(...(await Promise.all([1, 2, 3].map(() => two.seal(TOKEN, context)))));
    expect(await Promise.all(seals.map((s) => two.unseal(s, context)))).toEqual(seals.map(() => TOKEN));
  });
});

describe("issue 13 — a store refuses what is not a sealer", () => {
  const full = { seal: sealer.seal, unseal: sealer.unseal, needsReseal: sealer.needsReseal };
  it.each([
    ["null", null],
    ["a function", Object.assign(() => {}, full)],
    ["no seal", { ...full, seal: undefined }],
    ["no unseal", { ...full, unseal: "x" }],
    ["no needsReseal", { ...full, needsReseal: true }],
  ])("%s is INVALID_OPTIONS asking for createTokenSealer", async (_, value) => {
    const error = await caught(() => storeWith(value));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(
      /^sqliteConnectionStore: sealer is required, so that no token is written in plain text/,
    );
    expect(error.problems).toEqual([error.message]);
  });

  it("a sealer object with the three methods is taken", async () => {
    const store = storeWith(full);
    const c = connection();
    await store.save(c);
    expect(await store.get(c.workspaceId)).toEqual(c);
  });
});

describe("issue 13 — a custom sealer's failures, through a store", () => {
  const base = { seal: sealer.seal, unseal: sealer.unseal, needsReseal: sealer.needsReseal };

  it("an unseal that throws a plain error is SEAL_INVALID naming the workspace, without that error", async () => {
    const leak = "leaky-secret-in-a-custom-error";
    const store = storeWith({
      ...base,
      unseal: async () => {
        throw new Error(leak);
      },
    });
    const c = connection({ workspaceId: "ws_plain_error" });
    await store.save(c);
    const error = await caught(() => store.get(c.workspaceId));
    expect(error.code).toBe("SEAL_INVALID");
    expect(error.message).toBe('The stored token of workspace "ws_plain_error" cannot be unsealed.');
    expect(error.cause).toBeUndefined();
    expectNoSecrets(error, [leak, c.accessToken]);
  });

  it("an unseal that throws another coded error keeps it as the cause but not in the message", async () => {
    const inner = new IntercomOAuthError("STORE_FAILED", "kms unreachable");
    const store = storeWith({
      ...base,
      unseal: async () => {
        throw inner;
      },
    });
    const c = connection({ workspaceId: "ws_coded" });
    await store.save(c);
    const error = await caught(() => store.get(c.workspaceId));
    expect([error.code, error.cause]).toEqual(["SEAL_INVALID", inner]);
    expect(error.message).not.toContain("kms unreachable");
  });

  it("an unseal that fails SEAL_INVALID adds its reason after the workspace", async () => {
    const store = storeWith({
      ...base,
      unseal: async () => {
        throw new IntercomOAuthError("SEAL_INVALID", "Key k7 is retired.");
      },
    });
    const c = connection({ workspaceId: "ws_reason" });
    await store.save(c);
    const error = await caught(() => store.get(c.workspaceId));
    expect(error.message).toBe('The stored token of workspace "ws_reason" cannot be unsealed. Key k7 is retired.');
  });

  it("a seal that throws a plain error is STORE_FAILED about the sealer, and nothing is written", async () => {
    const leak = "leaky-secret-in-a-seal-error";
    const store = storeWith({
      ...base,
      seal: async () => {
        throw new Error(leak);
      },
    });
    const c = connection();
    const error = await caught(() => store.save(c));
    expect(error.code).toBe("STORE_FAILED");
    expect(error.message).toMatch(/sealer failed to seal the token/);
    expectNoSecrets(error, [leak, c.accessToken]);
    expect(await store.list()).toEqual({ connections: [], nextCursor: null });
  });

  it("a seal that throws a coded error passes it through as it is", async () => {
    const inner = new IntercomOAuthError("INVALID_OPTIONS", "kms says no");
    const store = storeWith({
      ...base,
      seal: async () => {
        throw inner;
      },
    });
    expect(await caught(() => store.save(connection()))).toBe(inner);
  });

  it.each([
    ["an empty string", ""],
    ["a number", 42],
    ["nothing", undefined],
  ])("a seal that returns %s is STORE_FAILED, and nothing is written", async (_, value) => {
    const store = storeWith({ ...base, seal: async () => value });
    const error = await caught(() => store.save(connection()));
    expect(error.code).toBe("STORE_FAILED");
    expect(error.message).toMatch(/sealer returned no sealed string/);
    expect((await store.list()).connections).toEqual([]);
  });
});

describe("issue 13 — a value that is not shaped like a sealed token is named as such", () => {
  const iv = encode(new Uint8Array(12));
  const data = encode(new Uint8Array(16));
  it.each([
    ["an empty key id", `v1..${iv}.${data}`],
    ["a key id with a dot-free but invalid character", `v1.k!.${iv}.${data}`],
    ["an 11-byte IV", `v1.k1.${encode(new Uint8Array(11))}.${data}`],
    ["a 13-byte IV", `v1.k1.${encode(new Uint8Array(13))}.${data}`],
    ["a ciphertext shorter than the 16-byte tag", `v1.k1.${iv}.${encode(new Uint8Array(15))}`],
  ])("%s", async (_, sealed) => {
    const error = await caught(() => sealer.unseal(sealed, context));
    expect(error.code).toBe("SEAL_INVALID");
    expect(error.message).toMatch(/not a sealed token \(expected v1\.<keyId>\.<iv>\.<ciphertext>\)/);
  });

  it("a well-shaped value that does not open says so instead", async () => {
    const error = await caught(() => sealer.unseal(`v1.k1.${iv}.${data}`, context));
    expect(error.code).toBe("SEAL_INVALID");
    expect(error.message).toMatch(/cannot be opened/);
  });
});
