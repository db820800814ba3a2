/**
 * A copy of what the user's code threw (a hook, a store, a custom client), safe to log.
 *
 * @module
 */

import { scrubber } from "./redact.js";

/**
 * A copy of `error`: its name, message and stack with `secrets` (the client secret, the code,
 * the token) removed, since the user's code may have put them there (a SQL error echoing a
 * value, say). Never the original object, which may hold anything.
 * @internal
 */
export function safeCause(error: unknown, secrets: readonly string[]): Error {
  const clean = scrubber(secrets);
  let name = "Error";
  // Stryker disable next-line StringLiteral: message is assigned on every path before it is read (each branch of the try sets it, and the catch does when they throw)
  let message = "";
  let stack: string | undefined;
  try {
    if (error instanceof Error) {
      name = String(error.name);
      message = String(error.message);
      stack = typeof error.stack === "string" ? error.stack : undefined;
    } else {
      name = typeof error;
      message = String(error);
    }
  } catch {
    message = "(the thrown value could not be read)";
  }
  const copy = new Error(clean(message));
  copy.name = clean(name);
  if (stack !== undefined) copy.stack = clean(stack);
  return copy;
}
