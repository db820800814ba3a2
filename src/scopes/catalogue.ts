/**
 * Intercom's permissions (scopes) and the presets an app ticks in Developer Hub.
 *
 * Intercom has no `scope` URL parameter: an app's permissions are ticked once in
 * Developer Hub (Settings > Integrations > Developer Hub > your app > Authentication >
 * Edit > Permissions) and checked by Intercom's app review. This module is the catalogue:
 * the data, the ids and their lookups. Specs are resolved in `spec.ts`, checklists built in
 * `checklist.ts`. The data is pure (no code runs on it at import), so a bundle that uses
 * only the flow drops it.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/oauth-scopes
 * @module
 */

import type { LiteralUnion } from "type-fest";

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
export const SCOPES = /* @__PURE__ */ deepFreeze([
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
export const SCOPE_PRESETS = /* @__PURE__ */ deepFreeze({
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

/** Whether `value` is the name of a built-in preset. @internal */
export function isPresetName(value: unknown): value is ScopePresetName {
  return typeof value === "string" && Object.hasOwn(SCOPE_PRESETS, value);
}
