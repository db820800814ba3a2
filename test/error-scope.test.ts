// Issue 13: the permission a FORBIDDEN error names (error.scope), read from Intercom's message,
// and the exact shape of the entries kept from an error body.
import { describe, expect, it } from "vitest";
import { intercomErrorFromResponse, type IntercomOAuthError } from "../src/index.js";

async function forbidden(...errors: unknown[]): Promise<IntercomOAuthError> {
  const body = JSON.stringify({ type: "error.list", errors });
  return intercomErrorFromResponse(new Response(body, { status: 403 }));
}

const scopeOf = async (message: string) => (await forbidden({ code: "forbidden", message })).scope;

describe("issue 13 — the missing permission named in Intercom's message", () => {
  it.each<[string, string]>([
    ["You do not have the required scope (read_conversations) to access this resource", "read_conversations"],
    ["required scope (contacts)", "contacts"],
    ["Required SCOPES for this call (Read_Admins)", "Read_Admins"],
    ["scope ( write_tickets ) missing", "write_tickets"],
    ["scope (r2_d2)", "r2_d2"],
    ["Missing scopes: read_admins, write_admins", "read_admins"],
    ["scope - read_v2_things", "read_v2_things"],
    [`scope${"x".repeat(40)}(exactly_forty)`, "exactly_forty"],
    [`scope ${"y".repeat(39)}(forty_chars)`, "forty_chars"],
  ])("%j names %s", async (message, scope) => {
    const error = await forbidden({ code: "forbidden", message });
    expect(error.scope).toBe(scope);
    expect(error.message).toContain(`it lacks the ${scope} permission`);
  });

  it.each([
    `scope is needed here and for many other things too (reads)`,
    "scope\n(reads)",
    "scope (2fa)",
    "scope (reads",
    "scope -- read_admins",
    "scope: reads",
    "no permission mentioned (read_admins)",
  ])("%j names none", async (message) => {
    expect(await scopeOf(message)).toBeUndefined();
  });

  it("skips entries without a message and reads the next", async () => {
    const error = await forbidden({ code: "forbidden" }, { code: "forbidden", message: "scope (read_tags)" });
    expect(error.scope).toBe("read_tags");
  });
});

describe("issue 13 — the entries kept from an error body", () => {
  it("has no message or field key at all when Intercom sent none", async () => {
    const { errors } = await forbidden({ code: "forbidden" }, { code: "x", message: "m", field: "f" });
    expect(errors).toStrictEqual([{ code: "forbidden" }, { code: "x", message: "m", field: "f" }]);
    expect(Object.keys(errors[0] ?? {})).toEqual(["code"]);
  });

  it("skips null entries and keeps the rest", async () => {
    expect((await forbidden(null, { code: "forbidden" })).errors).toStrictEqual([{ code: "forbidden" }]);
  });

  it("freezes the entries", async () => {
    const { errors } = await forbidden({ code: "forbidden", message: "m" });
    expect(Object.isFrozen(errors)).toBe(true);
    expect(Object.isFrozen(errors[0])).toBe(true);
  });

  it("reads nothing from an error that is an array", async () => {
    const body = JSON.stringify({ error: ["invalid_client"] });
    const error = await intercomErrorFromResponse(new Response(body, { status: 400 }));
    expect(error.errors).toEqual([]);
  });
});
