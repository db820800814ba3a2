// IncomingMessage -> Request. The origin is the one place where a client could lie to us (the
// Host header, an absolute-form or `//host` request target), so it is built from a configured
// origin, or from headers only as far as the options say they can be trusted.
import type { IncomingMessage } from "node:http";
import type { NodeSettings } from "./options.js";

/** A request refused before the handler runs. @internal */
export class Refusal {
  constructor(
    readonly status: 400 | 413,
    readonly message: string,
  ) {}
}

// A host name, IPv4 or bracketed IPv6 literal, with an optional port: nothing that could carry a
// path, credentials or a second authority into the URL.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?)(?::\d{1,5})?$/;

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;

function originOf(req: IncomingMessage, settings: NodeSettings): string | Refusal {
  if (settings.origin !== undefined) return settings.origin;
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  let protocol = encrypted ? "https" : "http";
  let host = first(req.headers.host) ?? first(req.headers[":authority"]);
  if (settings.trustProxy) {
    const forwarded = first(req.headers["x-forwarded-proto"])?.toLowerCase();
    if (forwarded === "http" || forwarded === "https") protocol = forwarded;
    host = first(req.headers["x-forwarded-host"]) ?? host;
  }
  if (host === undefined) return `${protocol}://localhost`;
  if (!HOST.test(host)) return new Refusal(400, "Bad Request: invalid Host header");
  return `${protocol}://${host}`;
}

// The path and query only: an absolute-form target (`GET http://other/x`) keeps its path, never its
// authority, and `//evil/x` stays a path because the URL is built by concatenation, not resolution.
function pathOf(target: string): string | Refusal {
  if (target.startsWith("/")) return target;
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      return url.pathname + url.search;
    } catch {
      // fall through
    }
  }
  return new Refusal(400, "Bad Request: invalid request target");
}

/** The request's URL as the handler sees it. @internal */
export function urlOf(req: IncomingMessage & { originalUrl?: string }, settings: NodeSettings): URL | Refusal {
  const origin = originOf(req, settings);
  if (origin instanceof Refusal) return origin;
  // Express rewrites req.url under a mounted router; originalUrl is what the client asked for.
  const path = pathOf(req.originalUrl ?? req.url ?? "/");
  if (path instanceof Refusal) return path;
  try {
    return new URL(origin + path);
  } catch {
    return new Refusal(400, "Bad Request: invalid request target");
  }
}

/** Node's parsed headers (duplicates already merged by Node's rules: one Host, cookies joined). @internal */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path") are not header names a Request accepts.
    if (value === undefined || name.startsWith(":")) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * The body, read as it streams in and never more than `max` bytes of it: over the cap (declared
 * or actual) the read stops and the handler is never called.
 * @internal
 */
export async function readBody(req: IncomingMessage, max: number): Promise<Uint8Array<ArrayBuffer> | Refusal> {
  const tooLarge = new Refusal(413, "Payload Too Large");
  if (Number(req.headers["content-length"]) > max) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  // destroyOnReturn: false keeps the socket open when the read stops early, so the 413 can be sent.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > max) return tooLarge;
    chunks.push(bytes);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
