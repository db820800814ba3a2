/**
 * Scope specs: the one set of rules for what an app may ask for (a preset, ids, or a
 * preset tailored with `add` and `remove`), and the functions that resolve and compare them.
 *
 * {@link checkScopeSpec} finds every problem and words none of them: `resolveScopes`
 * throws with its own wording, and the config validator maps each problem to an issue.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { closestMatch } from "../suggest.js";
import {
  SCOPES,
  SCOPE_PRESETS,
  type PresetScopeId,
  type Scope,
  type ScopeId,
  type ScopePresetName,
  findScope,
  isPresetName,
  isScopeId,
} from "./catalogue.js";

/**
 * What an app asks for: a preset name, an explicit list of ids, or a preset tailored
 * with `add` and `remove`. Ids only: Developer Hub labels are not accepted here (the
 * error for a label names the matching id).
 *
 * @example
 * ```ts
 * const a: ScopeSpec = "user-level";
 * const b: ScopeSpec = ["read_conversations", "read_single_admin"];
 * const c: ScopeSpec = { preset: "admin-level", add: ["read_tickets"], remove: ["update_admins"] };
 * ```
 */
export type ScopeSpec =
  | ScopePresetName
  | readonly ScopeId[]
  | {
      /** The preset to start from; none means "start from nothing". */
      readonly preset?: ScopePresetName;
      /** Ids to add. Adding one already there is a no-op. */
      readonly add?: readonly ScopeId[];
      /** Ids to remove. Removing one that is not there is a no-op (the result has it absent either way). */
      readonly remove?: readonly ScopeId[];
    };

// The ids a `remove` list certainly removes: only a tuple says exactly which ones.
type RemovedIds<S> = S extends { readonly remove: infer R extends readonly ScopeId[] }
  ? number extends R["length"]
    ? never
    : R[number]
  : never;
type PresetIds<S> = S extends { readonly preset: infer P extends ScopePresetName } ? PresetScopeId<P> : never;
type AddedIds<S> = S extends { readonly add: infer A extends readonly ScopeId[] } ? A[number] : never;

/**
 * The type {@link resolveScopes} returns for a spec: the literal ids when TypeScript
 * can know them, otherwise `ScopeId[]`.
 */
export type ResolvedScopes<S extends ScopeSpec> = ScopeSpec extends S
  ? ScopeId[]
  : S extends ScopePresetName
    ? PresetScopeId<S>[]
    : S extends readonly (infer I extends ScopeId)[]
      ? I[]
      : Exclude<PresetIds<S> | AddedIds<S>, RemovedIds<S>>[];

/** Where a problem is, from the spec's root: `["add", 1]` is the second id to add. @internal */
export type ScopeSpecPath = readonly (string | number)[];

/**
 * One thing wrong with a scope spec, before any wording. `path` is from the spec's root;
 * `near` is the "did you mean" candidate, when one is close enough. @internal
 */
export type ScopeSpecProblem =
  /** Not a string, an array or an object. */
  | { readonly kind: "not-a-spec"; readonly path: ScopeSpecPath; readonly value: unknown }
  /** A key of `{ preset, add, remove }` that is none of them. */
  | { readonly kind: "unknown-key"; readonly path: ScopeSpecPath; readonly key: string; readonly near?: string }
  /** A preset that is not one: `asId` when it is a scope id, `asLabel` when a Developer Hub label. */
  | {
      readonly kind: "not-a-preset";
      readonly path: ScopeSpecPath;
      readonly value: unknown;
      readonly asId?: ScopeId;
      readonly asLabel?: Scope;
      readonly near?: ScopePresetName;
    }
  /** `add` or `remove` is not an array. */
  | { readonly kind: "not-a-list"; readonly path: ScopeSpecPath; readonly value: unknown }
  /** An entry of an id list is not a string. */
  | { readonly kind: "not-a-string"; readonly path: ScopeSpecPath; readonly value: unknown }
  /** A string that is not a scope id: `asLabel` when it is a Developer Hub label. */
  | {
      readonly kind: "unknown-scope";
      readonly path: ScopeSpecPath;
      readonly value: string;
      readonly asLabel?: Scope;
      readonly near?: Scope;
    }
  /** An id both added and removed; `path` is its place in `add`. */
  | { readonly kind: "added-and-removed"; readonly path: ScopeSpecPath; readonly id: string };

/** What {@link checkScopeSpec} found: the problems, and the resolved ids when there are none. @internal */
export interface ScopeSpecCheck {
  readonly problems: readonly ScopeSpecProblem[];
  /** The resolved ids; empty when there are problems. */
  readonly scopes: ReadonlySet<ScopeId>;
}

const SPEC_KEYS = ["preset", "add", "remove"] as const;

function presetIds(name: ScopePresetName): ScopeId[] {
  return SCOPE_PRESETS[name].scopes.map((entry) => entry.id);
}

function presetProblem(path: ScopeSpecPath, value: unknown): ScopeSpecProblem {
  if (typeof value !== "string") return { kind: "not-a-preset", path, value };
  if (isScopeId(value)) return { kind: "not-a-preset", path, value, asId: value };
  const asLabel = findScope(value);
  if (asLabel !== undefined) return { kind: "not-a-preset", path, value, asLabel };
  const near = closestMatch(value, Object.keys(SCOPE_PRESETS)) as ScopePresetName | undefined;
  return near === undefined ? { kind: "not-a-preset", path, value } : { kind: "not-a-preset", path, value, near };
}

function unknownScope(path: ScopeSpecPath, value: string): ScopeSpecProblem {
  const asLabel = findScope(value);
  if (asLabel !== undefined) return { kind: "unknown-scope", path, value, asLabel };
  const candidates: string[] = [];
  for (const scope of SCOPES as readonly Scope[]) candidates.push(scope.id, scope.label, ...(scope.otherLabels ?? []));
  const match = closestMatch(value, candidates);
  const near = match === undefined ? undefined : findScope(match);
  return near === undefined ? { kind: "unknown-scope", path, value } : { kind: "unknown-scope", path, value, near };
}

// The ids of a list, checking each entry; `path` is the list's own.
function readIdList(path: ScopeSpecPath, value: unknown, problems: ScopeSpecProblem[]): ScopeId[] {
  if (!Array.isArray(value)) {
    problems.push({ kind: "not-a-list", path, value });
    return [];
  }
  const ids: ScopeId[] = [];
  value.forEach((entry: unknown, index) => {
    if (typeof entry !== "string") problems.push({ kind: "not-a-string", path: [...path, index], value: entry });
    else if (!isScopeId(entry)) problems.push(unknownScope([...path, index], entry));
    else ids.push(entry);
  });
  return ids;
}

/**
 * The one checker of scope specs: every problem, in the order of the spec, and the
 * resolved set when there are none. @internal
 */
export function checkScopeSpec(spec: unknown): ScopeSpecCheck {
  const problems: ScopeSpecProblem[] = [];
  let base: readonly ScopeId[] = [];
  let add: readonly ScopeId[] = [];
  let remove: readonly ScopeId[] = [];
  if (typeof spec === "string") {
    if (isPresetName(spec)) base = presetIds(spec);
    else problems.push(presetProblem([], spec));
  } else if (Array.isArray(spec)) {
    base = readIdList([], spec, problems);
  } else if (typeof spec === "object" && spec !== null) {
    const record = spec as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if ((SPEC_KEYS as readonly string[]).includes(key)) continue;
      const near = closestMatch(key, SPEC_KEYS);
      problems.push(
        near === undefined
          ? { kind: "unknown-key", path: [key], key }
          : { kind: "unknown-key", path: [key], key, near },
      );
    }
    if (record.preset !== undefined) {
      if (isPresetName(record.preset)) base = presetIds(record.preset);
      else problems.push(presetProblem(["preset"], record.preset));
    }
    if (record.add !== undefined) add = readIdList(["add"], record.add, problems);
    if (record.remove !== undefined) remove = readIdList(["remove"], record.remove, problems);
    if (Array.isArray(record.add) && Array.isArray(record.remove)) {
      const removed = new Set<unknown>(record.remove);
      record.add.forEach((id: unknown, index) => {
        if (typeof id === "string" && removed.has(id))
          problems.push({ kind: "added-and-removed", path: ["add", index], id });
      });
    }
  } else {
    problems.push({ kind: "not-a-spec", path: [], value: spec });
  }
  if (problems.length > 0) return { problems, scopes: new Set() };
  const scopes = new Set(base);
  for (const id of add) scopes.add(id);
  for (const id of remove) scopes.delete(id);
  return { problems, scopes };
}

/** A value as messages show it: strings quoted, everything else by its kind. @internal */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  return `a ${typeof value}`;
}

const SPEC_HELP =
  'A scope spec is a preset name ("user-level" or "admin-level"), an array of scope ids, or { preset?, add?, remove? }.';

// resolveScopes' wording: the list is "the list", an entry of add is "add: …".
function listName(path: ScopeSpecPath): string {
  return path.length === 0 ? "the list" : String(path[0]);
}
function prefix(path: ScopeSpecPath): string {
  return path.length <= 1 ? "" : `${String(path[0])}: `;
}

function wordProblem(problem: ScopeSpecProblem): string {
  switch (problem.kind) {
    case "not-a-spec":
      return `Got ${describeValue(problem.value)}.`;
    case "unknown-key":
      return problem.near === undefined
        ? `Unknown key "${problem.key}"; the keys are preset, add and remove.`
        : `Unknown key "${problem.key}"; did you mean "${problem.near}"?`;
    case "not-a-preset": {
      const where = problem.path.length === 0 ? "" : "preset: ";
      const value = problem.value;
      if (typeof value !== "string")
        return `${where}must be "user-level" or "admin-level", got ${describeValue(value)}.`;
      if (problem.asId !== undefined)
        return `${where}"${value}" is a scope id, not a preset; write ["${value}"] for a list.`;
      if (problem.asLabel !== undefined) {
        return `${where}"${value}" is a Developer Hub label, not a preset; write ["${problem.asLabel.id}"] for a list.`;
      }
      return problem.near === undefined
        ? `${where}"${value}" is not a preset; use "user-level" or "admin-level".`
        : `${where}"${value}" is not a preset; did you mean "${problem.near}"?`;
    }
    case "not-a-list":
      return `${listName(problem.path)} must be an array of scope ids, got ${describeValue(problem.value)}.`;
    case "not-a-string":
      return `${listName(problem.path.slice(0, -1))}[${String(problem.path.at(-1))}] must be a scope id string, got ${describeValue(problem.value)}.`;
    case "unknown-scope": {
      const where = prefix(problem.path);
      if (problem.asLabel !== undefined) {
        return `${where}"${problem.value}" is a Developer Hub label, not a scope id; use "${problem.asLabel.id}".`;
      }
      return problem.near === undefined
        ? `${where}"${problem.value}" is not an Intercom scope id.`
        : `${where}"${problem.value}" is not an Intercom scope id; did you mean "${problem.near.id}" (${problem.near.label})?`;
    }
    case "added-and-removed":
      return `"${problem.id}" is in both add and remove; keep it in one of them.`;
  }
}

/**
 * The resolved set of a spec, or the error `resolveScopes` throws: malformed specs first
 * (`INVALID_SCOPE_SPEC`), then unknown ids (`UNKNOWN_SCOPE`). @internal
 */
export function resolveToSet(spec: unknown): ReadonlySet<ScopeId> {
  const { problems, scopes } = checkScopeSpec(spec);
  if (problems.length === 0) return scopes;
  const structural = problems.filter((one) => one.kind !== "unknown-scope").map(wordProblem);
  if (structural.length > 0) {
    const head =
      structural.length === 1 ? (structural[0] ?? "") : `${structural.length} problems: ${structural.join(" ")}`;
    throw new IntercomOAuthError("INVALID_SCOPE_SPEC", `Invalid scope spec. ${head} ${SPEC_HELP}`, {
      problems: structural,
    });
  }
  const unknown = problems.map(wordProblem);
  const head = unknown.length === 1 ? (unknown[0] ?? "") : `${unknown.length} unknown scopes: ${unknown.join(" ")}`;
  throw new IntercomOAuthError(
    "UNKNOWN_SCOPE",
    `${head} Use the ids listed in docs/scopes.md (or SCOPES); \`findScope(label)\` maps a Developer Hub label to its id.`,
    { problems: unknown },
  );
}

/**
 * Turns a {@link ScopeSpec} into the sorted, de-duplicated list of scope ids.
 *
 * The result keeps literal types where TypeScript can know them:
 * `resolveScopes(["read_tags", "read_conversations"])` is typed
 * `("read_tags" | "read_conversations")[]`, and `resolveScopes("user-level")` the
 * union of that preset's ids.
 *
 * @param spec - a preset name, a list of ids, or `{ preset?, add?, remove? }`
 * @returns a new array, sorted by id
 * @throws {@link IntercomOAuthError} `INVALID_SCOPE_SPEC` when the spec is malformed (wrong
 *   type, unknown preset or key, non-string entries, an id both added and removed), and
 *   `UNKNOWN_SCOPE` when an id is not Intercom's, with a "did you mean" in the message
 *   and one line per bad id in `problems`.
 */
export function resolveScopes<const S extends ScopeSpec>(spec: S): ResolvedScopes<S> {
  return [...resolveToSet(spec)].sort() as ResolvedScopes<S>;
}

/** What {@link diffScopes} found. */
export interface ScopeDiff {
  /** Required but not granted: calls that need them will fail with `FORBIDDEN`. Sorted. */
  readonly missing: ScopeId[];
  /** Granted but not required: over-privilege, which Intercom's review rejects. Sorted. */
  readonly extra: ScopeId[];
}

/**
 * Compares what an app needs with what it has (or asks for), both ways.
 *
 * @param required - what the app's code uses
 * @param granted - what is ticked in Developer Hub (or what a token has)
 * @throws {@link IntercomOAuthError} as {@link resolveScopes} does, for either argument
 */
export function diffScopes(required: ScopeSpec, granted: ScopeSpec): ScopeDiff {
  const need = resolveToSet(required);
  const have = resolveToSet(granted);
  return {
    missing: [...need].filter((id) => !have.has(id)).sort(),
    extra: [...have].filter((id) => !need.has(id)).sort(),
  };
}
