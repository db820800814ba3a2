/**
 * Intercom REST API versions, for the `Intercom-Version` header. Plain code (no zod).
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/rest-apis/api-versioning
 * @module
 */

/**
 * The `Intercom-Version` values Intercom publishes: `1.0`–`1.4`, `2.0`–`2.17`, `Preview`
 * (the next version, in progress) and `Unstable` (offered by Intercom's Node SDK).
 * Listed so that editors autocomplete them; `apiVersion` takes any other string too,
 * since Intercom publishes new versions faster than this package is released.
 *
 * @example
 * ```ts
 * const version: KnownVersion = "2.14";
 * ```
 */
export type KnownVersion =
  | "1.0"
  | "1.1"
  | "1.2"
  | "1.3"
  | "1.4"
  | "2.0"
  | "2.1"
  | "2.2"
  | "2.3"
  | "2.4"
  | "2.5"
  | "2.6"
  | "2.7"
  | "2.8"
  | "2.9"
  | "2.10"
  | "2.11"
  | "2.12"
  | "2.13"
  | "2.14"
  | "2.15"
  | "2.16"
  | "2.17"
  | "Preview"
  | "Unstable";

// What a header value can carry: visible Latin-1, no whitespace (U+00A0 included), no C0/C1 controls or DEL.
const SENDABLE = /^[\x21-\x7e\xa1-\xff]+$/;

/**
 * Why `value` cannot be sent as `Intercom-Version`, or undefined when it can. An unknown
 * version is never a problem here: Intercom answers it with `intercom_version_invalid`.
 * @internal
 */
export function apiVersionProblem(value: string): string | undefined {
  if (value === "") return 'apiVersion is empty; omit it for the default ("2.14"), or name a version such as "2.17".';
  if (SENDABLE.test(value)) return undefined;
  return 'apiVersion must be a version name such as "2.14" or "Preview": whitespace, control characters and characters beyond Latin-1 cannot be sent in the Intercom-Version header.';
}
