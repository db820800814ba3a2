/**
 * The handlers' state cookie, authenticated so that the browser cannot rewrite it.
 *
 * Value: `v1.<payload>.<mac>`, both parts unpadded base64url. The payload is the JSON
 * `{"s":state,"e":expiry (Unix seconds),"d":data,"o":owner,"r":region}`; the MAC is HMAC-SHA256 over
 * `<cookie name>=v1.<payload>`, so that neither the value nor the name can change.
 * The key is derived, never the raw secret: HMAC-SHA256(secret, "intercom-oauth/handlers-cookie/v1").
 *
 * @module
 */

import { fromBase64Url, toBase64Url } from "./base64url.js";
import { IntercomOAuthError } from "../errors.js";
import { isRegion, type Region } from "../regions.js";
import type { JsonValue } from "./state.js";

/** `__Host-`: browsers accept it only with Secure, Path=/ and no Domain, so no sibling host can plant it. */
export const DEFAULT_COOKIE_NAME = "__Host-intercom_oauth_state";
/** Browsers drop cookies over 4,096 bytes (name and value); stay clear of that. */
export const MAX_COOKIE_BYTES = 3800;
/** Unique to this use of a secret: no other MAC or request of the SDK uses it. */
const PURPOSE = "intercom-oauth/handlers-cookie/v1";
const VERSION = "v1";
const MAC_CHARS = 43;
const HMAC = { name: "HMAC", hash: "SHA-256" } as const;
/** RFC 6265 cookie-name: an RFC 7230 token (no separators, spaces or controls). */
const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** What a valid cookie carries. @internal */
export interface StateCookieContent {
  readonly state: string;
  readonly data: { [key: string]: JsonValue };
  /** The connection's owner (`owner(request)`), or `null`. */
  readonly owner: string | null;
  /** The region chosen at start; absent only in a cookie set before regions were carried. */
  readonly region?: Region | undefined;
}

/** @internal */
export function isCookieName(name: unknown): name is string {
  return typeof name === "string" && COOKIE_NAME.test(name);
}

/** The cookie key for a secret (the client secret, or a handler-level `cookieSecret`). @internal */
export async function deriveCookieKey(secret: string | Uint8Array): Promise<CryptoKey> {
  const raw = typeof secret === "string" ? utf8(secret) : secret;
  const root = await crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, HMAC, false, ["sign"]);
  const derived = await crypto.subtle.sign("HMAC", root, utf8(PURPOSE));
  return crypto.subtle.importKey("raw", derived, HMAC, false, ["sign", "verify"]);
}

/** `Set-Cookie` for the state; `maxAge` 0 clears it. Path=/ and no Domain, as `__Host-` requires. @internal */
export function stateCookieHeader(name: string, value: string, maxAge: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

/** The raw value of cookie `name` in the request, undecoded; `undefined` when absent. @internal */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The authenticated cookie value for `content`, expiring at `expires` (Unix seconds).
 * @throws IntercomOAuthError `INVALID_OPTIONS` for data that is not JSON or makes the cookie too big.
 */
export async function sealStateCookie(
  key: CryptoKey,
  name: string,
  content: StateCookieContent,
  expires: number,
): Promise<string> {
  let data: string | undefined;
  try {
    data = JSON.stringify(content.data);
  } catch {
    // Not JSON (a cycle, a BigInt): data stays undefined.
  }
  // A toJSON (a Date, say) can turn an object into something else: data must stay an object.
  if (data?.[0] !== "{") {
    throw invalidData("stateData must return a JSON object (of objects, arrays, strings, numbers, booleans and null).");
  }
  // The state is base64url, so it needs no escaping inside the JSON string.
  const owner = JSON.stringify(content.owner);
  const region = content.region === undefined ? "" : `,"r":"${content.region}"`;
  const payload = toBase64Url(utf8(`{"s":"${content.state}","e":${expires},"d":${data},"o":${owner}${region}}`));
  const size = name.length + 1 + VERSION.length + 1 + payload.length + 1 + MAC_CHARS;
  if (size > MAX_COOKIE_BYTES) {
    throw invalidData(
      `stateData and owner make the state cookie ${size} bytes; the limit is ${MAX_COOKIE_BYTES} (browsers drop bigger cookies). ` +
        "Keep large data server-side and carry only its id, or use a stateStore.",
    );
  }
  const signed = `${VERSION}.${payload}`;
  const mac = await crypto.subtle.sign("HMAC", key, utf8(`${name}=${signed}`));
  return `${signed}.${toBase64Url(new Uint8Array(mac))}`;
}

/**
 * The state and data of an authenticated cookie value.
 * @throws IntercomOAuthError `STATE_INVALID` for any value this key did not seal, unchanged;
 *   `STATE_EXPIRED` once past its expiry.
 */
export async function openStateCookie(
  key: CryptoKey,
  name: string,
  value: string,
  nowSeconds: number,
): Promise<StateCookieContent> {
  if (value.length > MAX_COOKIE_BYTES) throw invalidCookie(name);
  const parts = value.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) throw invalidCookie(name);
  const payload = fromBase64Url(parts[1] as string);
  const mac = fromBase64Url(parts[2] as string);
  if (payload === undefined || mac?.byteLength !== 32) throw invalidCookie(name);
  const ok = await crypto.subtle.verify(
    "HMAC",
    key,
    mac as Uint8Array<ArrayBuffer>,
    utf8(`${name}=${VERSION}.${parts[1]}`),
  );
  if (!ok) throw invalidCookie(name);
  // Sealed by this key, so well-formed; the checks below only guard against a key reused elsewhere.
  let parsed: { s?: unknown; e?: unknown; d?: unknown; o?: unknown; r?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload)) ?? {};
  } catch {
    throw invalidCookie(name);
  }
  const { s, e, d, o, r } = parsed;
  if (typeof s !== "string" || typeof e !== "number" || typeof d !== "object" || d === null || Array.isArray(d)) {
    throw invalidCookie(name);
  }
  if ((typeof o !== "string" && o !== null) || (r !== undefined && !isRegion(r))) throw invalidCookie(name);
  if (nowSeconds >= e) {
    throw new IntercomOAuthError(
      "STATE_EXPIRED",
      `The state cookie "${name}" expired: the admin took longer than ttlSeconds on Intercom's consent page. Start the connection again.`,
    );
  }
  return { state: s, data: d as StateCookieContent["data"], owner: o, region: r };
}

function invalidData(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

function invalidCookie(name: string): IntercomOAuthError {
  return new IntercomOAuthError(
    "STATE_INVALID",
    `The state cookie "${name}" is malformed or was altered, so the callback cannot be trusted. Start the connection again.`,
  );
}
