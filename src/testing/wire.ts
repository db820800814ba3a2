// Intercom's wire shapes as the stand-in speaks them: error envelopes, HTML pages,
// and random values that look like Intercom's (codes, tokens, request ids).

/** One entry of the `error.list` envelope. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

const JSON_TYPE = "application/json; charset=utf-8";

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A random authorization code: standard base64 of 20 bytes, so it always ends in `=`
 * and often holds `+` or `/`. That exercises "URL-decode once, keep the code whole".
 */
export function mintCode(): string {
  return base64(crypto.getRandomValues(new Uint8Array(20)));
}

/** A consent page's one-time ticket: 24 random bytes, base64url, safe in a form field. */
export function mintTicket(): string {
  return base64(crypto.getRandomValues(new Uint8Array(24)))
    .replaceAll("+", "-")
    .replaceAll("/", "_");
}

/**
 * A token shaped like Intercom's: base64 of `tok:<uuid with underscores>:1:0`. The uuid
 * starts with a digit so that every token starts `dG9rOj`, like Intercom's documented sample.
 */
export function mintToken(): string {
  const id = crypto.randomUUID().replaceAll("-", "_");
  const digit = String((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) % 10);
  return btoa(`tok:${digit}${id.slice(1)}:1:0`);
}

/** Request ids: a random per-stand-in prefix and a counter, so minting one costs nothing. */
export function requestIdSource(): () => string {
  // Drawn at the first request, not at creation: Workers refuse random values in global scope,
  // where a test module creates its stand-in.
  let prefix: string | undefined;
  let counter = 0;
  return () => {
    prefix ??= base64(crypto.getRandomValues(new Uint8Array(6)))
      .replace(/[^a-z0-9]/gi, "")
      .toLowerCase()
      .padEnd(8, "0")
      .slice(0, 8);
    counter += 1;
    return `${prefix}${counter.toString(36).padStart(12, "0")}`;
  };
}

/** A JSON response with `X-Request-Id`. */
export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, "x-request-id": requestId, ...headers },
  });
}

/** Intercom's `error.list` envelope, with the request id in body and header. */
export function errorResponse(
  status: number,
  errors: readonly WireError[],
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { type: "error.list", request_id: requestId, errors }, requestId, headers);
}

/**
 * An RFC 6749 §5.2 error body, `{"error":"…","error_description":"…"}`: the shape
 * Intercom's token endpoint uses for a wrong client, unlike its `error.list` elsewhere.
 */
export function oauthErrorResponse(status: number, error: string, description: string, requestId: string): Response {
  return jsonResponse(status, { error, error_description: description }, requestId);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** An HTML page, as a browser (or a misrouted proxy) would get it. */
export function htmlResponse(
  status: number,
  title: string,
  text: string,
  requestId: string,
  error?: WireError,
): Response {
  const attrs = error
    ? ` data-error-code="${escapeHtml(error.code)}"${error.field ? ` data-error-field="${escapeHtml(error.field)}"` : ""}`
    : "";
  const body = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><main${attrs}><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>\n`;
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "x-request-id": requestId },
  });
}

/** Whether the caller asked for JSON rather than a page (an `Accept` with JSON and without HTML). */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}
