/**
 * Intercom's permissions: the catalogue, scope specs and the Developer Hub checklist.
 *
 * @module
 */
export {
  SCOPES,
  SCOPE_PRESETS,
  findScope,
  isScopeId,
  type PresetScopeId,
  type Scope,
  type ScopeAccess,
  type ScopeId,
  type ScopeLabel,
  type ScopePreset,
  type ScopePresetEntry,
  type ScopePresetName,
  type ScopeTier,
} from "./catalogue.js";
export { diffScopes, resolveScopes, type ResolvedScopes, type ScopeDiff, type ScopeSpec } from "./spec.js";
export { DEVELOPER_HUB_PERMISSIONS_PATH, formatScopeChecklist, type ScopeChecklistOptions } from "./checklist.js";
