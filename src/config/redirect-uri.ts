/**
 * Checks for the redirect URLs registered in Developer Hub.
 *
 * Whether Intercom matches redirect URLs exactly or by prefix, and whether it allows
 * localhost, is unconfirmed; these checks take the strict reading: an absolute HTTPS
 * URL with a host, no fragment, no wildcard, no user info.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */

import { type ConfigIssue, issue, underPath } from "./issues.js";

/** The longest redirect URL accepted, in characters. */
export const MAX_REDIRECT_URI_LENGTH = 2048;

const TUNNEL_HINT =
  "Intercom requires HTTPS on a host it can reach; use a tunnel (for example ngrok or cloudflared) for local development.";

// Shows a URL in a message without any user:password it may carry.
function display(uri: string): string {
  const shown = uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@");
  return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 117)}...` : shown);
}

function isIpLiteral(host: string): boolean {
  if (host.startsWith("[")) return true; // IPv6, as URL.hostname writes it
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

function isLocalHost(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost") || isIpLiteral(host);
}

// RFC 2606 / RFC 6761 reserved names: never a real callback.
function isExampleHost(host: string): boolean {
  return /(^|\.)example\.(com|net|org)$/.test(host) || /\.(example|test|invalid)$/.test(host) || host === "example";
}

/**
 * Checks one redirect URL. Issue paths are `[]` (the URL itself).
 *
 * Errors: not absolute, not `https`, a `#fragment`, a `*` wildcard, user info, an empty
 * host, whitespace, longer than {@link MAX_REDIRECT_URI_LENGTH}. Warnings: localhost or
 * an IP literal (Intercom cannot reach it), a reserved example host.
 *
 * @param uri - the URL as written in the config
 * @returns the issues found; empty when the URL is fine
 */
export function checkRedirectUri(uri: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const shown = display(uri);
  if (uri.length > MAX_REDIRECT_URI_LENGTH) {
    issues.push(
      issue(
        "REDIRECT_URI_TOO_LONG",
        [],
        `Redirect URL is ${uri.length} characters long; the limit is ${MAX_REDIRECT_URI_LENGTH}.`,
        "Use a shorter callback path.",
      ),
    );
  }
  if (/\s/.test(uri)) {
    issues.push(
      issue(
        "REDIRECT_URI_WHITESPACE",
        [],
        `Redirect URL ${shown} contains whitespace.`,
        "Remove spaces, tabs and line breaks; percent-encode a space that is really part of the path as %20.",
      ),
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri.trim());
  if (scheme === null) {
    issues.push(
      issue(
        "REDIRECT_URI_NOT_ABSOLUTE",
        [],
        `Redirect URL ${shown} is not an absolute URL.`,
        "Write the full URL, starting with https://, for example https://app.example.com/oauth/callback.",
      ),
    );
    return issues;
  }
  if (scheme[1]?.toLowerCase() !== "https") {
    issues.push(
      issue(
        "REDIRECT_URI_NOT_HTTPS",
        [],
        `Redirect URL ${shown} uses ${scheme[1]}:, not https:.`,
        "Intercom only accepts https redirect URLs.",
      ),
    );
  }
  const afterScheme = uri.trim().slice(scheme[0].length);
  const authority = /^[^/?#]*/.exec(afterScheme)?.[0] ?? "";
  if (authority.includes("@")) {
    issues.push(
      issue(
        "REDIRECT_URI_USERINFO",
        [],
        `Redirect URL ${shown} has user info (user:password@) before the host.`,
        "Remove everything up to and including the @.",
      ),
    );
  }
  const hostPart = authority.slice(authority.lastIndexOf("@") + 1).replace(/:\d*$/, "");
  if (hostPart === "") {
    issues.push(
      issue(
        "REDIRECT_URI_EMPTY_HOST",
        [],
        `Redirect URL ${shown} has no host.`,
        "Write the host after https://, for example https://app.example.com/oauth/callback.",
      ),
    );
  }
  if (uri.includes("#")) {
    issues.push(
      issue(
        "REDIRECT_URI_FRAGMENT",
        [],
        `Redirect URL ${shown} has a #fragment.`,
        "Browsers never send the fragment to your server; remove it.",
      ),
    );
  }
  if (uri.includes("*")) {
    issues.push(
      issue(
        "REDIRECT_URI_WILDCARD",
        [],
        `Redirect URL ${shown} has a * wildcard.`,
        "Register each exact callback URL; Intercom's matching is treated as exact.",
      ),
    );
  }
  let hostname: string | undefined;
  try {
    hostname = new URL(uri.trim()).hostname.toLowerCase();
  } catch {
    if (issues.length === 0) {
      issues.push(
        issue(
          "REDIRECT_URI_NOT_ABSOLUTE",
          [],
          `Redirect URL ${shown} is not a valid URL.`,
          "Check the host and port for typos.",
        ),
      );
    }
  }
  if (hostname !== undefined && hostPart !== "") {
    if (isLocalHost(hostname)) {
      issues.push(
        issue(
          "REDIRECT_URI_LOCAL",
          [],
          `Redirect URL ${shown} points at ${hostname}, which Intercom cannot redirect to over HTTPS.`,
          TUNNEL_HINT,
        ),
      );
    } else if (isExampleHost(hostname)) {
      issues.push(
        issue(
          "REDIRECT_URI_PLACEHOLDER",
          [],
          `Redirect URL ${shown} uses the reserved example host ${hostname}.`,
          "Replace it with your app's real callback URL.",
        ),
      );
    }
  }
  return issues;
}

// The form two URLs are compared in: WHATWG-normalised (case of scheme and host, default port).
function comparable(uri: string): string {
  try {
    return new URL(uri.trim()).href;
  } catch {
    return uri;
  }
}

/**
 * Checks a list of redirect URLs: each one with {@link checkRedirectUri}, then the
 * list. Issue paths start with the index (`[1]`).
 *
 * Errors: an empty list; a URL that appears twice (compared after URL normalisation,
 * so `HTTPS://Host/x` equals `https://host/x`). Warning: two URLs that differ only by a
 * trailing slash, which usually means one of them is wrong since matching is exact.
 * The first URL is the one Intercom uses when the authorize URL names none.
 *
 * @param uris - the list as written in the config
 */
export function checkRedirectUris(uris: readonly string[]): ConfigIssue[] {
  return checkRedirectUriList(uris);
}

/** As {@link checkRedirectUris}, skipping entries that are not strings (the schema reports those). @internal */
export function checkRedirectUriList(uris: readonly unknown[]): ConfigIssue[] {
  if (uris.length === 0) {
    return [
      issue(
        "REDIRECT_URIS_EMPTY",
        [],
        "redirectUris is empty.",
        "Add at least one https callback URL; the first one is Intercom's default.",
      ),
    ];
  }
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  const seenTrimmed = new Map<string, number>();
  uris.forEach((uri, index) => {
    if (typeof uri !== "string") return;
    issues.push(...underPath([index], checkRedirectUri(uri)));
    const key = comparable(uri);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(
        issue(
          "REDIRECT_URI_DUPLICATE",
          [index],
          `Redirect URL ${display(uri)} is the same as redirectUris[${first}].`,
          "Remove the duplicate.",
        ),
      );
      return;
    }
    seen.set(key, index);
    const twinKey = key.replace(/\/+$/, "");
    const twin = seenTrimmed.get(twinKey);
    if (twin !== undefined) {
      issues.push(
        issue(
          "REDIRECT_URI_TRAILING_SLASH_TWIN",
          [index],
          `Redirect URL ${display(uri)} differs from redirectUris[${twin}] only by a trailing slash.`,
          "Intercom compares redirect URLs exactly; keep the one your callback route really uses.",
        ),
      );
    } else {
      seenTrimmed.set(twinKey, index);
    }
  });
  return issues;
}
