import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIntercomErrorBody } from "../src/index.js";

describe("parseIntercomErrorBody", () => {
  it("reads Intercom's error.list envelope", () => {
    expect(
      parseIntercomErrorBody({
        type: "error.list",
        request_id: "req-1",
        errors: [
          { code: "parameter_invalid", message: "Bad", field: "email" },
          { code: "token_revoked" },
        ],
      }),
    ).toEqual({
      requestId: "req-1",
      errors: [{ code: "parameter_invalid", message: "Bad", field: "email" }, { code: "token_revoked" }],
    });
  });

  it("reads an RFC 6749 body", () => {
    expect(parseIntercomErrorBody({ error: "invalid_grant", error_description: "Expired" })).toEqual({
      requestId: undefined,
      errors: [{ code: "invalid_grant", message: "Expired" }],
    });
    expect(parseIntercomErrorBody({ error: "invalid_client" }).errors).toEqual([{ code: "invalid_client" }]);
  });

  it("reads the raw JSON text of either shape", () => {
    expect(parseIntercomErrorBody('{"type":"error.list","errors":[{"code":"unauthorized","message":"Unauthorized Code"}]}').errors).toEqual([
      { code: "unauthorized", message: "Unauthorized Code" },
    ]);
    expect(parseIntercomErrorBody(' {"error":"invalid_grant"}').errors).toEqual([{ code: "invalid_grant" }]);
  });

  it("reads a single error object and a bare error type", () => {
    expect(parseIntercomErrorBody({ error: { code: "x", message: "y" } }).errors).toEqual([{ code: "x", message: "y" }]);
    expect(parseIntercomErrorBody({ type: "error", message: "Oops" }).errors).toEqual([{ code: "unknown", message: "Oops" }]);
  });

  it.each([undefined, null, 42, "", "<html>502</html>", "{not json", [], [1, 2], { errors: "nope" }, { errors: [null, 5, {}] }, { foo: 1 }])(
    "gives no entries for %j",
    (body) => {
      expect(parseIntercomErrorBody(body).errors).toEqual([]);
    },
  );

  it("caps the number and length of entries", () => {
    const errors = Array.from({ length: 100 }, (_, i) => ({ code: `c${i}`, message: "m".repeat(5000) }));
    const parsed = parseIntercomErrorBody({ errors });
    expect(parsed.errors).toHaveLength(20);
    expect(parsed.errors[0]?.message?.length).toBe(1000);
  });

  it("never throws, even on hostile objects", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
      },
    );
    expect(parseIntercomErrorBody(hostile)).toEqual({ errors: [], requestId: undefined });
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), (value) => {
        const parsed = parseIntercomErrorBody(value);
        expect(Array.isArray(parsed.errors)).toBe(true);
        for (const entry of parsed.errors) expect(typeof entry.code).toBe("string");
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseIntercomErrorBody(text);
        parseIntercomErrorBody(`{${text}`);
      }),
    );
  });
});
