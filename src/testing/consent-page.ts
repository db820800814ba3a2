// The consent page a browser gets with `decision: "prompt"`: Connect and Cancel, as on
// Intercom's. The page holds a one-time ticket, never the state, a code or a secret; every
// value shown is escaped, and its form may post only to the stand-in and the Redirect URL.

import { escapeHtml } from "./wire.js";

/** What the consent page shows. @internal */
export interface ConsentPageContent {
  readonly ticket: string;
  readonly clientId: string;
  readonly workspaceName: string;
  readonly redirectUri: string;
  /** The authorize path, which the form posts back to. */
  readonly action: string;
}

/** The HTML consent page, with headers that keep it out of frames and caches. @internal */
export function consentPageResponse(content: ConsentPageContent, requestId: string): Response {
  const e = escapeHtml;
  const back = new URL(content.redirectUri).origin;
  const body = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Connect to Intercom</title></head>
<body><main data-consent-page>
<h1>Connect to Intercom</h1>
<p>The app <strong data-client-id>${e(content.clientId)}</strong> would like to access the workspace <strong data-workspace>${e(content.workspaceName)}</strong>.</p>
<p>You will go back to <span data-redirect-origin>${e(back)}</span>.</p>
<form method="post" action="${e(content.action)}">
<input type="hidden" name="ticket" value="${e(content.ticket)}">
<button type="submit" name="decision" value="allow">Connect</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>
</main></body></html>
`;
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      // form-action also governs the redirect that follows the post: the Redirect URL's origin.
      "content-security-policy": `default-src 'none'; form-action 'self' ${back}; frame-ancestors 'none'; base-uri 'none'`,
      "x-request-id": requestId,
    },
  });
}
