/**
 * Paging rules shared by every adapter: limits, and the opaque cursor of `list()`, which is the
 * last workspace id of a page in base64url. Pages are ordered by workspace id, so a cursor stays
 * valid while rows come and go.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { fromBase64Url, toBase64Url } from "../oauth/base64url.js";

/** Default page size of `list()` and batch size of `reseal()`. */
export const DEFAULT_PAGE_SIZE = 100;
/** Largest page size of `list()` and batch size of `reseal()`. */
export const MAX_PAGE_SIZE = 1000;

function invalidOptions(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

/**
 * A page or batch size: a whole number from 1 to 1,000, 100 when omitted.
 * @internal
 */
export function pageSize(value: unknown, name: string): number {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw invalidOptions(`${name} must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return value;
}

/**
 * The cursor that follows `workspaceId`.
 * @internal
 */
export function encodeCursor(workspaceId: string): string {
  return toBase64Url(new TextEncoder().encode(workspaceId));
}

/**
 * The workspace id a cursor follows, or `undefined` for the first page.
 * @internal
 */
export function decodeCursor(cursor: unknown): string | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const bytes = typeof cursor === "string" && cursor !== "" ? fromBase64Url(cursor) : undefined;
  if (bytes !== undefined) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      // Falls through to the error below.
    }
  }
  throw invalidOptions("list: cursor must be the nextCursor of a previous page, or null for the first page.");
}

/** Options of list(): the workspace id to start after, and the page size. @internal */
export function listOptions(options: unknown): { after: string | undefined; limit: number } {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw invalidOptions("list expects { cursor?, limit? }.");
  }
  const { cursor, limit } = (options ?? {}) as { cursor?: unknown; limit?: unknown };
  return { after: decodeCursor(cursor), limit: pageSize(limit, "list: limit") };
}

/** Options of reseal(): the batch size. @internal */
export function resealBatchSize(options: unknown): number {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw invalidOptions("reseal expects { batchSize? }.");
  }
  return pageSize((options as { batchSize?: unknown } | undefined)?.batchSize, "reseal: batchSize");
}
