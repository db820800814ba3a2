// The token sealer (issue 10 §2): AES-256-GCM with HKDF-SHA256 keys, bound to its workspace.
// The format and derivation are checked independently with node:crypto, not with the sealer.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createTokenSealer, type TokenSealer } from "../src/connections/index.js";
import { caught, encodedForms, expectNoSecrets } from "./support/expect-no-secrets.js";

const KEY_1 = "Zx+9/sealer-key-one-0123456789abcdef==";
const KEY_2 = "sealer-key-two-0123456789abcdefghijkl";
const TOKEN = "dG9rOjAxMjM0NTY3ODlhYmNkZWY=:sealer-token";
const context = { context: "ws_alpha" };
const sealer = createTokenSealer({ keys: { k1: KEY_1 }, current: "k1" });

const b64 = (text: string) => Buffer.from(text, "base64url");
const encode = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

async function expectSealInvalid(open: TokenSealer, sealed: string, ctx = context): Promise<void> {
  const error = await caught(() => open.unseal(sealed, ctx));
  expect(error.code, sealed).toBe("SEAL_INVALID");
  expectNoSecrets(error, [TOKEN, KEY_1, KEY_2]);
}

describe("issue 10 — the token sealer", () => {
  it("seals to v1.<keyId>.<iv>.<ciphertext> in base64url, and opens it again", async () => {
    const sealed = await sealer.seal(TOKEN, context);
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(await sealer.unseal(sealed, context)).toBe(TOKEN);
    const unicode = "tök€n-✓-𝄞";
    expect(await sealer.unseal(await sealer.seal(unicode, context), context)).toBe(unicode);
  });

  it("is AES-256-GCM under an HKDF-SHA256 key, with the documented salt, info and AAD (checked with node:crypto)", async () => {
    const sealed = await sealer.seal(TOKEN, context);
    const [, keyId, iv = "", data = ""] = sealed.split(".");
    const key = Buffer.from(
      hkdfSync("sha256", KEY_1, "intercom-oauth/token-sealer", "intercom-oauth token sealing v1 (AES-256-GCM)", 32),
    );
    const bytes = b64(data);
    const decipher = createDecipheriv("aes-256-gcm", key, b64(iv));
    decipher.setAAD(Buffer.from(`v1.${keyId}.ws_alpha`));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    expect(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString()).toBe(
      TOKEN,
    );
  });

  it("fails SEAL_INVALID for a genuine seal whose plaintext is not UTF-8 (made with node:crypto)", async () => {
    const key = Buffer.from(
      hkdfSync("sha256", KEY_1, "intercom-oauth/token-sealer", "intercom-oauth token sealing v1 (AES-256-GCM)", 32),
    );
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from("v1.k1.ws_alpha"));
    const data = Buffer.concat([cipher.update(Buffer.from([0x74, 0xff, 0x6b])), cipher.final(), cipher.getAuthTag()]);
    await expectSealInvalid(sealer, `v1.k1.${encode(iv)}.${encode(data)}`);
  });

  it("fails SEAL_INVALID on tampering with any part: version, key id, IV, ciphertext, tag, layout", async () => {
    // Two ids with one secret: only the AAD tells them apart.
    const twins = createTokenSealer({ keys: { k1: KEY_1, k9: KEY_1 }, current: "k1" });
    const sealed = await twins.seal(TOKEN, context);
    const [version, keyId, iv = "", data = ""] = sealed.split(".");
    expect(version).toBe("v1");
    const flipped = (text: string, at: number) => {
      const bytes = b64(text);
      bytes[at] = (bytes[at] as number) ^ 0x01;
      return encode(bytes);
    };
    const variants = [
      `v2.${keyId}.${iv}.${data}`,
      `V1.${keyId}.${iv}.${data}`,
      `v1.k9.${iv}.${data}`,
      `v1.${keyId}.${flipped(iv, 0)}.${data}`,
      `v1.${keyId}.${flipped(iv, 11)}.${data}`,
      `v1.${keyId}.${iv}.${flipped(data, b64(data).length - 1)}`,
      `v1.${keyId}.${iv}.${data.slice(0, -4)}`,
      `v1.${keyId}.${iv}.${data}A`,
      `v1.${keyId}.${iv.slice(0, -1)}.${data}`,
      `v1.${keyId}.${iv}.${data}.x`,
      `v1.${keyId}.${iv}`,
      `v1.${keyId}.${iv}.`,
      `v1.${keyId}.${iv}.${encode(new Uint8Array(15))}`,
      `v1.k.1.${iv}.${data}`,
      `${sealed} `,
      "",
      "not sealed at all",
    ];
    for (let at = 0; at < b64(data).length; at++) variants.push(`v1.${keyId}.${iv}.${flipped(data, at)}`);
    for (const variant of variants) await expectSealInvalid(twins, variant);
    await expectSealInvalid(twins, 42 as never);
    expect(await twins.unseal(sealed, context)).toBe(TOKEN);
  });

  it("refuses a non-canonical base64url spelling of the same bytes", async () => {
    const sealed = await sealer.seal("tok", context);
    const [, , iv = "", data = ""] = sealed.split(".");
    // 19 bytes → 26 characters, whose last one carries 2 unused bits.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = alphabet.indexOf(data.at(-1) as string);
    const other = `${data.slice(0, -1)}${alphabet[last | 1]}`;
    expect(b64(other)).toEqual(b64(data));
    expect(other).not.toBe(data);
    await expectSealInvalid(sealer, `v1.k1.${iv}.${other}`);
  });

  it("fails SEAL_INVALID for another workspace: a seal copied onto another row does not open", async () => {
    const sealed = await sealer.seal(TOKEN, context);
    await expectSealInvalid(sealer, sealed, { context: "ws_beta" });
    await expectSealInvalid(sealer, sealed, { context: "ws_alph" });
    await expectSealInvalid(sealer, sealed, { context: "ws_alpha " });
  });

  it("fails SEAL_INVALID, naming the key id, for a key it does not have", async () => {
    const other = createTokenSealer({ keys: { k2: KEY_2 }, current: "k2" });
    const error = await caught(async () => other.unseal(await sealer.seal(TOKEN, context), context));
    expect(error.code).toBe("SEAL_INVALID");
    expect(error.message).toMatch(/key "k1", which is not among the sealer's keys/);
    expectNoSecrets(error, [TOKEN, KEY_1, KEY_2]);
  });

  it("fails SEAL_INVALID when the secret behind a key id changed", async () => {
    const changed = createTokenSealer({ keys: { k1: KEY_2 }, current: "k1" });
    await expectSealInvalid(changed, await sealer.seal(TOKEN, context));
  });

  it("rotates: old seals open under the new sealer, needsReseal says which, the new key seals", async () => {
    const old = await sealer.seal(TOKEN, context);
    const rotated = createTokenSealer({ keys: { k1: KEY_1, k2: KEY_2 }, current: "k2" });
    expect(await rotated.unseal(old, context)).toBe(TOKEN);
    const fresh = await rotated.seal(TOKEN, context);
    expect(fresh.startsWith("v1.k2.")).toBe(true);
    expect([rotated.needsReseal(old), rotated.needsReseal(fresh)]).toEqual([true, false]);
    expect([sealer.needsReseal(old), sealer.needsReseal(fresh)]).toEqual([false, true]);
    for (const junk of ["", "v1.k2.", "v1.k2.x.y", "v1.k20.x.y", 7 as never])
      expect(rotated.needsReseal(junk)).toBe(true);
    const retired = createTokenSealer({ keys: { k2: KEY_2 }, current: "k2" });
    expect(await retired.unseal(fresh, context)).toBe(TOKEN);
  });

  it("uses a fresh random 96-bit IV for every seal", async () => {
    const seals = await Promise.all(Array.from({ length: 2_000 }, () => sealer.seal(TOKEN, context)));
    const ivs = new Set(seals.map((s) => s.split(".")[2]));
    expect(ivs.size).toBe(2_000);
    expect(new Set(seals).size).toBe(2_000);
    for (const iv of [...ivs].slice(0, 10)) expect(b64(iv as string)).toHaveLength(12);
  });

  it("refuses short, padded or missing secrets, bad key ids and a current key it lacks, quoting no secret", async () => {
    const short = "s".repeat(31);
    const cases: [unknown, RegExp][] = [
      [{ keys: { k1: short }, current: "k1" }, /at least 32 characters/],
      [{ keys: { k1: ` ${KEY_1}` }, current: "k1" }, /whitespace/],
      [{ keys: { k1: `${KEY_1}\n` }, current: "k1" }, /whitespace/],
      [{ keys: { k1: 42 }, current: "k1" }, /must be a string/],
      [{ keys: { "a.b": KEY_1 }, current: "a.b" }, /no dots/],
      // A secret given where its id belongs is not echoed.
      [{ keys: { [KEY_1]: "k1" }, current: "k1" }, /key id must be/],
      [{ keys: { "": KEY_1 }, current: "" }, /key id/],
      [{ keys: { ["x".repeat(41)]: KEY_1 }, current: "x".repeat(41) }, /key id/],
      [{ keys: { k1: KEY_1 }, current: "k2" }, /current must be the id of one of keys/],
      [{ keys: { k1: KEY_1 }, current: "toString" }, /current must be the id/],
      [{ keys: {}, current: "k1" }, /keys is empty/],
      [{ keys: [KEY_1], current: "0" }, /keys must be an object/],
      [{ current: "k1" }, /keys must be an object/],
      [null, /expects \{ keys/],
    ];
    for (const [options, message] of cases) {
      const error = await caught(() => createTokenSealer(options as never));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(message);
      expectNoSecrets(error, [KEY_1, short], { prefix: 8 });
    }
    expect(createTokenSealer({ keys: { k1: "s".repeat(32) }, current: "k1" })).toBeDefined();
    const both = await caught(() => createTokenSealer({ keys: { k1: short, k2: KEY_2 }, current: "k3" }));
    expect(both.problems).toHaveLength(2);
  });

  it("refuses a missing context or token with INVALID_OPTIONS", async () => {
    for (const bad of [{}, { context: "" }, { context: 7 }, null]) {
      expect((await caught(() => sealer.seal(TOKEN, bad as never))).code).toBe("INVALID_OPTIONS");
      expect((await caught(() => sealer.unseal("v1.k1.a.b", bad as never))).code).toBe("INVALID_OPTIONS");
    }
    for (const token of ["", 42, null]) {
      const error = await caught(() => sealer.seal(token as never, context));
      expect(error.code).toBe("INVALID_OPTIONS");
    }
  });

  it("shows only its key ids in JSON, inspect and String, and cannot be changed", () => {
    const rotated = createTokenSealer({ keys: { k1: KEY_1, k2: KEY_2 }, current: "k2" });
    expect(JSON.parse(JSON.stringify(rotated))).toEqual({ current: "k2", keyIds: ["k1", "k2"] });
    expect(inspect(rotated)).toBe('TokenSealer {"current":"k2","keyIds":["k1","k2"]}');
    const views = [
      JSON.stringify(rotated),
      inspect(rotated, { showHidden: true, depth: 10 }),
      String(rotated),
      JSON.stringify({ rotated }),
    ];
    for (const secret of [KEY_1, KEY_2]) {
      for (const form of encodedForms(secret)) for (const view of views) expect(view).not.toContain(form);
    }
    expect(Object.isFrozen(rotated)).toBe(true);
  });
});
