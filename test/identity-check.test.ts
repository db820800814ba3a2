// getIdentity checks the /me answer in plain code, its only check of that shape (zod cost
// several percent of a loopback call; see docs/performance.md). These tests pin that check to
// the contract: it must accept exactly the bodies the schema below accepts, map them the same
// way, and name the bad fields.
import fc from "fast-check";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createIntercomOAuth } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const ME_URL = "https://api.intercom.io/me";
const CLIENT_SECRET = "cs_0123456789abcdef_SECRET";
const TOKEN = "dG9rOjBiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ==";
// Intercom's region labels, lower-cased, as the docs list them (facts §3): the oracle for `region`.
const LABELS: Record<string, "us" | "eu" | "au"> = { us: "us", eu: "eu", europe: "eu", au: "au", australia: "au" };

// The documented contract of /me, written independently of src/oauth/identity.ts.
const id = z.union([z.string().min(1), z.number()]);
const text = z.string().nullish();
const contract = z.object({
  id,
  name: text,
  email: z.string(),
  email_verified: z.boolean().nullish(),
  app: z.object({ id_code: id, name: text, region: text, timezone: text }),
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const intercom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET });

function answer(body: unknown): void {
  server.use(http.get(ME_URL, () => HttpResponse.json(body as Parameters<typeof HttpResponse.json>[0])));
}

const VALID = {
  type: "admin",
  id: "991267",
  email: "ada@example.com",
  name: "Ada",
  email_verified: true,
  app: { id_code: "drzzt019", name: "Acme", region: "US", timezone: "Europe/Dublin" },
};

describe("getIdentity: the /me check", () => {
  it.each([
    ["app is an array", { ...VALID, app: ["drzzt019"] }, "app"],
    ["app is null", { ...VALID, app: null }, "app"],
    ["id is empty", { ...VALID, id: "" }, "id"],
    ["id is a boolean", { ...VALID, id: true }, "id"],
    ["email is a number", { ...VALID, email: 5 }, "email"],
    ["name is a number", { ...VALID, name: 5 }, "name"],
    ["email_verified is a string", { ...VALID, email_verified: "yes" }, "email_verified"],
    ["app.id_code is a boolean", { ...VALID, app: { ...VALID.app, id_code: false } }, "app.id_code"],
    ["app.name is a number", { ...VALID, app: { ...VALID.app, name: 1 } }, "app.name"],
    ["app.region is an object", { ...VALID, app: { ...VALID.app, region: {} } }, "app.region"],
    ["app.timezone is a number", { ...VALID, app: { ...VALID.app, timezone: 0 } }, "app.timezone"],
  ])("refuses a body where %s, naming the field", async (_case, body, field) => {
    answer(body);
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain(`mistypes ${field}`);
    expectNoSecrets(error, [CLIENT_SECRET, TOKEN]);
  });

  it.each([
    ["an array", ["x"]],
    ["a string", "admin"],
    ["null", null],
  ])("refuses a body that is %s, naming the root", async (_case, body) => {
    answer(body);
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("mistypes (root)");
  });

  it("names every bad field, in order, at most five", async () => {
    answer({ id: null, email: 1, email_verified: "no", name: 2, app: { id_code: "", name: 3, region: 4 } });
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error.message).toContain("it lacks or mistypes id, name, email, email_verified, app.id_code.");
    answer({ id: "1", email: "a@b.c" });
    expect((await caught(() => intercom.getIdentity(TOKEN))).message).toContain("it lacks or mistypes app.");
  });

  it("accepts nulls, absent optional fields and numeric ids, as the contract does", async () => {
    answer({ id: 7, email: "a@b.c", email_verified: null, name: null, app: { id_code: 42, timezone: null } });
    await expect(intercom.getIdentity(TOKEN)).resolves.toEqual({
      admin: { id: "7", name: null, email: "a@b.c", emailVerified: false },
      workspace: { id: "42", name: null, region: "us", rawRegion: null, timezone: null },
    });
  });

  it("accepts exactly the bodies the contract accepts, and maps them alike (property)", async () => {
    // Mostly valid fields, so that most bodies are one or two mistakes away from valid.
    const other = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constantFrom(null, undefined, "", 0, {}, [], ["x"]),
    );
    const mostly = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: other });
    const goodId = fc.oneof(fc.string({ minLength: 1 }), fc.integer());
    const goodText = fc.option(fc.string(), { nil: null });
    const app = mostly(
      fc.record({
        id_code: mostly(goodId),
        name: mostly(goodText),
        region: mostly(goodText),
        timezone: mostly(goodText),
      }),
    );
    const body = fc.oneof(
      {
        weight: 9,
        arbitrary: fc.record({
          id: mostly(goodId),
          name: mostly(goodText),
          email: mostly(fc.string()),
          email_verified: mostly(fc.option(fc.boolean(), { nil: null })),
          app,
          extra: fc.jsonValue({ maxDepth: 2 }),
        }),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        // What goes over the wire: JSON drops undefined.
        const wire: unknown = JSON.parse(JSON.stringify(value ?? null));
        answer(wire);
        const expected = contract.safeParse(wire);
        const result = await intercom.getIdentity(TOKEN).then(
          (identity) => ({ ok: true as const, identity }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        expect(result.ok).toBe(expected.success);
        if (result.ok && expected.success) {
          const me = expected.data;
          expect(result.identity).toEqual({
            admin: {
              id: String(me.id),
              name: me.name ?? null,
              email: me.email,
              emailVerified: me.email_verified === true,
            },
            workspace: {
              id: String(me.app.id_code),
              name: me.app.name ?? null,
              region: Object.hasOwn(LABELS, me.app.region?.trim().toLowerCase() ?? "")
                ? LABELS[me.app.region?.trim().toLowerCase() ?? ""]
                : "us",
              rawRegion: me.app.region ?? null,
              timezone: me.app.timezone ?? null,
            },
          });
        }
        if (!result.ok) expect((result.error as { code?: string }).code).toBe("INVALID_RESPONSE");
      }),
      { numRuns: 300 },
    );
  });
});
