/**
 * The one rule set for redirect URLs, shared by the client's `redirectUri` option, the
 * CLI's `--redirect-uri` and the config lint. Plain code (no zod): the core flow loads it.
 *
 * Developer Hub requires https; `http:` on a loopback host is used for local development
 * in practice (intercom-facts §7), so it is a warning, never an error. Whether Intercom
 * matches exactly or by prefix is unconfirmed; the strict reading is taken.
 *
 * @module
 */

/** The hosts on which an `http:` redirect URL is accepted, as `URL.hostname` writes them. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

/** The longest redirect URL accepted, in characters. */
export const MAX_REDIRECT_URI_LENGTH = 2048;

/** The loopback rule in words, for every message that states it. @internal */
export const LOOPBACK_RULE = "http is accepted only on localhost, 127.0.0.1 or [::1], for local development";

/**
 * One thing wrong with (`error`) or worth a look in (`warning`) a redirect URL. Errors are
 * refused everywhere; warnings are accepted, and the config lint reports them.
 * @internal
 */
export type RedirectUriFinding =
  | { readonly kind: "too-long"; readonly severity: "error"; readonly length: number }
  | { readonly kind: "whitespace"; readonly severity: "error" }
  | { readonly kind: "not-absolute"; readonly severity: "error" }
  | { readonly kind: "not-https"; readonly severity: "error"; readonly scheme: string }
  | { readonly kind: "userinfo"; readonly severity: "error" }
  | { readonly kind: "empty-host"; readonly severity: "error" }
  | { readonly kind: "fragment"; readonly severity: "error" }
  | { readonly kind: "wildcard"; readonly severity: "error" }
  | { readonly kind: "unparsable"; readonly severity: "error" }
  | { readonly kind: "http-loopback"; readonly severity: "warning"; readonly hostname: string }
  | { readonly kind: "local-host"; readonly severity: "warning"; readonly hostname: string }
  | { readonly kind: "example-host"; readonly severity: "warning"; readonly hostname: string };

function isLoopback(hostname: string): boolean {
  return (LOOPBACK_HOSTS as readonly string[]).includes(hostname);
}

function isIpLiteral(host: string): boolean {
  return host.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

// RFC 2606 / RFC 6761 reserved names: never a real callback.
function isExampleHost(host: string): boolean {
  return /(^|\.)example\.(com|net|org)$/.test(host) || /\.(example|test|invalid)$/.test(host) || host === "example";
}

/**
 * Every finding for one redirect URL, errors in a fixed order, then at most one warning.
 * @internal
 */
export function inspectRedirectUri(uri: string): RedirectUriFinding[] {
  const found: RedirectUriFinding[] = [];
  if (uri.length > MAX_REDIRECT_URI_LENGTH) found.push({ kind: "too-long", severity: "error", length: uri.length });
  if (/\s/.test(uri)) found.push({ kind: "whitespace", severity: "error" });
  const trimmed = uri.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme === null) {
    found.push({ kind: "not-absolute", severity: "error" });
    return found;
  }
  // Stryker disable next-line OptionalChaining: [^/?#]* matches the empty string at index 0 of any string, so exec never returns null
  const authority = /^[^/?#]*/.exec(trimmed.slice(scheme[0].length))?.[0] ?? "";
  const hostPart = authority
    .slice(authority.lastIndexOf("@") + 1)
    .replace(/:\d*$/, "")
    .toLowerCase();
  let hostname: string | undefined;
  try {
    hostname = new URL(trimmed).hostname.toLowerCase();
  } catch {
    hostname = undefined;
  }
  // The host as written, not as URL normalises it (127.1 is 127.0.0.1 to URL): the rule reads literally.
  // An http loopback URL that URL refuses (a port over 65535) is reported as unparsable below.
  const name = (scheme[1] ?? "").toLowerCase();
  const httpLoopback = name === "http" && isLoopback(hostPart);
  if (name !== "https" && !httpLoopback) found.push({ kind: "not-https", severity: "error", scheme: name });
  if (authority.includes("@")) found.push({ kind: "userinfo", severity: "error" });
  if (hostPart === "") found.push({ kind: "empty-host", severity: "error" });
  if (uri.includes("#")) found.push({ kind: "fragment", severity: "error" });
  if (uri.includes("*")) found.push({ kind: "wildcard", severity: "error" });
  if (hostname === undefined) {
    if (found.length === 0) found.push({ kind: "unparsable", severity: "error" });
    return found;
  }
  if (hostPart === "") return found;
  if (httpLoopback) found.push({ kind: "http-loopback", severity: "warning", hostname });
  else if (hostname === "localhost" || hostname.endsWith(".localhost") || isIpLiteral(hostname))
    found.push({ kind: "local-host", severity: "warning", hostname });
  else if (isExampleHost(hostname)) found.push({ kind: "example-host", severity: "warning", hostname });
  return found;
}
