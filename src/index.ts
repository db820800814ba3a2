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
  type ScopeLabel,
  type ScopePreset,
  type ScopePresetEntry,
  type ScopePresetName,
  type ScopeSpec,
  type ScopeTier,
} from "./scopes/catalogue.js";
export type { KnownVersion } from "./oauth/api-version.js";
export {
  createIntercomOAuth,
  DEFAULT_API_VERSION,
  type IntercomOAuthClient,
  type IntercomOAuthOptions,
  type RequestOptions,
} from "./oauth/client.js";
export {
  createAuthorizationUrl,
  type AuthorizationUrl,
  type AuthorizationUrlInput,
  type AuthorizationUrlParams,
} from "./oauth/authorize.js";
export {
  createState,
  createSignedState,
  verifySignedState,
  MAX_SIGNED_STATE_DATA_BYTES,
  type SignedStateOptions,
  type VerifySignedStateOptions,
  type JsonValue,
  type VerifiedState,
} from "./oauth/state.js";
export {
  parseCallback,
  parseSignedCallback,
  type CallbackInput,
  type CallbackResult,
  type ParseCallbackOptions,
  type SignedCallbackResult,
} from "./oauth/callback.js";
export { parseIntercomErrorBody, type ParsedIntercomErrorBody } from "./oauth/intercom-errors.js";
export { toIntercomToken, type AccessTokenInput, type IntercomToken, type IntercomTokenJSON } from "./oauth/token.js";
export type { IntercomIdentity, WorkspaceId } from "./oauth/identity.js";
export {
  createHandlers,
  type ConnectedWorkspace,
  type EmptyStateData,
  type HandlerErrorContext,
  type HandlersClient,
  type HandlersOptions,
  type IntercomOAuthHandlers,
  type StateData,
  type StateStore,
} from "./oauth/handlers.js";
export {
  CONFIG_ISSUE_CODES,
  toJsonPointer,
  type ConfigIssue,
  type ConfigIssueCode,
  type ConfigIssuePath,
  type ConfigIssueSeverity,
} from "./config/issues.js";
export {
  validateConfig,
  type ResolvedConfig,
  type ValidateConfigOptions,
  type ValidateConfigResult,
} from "./config/validate.js";
export { checkRedirectUri, checkRedirectUris, MAX_REDIRECT_URI_LENGTH } from "./config/redirect-uri.js";
export { checkCredentialShape, type CredentialValues } from "./config/credentials.js";
export {
  configSchema,
  scopeSpecSchema,
  appInfoSchema,
  APP_LISTINGS,
  DEFAULT_CONFIG_FILE,
  CONFIG_SCHEMA_REF,
  type AppInfo,
  type ConfigInput,
} from "./config/schema.js";
export { configJsonSchema } from "./config/json-schema.js";
export {
  parseConfigSource,
  type ConfigSourceSyntaxError,
  type ParsedConfigSource,
  type SourceLocation,
  type SourcePosition,
} from "./config/locate.js";
export { ENV_NAME_PATTERN, ENV_REF_PREFIX, parseEnvRef, type EnvRefParse } from "./config/env-ref.js";
export { loadConfig } from "./config/load.js";
