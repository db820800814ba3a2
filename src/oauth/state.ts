/**
 * The OAuth `state`: Intercom documents no PKCE, so state is the only CSRF defence.
 *
 * Two kinds: a random value that you store per browser session ({@link createState}),
 * or a signed, expiring value that needs no storage ({@link createSignedState}).
 * Only Web Crypto is used, so this runs in Node 20+, Bun, Deno and Workers.
 *
 * @module
 */

import { fromBase64Url, toBase64Url } from "./base64url.js";
import { IntercomOAuthError } from "../errors.js";

/**
 * A value that survives `JSON.stringify` and `JSON.parse` unchanged: what signed-state
 * `data` decodes to. Declared here rather than taken from type-fest, which is ESM-only and
 * would break the CommonJS type declarations of this package.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Random bytes in a state: 256 bits, far beyond guessing. */
const STATE_BYTES = 32;
/** Signed states carry a nonce too, so two states for the same data differ. */
const NONCE_BYTES = 16;
/** Keys shorter than this are too easy to brute-force offline from a captured state. */
const MIN_SECRET_BYTES = 32;
/** `data` travels in the authorize URL and back; keep URLs well under browser limits. */
export const MAX_SIGNED_STATE_DATA_BYTES = 1024;
/** Longest state {@link verifySignedState} looks at; anything longer is not ours. */
const MAX_SIGNED_STATE_LENGTH = 4096;
/** Longest TTL of a signed state: a day. */
export const MAX_TTL_SECONDS = 86_400;
/** How far in the future an issue time may be, for servers whose clocks disagree a little. */
const CLOCK_SKEW_SECONDS = 60;
const VERSION = "v1";

/**
 * A fresh random state: 32 bytes from `crypto.getRandomValues`, base64url (43 characters).
 *
 * Store it where only the admin's browser session can reach it (a `Secure; HttpOnly;
 * SameSite=Lax` cookie, or a server session), then compare it on the callback with
 * `parseCallback(…, { expectedState })`.
 */
export function createState(): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(STATE_BYTES)));
}

/** Options of {@link createSignedState}. */
export interface SignedStateOptions<T = unknown> {
  /**
   * The HMAC-SHA256 key: at least 32 bytes, random, kept on the server, and the same on
   * every server that handles callbacks.
   *
   * **Warning:** use a dedicated secret, not the Intercom client secret. Anyone with it
   * can forge states. Generate one with `createState()`.
   */
  readonly secret: string | Uint8Array;
  /** How long the state stays valid, in seconds (1 to 86,400). Ten minutes (600) is plenty for a consent page. */
  readonly ttlSeconds: number;
  /**
   * Small JSON to carry through the flow, such as a return path or a tenant id. At most
   * 1,024 bytes once serialized. It is signed, not encrypted: it is visible in the URL.
   */
  readonly data?: T;
  /** The current time (for tests); default `Date.now()`. */
  readonly now?: Date | number;
}

/** Options of {@link verifySignedState}. */
export interface VerifySignedStateOptions {
  /** The key the state was signed with. */
  readonly secret: string | Uint8Array;
  /** The current time (for tests); default `Date.now()`. */
  readonly now?: Date | number;
}

/** A verified signed state. */
export interface VerifiedState<T = JsonValue> {
  /** The `data` given to {@link createSignedState}, or `null` when none was. */
  readonly data: T;
  /** When the state was created. */
  readonly issuedAt: Date;
  /** When the state stops being accepted. */
  readonly expiresAt: Date;
}

interface Payload {
  readonly iat: number;
  readonly exp: number;
  readonly n: string;
  readonly d: JsonValue;
}

function invalidOptions(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

function timeOf(now: Date | number | undefined, fn: string): number {
  const ms = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw invalidOptions(`${fn}: now must be a Date or a number of milliseconds since the epoch.`);
  }
  return ms;
}

/**
 * The bytes of a state secret, or `INVALID_OPTIONS` for one that is not a string or bytes,
 * or is shorter than 32 bytes. `name` says which option it is, for the message.
 * @internal
 */
export function secretBytes(secret: unknown, name: string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array;
  if (typeof secret === "string") bytes = new TextEncoder().encode(secret);
  else if (secret instanceof Uint8Array) bytes = secret;
  else throw invalidOptions(`${name} must be a string or a Uint8Array. Generate one with createState().`);
  if (bytes.byteLength < MIN_SECRET_BYTES) {
    throw invalidOptions(
      `${name} is too short (needs at least ${MIN_SECRET_BYTES} bytes). Use a random value such as one from createState().`,
    );
  }
  return bytes as Uint8Array<ArrayBuffer>;
}

async function hmacKey(secret: unknown, fn: string): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey(
    "raw",
    secretBytes(secret, `${fn}: secret`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

/**
 * A state that proves itself: `v1.<payload>.<signature>`, an HMAC-SHA256 over a
 * payload of issue time, expiry, a random nonce and your `data`. Use it when you
 * cannot keep the state in a cookie or session (for example, the install starts in
 * one browser and ends in another, or the server is stateless).
 *
 * A signed state can be replayed until it expires; keep `ttlSeconds` short, and
 * remember the authorization code itself is single-use.
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` for a short secret, a bad TTL, or `data`
 *   that is not JSON or is over 1,024 bytes.
 */
export async function createSignedState<T = unknown>(options: SignedStateOptions<T>): Promise<string> {
  if (typeof options !== "object" || options === null) {
    throw invalidOptions("createSignedState expects { secret, ttlSeconds, data? }.");
  }
  const key = await hmacKey(options.secret, "createSignedState");
  const ttl = options.ttlSeconds;
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
    throw invalidOptions(
      `createSignedState: ttlSeconds must be a whole number from 1 to ${MAX_TTL_SECONDS}; 600 (ten minutes) suits most flows.`,
    );
  }
  let serialized: string | undefined;
  try {
    serialized = JSON.stringify(options.data === undefined ? null : options.data);
  } catch {
    // Not JSON (a cycle, a BigInt): serialized stays undefined.
  }
  if (serialized === undefined) {
    throw invalidOptions("createSignedState: data must be JSON (objects, arrays, strings, numbers, booleans, null).");
  }
  const dataBytes = new TextEncoder().encode(serialized).byteLength;
  if (dataBytes > MAX_SIGNED_STATE_DATA_BYTES) {
    throw invalidOptions(
      `createSignedState: data is ${dataBytes} bytes once serialized; the limit is ${MAX_SIGNED_STATE_DATA_BYTES}. Store large data server-side and carry only its id.`,
    );
  }
  const iat = Math.floor(timeOf(options.now, "createSignedState") / 1000);
  const nonce = toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
  const payload = `{"iat":${iat},"exp":${iat + ttl},"n":"${nonce}","d":${serialized}}`;
  const signed = `${VERSION}.${toBase64Url(new TextEncoder().encode(payload))}`;
  const signature = await globalThis.crypto.subtle.sign("HMAC", key, new TextEncoder().encode(signed));
  return `${signed}.${toBase64Url(new Uint8Array(signature))}`;
}

const INVALID_MESSAGE =
  "The state is not a valid signed state: it is malformed, was altered, or was signed with another secret. " +
  "Start the authorization again; if every callback fails, make sure all servers use the same state secret.";

function invalidState(): IntercomOAuthError {
  return new IntercomOAuthError("STATE_INVALID", INVALID_MESSAGE);
}

function isPayload(value: unknown): value is Payload {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const p = value as Record<string, unknown>;
  return Number.isSafeInteger(p.iat) && Number.isSafeInteger(p.exp) && typeof p.n === "string" && "d" in p;
}

/**
 * Checks a state made by {@link createSignedState}: signature (constant-time, by
 * `crypto.subtle.verify`), then issue time and expiry. Returns its `data` and times.
 *
 * The signature is decoded strictly, so exactly one string verifies per signature. An
 * issue time more than 60 seconds in the future (clock skew allowed between servers) is
 * refused as `STATE_INVALID`.
 *
 * The `data` type is trusted because only holders of the secret can sign; validate it
 * anyway if the secret is shared widely.
 *
 * @throws IntercomOAuthError `STATE_INVALID` (malformed, tampered, other secret, issued in the future),
 *   `STATE_EXPIRED` (older than its TTL), `STATE_MISSING` (empty), `INVALID_OPTIONS` (bad secret).
 */
export async function verifySignedState<T = JsonValue>(
  state: string,
  options: VerifySignedStateOptions,
): Promise<VerifiedState<T>> {
  if (typeof options !== "object" || options === null) {
    throw invalidOptions("verifySignedState expects (state, { secret, now? }).");
  }
  const key = await hmacKey(options.secret, "verifySignedState");
  const now = timeOf(options.now, "verifySignedState");
  if (typeof state !== "string" || state.length === 0) {
    throw new IntercomOAuthError(
      "STATE_MISSING",
      "verifySignedState got no state. Pass the callback's state parameter (parseCallback returns it).",
    );
  }
  if (state.length > MAX_SIGNED_STATE_LENGTH) throw invalidState();
  const parts = state.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) throw invalidState();
  const [, encodedPayload = "", encodedSignature = ""] = parts;
  const payloadBytes = fromBase64Url(encodedPayload);
  const signature = fromBase64Url(encodedSignature);
  if (payloadBytes === undefined || signature === undefined || signature.byteLength !== 32) throw invalidState();
  const ok = await globalThis.crypto.subtle.verify(
    "HMAC",
    key,
    signature as Uint8Array<ArrayBuffer>,
    new TextEncoder().encode(`${VERSION}.${encodedPayload}`),
  );
  if (!ok) throw invalidState();
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payloadBytes));
  } catch {
    throw invalidState();
  }
  if (!isPayload(payload)) throw invalidState();
  const issuedAt = new Date(payload.iat * 1000);
  const expiresAt = new Date(payload.exp * 1000);
  if (payload.iat - CLOCK_SKEW_SECONDS > now / 1000) {
    throw new IntercomOAuthError(
      "STATE_INVALID",
      `The signed state was issued at ${issuedAt.toISOString()}, more than ${CLOCK_SKEW_SECONDS} s in the future. ` +
        "Check that the clocks of every server that signs and verifies states are in sync, then start the authorization again.",
    );
  }
  if (now >= expiresAt.getTime()) {
    throw new IntercomOAuthError(
      "STATE_EXPIRED",
      `The signed state expired at ${expiresAt.toISOString()}: the admin took longer than its TTL on Intercom's consent page. ` +
        "Start the authorization again, or create states with a longer ttlSeconds.",
    );
  }
  return Object.freeze({ data: payload.d as T, issuedAt, expiresAt });
}
