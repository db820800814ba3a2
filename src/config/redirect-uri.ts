/**
 * Checks for the redirect URLs registered in Developer Hub.
 *
 * The rules themselves live in `src/redirect-uri.ts`, shared with the client's
 * `redirectUri` option and the CLI; this module words them as config issues.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */

import {
  LOOPBACK_RULE,
  MAX_REDIRECT_URI_LENGTH,
  type RedirectUriFinding,
  inspectRedirectUri,
} from "../redirect-uri.js";
import { type ConfigIssue, issue, underPath } from "./issues.js";

export { MAX_REDIRECT_URI_LENGTH };

const TUNNEL_HINT =
  "Intercom requires HTTPS on a host it can reach; use a tunnel (for example ngrok or cloudflared) for local development.";

// Shows a URL in a message without any user:password it may carry.
function display(uri: string): string {
  const shown = uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@");
  return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 117)}...` : shown);
}

// One finding of the shared rule set as a config issue.
function toIssue(finding: RedirectUriFinding, shown: string): ConfigIssue {
  switch (finding.kind) {
    case "too-long":
      return issue(
        "REDIRECT_URI_TOO_LONG",
        [],
        `Redirect URL is ${finding.length} characters long; the limit is ${MAX_REDIRECT_URI_LENGTH}.`,
        "Use a shorter callback path.",
      );
    case "whitespace":
      return issue(
        "REDIRECT_URI_WHITESPACE",
        [],
        `Redirect URL ${shown} contains whitespace.`,
        "Remove spaces, tabs and line breaks; percent-encode a space that is really part of the path as %20.",
      );
    case "not-absolute":
      return issue(
        "REDIRECT_URI_NOT_ABSOLUTE",
        [],
        `Redirect URL ${shown} is not an absolute URL.`,
        "Write the full URL, starting with https://, for example https://app.example.com/oauth/callback.",
      );
    case "not-https":
      return issue(
        "REDIRECT_URI_NOT_HTTPS",
        [],
        `Redirect URL ${shown} uses ${finding.scheme}:, not https: (${LOOPBACK_RULE}).`,
        "Intercom only accepts https redirect URLs; use a tunnel (for example ngrok or cloudflared) to test a non-local host.",
      );
    case "userinfo":
      return issue(
        "REDIRECT_URI_USERINFO",
        [],
        `Redirect URL ${shown} has user info (user:password@) before the host.`,
        "Remove everything up to and including the @.",
      );
    case "empty-host":
      return issue(
        "REDIRECT_URI_EMPTY_HOST",
        [],
        `Redirect URL ${shown} has no host.`,
        "Write the host after https://, for example https://app.example.com/oauth/callback.",
      );
    case "fragment":
      return issue(
        "REDIRECT_URI_FRAGMENT",
        [],
        `Redirect URL ${shown} has a #fragment.`,
        "Browsers never send the fragment to your server; remove it.",
      );
    case "wildcard":
      return issue(
        "REDIRECT_URI_WILDCARD",
        [],
        `Redirect URL ${shown} has a * wildcard.`,
        "Register each exact callback URL; Intercom's matching is treated as exact.",
      );
    case "unparsable":
      return issue(
        "REDIRECT_URI_NOT_ABSOLUTE",
        [],
        `Redirect URL ${shown} is not a valid URL.`,
        "Check the host and port for typos.",
      );
    case "http-loopback":
      return issue(
        "REDIRECT_URI_LOCAL",
        [],
        `Redirect URL ${shown} is an http URL on ${finding.hostname}: fine for local development, but Developer Hub requires https for the Redirect URLs of a published app.`,
        `Keep it for development only (${LOOPBACK_RULE}); register the https callback of the deployed app as well.`,
      );
    case "local-host":
      return issue(
        "REDIRECT_URI_LOCAL",
        [],
        `Redirect URL ${shown} points at ${finding.hostname}, which Intercom cannot redirect to over HTTPS.`,
        TUNNEL_HINT,
      );
    case "example-host":
      return issue(
        "REDIRECT_URI_PLACEHOLDER",
        [],
        `Redirect URL ${shown} uses the reserved example host ${finding.hostname}.`,
        "Replace it with your app's real callback URL.",
      );
  }
}

/**
 * Checks one redirect URL. Issue paths are `[]` (the URL itself).
 *
 * Errors: not absolute, not `https` (`http:` is a warning on `localhost`, `127.0.0.1` and
 * `[::1]`), a `#fragment`, a `*` wildcard, user info, an empty host, whitespace, longer
 * than {@link MAX_REDIRECT_URI_LENGTH}. Warnings: an `http:` loopback URL (local
 * development only), localhost or an IP literal (Intercom cannot reach it), a reserved
 * example host. The client's `redirectUri` option and the CLI's `--redirect-uri` refuse
 * exactly these errors.
 *
 * @param uri - the URL as written in the config
 * @returns the issues found; empty when the URL is fine
 */
export function checkRedirectUri(uri: string): ConfigIssue[] {
  const shown = display(uri);
  return inspectRedirectUri(uri).map((finding) => toIssue(finding, shown));
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
