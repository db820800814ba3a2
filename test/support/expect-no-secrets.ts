// Shared by the flow-client tests: a thrown error must not reveal any secret, however it is printed.
import { inspect } from "node:util";
import { expect } from "vitest";
import { IntercomOAuthError } from "../../src/index.js";

/** Asserts `error` is an IntercomOAuthError whose message, JSON, inspect and String hold none of `secrets`. */
export function expectNoSecrets(error: unknown, secrets: readonly string[]): asserts error is IntercomOAuthError {
  expect(error).toBeInstanceOf(IntercomOAuthError);
  const e = error as IntercomOAuthError;
  const views = [e.message, JSON.stringify(e), inspect(e, { depth: 10, showHidden: false }), String(e), e.stack ?? ""];
  if (e.cause !== undefined) views.push(inspect(e.cause, { depth: 10 }), String(e.cause));
  for (const secret of secrets) {
    for (const view of views) expect(view).not.toContain(secret);
  }
}

/** Runs `fn`, expects it to reject, and returns the error. */
export async function caught(fn: () => unknown): Promise<IntercomOAuthError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IntercomOAuthError);
    return error as IntercomOAuthError;
  }
  throw new Error("expected a rejection");
}
