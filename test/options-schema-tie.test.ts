// The options interfaces are tied to their zod/mini schemas at compile time: parseOptions (internal)
// refuses, in the type checker, a schema whose keys or parsed types drift from the interface.
// `npm test` type-checks this file; each @ts-expect-error below fails the build if the tie is lost.
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { parseOptions } from "../src/oauth/options.js";

interface TwoOptions {
  readonly clientId: string;
  readonly state?: string;
}

describe("regression: issue 9 — each options interface is tied to its schema at compile time", () => {
  it("accepts a schema with exactly the interface's keys and types", () => {
    const schema = z.strictObject({ clientId: z.string(), state: z.optional(z.string()) });
    expect(parseOptions(schema, { clientId: "cid" } as TwoOptions, "test")).toEqual({ clientId: "cid" });
  });

  it("refuses a schema that lacks a key of the interface, or has one more", () => {
    const fewer = z.strictObject({ clientId: z.string() });
    // @ts-expect-error: `state` is in the interface, not in the schema
    expect(parseOptions(fewer, { clientId: "cid" } as TwoOptions, "test")).toEqual({ clientId: "cid" });
    const more = z.strictObject({ clientId: z.string(), state: z.optional(z.string()), extra: z.optional(z.string()) });
    // @ts-expect-error: `extra` is in the schema, not in the interface
    expect(parseOptions(more, { clientId: "cid" } as TwoOptions, "test")).toEqual({ clientId: "cid" });
  });

  it("refuses a schema whose parsed value does not fit the interface", () => {
    const wrongType = z.strictObject({ clientId: z.number(), state: z.optional(z.string()) });
    // @ts-expect-error: the schema parses clientId as a number, the interface says string
    expect(() => parseOptions(wrongType, { clientId: "cid" } as TwoOptions, "test")).toThrow();
  });
});
