/**
 * Tokens sealed at rest: AES-256-GCM with Web Crypto, each seal bound to its workspace.
 *
 * Format: `v1.<keyId>.<iv>.<ciphertext>`, the IV (96 bits, random per seal) and the ciphertext
 * (tag included) in unpadded base64url. The additional authenticated data is `v1.<keyId>.`
 * followed by the context (the workspace id): a seal copied onto another row, or given another
 * key id or version, fails to open.
 *
 * Key derivation: HKDF-SHA256 over the key secret's UTF-8 bytes, with the fixed salt
 * {@link HKDF_SALT} and info {@link HKDF_INFO}, to a 256-bit AES-GCM key. Changing either
 * constant would orphan every seal ever made, so they are part of the `v1` format.
 *
 * @see docs/connections.md#sealing
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { fromBase64Url, toBase64Url } from "../oauth/base64url.js";
import { installSafeView } from "../redact.js";

const VERSION = "v1";
/** HKDF salt of the `v1` format. */
const HKDF_SALT = "intercom-oauth/token-sealer";
/** HKDF info of the `v1` format. */
const HKDF_INFO = "intercom-oauth token sealing v1 (AES-256-GCM)";
/** The least characters a key secret has; `openssl rand -base64 32` gives 44. */
const MIN_KEY_CHARS = 32;
/** Key ids are short, dot-free and safe in a log line. */
const KEY_ID = /^[A-Za-z0-9_-]{1,40}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Options of {@link createTokenSealer}. */
export interface TokenSealerOptions {
  /**
   * Key secrets by key id. Each secret is an opaque string of at least 32 characters, for
   * example from `openssl rand -base64 32`; each id is 1 to 40 of `A-Z a-z 0-9 _ -`.
   * Keep every key that still seals a stored row until `reseal()` reports 0.
   */
  readonly keys: Readonly<Record<string, string>>;
  /** The id of the key new seals use. */
  readonly current: string;
}

/** What a seal is bound to. */
export interface SealContext {
  /** The workspace id of the row the sealed token belongs to. */
  readonly context: string;
}

/**
 * Seals and opens access tokens. {@link createTokenSealer} makes one; a store accepts any
 * object with these methods (for example one backed by a KMS).
 *
 * @see docs/connections.md#sealing
 */
export interface TokenSealer {
  /** Seals `token` for the workspace `context`, with the current key and a fresh random IV. */
  seal(token: string, options: SealContext): Promise<string>;
  /**
   * Opens a sealed token.
   * @throws IntercomOAuthError `SEAL_INVALID` when it was altered, sealed for another context,
   *   malformed, or sealed with a key id that is not among the keys.
   */
  unseal(sealed: string, options: SealContext): Promise<string>;
  /** Whether `sealed` should be sealed again: it was not sealed with the current key (or is not a seal at all). */
  needsReseal(sealed: string): boolean;
}

function invalidOptions(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

function sealInvalid(message: string): IntercomOAuthError {
  return new IntercomOAuthError("SEAL_INVALID", message);
}

const NOT_OPENED =
  "The sealed token cannot be opened: it was altered, sealed for another workspace, or sealed with another secret under the same key id. " +
  "Never copy sealed tokens between rows; if the key secret changed, restore the old one under its id. Otherwise the workspace must connect again.";

/** Why the options are unusable, in one line per problem; never quotes a secret. */
function problemsOf(options: unknown): string[] {
  if (typeof options !== "object" || options === null) {
    return ["createTokenSealer expects { keys: { <keyId>: <secret> }, current: <keyId> }."];
  }
  const { keys, current } = options as Partial<TokenSealerOptions>;
  if (typeof keys !== "object" || keys === null || Array.isArray(keys)) {
    return ["createTokenSealer: keys must be an object of key id to secret, such as { k1: process.env.TOKEN_KEY_1 }."];
  }
  const problems: string[] = [];
  const ids = Object.keys(keys);
  if (ids.length === 0) problems.push("createTokenSealer: keys is empty; give at least the current key.");
  for (const id of ids) {
    if (!KEY_ID.test(id)) {
      problems.push(
        // Not quoted: a secret put where its id belongs would be echoed.
        "createTokenSealer: each key id must be 1 to 40 of A-Z a-z 0-9 _ - (no dots), such as k1 or 2026-01.",
      );
      continue;
    }
    const secret = keys[id];
    if (typeof secret !== "string") problems.push(`createTokenSealer: the secret of key "${id}" must be a string.`);
    else if (secret.trim() !== secret) {
      problems.push(
        `createTokenSealer: the secret of key "${id}" has leading or trailing whitespace (often a newline from an env file). Trim it.`,
      );
    } else if (secret.length < MIN_KEY_CHARS) {
      problems.push(
        `createTokenSealer: the secret of key "${id}" is too short (needs at least ${MIN_KEY_CHARS} characters). Generate one with \`openssl rand -base64 32\`.`,
      );
    }
  }
  if (typeof current !== "string" || !Object.hasOwn(keys, current)) {
    problems.push("createTokenSealer: current must be the id of one of keys (the key new seals use).");
  }
  return problems;
}

/** A sealed string split into its parts, or undefined when it is not `v1` shaped. */
function parse(sealed: unknown): { keyId: string; iv: Uint8Array; data: Uint8Array } | undefined {
  if (typeof sealed !== "string") return undefined;
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  // Stryker disable next-line StringLiteral: the defaults never apply, as parts has exactly 4 elements here; they only type the parts as strings.
  const [, keyId = "", iv = "", data = ""] = parts;
  if (!KEY_ID.test(keyId)) return undefined;
  const ivBytes = fromBase64Url(iv);
  const dataBytes = fromBase64Url(data);
  if (ivBytes?.byteLength !== IV_BYTES || dataBytes === undefined || dataBytes.byteLength < TAG_BYTES) return undefined;
  return { keyId, iv: ivBytes, data: dataBytes };
}

function contextOf(options: unknown, fn: string): string {
  const context = (options as Partial<SealContext> | null | undefined)?.context;
  if (typeof context !== "string" || context === "") {
    throw invalidOptions(`${fn}: context must be the workspace id the token belongs to, a non-empty string.`);
  }
  return context;
}

async function deriveKey(secret: string): Promise<CryptoKey> {
  const encoder = new TextEncoder();
  const material = await globalThis.crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, [
    "deriveKey",
  ]);
  return globalThis.crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode(HKDF_SALT), info: encoder.encode(HKDF_INFO) },
    material,
    { name: "AES-GCM", length: 256 },
    // Stryker disable next-line BooleanLiteral: the key never leaves the sealer, so whether it could be exported is not observable.
    false,
    ["encrypt", "decrypt"],
  );
}

/**
 * A {@link TokenSealer} over AES-256-GCM. Keys are derived on first use and kept as
 * non-extractable `CryptoKey`s; the sealer shows only its key ids in JSON and `inspect`.
 *
 * Rotation: add a new key, make it `current`, deploy, then run the store's `reseal()` until it
 * returns 0; only then drop the old key.
 *
 * @example
 * ```ts
 * import { createTokenSealer } from "intercom-oauth/connections";
 *
 * const sealer = createTokenSealer({ keys: { k1: process.env.TOKEN_KEY_1 ?? "" }, current: "k1" });
 * const sealed = await sealer.seal("tok_…", { context: "ws_123" });
 * ```
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` for a missing or short secret, a bad key id,
 *   or a `current` that is not among `keys` (every problem in `problems`; no secret quoted).
 * @see docs/connections.md#sealing
 */
export function createTokenSealer(options: TokenSealerOptions): TokenSealer {
  const problems = problemsOf(options);
  if (problems.length > 0) {
    throw new IntercomOAuthError("INVALID_OPTIONS", problems.join("\n"), { problems });
  }
  const current = options.current;
  const secrets = new Map(Object.entries(options.keys));
  const derived = new Map<string, Promise<CryptoKey>>();
  const keyFor = (id: string): Promise<CryptoKey> => {
    let key = derived.get(id);
    if (key === undefined) {
      key = deriveKey(secrets.get(id) as string);
      derived.set(id, key);
    }
    return key;
  };
  const aad = (keyId: string, context: string) => new TextEncoder().encode(`${VERSION}.${keyId}.${context}`);
  const currentPrefix = `${VERSION}.${current}.`;

  const sealer: TokenSealer = {
    async seal(token, sealOptions) {
      const context = contextOf(sealOptions, "seal");
      if (typeof token !== "string" || token === "") throw invalidOptions("seal: token must be a non-empty string.");
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const data = await globalThis.crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: aad(current, context) },
        await keyFor(current),
        new TextEncoder().encode(token),
      );
      return `${currentPrefix}${toBase64Url(iv)}.${toBase64Url(new Uint8Array(data))}`;
    },
    async unseal(sealed, unsealOptions) {
      const context = contextOf(unsealOptions, "unseal");
      const parts = parse(sealed);
      if (parts === undefined) {
        throw sealInvalid(
          "The value is not a sealed token (expected v1.<keyId>.<iv>.<ciphertext>). Read the sealed column, not another one, and never edit it by hand.",
        );
      }
      if (!secrets.has(parts.keyId)) {
        throw sealInvalid(
          `The token was sealed with key "${parts.keyId}", which is not among the sealer's keys. Add that key back to keys until reseal() reports 0.`,
        );
      }
      let plain: ArrayBuffer;
      try {
        plain = await globalThis.crypto.subtle.decrypt(
          { name: "AES-GCM", iv: parts.iv as Uint8Array<ArrayBuffer>, additionalData: aad(parts.keyId, context) },
          await keyFor(parts.keyId),
          parts.data as Uint8Array<ArrayBuffer>,
        );
      } catch {
        throw sealInvalid(NOT_OPENED);
      }
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(plain);
      } catch {
        throw sealInvalid(NOT_OPENED);
      }
    },
    needsReseal(sealed) {
      return typeof sealed !== "string" || !sealed.startsWith(currentPrefix) || parse(sealed) === undefined;
    },
  };
  const keyIds = [...secrets.keys()];
  return Object.freeze(installSafeView(sealer, () => ({ current, keyIds }), "TokenSealer"));
}
