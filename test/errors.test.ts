import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ERROR_CODES,
  IntercomOAuthError,
  type IntercomOAuthErrorCode,
  isIntercomOAuthError,
} from "../src/index.js";

describe("IntercomOAuthError", () => {
  it("carries a stable code, status, request id and parsed errors", () => {
    const error = new IntercomOAuthError("UNAUTHORIZED", "Access token refused. Reconnect the workspace.", {
      status: 401,
      requestId: "req_1",
      errors: [{ code: "token_revoked", message: "Token revoked" }],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("IntercomOAuthError");
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.status).toBe(401);
    expect(error.requestId).toBe("req_1");
    expect(error.errors).toEqual([{ code: "token_revoked", message: "Token revoked" }]);
    expect(Object.isFrozen(error.errors)).toBe(true);
  });

  it("keeps the raw response non-enumerable and out of JSON", () => {
    const response = new Response("secret-body", { status: 500 });
    const error = new IntercomOAuthError("SERVER_ERROR", "Intercom failed. Retry later.", { status: 500, response });
    expect(error.response).toBe(response);
    expect(Object.keys(error)).not.toContain("response");
    expect(JSON.stringify(error)).not.toContain("secret-body");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "IntercomOAuthError",
      code: "SERVER_ERROR",
      message: "Intercom failed. Retry later.",
      status: 500,
    });
  });

  it("keeps a cause without making it enumerable", () => {
    const cause = new TypeError("fetch failed");
    const error = new IntercomOAuthError("NETWORK_ERROR", "Could not reach Intercom.", { cause });
    expect(error.cause).toBe(cause);
    expect(Object.keys(error)).not.toContain("cause");
  });

  it("is recognised across module copies by brand, not prototype", () => {
    const error = new IntercomOAuthError("TIMEOUT", "Timed out.");
    // A structural copy, as another copy of the package would make: the brand is a registry symbol.
    const foreign = Object.create(Error.prototype) as Record<PropertyKey, unknown>;
    Object.defineProperty(foreign, Symbol.for("intercom-oauth.error"), { value: true });
    foreign.code = "TIMEOUT";
    expect(isIntercomOAuthError(error)).toBe(true);
    expect(isIntercomOAuthError(foreign)).toBe(true);
    expect(isIntercomOAuthError(foreign, "TIMEOUT")).toBe(true);
    expect(isIntercomOAuthError(foreign, "UNAUTHORIZED")).toBe(false);
    expect(isIntercomOAuthError(new Error("TIMEOUT"))).toBe(false);
    expect(isIntercomOAuthError({ code: "TIMEOUT" })).toBe(false);
    expect(isIntercomOAuthError(null)).toBe(false);
    expect(isIntercomOAuthError("TIMEOUT")).toBe(false);
  });

  it("regression: issue 9 — instanceof recognises a copy from another entry, and nothing else", () => {
    const foreign = Object.create(Error.prototype) as Record<PropertyKey, unknown>;
    Object.defineProperty(foreign, Symbol.for("intercom-oauth.error"), { value: true });
    expect(foreign instanceof IntercomOAuthError).toBe(true);
    expect(new IntercomOAuthError("TIMEOUT", "Timed out.") instanceof IntercomOAuthError).toBe(true);
    expect(new Error("TIMEOUT") instanceof IntercomOAuthError).toBe(false);
    expect((null as unknown as object) instanceof IntercomOAuthError).toBe(false);
  });

  it("types its code as a literal union and narrows with the guard", () => {
    expectTypeOf<IntercomOAuthErrorCode>().toEqualTypeOf<keyof typeof ERROR_CODES>();
    expectTypeOf<"UNAUTHORIZED">().toExtend<IntercomOAuthErrorCode>();
    expectTypeOf<"NOT_A_CODE">().not.toExtend<IntercomOAuthErrorCode>();
    const caught: unknown = new IntercomOAuthError("RATE_LIMITED", "Slow down.", { retryAfterMs: 1000 });
    if (isIntercomOAuthError(caught, "RATE_LIMITED")) {
      expectTypeOf(caught.code).toEqualTypeOf<"RATE_LIMITED">();
      expect(caught.retryAfterMs).toBe(1000);
    } else {
      expect.unreachable("guard should accept the error");
    }
  });
});
