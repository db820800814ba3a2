/**
 * Handing an event to `onEvent`, so that a broken logger never breaks a handler.
 *
 * @module
 */

import type { IntercomOAuthEvent, IntercomOAuthEventListener } from "./events.js";

const ignore = (): void => {};

/**
 * Calls `listener` with a frozen `event`, without waiting for it: a slow or hanging logger
 * must not hold the answer. What it throws, or rejects with, is ignored.
 * @internal
 */
export function emit(listener: IntercomOAuthEventListener | undefined, event: IntercomOAuthEvent): void {
  if (listener === undefined) return;
  try {
    const result: unknown = listener(Object.freeze(event));
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      (result as PromiseLike<unknown>).then(undefined, ignore);
    }
  } catch {
    // ignored, as documented
  }
}
