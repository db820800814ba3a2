// The scopes section of validateConfig: the spec's problems come from the one scope-spec
// checker (src/scopes/spec.ts); here each becomes a config issue under `scopes`, and the
// resolved list is linted for review.

import { SCOPE_PRESETS, SCOPES, type ScopeId, findScope } from "../scopes/catalogue.js";
import { closestMatch } from "../suggest.js";
import { type ScopeSpecProblem, checkScopeSpec } from "../scopes/spec.js";
import { type ConfigIssue, describeType, displayPath, issue, unknownKey } from "./issues.js";
import { MISSING_HINTS } from "./schema-issues.js";

const SPEC_KEYS = ["preset", "add", "remove"];
// The admin-level preset's own note recommends adding these when the app handles tickets.
const PRESET_SUGGESTED_ADDITIONS: readonly ScopeId[] = ["read_tickets", "write_tickets"];

function notAPresetIssue(problem: Extract<ScopeSpecProblem, { kind: "not-a-preset" }>): ConfigIssue {
  const path = ["scopes", ...problem.path];
  const value = problem.value;
  if (typeof value !== "string") {
    return issue(
      "INVALID_SCOPE_SPEC",
      path,
      `${displayPath(path)} must be "user-level" or "admin-level", not ${describeType(value)}.`,
    );
  }
  const asId = problem.asId ?? problem.asLabel?.id;
  if (asId !== undefined) {
    return issue(
      "INVALID_SCOPE_SPEC",
      path,
      problem.asId === undefined
        ? `"${value}" is a Developer Hub label, not a preset.`
        : `"${value}" is a scope id, not a preset.`,
      `Write ["${asId}"] for a list of ids, or { "preset": "user-level", "add": ["${asId}"] }.`,
    );
  }
  return issue(
    "INVALID_SCOPE_SPEC",
    path,
    problem.near === undefined
      ? `"${value}" is not a scope preset.`
      : `"${value}" is not a scope preset; did you mean "${problem.near}"?`,
    'The presets are "user-level" (read-only) and "admin-level" (read and write).',
  );
}

function toIssue(problem: ScopeSpecProblem): ConfigIssue {
  const path = ["scopes", ...problem.path];
  switch (problem.kind) {
    case "not-a-spec":
      return issue(
        "INVALID_SCOPE_SPEC",
        path,
        `scopes must be a preset name, an array of scope ids, or { preset, add, remove }, not ${describeType(problem.value)}.`,
      );
    case "unknown-key":
      return unknownKey(["scopes"], problem.key, SPEC_KEYS);
    case "not-a-preset":
      return notAPresetIssue(problem);
    case "not-a-list":
      return issue(
        "WRONG_TYPE",
        path,
        `${displayPath(path)} must be an array of scope ids, not ${describeType(problem.value)}.`,
      );
    case "not-a-string":
      return issue(
        "WRONG_TYPE",
        path,
        `${displayPath(path)} must be a scope id string, not ${describeType(problem.value)}.`,
      );
    case "unknown-scope": {
      const { value, asLabel, near } = problem;
      if (asLabel !== undefined) {
        return issue(
          "UNKNOWN_SCOPE",
          path,
          `"${value}" is a Developer Hub label, not a scope id; did you mean "${asLabel.id}"?`,
          `Write "${asLabel.id}".`,
        );
      }
      return issue(
        "UNKNOWN_SCOPE",
        path,
        near === undefined
          ? `"${value}" is not an Intercom scope id.`
          : `"${value}" is not an Intercom scope id; did you mean "${near.id}" (${near.label})?`,
        "The scope ids are listed in docs/scopes.md and by `intercom-oauth scopes`.",
      );
    }
    case "added-and-removed":
      return issue(
        "INVALID_SCOPE_SPEC",
        path,
        `"${problem.id}" is in both scopes.add and scopes.remove.`,
        "Keep it in one of them.",
      );
  }
}

// Warnings about a valid spec's result: nothing at all, or more than the presets ask for.
function lintResolved(scopes: readonly ScopeId[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (scopes.length === 0) {
    issues.push(
      issue(
        "SCOPES_EMPTY",
        ["scopes"],
        "scopes resolves to no permissions at all.",
        "Tick at least the permissions your app's API calls need.",
      ),
    );
  }
  const known = new Set<ScopeId>(PRESET_SUGGESTED_ADDITIONS);
  for (const preset of Object.values(SCOPE_PRESETS)) for (const entry of preset.scopes) known.add(entry.id);
  const beyond = scopes.filter((id) => {
    const scope = findScope(id);
    return !known.has(id) && scope !== undefined && (scope.access === "write" || scope.tier === "extended");
  });
  if (beyond.length > 0) {
    issues.push(
      issue(
        "SCOPES_BEYOND_PRESETS",
        ["scopes"],
        `scopes asks for ${beyond.length} write or extended permission${beyond.length === 1 ? "" : "s"} outside the admin-level preset: ${beyond.join(", ")}.`,
        "Intercom's reviewers reject apps that ask for more than they use, the most common reason for rejection. Keep each one only if the app calls an endpoint that needs it.",
      ),
    );
  }
  return issues;
}

/**
 * Checks the config's `scopes`: every problem of the spec as an issue under `scopes`,
 * or, for a valid spec, its sorted ids and the review warnings about them. @internal
 */
export function checkScopes(value: unknown): { scopes: ScopeId[]; issues: ConfigIssue[] } {
  if (value === undefined) {
    return { scopes: [], issues: [issue("MISSING_KEY", ["scopes"], "scopes is required.", MISSING_HINTS.scopes)] };
  }
  const checked = checkScopeSpec(value);
  if (checked.problems.length > 0) return { scopes: [], issues: checked.problems.map(toIssue) };
  const scopes = [...checked.scopes].sort();
  return { scopes, issues: lintResolved(scopes) };
}

/**
 * Checks the config's `justifications` map against the resolved scopes: an unknown scope
 * id is an error, a non-string or empty sentence an error, and a sentence for a permission
 * that is not ticked a warning. @internal
 */
export function checkJustifications(value: unknown, scopes: readonly ScopeId[], scopesValid: boolean): ConfigIssue[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [
      issue(
        "WRONG_TYPE",
        ["justifications"],
        `justifications must be an object mapping scope ids to sentences, not ${describeType(value)}.`,
      ),
    ];
  }
  const out: ConfigIssue[] = [];
  const ticked = new Set<string>(scopes);
  const ids = SCOPES.map((scope) => scope.id as string);
  for (const [key, sentence] of Object.entries(value)) {
    const path = ["justifications", key];
    if (!ids.includes(key)) {
      const byLabel = SCOPES.find((scope) => scope.label.toLowerCase() === key.toLowerCase());
      const near = byLabel?.id ?? closestMatch(key, ids);
      out.push(
        issue(
          "UNKNOWN_SCOPE",
          path,
          near === undefined
            ? `justifications has "${key}", which is not an Intercom scope id.`
            : `justifications has "${key}", which is not an Intercom scope id; did you mean "${near}"?`,
          "The keys of justifications are scope ids, as listed in docs/scopes.md and by `intercom-oauth scopes`.",
        ),
      );
      continue;
    }
    if (typeof sentence !== "string") {
      out.push(issue("WRONG_TYPE", path, `${displayPath(path)} must be a string, not ${describeType(sentence)}.`));
      continue;
    }
    if (sentence.trim() === "") {
      out.push(
        issue(
          "INVALID_VALUE",
          path,
          `${displayPath(path)} is empty.`,
          "Write one sentence on what the app does with this permission, or remove the key.",
        ),
      );
      continue;
    }
    if (scopesValid && !ticked.has(key)) {
      out.push(
        issue(
          "JUSTIFICATION_UNUSED",
          path,
          `justifications explains "${key}", but scopes does not tick it.`,
          "Remove the sentence, or add the permission to scopes if the app really uses it.",
        ),
      );
    }
  }
  return out;
}
