// Issue 9: one rule set for scope specs. resolveScopes and the config's `scopes` are checked
// by the same checker; each words the problems its own way.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validConfig } from "./support/config-fixture.js";
import { validateConfig } from "../src/config/index.js";
import { IntercomOAuthError, SCOPES, resolveScopes } from "../src/index.js";

const seed = Number(process.env.FC_SEED ?? 20261129);

function scopeErrors(spec: unknown) {
  const { issues } = validateConfig(validConfig({ scopes: spec }));
  return issues.filter((one) => one.path[0] === "scopes" && one.severity === "error");
}

function thrown(spec: unknown): IntercomOAuthError | undefined {
  try {
    resolveScopes(spec as never);
    return undefined;
  } catch (error) {
    if (error instanceof IntercomOAuthError) return error;
    throw error;
  }
}

// Ids, labels, typos, presets and junk, in every place a spec can hold them.
const word = fc.oneof(
  fc.constantFrom(...SCOPES.map((scope) => scope.id)),
  fc.constantFrom(...SCOPES.map((scope) => scope.label)),
  fc.constantFrom("user-level", "admin-level", "admin_level", "read_tagz", "Read Tags", "nope", ""),
);
const entry = fc.oneof(word, fc.integer(), fc.constant(null));
const list = fc.array(entry, { maxLength: 4 });
const spec = fc.oneof(
  word,
  list,
  fc.record(
    {
      preset: fc.oneof(word, fc.integer()),
      add: fc.oneof(list, word),
      remove: fc.oneof(list, fc.constant({})),
      ad: list,
    },
    { requiredKeys: [] },
  ),
  fc.oneof(fc.integer(), fc.constant(null), fc.boolean()),
);

describe("regression: issue 9 — scope specs have one rule set", () => {
  it("a spec is valid for the config exactly when resolveScopes accepts it, with the same ids", () => {
    fc.assert(
      fc.property(spec, (candidate) => {
        const error = thrown(candidate);
        const errors = scopeErrors(candidate);
        expect(errors.length > 0).toBe(error !== undefined);
        if (error === undefined) {
          const result = validateConfig(validConfig({ scopes: candidate }));
          expect(result.config?.scopes ?? []).toEqual(resolveScopes(candidate as never));
        } else if (error.code === "UNKNOWN_SCOPE") {
          // Only unknown ids: one problem each, on both sides.
          expect(errors.map((one) => one.code)).toEqual(error.problems?.map(() => "UNKNOWN_SCOPE"));
        }
      }),
      { seed, numRuns: 300 },
    );
  });

  it("a Developer Hub label used as a preset names its id in the config, as resolveScopes does", () => {
    expect(thrown("Read tags")?.message).toContain('"Read tags" is a Developer Hub label, not a preset');
    const [found, ...rest] = scopeErrors("Read tags");
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      code: "INVALID_SCOPE_SPEC",
      path: ["scopes"],
      message: '"Read tags" is a Developer Hub label, not a preset.',
      hint: 'Write ["read_tags"] for a list of ids, or { "preset": "user-level", "add": ["read_tags"] }.',
    });
    expect(scopeErrors({ preset: "read conversations" })[0]).toMatchObject({
      path: ["scopes", "preset"],
      message: '"read conversations" is a Developer Hub label, not a preset.',
    });
  });
});
