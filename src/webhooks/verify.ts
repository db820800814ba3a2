/**
 * Verifying Intercom's signed requests over the exact bytes of their body, before anything
 * parses them, with Web Crypto only: Node 20+, Bun, Deno and Workers.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { RAW_BODY_TOO_LARGE, readRawBody } from "./raw-body.js";
import type { IntercomSignatureScheme, VerifiedIntercomRequest, VerifyIntercomRequestOptions } from "./types.js";

export type { IntercomSignatureScheme, VerifiedIntercomRequest, VerifyIntercomRequestOptions } from "./types.js";

/** The default body cap: 1 MiB, far above any envelope Intercom sends. @internal */
export const DEFAULT_MAX_WEBHOOK_BODY_BYTES = 1_048_576;

interface SchemeSpec {
  readonly header: "x-hub-signature" | "x-body-signature";
  readonly display: string;
  readonly hash: "SHA-1" | "SHA-256";
  readonly prefix: string;
  /** Bytes of the MAC: 20 for SHA-1, 32 for SHA-256. */
  readonly bytes: number;
}

function specOf(scheme: IntercomSignatureScheme): SchemeSpec {
  return scheme === "hub-sha1"
    ? { header: "x-hub-signature", display: "X-Hub-Signature", hash: "SHA-1", prefix: "sha1=", bytes: 20 }
    : { header: "x-body-signature", display: "X-Body-Signature", hash: "SHA-256", prefix: "", bytes: 32 };
}

/** The checked options a verifier runs on. @internal */
export interface VerifierSettings {
  readonly secrets: readonly string[];
  readonly maxBodyBytes: number;
  readonly scheme: IntercomSignatureScheme | undefined;
}

/**
 * The problems of a `clientSecret` option, one per line; empty when it is fine. Never quotes
 * the value.
 * @internal
 */
export function clientSecretProblems(value: unknown): string[] {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? (value as unknown[]) : undefined;
  if (list === undefined || list.length === 0) {
    return [
      "clientSecret must be the app's client secret (a string), or an array of them during a rotation. Find it on Developer Hub's Basic Information page.",
    ];
  }
  const problems: string[] = [];
  list.forEach((secret, i) => {
    const name = typeof value === "string" ? "clientSecret" : `clientSecret[${i}]`;
    if (typeof secret !== "string" || secret === "") problems.push(`${name} must be a non-empty string.`);
    else if (secret.trim() !== secret)
      problems.push(`${name} starts or ends with whitespace; copy the client secret again without it.`);
  });
  return problems;
}

/** The problem of a `maxBodyBytes` option, if any. @internal */
export function maxBodyBytesProblem(value: unknown): string | undefined {
  return value === undefined || (Number.isSafeInteger(value) && (value as number) > 0)
    ? undefined
    : "maxBodyBytes must be a positive whole number of bytes (default 1048576, 1 MiB).";
}

function checkVerifyOptions(input: unknown): VerifierSettings {
  const options = (typeof input === "object" && input !== null ? input : {}) as Partial<
    Record<keyof VerifyIntercomRequestOptions, unknown>
  >;
  const problems = clientSecretProblems(options.clientSecret);
  const capProblem = maxBodyBytesProblem(options.maxBodyBytes);
  if (capProblem !== undefined) problems.push(capProblem);
  const { scheme } = options;
  if (scheme !== undefined && scheme !== "hub-sha1" && scheme !== "body-sha256")
    problems.push('scheme must be "hub-sha1" or "body-sha256" when given.');
  if (problems.length > 0) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `Invalid options for verifyIntercomRequest():\n- ${problems.join("\n- ")}\nFix the options listed above.`,
      { problems },
    );
  }
  const secret = options.clientSecret as string | readonly string[];
  return {
    secrets: typeof secret === "string" ? [secret] : [...secret],
    maxBodyBytes: (options.maxBodyBytes as number | undefined) ?? DEFAULT_MAX_WEBHOOK_BODY_BYTES,
    scheme: scheme as IntercomSignatureScheme | undefined,
  };
}

function missing(message: string): IntercomOAuthError {
  return new IntercomOAuthError("SIGNATURE_MISSING", message);
}

function invalid(message: string): IntercomOAuthError {
  return new IntercomOAuthError("SIGNATURE_INVALID", message);
}

/**
 * The MAC bytes of a header value, or `undefined` when it is not exactly the documented
 * spelling: the prefix, then lower-case hex of the right length. One spelling per MAC, as
 * Intercom sends it; an upper-case or padded variant is refused rather than guessed at.
 */
function macBytes(value: string, spec: SchemeSpec): Uint8Array<ArrayBuffer> | undefined {
  if (!value.startsWith(spec.prefix)) return undefined;
  const hex = value.slice(spec.prefix.length);
  if (hex.length !== spec.bytes * 2 || !/^[0-9a-f]*$/.test(hex)) return undefined;
  const bytes = new Uint8Array(spec.bytes);
  for (let i = 0; i < spec.bytes; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function pickScheme(request: Request, only: IntercomSignatureScheme | undefined): IntercomSignatureScheme {
  if (only !== undefined) {
    if (request.headers.has(specOf(only).header)) return only;
    const other = only === "hub-sha1" ? "body-sha256" : "hub-sha1";
    const hint = request.headers.has(specOf(other).header)
      ? ` It carries ${specOf(other).display} instead: Intercom sends that one to another endpoint, so check which Developer Hub URL points here.`
      : " Only Intercom's requests carry it: anything else is refused.";
    throw missing(`The request has no ${specOf(only).display} header, which this endpoint requires.${hint}`);
  }
  if (request.headers.has("x-body-signature")) return "body-sha256";
  if (request.headers.has("x-hub-signature")) return "hub-sha1";
  throw missing(
    "The request has no X-Hub-Signature or X-Body-Signature header: it does not come from Intercom, or a proxy dropped the header.",
  );
}

/**
 * A verifier with the HMAC keys imported once, on first use, per scheme.
 * @internal
 */
export function createVerifier(settings: VerifierSettings): (request: Request) => Promise<VerifiedIntercomRequest> {
  const keys = new Map<IntercomSignatureScheme, Promise<CryptoKey[]>>();
  const keysFor = (scheme: IntercomSignatureScheme): Promise<CryptoKey[]> => {
    let found = keys.get(scheme);
    if (found === undefined) {
      const encoder = new TextEncoder();
      const hmac = { name: "HMAC", hash: specOf(scheme).hash };
      found = Promise.all(
        settings.secrets.map((secret) =>
          crypto.subtle.importKey("raw", encoder.encode(secret), hmac, false, ["verify"]),
        ),
      );
      keys.set(scheme, found);
    }
    return found;
  };

  return async (request) => {
    if (typeof request?.headers?.get !== "function") {
      const message = "verifyIntercomRequest needs the incoming Request (the Fetch API's Request).";
      throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
    }
    const scheme = pickScheme(request, settings.scheme);
    const spec = specOf(scheme);
    const mac = macBytes(request.headers.get(spec.header) ?? "", spec);
    if (mac === undefined) {
      const shape = spec.prefix === "" ? "64 lower-case hex digits" : `"${spec.prefix}" then 40 lower-case hex digits`;
      throw invalid(`The ${spec.display} header is malformed: Intercom sends ${shape}. The request is refused.`);
    }
    if (request.bodyUsed) {
      throw invalid(
        'The request\'s body was already read, so its signature cannot be checked over the exact bytes. Mount the handler before any body parser (see docs/webhooks.md, "The raw body").',
      );
    }
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readRawBody(request, settings.maxBodyBytes);
    } catch (error) {
      if (error === RAW_BODY_TOO_LARGE) {
        throw invalid(
          `The request's body is over maxBodyBytes (${settings.maxBodyBytes} bytes), far more than Intercom sends; it was refused unread.`,
        );
      }
      throw invalid("The request's body could not be read to its end (the sender went away), so it is refused.");
    }
    let verified = false;
    for (const key of await keysFor(scheme)) {
      // crypto.subtle.verify compares the MACs in constant time.
      if (await crypto.subtle.verify("HMAC", key, mac, bytes)) {
        verified = true;
        break;
      }
    }
    if (!verified) {
      throw invalid(
        `The ${spec.display} signature does not match the body. Either the request is forged, or clientSecret is not this app's client secret (during a rotation pass both), or something changed the body before it was verified.`,
      );
    }
    // Fatal: a body that is not UTF-8 is not JSON. ignoreBOM keeps a leading byte-order mark, so
    // that rawBody is exactly what was signed (and a BOM-prefixed body is not JSON either).
    let rawBody: string;
    let body: unknown;
    try {
      rawBody = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      body = JSON.parse(rawBody);
    } catch {
      throw new IntercomOAuthError(
        "WEBHOOK_INVALID",
        `The ${spec.display} signature matched, but the body is not JSON (UTF-8), which every request Intercom signs is. Check which Developer Hub URL points here.`,
      );
    }
    return { scheme, body, rawBody };
  };
}

/**
 * Verifies a request said to come from Intercom, and parses its body once the signature
 * matched. It reads the raw body once (at most `maxBodyBytes`, default 1 MiB) and checks the
 * signature over those exact bytes, with Web Crypto and a constant-time comparison:
 *
 * - `X-Hub-Signature: sha1=<hex>` (topic webhooks): HMAC-SHA1 with the client secret;
 * - `X-Body-Signature: <hex>` (uninstall URL, health check, Canvas Kit): HMAC-SHA256.
 *
 * Both are lower-case hex, exactly as Intercom sends them. The body is read, so the request
 * cannot be read again: use `rawBody` or `body`.
 *
 * @param request - the incoming request, its body unread
 * @param options - the client secret (an array during a rotation), the body cap, the scheme to require
 * @returns the scheme, the parsed JSON body and the raw body
 * @throws {@link IntercomOAuthError} `SIGNATURE_MISSING` when there is no signature header (of
 * the required `scheme`); `SIGNATURE_INVALID` for a malformed or wrong signature, a body over
 * the cap, or a body already read; `WEBHOOK_INVALID` when the signature matched but the body
 * is not UTF-8 JSON (checked only after the signature); `INVALID_OPTIONS` for bad options.
 * @see docs/webhooks.md
 * @see https://developers.intercom.com/docs/references/webhooks/webhook-models
 *
 * @example
 * ```ts
 * const { body } = await verifyIntercomRequest(request, { clientSecret: process.env.INTERCOM_CLIENT_SECRET!, scheme: "body-sha256" });
 * ```
 */
export async function verifyIntercomRequest(
  request: Request,
  options: VerifyIntercomRequestOptions,
): Promise<VerifiedIntercomRequest> {
  return createVerifier(checkVerifyOptions(options))(request);
}
