// Intercom's two signatures, computed independently of the SDK with node:crypto, so that the
// SDK's verifier is checked against a second implementation and never against itself.
import { createHmac } from "node:crypto";

/** `X-Hub-Signature`: `sha1=` then HMAC-SHA1 of the exact body bytes, lower-case hex. */
export function hubSignature(secret: string, body: string | Uint8Array): string {
  return `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
}

/** `X-Body-Signature`: HMAC-SHA256 of the exact body bytes, lower-case hex, no prefix. */
export function bodySignature(secret: string, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** A POST carrying `body` and the given headers. */
export function post(
  body: BodyInit | null,
  headers: Record<string, string>,
  url = "https://app.example/hooks",
): Request {
  return new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

/** A POST of `body` signed as Intercom signs topic webhooks. */
export function hubRequest(secret: string, body: string, url?: string): Request {
  return post(body, { "x-hub-signature": hubSignature(secret, body) }, url);
}

/** A POST of `body` signed as Intercom signs the uninstall URL and the health check. */
export function bodyRequest(secret: string, body: string, url?: string): Request {
  return post(body, { "x-body-signature": bodySignature(secret, body) }, url);
}
