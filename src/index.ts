/**
 * intercom-oauth: typed OAuth for Intercom partner credentials. This entry is the flow
 * (client, authorize URL, state, callback, exchange, identity, revoke, web handlers), the
 * verification of Intercom's signed requests and the webhook handlers, the scope catalogue,
 * the events and the errors. Config validation is in `intercom-oauth/config`; the
 * Intercom stand-in for tests in `intercom-oauth/testing`.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @see docs/webhooks.md for the uninstall URL, the health check and topic webhooks
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
  type RegionalBaseUrls,
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
} from "./scopes/index.js";
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
export { toIntercomToken, type AccessTokenInput, type IntercomToken, type IntercomTokenJSON } from "./oauth/token.js";
export type { IntercomIdentity, WorkspaceId } from "./oauth/identity.js";
// Issue 12: a live check of the client id and secret.
export {
  verifyCredentials,
  type VerifyCredentialsOptions,
  type VerifyCredentialsResult,
} from "./oauth/verify.js";
export { intercomErrorFromResponse, type IntercomErrorFromResponseOptions } from "./oauth/api-error.js";
export {
  createHandlers,
  type ConnectedWorkspace,
  type ConnectionOwner,
  type EmptyStateData,
  type HandlerErrorContext,
  type HandlersClient,
  type HandlersOptions,
  type HandlersRegion,
  type IntercomOAuthHandlers,
  type JsonShape,
  type StateData,
  type StateDataOf,
  type StateStore,
  type StoredWorkspace,
} from "./oauth/handlers.js";
// Issue 10: Intercom's signed requests (uninstall URL, health check, topic webhooks).
export {
  verifyIntercomRequest,
  type IntercomSignatureScheme,
  type VerifiedIntercomRequest,
  type VerifyIntercomRequestOptions,
} from "./webhooks/verify.js";
export {
  createWebhookHandlers,
  type HealthCheckAnswer,
  type HealthCheckContext,
  type IntercomWebhookHandlers,
  type NotificationContext,
  type UninstallContext,
  type WebhookErrorContext,
  type WebhookHandlersOptions,
} from "./webhooks/handlers.js";
export type {
  CallbackFailedEvent,
  CompensatingRevokeEvent,
  ConnectedEvent,
  HealthCheckedEvent,
  IntercomOAuthEvent,
  IntercomOAuthEventListener,
  NotificationReceivedEvent,
  SignatureRejectedEvent,
  UninstalledEvent,
  WebhookHandlerName,
  WebhookInvalidEvent,
} from "./events.js";
