/**
 * intercom-oauth/config: the partner-credentials config file. Parse it with positions,
 * validate it (or load it at start-up), check Redirect URLs and credential values, and get
 * its zod schema and JSON Schema. The `intercom-oauth` CLI is built on this entry.
 *
 * The OAuth flow, scopes and errors are in the main entry, `intercom-oauth`.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */
export {
  validateConfig,
  type ResolvedConfig,
  type ValidateConfigOptions,
  type ValidateConfigResult,
} from "./validate.js";
export { loadConfig } from "./load.js";
export {
  parseConfigSource,
  type ConfigSourceSyntaxError,
  type ParsedConfigSource,
  type SourceLocation,
  type SourcePosition,
} from "./locate.js";
export {
  CONFIG_ISSUE_CODES,
  type ConfigIssue,
  type ConfigIssueCode,
  type ConfigIssuePath,
  type ConfigIssueSeverity,
} from "./issues.js";
export { checkRedirectUri, checkRedirectUris, MAX_REDIRECT_URI_LENGTH } from "./redirect-uri.js";
export { checkCredentialShape, type CredentialValues } from "./credentials.js";
export { parseEnvRef, type EnvRefParse } from "./env-ref.js";
export {
  APP_LISTINGS,
  DEFAULT_CONFIG_FILE,
  appInfoSchema,
  configSchema,
  scopeSpecSchema,
  type AppInfo,
  type ConfigInput,
} from "./schema.js";
export { configJsonSchema } from "./json-schema.js";
