/**
 * Unpadded base64url (RFC 4648 §5), decoded strictly: the one canonical spelling of
 * each byte string is accepted, so that exactly one string verifies per MAC.
 *
 * @module
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** @internal */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The bytes of canonical unpadded base64url, else `undefined`. The last character of a
 * 2- or 3-character tail carries 4 or 2 unused bits: any of them set is another spelling.
 * @internal
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  // These checks are exactly what atob's forgiving decoder would reject, so it cannot throw below.
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const tail = text.length % 4;
  if (tail !== 0 && ALPHABET.indexOf(text.charAt(text.length - 1)) & (tail === 2 ? 0x0f : 0x03)) return undefined;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
