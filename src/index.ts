/**
 * intercom-oauth: typed OAuth for Intercom partner credentials.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */
export {
  ERROR_CODES,
  IntercomOAuthError,
  isIntercomOAuthError,
  type IntercomApiErrorEntry,
  type IntercomOAuthErrorCode,
  type IntercomOAuthErrorDetails,
} from "./errors.js";
export {
  REGIONS,
  intercomEndpoints,
  isRegion,
  type IntercomBaseUrls,
  type IntercomEndpoints,
  type Region,
} from "./regions.js";
export {
  DEVELOPER_HUB_PERMISSIONS_PATH,
  SCOPES,
  SCOPE_PRESETS,
  diffScopes,
  findScope,
  formatScopeChecklist,
  isScopeId,
  resolveScopes,
  type PresetScopeId,
  type ResolvedScopes,
  type Scope,
  type ScopeAccess,
  type ScopeChecklistOptions,
  type ScopeDiff,
  type ScopeId,
  type ScopePreset,
  type ScopePresetEntry,
  type ScopePresetName,
  type ScopeSpec,
  type ScopeTier,
} from "./scopes.js";
