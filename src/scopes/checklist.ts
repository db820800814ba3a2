/**
 * The checklist of permissions to tick in Developer Hub, for a scope spec.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import {
  SCOPES,
  SCOPE_PRESETS,
  type Scope,
  type ScopeId,
  type ScopePreset,
  type ScopePresetName,
} from "./catalogue.js";
import { type ScopeSpec, describeValue, resolveToSet } from "./spec.js";

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
