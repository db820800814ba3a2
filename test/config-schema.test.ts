import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CONFIG_ISSUE_CODES, configJsonSchema, configSchema, validateConfig } from "../src/config/index.js";
import { REGIONS, SCOPES } from "../src/index.js";

const root = new URL("../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");

describe("schema.json", () => {
  it("is exactly zod's fresh output (run `npm run build` to regenerate it)", () => {
    const fresh = z.toJSONSchema(configSchema, { target: "draft-2020-12", io: "input" });
    expect(JSON.parse(read("schema.json"))).toEqual(fresh);
    expect(configJsonSchema()).toEqual(fresh);
  });

  it("is draft 2020-12, closed, and lists the regions and scope ids", () => {
    const schema = configJsonSchema() as {
      $schema: string;
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(["clientId", "clientSecret", "redirectUris", "scopes"]);
    const text = JSON.stringify(schema);
    for (const region of REGIONS) expect(text).toContain(`"${region}"`);
    for (const scope of SCOPES) expect(text).toContain(`"${scope.id}"`);
  });

  it("describes justifications (scope ids as keys, non-empty sentences) and app.readOnly (issue 12)", () => {
    const schema = configJsonSchema() as { properties: Record<string, Record<string, unknown>> };
    const justifications = schema.properties.justifications as {
      type: string;
      propertyNames: { enum: string[] };
      additionalProperties: { type: string; minLength: number };
    };
    expect(justifications.type).toBe("object");
    expect(justifications.propertyNames.enum).toEqual(SCOPES.map((scope) => scope.id));
    expect(justifications.additionalProperties).toMatchObject({ type: "string", minLength: 1 });
    const app = schema.properties.app as { properties: Record<string, { type: string }> };
    expect(app.properties.readOnly?.type).toBe("boolean");
  });

  it("is shipped: in package.json files, exports and the build script", () => {
    const pkg = JSON.parse(read("package.json")) as {
      files: string[];
      exports: Record<string, unknown>;
      scripts: Record<string, string>;
    };
    expect(pkg.files).toContain("schema.json");
    expect(pkg.exports["./schema.json"]).toBe("./schema.json");
    expect(pkg.scripts.build).toContain("scripts/gen-schema.ts");
  });
});

describe("validateConfig agrees with the zod schema", () => {
  const uri = fc.constantFrom(
    "https://app.merge.dev/oauth/callback",
    "https://a.dev/cb",
    "http://a.dev/cb",
    "https://a.dev/cb#x",
    "/cb",
    "HTTPS://a.dev/x",
    "",
  );
  const scopeId = fc.constantFrom(...SCOPES.map((scope) => scope.id), "read_tag", "Read tags");
  const arbitraryConfig = fc.record(
    {
      clientId: fc.oneof(
        fc.constantFrom("env:INTERCOM_CLIENT_ID", "env:1BAD", "0f8fad5b-d9cb-469f-a165-70867728950e", "", "xxx"),
        fc.integer(),
      ),
      clientSecret: fc.constantFrom("env:INTERCOM_CLIENT_SECRET", "env:", "literal-secret", 5),
      redirectUris: fc.oneof(fc.array(uri, { maxLength: 3 }), fc.constant("https://a.dev/cb")),
      region: fc.constantFrom("us", "eu", "au", "US", 1),
      scopes: fc.oneof(
        fc.constantFrom("user-level", "admin-level", "user"),
        fc.array(scopeId, { maxLength: 3 }),
        fc.record(
          { preset: fc.constantFrom("user-level", "nope"), add: fc.array(scopeId, { maxLength: 2 }) },
          { requiredKeys: [] },
        ),
      ),
      app: fc.record(
        { name: fc.constantFrom("A", ""), listing: fc.constantFrom("listed", "unlisted", "public") },
        { requiredKeys: [] },
      ),
      extra: fc.constant(1),
    },
    { requiredKeys: [] },
  );

  it("never calls valid what the schema rejects, and every result carries known codes", () => {
    fc.assert(
      fc.property(arbitraryConfig, (input) => {
        const result = validateConfig(input);
        if (result.valid) expect(configSchema.safeParse(input).success).toBe(true);
        for (const one of result.issues) expect(Object.keys(CONFIG_ISSUE_CODES)).toContain(one.code);
        expect(result.valid).toBe(!result.issues.some((one) => one.severity === "error"));
      }),
      { numRuns: 500 },
    );
  });
});
