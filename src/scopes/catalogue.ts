/**
 * Intercom's permissions (scopes) and the presets an app ticks in Developer Hub.
 *
 * Intercom has no `scope` URL parameter: an app's permissions are ticked once in
 * Developer Hub (Settings > Integrations > Developer Hub > your app > Authentication >
 * Edit > Permissions) and checked by Intercom's app review. This module is the manifest
 * of what to tick, and helpers to compare it with what an app really has.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/oauth-scopes
 * @module
 */

import type { LiteralUnion } from "type-fest";
import { IntercomOAuthError } from "../errors.js";
import { closestMatch } from "../suggest.js";

/** Whether a permission only reads, or also creates, updates or deletes. "Read and write …" is `write`. */
export type ScopeAccess = "read" | "write";

/**
 * Developer Hub's two groups: `standard` (people and conversation data) and
 * `extended` (workspace data).
 */
export type ScopeTier = "standard" | "extended";

// The shape the catalogue literal is checked against; `Scope` narrows `id` to `ScopeId`.
interface ScopeDefinition {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly access: ScopeAccess;
  readonly tier: ScopeTier;
  readonly intercomName?: string;
  readonly otherLabels?: readonly string[];
}

// Deep freeze of plain data; about 40 small objects, so it costs nothing at import.
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Every permission Developer Hub offers, in Developer Hub's order: 20 standard, then
 * 13 extended. Deeply frozen.
 *
 * `id` is stable. Where Intercom has a machine name (seen in its error messages, such as
 * "You do not have the required scope (read_conversations)"), the id is that name, odd
 * ones included (`read_single_admin`, `read_articles_scope`, `read_write_users`);
 * elsewhere the SDK chose one. The full table is in `docs/scopes.md`.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/oauth-scopes
 */
export const SCOPES = deepFreeze([
  // Standard: people and conversation data.
  {
    id: "read_users_companies",
    label: "Read and list users and companies",
    description: "List and read users (contacts and leads), companies and segments.",
    access: "read",
    tier: "standard",
  },
  {
    id: "read_write_users",
    label: "Read and write users",
    description: "List all users and run bulk actions on them.",
    access: "write",
    tier: "standard",
    intercomName: "read_write_users",
  },
  {
    id: "write_users_companies",
    label: "Write users and companies",
    description: "Create and update users and companies.",
    access: "write",
    tier: "standard",
  },
  {
    id: "read_single_user_company",
    label: "Read one user and one company",
    description: "Read a single user or a single company by id.",
    access: "read",
    tier: "standard",
  },
  {
    id: "read_tags",
    label: "Read tags",
    description: "List the workspace's tags.",
    access: "read",
    tier: "standard",
  },
  {
    id: "write_tags",
    label: "Write tags",
    description: "Create, update, apply and delete tags.",
    access: "write",
    tier: "standard",
  },
  {
    id: "read_conversations",
    label: "Read conversations",
    description: "List, search and read conversations.",
    access: "read",
    tier: "standard",
    intercomName: "read_conversations",
  },
  {
    id: "write_conversations",
    label: "Write conversations",
    description: "Reply to, assign, mark as read and close conversations.",
    access: "write",
    tier: "standard",
    intercomName: "write_conversations",
  },
  {
    id: "delete_conversations_and_metrics",
    label: "Delete conversations and metrics",
    description: "Delete conversations and the metrics recorded for them.",
    access: "write",
    tier: "standard",
    intercomName: "delete_conversations_and_metrics",
  },
  {
    id: "read_events",
    label: "Read events",
    description: "List the events recorded for a user.",
    access: "read",
    tier: "standard",
  },
  {
    id: "write_events",
    label: "Write events",
    description: "Submit events (user activity) for users.",
    access: "write",
    tier: "standard",
  },
  {
    id: "read_counts",
    label: "Read counts",
    description: "Count users and companies (and other objects) that match criteria.",
    access: "read",
    tier: "standard",
  },
  {
    id: "write_data_attributes",
    label: "Write data attributes",
    description: "Create and update custom data attributes.",
    access: "write",
    tier: "standard",
  },
  {
    id: "export_messages",
    label: "Export message data",
    description: "Export engagement data for outbound messages.",
    access: "read",
    tier: "standard",
  },
  {
    id: "export_content",
    label: "Export content data",
    description: "Export engagement data for content.",
    access: "read",
    tier: "standard",
  },
  {
    id: "read_content",
    label: "Read content data",
    description: "Read the workspace's content data.",
    access: "read",
    tier: "standard",
    intercomName: "read_content",
  },
  {
    id: "read_tickets",
    label: "Read tickets",
    description: "List, search and view tickets.",
    access: "read",
    tier: "standard",
  },
  {
    id: "write_tickets",
    label: "Write tickets",
    description: "Create and update tickets.",
    access: "write",
    tier: "standard",
    intercomName: "write_tickets",
  },
  {
    id: "read_write_custom_objects",
    label: "Read and write custom object instances",
    description: "Read, create, update and delete custom object instances.",
    access: "write",
    tier: "standard",
  },
  {
    id: "read_job_status",
    label: "Read status of jobs",
    description: "Read the status of asynchronous jobs, such as bulk imports.",
    access: "read",
    tier: "standard",
  },
  // Extended: workspace data.
  {
    id: "read_admins",
    label: "Read admins",
    description: "List and read all admins (Intercom's name for internal users, the workspace's teammates).",
    access: "read",
    tier: "extended",
  },
  {
    id: "read_single_admin",
    label: "Read one admin",
    description: "Read a single admin by id.",
    access: "read",
    tier: "extended",
    intercomName: "read_single_admin",
  },
  {
    id: "update_admins",
    label: "Update admins",
    description: "Update admins, for example set their away mode.",
    access: "write",
    tier: "extended",
  },
  {
    id: "read_admin_activity_logs",
    label: "Read admin activity logs",
    description: "List admins and the activity they performed in the workspace.",
    access: "read",
    tier: "extended",
  },
  {
    id: "gather_app_data",
    label: "Read data when entered into the app",
    description: "Receive the data users enter into the app (Canvas Kit apps).",
    access: "read",
    tier: "extended",
    otherLabels: ["Gather App data"],
  },
  {
    id: "read_news",
    label: "Read and List news items and newsfeeds",
    description: "List and read news items and newsfeeds.",
    access: "read",
    tier: "extended",
  },
  {
    id: "write_news",
    label: "Read and Write news items and newsfeeds",
    description: "Read, create, update and delete news items and newsfeeds.",
    access: "write",
    tier: "extended",
  },
  {
    id: "read_articles_scope",
    label: "Read and List articles",
    description: "List and read Help Center articles.",
    access: "read",
    tier: "extended",
    intercomName: "read_articles_scope",
  },
  {
    id: "read_write_articles_scope",
    label: "Read and Write Articles",
    description: "Read, create, update and delete Help Center articles.",
    access: "write",
    tier: "extended",
    intercomName: "read_write_articles_scope",
  },
  {
    id: "create_phone_call_redirects",
    label: "Create phone call redirects",
    description: "Create phone call redirects, which move a caller from a phone call to a Messenger conversation.",
    access: "write",
    tier: "extended",
  },
  {
    id: "read_write_ai_content",
    label: "Read and write AI content",
    description: "Read and manage the content that Intercom's AI features use.",
    access: "write",
    tier: "extended",
  },
  {
    id: "read_data_connectors",
    label: "Read data connectors",
    description: "List and read data connectors.",
    access: "read",
    tier: "extended",
  },
  {
    id: "read_write_data_connectors",
    label: "Read and write data connectors",
    description: "Read, create, update and delete data connectors.",
    access: "write",
    tier: "extended",
  },
] as const satisfies readonly ScopeDefinition[]);

/** The stable id of one Intercom permission, for example `"read_conversations"`. */
export type ScopeId = (typeof SCOPES)[number]["id"];

/**
 * A Developer Hub label of one permission, word for word, for example `"Read tags"`
 * (other labels, such as "Gather App data", included). For autocompletion: {@link findScope}
 * takes any string.
 */
export type ScopeLabel =
  | (typeof SCOPES)[number]["label"]
  | Extract<(typeof SCOPES)[number], { otherLabels: unknown }>["otherLabels"][number];

/** One Intercom permission, as ticked in Developer Hub. */
export interface Scope {
  /** Stable snake_case id: Intercom's machine name where one is known. */
  readonly id: ScopeId;
  /** Developer Hub's label, word for word (its casing, too). */
  readonly label: string;
  /** What the permission lets the app do. */
  readonly description: string;
  /** `write` for anything that creates, updates or deletes. */
  readonly access: ScopeAccess;
  /** The Developer Hub group it is listed under. */
  readonly tier: ScopeTier;
  /** Intercom's machine name (as in its error messages), when one is known. */
  readonly intercomName?: string;
  /** Other labels Developer Hub shows for it in some app kinds (for example "Gather App data" for Canvas Kit). */
  readonly otherLabels?: readonly string[];
}

/** The names of the built-in presets. */
export type ScopePresetName = "user-level" | "admin-level";

/** One permission of a preset, with why the preset asks for it. */
export interface ScopePresetEntry {
  readonly id: ScopeId;
  /** The reason given for the permission; shown by {@link formatScopeChecklist}. */
  readonly reason: string;
}

/** A named set of permissions, taken from the partner-credentials setup guide. */
export interface ScopePreset {
  readonly name: ScopePresetName;
  /** A one-line title, for checklists and docs. */
  readonly title: string;
  /** The permissions, in the guide's order, each with its reason. */
  readonly scopes: readonly ScopePresetEntry[];
  /** How Intercom objects map onto a ticketing model, and other caveats. */
  readonly notes: readonly string[];
}

/**
 * The two presets of the partner-credentials setup guide, exactly as it lists them.
 * Deeply frozen.
 *
 * - `user-level` (5 permissions): read-only access for a user-level experience.
 * - `admin-level` (18 permissions): read and write access for an admin-level experience.
 *   It has no ticket permissions; add `read_tickets` / `write_tickets` if your app needs them.
 *
 * **Ask only for what your app uses**: over-privileged apps are the most common reason
 * Intercom's review rejects an app. Tailor a preset with `{ preset, add, remove }`.
 */
export const SCOPE_PRESETS = deepFreeze({
  "user-level": {
    name: "user-level",
    title: "User-level experience (read-only)",
    scopes: [
      {
        id: "read_users_companies",
        reason: "Read users and companies (including external users, i.e. contacts and accounts).",
      },
      { id: "read_single_user_company", reason: "Read details about a single user and company." },
      { id: "read_conversations", reason: "Read conversations." },
      { id: "read_tickets", reason: "Read tickets." },
      { id: "read_admins", reason: "Read internal user data." },
    ],
    notes: [
      "Intercom has both conversations and tickets; a ticketing integration maps both onto its tickets.",
      "Intercom calls all internal users (teammates) admins.",
    ],
  },
  "admin-level": {
    name: "admin-level",
    title: "Admin-level experience (read and write)",
    scopes: [
      {
        id: "read_users_companies",
        reason: "Read users and companies (including external users, i.e. contacts and accounts).",
      },
      { id: "read_write_users", reason: "List all users and execute bulk actions." },
      { id: "read_events", reason: "List all events belonging to a single user." },
      { id: "read_conversations", reason: "View conversations." },
      { id: "write_tags", reason: "Create, update, use and delete tags." },
      { id: "read_counts", reason: "Count users and companies with specified criteria." },
      { id: "write_users_companies", reason: "Create and update users and companies." },
      { id: "read_single_user_company", reason: "List and view a single user and company." },
      { id: "write_events", reason: "Submit events (i.e. user activity)." },
      { id: "write_conversations", reason: "Reply to, mark as read and close conversations." },
      { id: "read_tags", reason: "List all tags." },
      { id: "write_data_attributes", reason: "Create and update custom data attributes." },
      { id: "read_admins", reason: "List and view all admins." },
      { id: "read_single_admin", reason: "View a single admin." },
      { id: "read_articles_scope", reason: "List and view all articles." },
      { id: "update_admins", reason: "Update away mode for admins." },
      { id: "read_admin_activity_logs", reason: "List and view all admins and their activity in the app." },
      { id: "read_write_articles_scope", reason: "Read, update and create articles." },
    ],
    notes: [
      "Intercom has both conversations and tickets; a ticketing integration maps both onto its tickets.",
      "Intercom calls all internal users (teammates) admins.",
      'This preset has no ticket permissions. If your app reads or writes Intercom tickets, add them: { preset: "admin-level", add: ["read_tickets", "write_tickets"] }.',
    ],
  },
} as const satisfies { readonly [N in ScopePresetName]: ScopePreset & { readonly name: N } });

/** The literal ids of one preset, for example `PresetScopeId<"user-level">`. */
export type PresetScopeId<P extends ScopePresetName> = (typeof SCOPE_PRESETS)[P]["scopes"][number]["id"];

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

// Lazily built lookup tables: keeps import cheap (cold start is benchmarked).
let byId: ReadonlyMap<string, Scope> | undefined;
let byLabel: ReadonlyMap<string, Scope> | undefined;

function idIndex(): ReadonlyMap<string, Scope> {
  byId ??= new Map(SCOPES.map((scope) => [scope.id, scope]));
  return byId;
}

function labelIndex(): ReadonlyMap<string, Scope> {
  if (byLabel === undefined) {
    const map = new Map<string, Scope>();
    for (const scope of SCOPES as readonly Scope[]) {
      map.set(scope.label.toLowerCase(), scope);
      for (const other of scope.otherLabels ?? []) map.set(other.toLowerCase(), scope);
    }
    byLabel = map;
  }
  return byLabel;
}

/** Whether `value` is one of the ids in {@link SCOPES}. Labels are not ids. */
export function isScopeId(value: unknown): value is ScopeId {
  return typeof value === "string" && idIndex().has(value);
}

/**
 * Looks up a permission by id (exact) or by Developer Hub label (case-insensitive,
 * surrounding whitespace ignored), so "Read and list articles" finds "Read and List articles".
 *
 * @param idOrLabel - an id such as `"read_tags"` or a label such as `"Read tags"`
 * @returns the catalogue entry, or `undefined` when nothing matches
 */
export function findScope(idOrLabel: LiteralUnion<ScopeId | ScopeLabel, string>): Scope | undefined {
  if (typeof idOrLabel !== "string") return undefined;
  return idIndex().get(idOrLabel) ?? labelIndex().get(idOrLabel.trim().toLowerCase());
}

function isPresetName(value: unknown): value is ScopePresetName {
  return typeof value === "string" && Object.hasOwn(SCOPE_PRESETS, value);
}

const PRESET_NAMES = Object.keys(SCOPE_PRESETS) as ScopePresetName[];
const SPEC_KEYS = ["preset", "add", "remove"] as const;
const SPEC_HELP =
  'A scope spec is a preset name ("user-level" or "admin-level"), an array of scope ids, or { preset?, add?, remove? }.';

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  return `a ${typeof value}`;
}

function invalidSpec(problems: string[]): IntercomOAuthError {
  const head = problems.length === 1 ? (problems[0] ?? "") : `${problems.length} problems: ${problems.join(" ")}`;
  return new IntercomOAuthError("INVALID_SCOPE_SPEC", `Invalid scope spec. ${head} ${SPEC_HELP}`, { problems });
}

// Why an unknown string is not an id, and what to write instead.
function unknownScopeProblem(value: string, where: string): string {
  const asLabel = findScope(value);
  if (asLabel !== undefined) {
    return `${where}"${value}" is a Developer Hub label, not a scope id; use "${asLabel.id}".`;
  }
  const candidates: string[] = [];
  for (const scope of SCOPES as readonly Scope[]) {
    candidates.push(scope.id, scope.label, ...(scope.otherLabels ?? []));
  }
  const near = closestMatch(value, candidates);
  const suggestion = near === undefined ? undefined : findScope(near);
  return suggestion === undefined
    ? `${where}"${value}" is not an Intercom scope id.`
    : `${where}"${value}" is not an Intercom scope id; did you mean "${suggestion.id}" (${suggestion.label})?`;
}

function readIdList(value: unknown, where: string, structural: string[]): string[] {
  if (!Array.isArray(value)) {
    structural.push(`${where} must be an array of scope ids, got ${describeValue(value)}.`);
    return [];
  }
  const ids: string[] = [];
  value.forEach((entry: unknown, index) => {
    if (typeof entry === "string") ids.push(entry);
    else structural.push(`${where}[${index}] must be a scope id string, got ${describeValue(entry)}.`);
  });
  return ids;
}

function checkKnown(ids: readonly string[], where: string, unknown: string[]): void {
  for (const id of ids) if (!isScopeId(id)) unknown.push(unknownScopeProblem(id, where));
}

function presetProblem(value: unknown, where: string): string {
  if (typeof value !== "string") {
    return `${where}must be "user-level" or "admin-level", got ${describeValue(value)}.`;
  }
  if (isScopeId(value)) return `${where}"${value}" is a scope id, not a preset; write ["${value}"] for a list.`;
  const scope = findScope(value);
  if (scope !== undefined) {
    return `${where}"${value}" is a Developer Hub label, not a preset; write ["${scope.id}"] for a list.`;
  }
  const near = closestMatch(value, PRESET_NAMES);
  return near === undefined
    ? `${where}"${value}" is not a preset; use "user-level" or "admin-level".`
    : `${where}"${value}" is not a preset; did you mean "${near}"?`;
}

function resolveToSet(spec: unknown): Set<ScopeId> {
  const structural: string[] = [];
  const unknown: string[] = [];
  let base: readonly string[] = [];
  let add: readonly string[] = [];
  let remove: readonly string[] = [];

  if (typeof spec === "string") {
    if (!isPresetName(spec)) throw invalidSpec([presetProblem(spec, "")]);
    base = SCOPE_PRESETS[spec].scopes.map((entry) => entry.id);
  } else if (Array.isArray(spec)) {
    base = readIdList(spec, "the list", structural);
    checkKnown(base, "", unknown);
  } else if (typeof spec === "object" && spec !== null) {
    const record = spec as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if ((SPEC_KEYS as readonly string[]).includes(key)) continue;
      const near = closestMatch(key, SPEC_KEYS);
      structural.push(
        near === undefined
          ? `Unknown key "${key}"; the keys are preset, add and remove.`
          : `Unknown key "${key}"; did you mean "${near}"?`,
      );
    }
    if (record.preset !== undefined) {
      if (isPresetName(record.preset)) base = SCOPE_PRESETS[record.preset].scopes.map((entry) => entry.id);
      else structural.push(presetProblem(record.preset, "preset: "));
    }
    if (record.add !== undefined) add = readIdList(record.add, "add", structural);
    if (record.remove !== undefined) remove = readIdList(record.remove, "remove", structural);
    for (const id of add) {
      if (remove.includes(id)) structural.push(`"${id}" is in both add and remove; keep it in one of them.`);
    }
    checkKnown(add, "add: ", unknown);
    checkKnown(remove, "remove: ", unknown);
  } else {
    structural.push(`Got ${describeValue(spec)}.`);
  }

  if (structural.length > 0) throw invalidSpec(structural);
  if (unknown.length > 0) {
    const head = unknown.length === 1 ? (unknown[0] ?? "") : `${unknown.length} unknown scopes: ${unknown.join(" ")}`;
    throw new IntercomOAuthError(
      "UNKNOWN_SCOPE",
      `${head} Use the ids listed in docs/scopes.md (or SCOPES); \`findScope(label)\` maps a Developer Hub label to its id.`,
      { problems: unknown },
    );
  }

  const result = new Set(base as readonly ScopeId[]);
  for (const id of add as readonly ScopeId[]) result.add(id);
  for (const id of remove as readonly ScopeId[]) result.delete(id);
  return result;
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

/** Options of {@link formatScopeChecklist}. */
export interface ScopeChecklistOptions {
  /** `markdown` (default): `- [ ] **Label** — description` lines; `text`: plain `[ ] Label` lines. */
  readonly format?: "markdown" | "text";
}

// The preset a (valid) spec starts from, if any.
function presetOf(spec: ScopeSpec): ScopePresetName | undefined {
  if (typeof spec === "string") return spec;
  if (Array.isArray(spec)) return undefined;
  return (spec as { readonly preset?: ScopePresetName }).preset;
}

/** Where the permissions are ticked in Developer Hub. */
export const DEVELOPER_HUB_PERMISSIONS_PATH =
  "Settings > Integrations > Developer Hub > your app > Authentication > Edit > Permissions";

/**
 * The list of permissions to tick in Developer Hub, with labels and descriptions,
 * grouped standard then extended (each in Developer Hub's order). When the spec is or
 * starts from a preset, each of the preset's permissions shows its reason, and the
 * preset's notes follow.
 *
 * @param spec - what the app asks for
 * @param options - `{ format: "markdown" | "text" }`; markdown by default
 * @throws {@link IntercomOAuthError} as {@link resolveScopes} does; `INVALID_OPTIONS` for an unknown format
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 */
export function formatScopeChecklist(spec: ScopeSpec, options: ScopeChecklistOptions = {}): string {
  const format = options.format ?? "markdown";
  if (format !== "markdown" && format !== "text") {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `Unknown checklist format ${describeValue(format)}. Use "markdown" or "text".`,
      { problems: [`format must be "markdown" or "text", got ${describeValue(format)}.`] },
    );
  }
  const chosen = resolveToSet(spec);
  const presetName = presetOf(spec);
  const preset: ScopePreset | undefined = presetName === undefined ? undefined : SCOPE_PRESETS[presetName];
  const reasons = new Map<ScopeId, string>(preset?.scopes.map((entry) => [entry.id, entry.reason]) ?? []);
  const md = format === "markdown";
  const count = `${chosen.size} permission${chosen.size === 1 ? "" : "s"}`;
  const subject = preset === undefined ? count : `${preset.name} preset, ${count}`;

  const lines: string[] = [];
  if (md) {
    lines.push(`## Intercom permissions to tick (${subject})`, "");
    lines.push(`In Developer Hub: ${DEVELOPER_HUB_PERMISSIONS_PATH}. Tick these and nothing else, then click Save.`);
  } else {
    lines.push(`Intercom permissions to tick (${subject})`);
    lines.push(`In Developer Hub: ${DEVELOPER_HUB_PERMISSIONS_PATH}. Tick these and nothing else, then click Save.`);
  }
  if (chosen.size === 0) lines.push("", md ? "_No permissions._" : "No permissions.");

  for (const tier of ["standard", "extended"] as const) {
    const scopes = (SCOPES as readonly Scope[]).filter((scope) => scope.tier === tier && chosen.has(scope.id));
    if (scopes.length === 0) continue;
    const heading = tier === "standard" ? "Standard permissions" : "Extended permissions";
    lines.push("", md ? `### ${heading}` : `${heading}:`);
    if (md) lines.push("");
    for (const scope of scopes) {
      const reason = reasons.get(scope.id);
      if (md) {
        lines.push(`- [ ] **${scope.label}** — ${scope.description} (\`${scope.id}\`)`);
        if (reason !== undefined) lines.push(`  - Why: ${reason}`);
      } else {
        lines.push(`  [ ] ${scope.label} (${scope.id})`, `      ${scope.description}`);
        if (reason !== undefined) lines.push(`      Why: ${reason}`);
      }
    }
  }

  if (preset !== undefined && preset.notes.length > 0) {
    lines.push("", md ? "### Notes" : "Notes:");
    if (md) lines.push("");
    for (const note of preset.notes) lines.push(md ? `- ${note}` : `  - ${note}`);
  }
  return `${lines.join("\n")}\n`;
}
