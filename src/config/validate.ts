/**
 * `validateConfig`: structure from the zod schema, then precise checks of each value,
 * reported as friendly, located issues.
 *
 * @module
 */

import { INSPECT, mask } from "../redact.js";
import type { Region } from "../regions.js";
import type { ScopeId } from "../scopes/catalogue.js";
import type { ScopeSpec } from "../scopes/spec.js";
import { checkApp, checkRegion } from "./check-app.js";
import { resolveCredential } from "./check-credentials.js";
import { checkJustifications, checkScopes } from "./check-scopes.js";
import { checkCredentialShape } from "./credentials.js";
import { duplicateKeyIssues } from "./duplicate-keys.js";
import { type ConfigIssue, type ConfigIssuePath, describeType, displayPath, issue, underPath } from "./issues.js";
import { checkRedirectUriList } from "./redirect-uri.js";
import { type AppInfo, configSchema } from "./schema.js";
import { fromZod } from "./schema-issues.js";

export { displayPath };

/** Options of {@link validateConfig}. */
export interface ValidateConfigOptions {
  /**
   * The environment to resolve `env:NAME` references against, usually `process.env`.
   * When given, a reference to an unset variable is an error and the resolved values get
   * the credential checks. When left out, references are only checked for syntax.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A valid config, with defaults applied (`region: "us"`), scopes resolved and env
 * references resolved when an environment was given.
 *
 * **Security:** `clientSecret` is a non-enumerable getter, and `toJSON` and
 * `util.inspect` show it masked, so logging or serialising the config does not leak it.
 */
export interface ResolvedConfig {
  /** The client id: the literal, or the env variable's value; `undefined` when it is an env reference and no `env` was given. */
  readonly clientId: string | undefined;
  /** The variable `clientId` was read from, when it is an env reference. */
  readonly clientIdEnv: string | undefined;
  /**
   * The client secret read from the environment; `undefined` when no `env` was given.
   * Non-enumerable. **Never log it.**
   */
  readonly clientSecret: string | undefined;
  /** The variable the client secret is read from. */
  readonly clientSecretEnv: string;
  /** The redirect URLs, in order; the first is Intercom's default. */
  readonly redirectUris: readonly string[];
  /** The Intercom region; `"us"` when the file names none. */
  readonly region: Region;
  /** The scope spec as written. */
  readonly scopeSpec: ScopeSpec;
  /** The resolved scope ids, sorted. */
  readonly scopes: readonly ScopeId[];
  /** The `app` block, when present. */
  readonly app: AppInfo | undefined;
  /** The `justifications` map (scope id → one sentence on its use); empty when the file has none. */
  readonly justifications: Readonly<Partial<Record<ScopeId, string>>>;
  /** A JSON-safe copy with the client secret masked. */
  toJSON(): Record<string, unknown>;
}

/** What {@link validateConfig} returns. `valid` means there are no errors (warnings are allowed). */
export type ValidateConfigResult =
  | { readonly valid: true; readonly config: ResolvedConfig; readonly issues: readonly ConfigIssue[] }
  | { readonly valid: false; readonly config?: undefined; readonly issues: readonly ConfigIssue[] };

type Path = ConfigIssuePath;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// A class, not an object given properties one by one: validateConfig is on hot paths
// (config linting in loops), and per-object defineProperty calls cost more than the checks.
// The secret lives in a private field behind a prototype getter, so it is never an own,
// enumerable property; toJSON and inspect, also on the prototype, show it masked.
let ResolvedConfigClass: (new (fields: object, secret: string | undefined) => ResolvedConfig) | undefined;

function resolvedConfigClass(): new (fields: object, secret: string | undefined) => ResolvedConfig {
  if (ResolvedConfigClass !== undefined) return ResolvedConfigClass;
  class Resolved {
    readonly #secret: string | undefined;
    constructor(fields: object, secret: string | undefined) {
      Object.assign(this, fields);
      this.#secret = secret;
      Object.freeze(this);
    }
    get clientSecret(): string | undefined {
      return this.#secret;
    }
    toJSON(): Record<string, unknown> {
      const fields = { ...this } as unknown as Record<string, unknown>;
      return { ...fields, clientSecret: this.#secret === undefined ? undefined : mask(this.#secret) };
    }
    [INSPECT](): Record<string, unknown> {
      return this.toJSON();
    }
  }
  Object.freeze(Resolved.prototype);
  ResolvedConfigClass = Resolved as unknown as new (fields: object, secret: string | undefined) => ResolvedConfig;
  return ResolvedConfigClass;
}

function makeConfig(
  fields: Omit<ResolvedConfig, "clientSecret" | "toJSON">,
  secret: string | undefined,
): ResolvedConfig {
  return new (resolvedConfigClass())(fields, secret);
}

function isError(one: ConfigIssue): boolean {
  return one.severity === "error";
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.every((part, index) => path[index] === part);
}

/**
 * Validates a parsed partner-credentials config (the JSON value of
 * `intercom-oauth.config.json`).
 *
 * Reports every problem at once, each with a stable code, a path and a message with a
 * fix: duplicate keys (when `raw` is the `value` of `parseConfigSource`; `JSON.parse`
 * drops them silently), unknown keys (with "did you mean"), wrong types, bad redirect URLs, malformed or
 * placeholder credentials, a literal client secret (`SECRET_IN_FILE`, value never shown),
 * unknown scope ids, unset env variables (only when `env` is given). See
 * `docs/config.md` for every code.
 *
 * **Security:** no issue message contains a credential value; the returned config hides
 * the client secret from `JSON.stringify` and `util.inspect`.
 *
 * @param raw - the parsed JSON (anything; non-objects are reported, not thrown)
 * @param options - `{ env }` to resolve `env:NAME` references, usually `process.env`
 * @returns `{ valid, config, issues }`; `config` is present only when `valid`
 */
export function validateConfig(raw: unknown, options: ValidateConfigOptions = {}): ValidateConfigResult {
  if (!isPlainObject(raw)) {
    return {
      valid: false,
      issues: [
        issue(
          "CONFIG_NOT_OBJECT",
          [],
          `The config must be a JSON object, not ${describeType(raw)}.`,
          "Start from `intercom-oauth init`.",
        ),
      ],
    };
  }
  // Own enumerable keys only: an inherited property is not part of the config.
  const input: Record<string, unknown> = Object.fromEntries(Object.entries(raw));
  // Duplicate keys are known only when `raw` came from parseConfigSource: JSON.parse drops them.
  const issues: ConfigIssue[] = duplicateKeyIssues(raw);
  const parsed = configSchema.safeParse(input);
  const deferred: Path[] = [];
  const zodMessages = new Map<string, string>();
  for (const zi of parsed.success ? [] : parsed.error.issues) {
    const mapped = fromZod(zi, input);
    const path = zi.path.filter((p): p is string | number => typeof p !== "symbol");
    if (mapped === "defer") {
      deferred.push(path);
      zodMessages.set(JSON.stringify(path), zi.message);
    } else {
      issues.push(...mapped);
    }
  }

  // clientId and clientSecret: env references, then the shape of the values.
  const id =
    typeof input.clientId === "string" ? resolveCredential("clientId", input.clientId, options.env, issues) : undefined;
  const secret =
    typeof input.clientSecret === "string"
      ? resolveCredential("clientSecret", input.clientSecret, options.env, issues)
      : undefined;
  issues.push(
    ...checkCredentialShape(
      { clientId: id?.value, clientSecret: secret?.value },
      { clientId: id?.label ?? "clientId", clientSecret: secret?.label ?? "clientSecret" },
    ),
  );

  // Non-string entries are reported by the schema (WRONG_TYPE).
  if (Array.isArray(input.redirectUris))
    issues.push(...underPath(["redirectUris"], checkRedirectUriList(input.redirectUris)));

  issues.push(...checkRegion(input.region));
  const { scopes, issues: scopeIssues } = checkScopes(input.scopes);
  issues.push(...scopeIssues);
  issues.push(...checkJustifications(input.justifications, scopes, !scopeIssues.some(isError)));
  issues.push(...checkApp(input.app));

  // Safety net: whatever the schema rejects and no check above explained is still an error.
  for (const path of deferred) {
    if (issues.some((one) => isError(one) && startsWith(one.path, path))) continue;
    const zodMessage = zodMessages.get(JSON.stringify(path)) ?? "Invalid value.";
    issues.push(
      issue(
        "INVALID_VALUE",
        path,
        `${displayPath(path)} does not match the config schema (${zodMessage}).`,
        "See docs/config.md for the allowed values.",
      ),
    );
  }

  if (issues.some(isError) || !parsed.success) return { valid: false, issues };
  const data = parsed.data;
  const config = makeConfig(
    {
      clientId: id?.value,
      clientIdEnv: id?.envName,
      clientSecretEnv: secret?.envName ?? "",
      redirectUris: Object.freeze([...data.redirectUris]),
      region: data.region,
      scopeSpec: data.scopes as ScopeSpec,
      scopes: Object.freeze(scopes),
      app: data.app,
      justifications: Object.freeze({ ...(data.justifications ?? {}) }),
    },
    secret?.value,
  );
  return { valid: true, config, issues };
}
