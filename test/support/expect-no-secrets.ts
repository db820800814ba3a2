// Shared by the flow-client tests: a thrown error must not reveal any secret, however it is printed.
import { inspect } from "node:util";
import { expect } from "vitest";
import { IntercomOAuthError } from "../../src/index.js";

/**
 * The shapes a secret can be echoed in: raw, percent-encoded (both hex cases), form-encoded
 * (`+` for a space) and base64 / base64url.
 */
export function encodedForms(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const base64 = Buffer.from(secret, "utf8").toString("base64").replace(/=+$/, "");
  const base64url = Buffer.from(secret, "utf8").toString("base64url");
  const lower = percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [...new Set([secret, percent, lower, form, base64, base64url])];
}

/** Options of {@link expectNoSecrets}. */
export interface NoSecretsOptions {
  /** Also refuse any prefix of a secret this long or longer (for messages cut to length). */
  readonly prefix?: number;
}

/**
 * Asserts `error` is an IntercomOAuthError whose message, JSON, inspect, String, stack and
 * cause hold none of `secrets`, in any of their {@link encodedForms}.
 */
export function expectNoSecrets(
  error: unknown,
  secrets: readonly string[],
  options: NoSecretsOptions = {},
): asserts error is IntercomOAuthError {
  expect(error).toBeInstanceOf(IntercomOAuthError);
  const e = error as IntercomOAuthError;
  const views = [e.message, JSON.stringify(e), inspect(e, { depth: 10, showHidden: false }), String(e), e.stack ?? ""];
  if (e.cause !== undefined) views.push(inspect(e.cause, { depth: 10 }), String(e.cause));
  for (const secret of secrets) {
    const forms = encodedForms(secret);
    if (options.prefix !== undefined) forms.push(secret.slice(0, options.prefix));
    for (const form of forms) {
      for (const view of views) expect(view, `a form of a secret: ${form}`).not.toContain(form);
    }
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
