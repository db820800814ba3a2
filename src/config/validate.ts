/**
 * `validateConfig`: structure from the zod schema, then precise checks of each value,
 * reported as friendly, located issues.
 *
 * @module
 */

import type { z } from "zod";
import { installSafeView, mask } from "../redact.js";
import { type Region, REGIONS, isRegion } from "../regions.js";
import {
  SCOPE_PRESETS,
  SCOPES,
  type Scope,
  type ScopeId,
  type ScopePresetName,
  type ScopeSpec,
  findScope,
  isScopeId,
  resolveScopes,
} from "../scopes/catalogue.js";
import { closestMatch } from "../suggest.js";
import { checkCredentialShape, isPlaceholder } from "./credentials.js";
import { intendedEnvRef, parseEnvRef } from "./env-ref.js";
import { duplicateKeyIssues } from "./duplicate-keys.js";
import { type ConfigIssue, type ConfigIssuePath, displayPath, issue, underPath } from "./issues.js";

export { displayPath };
import { checkRedirectUriList } from "./redirect-uri.js";
import { type AppInfo, KNOWN_KEYS, configSchema } from "./schema.js";

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
  /** A JSON-safe copy with the client secret masked. */
  toJSON(): Record<string, unknown>;
}

/** What {@link validateConfig} returns. `valid` means there are no errors (warnings are allowed). */
export type ValidateConfigResult =
  | { readonly valid: true; readonly config: ResolvedConfig; readonly issues: readonly ConfigIssue[] }
  | { readonly valid: false; readonly config?: undefined; readonly issues: readonly ConfigIssue[] };

type Path = ConfigIssuePath;
const PRESET_NAMES = Object.keys(SCOPE_PRESETS) as ScopePresetName[];
const SCOPE_SPEC_KEYS = ["preset", "add", "remove"];
const MISSING_HINTS: Record<string, string> = {
  clientId: 'Add "clientId": "env:INTERCOM_CLIENT_ID" (or the literal client id).',
  clientSecret: 'Add "clientSecret": "env:INTERCOM_CLIENT_SECRET" and set that variable where the app runs.',
  redirectUris: 'Add "redirectUris": ["https://…/oauth/callback"], in the order registered in Developer Hub.',
  scopes: 'Add "scopes": "user-level" (or "admin-level", or a list of scope ids).',
};
// The admin-level preset's own note recommends adding these when the app handles tickets.
const PRESET_SUGGESTED_ADDITIONS: readonly ScopeId[] = ["read_tickets", "write_tickets"];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKey(path: Path, key: string, known: readonly string[]): ConfigIssue {
  const near = closestMatch(key, known);
  return issue(
    "UNKNOWN_KEY",
    [...path, key],
    near === undefined
      ? `Unknown key "${key}" in ${displayPath(path)}.`
      : `Unknown key "${key}" in ${displayPath(path)}; did you mean "${near}"?`,
    `The keys allowed here are: ${known.join(", ")}.`,
  );
}

// Maps one zod issue onto a friendly issue, or defers it to the value checks below.
function fromZod(zi: z.core.$ZodIssue, input: unknown): ConfigIssue[] | "defer" {
  const path = zi.path.filter((p): p is string | number => typeof p !== "symbol");
  const top = path[0];
  if (top === "scopes" || top === "region") return "defer";
  if (zi.code === "unrecognized_keys") {
    const known = top === "app" ? KNOWN_KEYS.app : KNOWN_KEYS.root;
    return zi.keys.map((key) => unknownKey(path, key, known));
  }
  if (zi.code === "invalid_format") return "defer";
  if (zi.code === "invalid_type") {
    const actual = valueAt(input, path);
    if (actual === undefined) {
      return [
        issue("MISSING_KEY", path, `${displayPath(path)} is required.`, MISSING_HINTS[String(path[path.length - 1])]),
      ];
    }
    return [
      issue(
        "WRONG_TYPE",
        path,
        `${displayPath(path)} must be ${zi.expected === "array" ? "an array" : `a ${zi.expected}`}, not ${describe(actual)}.`,
      ),
    ];
  }
  if (zi.code === "too_small" && top === "redirectUris" && path.length === 1) return "defer";
  if (zi.code === "too_small" && zi.origin === "string") {
    return [issue("INVALID_VALUE", path, `${displayPath(path)} is empty.`, "Remove the key or give it a value.")];
  }
  if (zi.code === "invalid_value") {
    const actual = valueAt(input, path);
    const allowed = zi.values.map(String);
    const near = typeof actual === "string" ? closestMatch(actual, allowed) : undefined;
    const shown = typeof actual === "string" ? JSON.stringify(actual) : describe(actual);
    return [
      issue(
        "INVALID_VALUE",
        path,
        `${displayPath(path)} is ${shown}, which is not allowed${near === undefined ? "" : `; did you mean "${near}"?`}`,
        `Use one of: ${allowed.map((v) => JSON.stringify(v)).join(", ")}.`,
      ),
    ];
  }
  return "defer";
}

// Why `value` is not a scope id, and what to write instead.
function unknownScope(path: Path, value: string): ConfigIssue {
  const asLabel = findScope(value);
  if (asLabel !== undefined) {
    return issue(
      "UNKNOWN_SCOPE",
      path,
      `"${value}" is a Developer Hub label, not a scope id; did you mean "${asLabel.id}"?`,
      `Write "${asLabel.id}".`,
    );
  }
  const candidates: string[] = [];
  for (const scope of SCOPES as readonly Scope[]) candidates.push(scope.id, scope.label, ...(scope.otherLabels ?? []));
  const near = closestMatch(value, candidates);
  const found = near === undefined ? undefined : findScope(near);
  return issue(
    "UNKNOWN_SCOPE",
    path,
    found === undefined
      ? `"${value}" is not an Intercom scope id.`
      : `"${value}" is not an Intercom scope id; did you mean "${found.id}" (${found.label})?`,
    "The scope ids are listed in docs/scopes.md and by `intercom-oauth scopes`.",
  );
}

function checkIdList(path: Path, value: unknown, out: ConfigIssue[]): void {
  if (!Array.isArray(value)) {
    out.push(issue("WRONG_TYPE", path, `${displayPath(path)} must be an array of scope ids, not ${describe(value)}.`));
    return;
  }
  value.forEach((entry: unknown, index) => {
    if (typeof entry !== "string")
      out.push(
        issue(
          "WRONG_TYPE",
          [...path, index],
          `${displayPath([...path, index])} must be a scope id string, not ${describe(entry)}.`,
        ),
      );
    else if (!isScopeId(entry)) out.push(unknownScope([...path, index], entry));
  });
}

function presetIssue(path: Path, value: unknown): ConfigIssue {
  if (typeof value !== "string") {
    return issue(
      "INVALID_SCOPE_SPEC",
      path,
      `${displayPath(path)} must be "user-level" or "admin-level", not ${describe(value)}.`,
    );
  }
  if (isScopeId(value)) {
    return issue(
      "INVALID_SCOPE_SPEC",
      path,
      `"${value}" is a scope id, not a preset.`,
      `Write ["${value}"] for a list of ids, or { "preset": "user-level", "add": ["${value}"] }.`,
    );
  }
  const near = closestMatch(value, PRESET_NAMES);
  return issue(
    "INVALID_SCOPE_SPEC",
    path,
    near === undefined
      ? `"${value}" is not a scope preset.`
      : `"${value}" is not a scope preset; did you mean "${near}"?`,
    'The presets are "user-level" (read-only) and "admin-level" (read and write).',
  );
}

function checkScopeSpec(value: unknown): ConfigIssue[] {
  const path: Path = ["scopes"];
  const out: ConfigIssue[] = [];
  if (value === undefined) {
    out.push(issue("MISSING_KEY", path, "scopes is required.", MISSING_HINTS.scopes));
  } else if (typeof value === "string") {
    if (!(PRESET_NAMES as string[]).includes(value)) out.push(presetIssue(path, value));
  } else if (Array.isArray(value)) {
    checkIdList(path, value, out);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value))
      if (!SCOPE_SPEC_KEYS.includes(key)) out.push(unknownKey(path, key, SCOPE_SPEC_KEYS));
    if (value.preset !== undefined && !(PRESET_NAMES as unknown[]).includes(value.preset))
      out.push(presetIssue([...path, "preset"], value.preset));
    if (value.add !== undefined) checkIdList([...path, "add"], value.add, out);
    if (value.remove !== undefined) checkIdList([...path, "remove"], value.remove, out);
    if (Array.isArray(value.add) && Array.isArray(value.remove)) {
      const removed = new Set(value.remove);
      value.add.forEach((id: unknown, index) => {
        if (typeof id === "string" && removed.has(id)) {
          out.push(
            issue(
              "INVALID_SCOPE_SPEC",
              [...path, "add", index],
              `"${id}" is in both scopes.add and scopes.remove.`,
              "Keep it in one of them.",
            ),
          );
        }
      });
    }
  } else {
    out.push(
      issue(
        "INVALID_SCOPE_SPEC",
        path,
        `scopes must be a preset name, an array of scope ids, or { preset, add, remove }, not ${describe(value)}.`,
      ),
    );
  }
  return out;
}

function checkResolvedScopes(spec: ScopeSpec): { scopes: ScopeId[]; issues: ConfigIssue[] } {
  let scopes: ScopeId[];
  try {
    scopes = resolveScopes(spec);
  } catch (error) {
    const message = error instanceof Error ? error.message : "The scope spec could not be resolved.";
    return { scopes: [], issues: [issue("INVALID_SCOPE_SPEC", ["scopes"], message)] };
  }
  const issues: ConfigIssue[] = [];
  if (scopes.length === 0) {
    issues.push(
      issue(
        "SCOPES_EMPTY",
        ["scopes"],
        "scopes resolves to no permissions at all.",
        "Tick at least the permissions your app's API calls need.",
      ),
    );
  }
  const known = new Set<ScopeId>(PRESET_SUGGESTED_ADDITIONS);
  for (const preset of Object.values(SCOPE_PRESETS)) for (const entry of preset.scopes) known.add(entry.id);
  const beyond = scopes.filter((id) => {
    const scope = findScope(id);
    return !known.has(id) && scope !== undefined && (scope.access === "write" || scope.tier === "extended");
  });
  if (beyond.length > 0) {
    issues.push(
      issue(
        "SCOPES_BEYOND_PRESETS",
        ["scopes"],
        `scopes asks for ${beyond.length} write or extended permission${beyond.length === 1 ? "" : "s"} outside the admin-level preset: ${beyond.join(", ")}.`,
        "Intercom's reviewers reject apps that ask for more than they use, the most common reason for rejection. Keep each one only if the app calls an endpoint that needs it.",
      ),
    );
  }
  return { scopes, issues };
}

interface CredentialResolution {
  value: string | undefined;
  envName: string | undefined;
  label: string;
}

const DEFAULT_ENV_NAMES = { clientId: "INTERCOM_CLIENT_ID", clientSecret: "INTERCOM_CLIENT_SECRET" } as const;

// A value that names a variable in another syntax, or is a placeholder: never a committed secret.
function referenceIssue(field: "clientId" | "clientSecret", value: string): ConfigIssue | undefined {
  const intended = intendedEnvRef(value);
  if (intended !== undefined) {
    const fix = `Write "${field}": "${intended}": the config's reference syntax is env:NAME, in lower case.`;
    return /^\s*env:/i.test(value)
      ? issue(
          "ENV_REF_INVALID",
          [field],
          `${field} is meant as an env reference but is not written env:NAME (check the case and spacing of "env:").`,
          fix,
        )
      : issue(
          "CREDENTIAL_PLACEHOLDER",
          [field],
          `${field} names a variable in a syntax the config does not expand (such as \${NAME}, $NAME or %NAME%); it is a reference, not a value.`,
          fix,
        );
  }
  if (field === "clientSecret" && isPlaceholder(value.trim())) {
    return issue(
      "CREDENTIAL_PLACEHOLDER",
      [field],
      "clientSecret is a placeholder, not a secret.",
      `Write "clientSecret": "env:${DEFAULT_ENV_NAMES.clientSecret}" and set that variable where the app runs.`,
    );
  }
  return undefined;
}

function resolveCredential(
  field: "clientId" | "clientSecret",
  value: string,
  env: ValidateConfigOptions["env"],
  out: ConfigIssue[],
): CredentialResolution {
  const ref = parseEnvRef(value);
  if (ref.kind === "invalid") {
    const intended = intendedEnvRef(value);
    out.push(
      issue(
        "ENV_REF_INVALID",
        [field],
        `${field} starts with env: but what follows is not a valid variable name.`,
        intended === undefined
          ? `Write env:NAME, where NAME has letters, digits and underscores and does not start with a digit, for example env:${DEFAULT_ENV_NAMES[field]}.`
          : `Write "${field}": "${intended}".`,
      ),
    );
    return { value: undefined, envName: undefined, label: field };
  }
  if (ref.kind === "literal") {
    if (field === "clientSecret" && value.trim() === "") {
      out.push(
        issue(
          "CREDENTIAL_EMPTY",
          [field],
          "clientSecret is empty.",
          'Write "clientSecret": "env:INTERCOM_CLIENT_SECRET" and set that variable where the app runs.',
        ),
      );
      return { value: undefined, envName: undefined, label: field };
    }
    const reference = referenceIssue(field, value);
    if (reference !== undefined) {
      out.push(reference);
      return { value: undefined, envName: undefined, label: field };
    }
    if (field === "clientSecret") {
      out.push(secretInFile());
      return { value: undefined, envName: undefined, label: field };
    }
    return { value, envName: undefined, label: field };
  }
  const label = `${field} (from ${ref.name})`;
  if (env === undefined) return { value: undefined, envName: ref.name, label };
  const resolved = env[ref.name];
  if (resolved === undefined) {
    out.push(
      issue(
        "ENV_VAR_UNSET",
        [field],
        `${field} refers to the environment variable ${ref.name}, which is not set.`,
        `Set ${ref.name} (in CI, as a secret), or skip the environment check with --no-env.`,
      ),
    );
  }
  return { value: resolved, envName: ref.name, label };
}

function secretInFile(): ConfigIssue {
  return issue(
    "SECRET_IN_FILE",
    ["clientSecret"],
    "clientSecret holds a literal secret; a secret must never be in a committed file (its value is not shown here).",
    'Write "clientSecret": "env:INTERCOM_CLIENT_SECRET", set that variable where the app runs, and rotate the secret in Developer Hub if this file was ever committed or shared.',
  );
}

function checkApp(value: unknown): ConfigIssue[] {
  if (!isPlainObject(value)) return [];
  const out: ConfigIssue[] = [];
  const url = value.installInstructionsUrl;
  if (typeof url === "string") {
    let ok = /^https:\/\//.test(url);
    if (ok) {
      try {
        ok = new URL(url).hostname !== "";
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      out.push(
        issue(
          "INVALID_URL",
          ["app", "installInstructionsUrl"],
          "app.installInstructionsUrl is not an absolute https URL.",
          "Write the full URL of your install instructions, starting with https://.",
        ),
      );
    }
  }
  if (value.listing === "unlisted" && url === undefined) {
    out.push(
      issue(
        "APP_INSTALL_INSTRUCTIONS_MISSING",
        ["app"],
        "app.listing is unlisted but app.installInstructionsUrl is not set.",
        "Unlisted apps are installed from your own product: reviewers need clear install instructions. Add their URL.",
      ),
    );
  }
  return out;
}

function makeConfig(
  fields: Omit<ResolvedConfig, "clientSecret" | "toJSON">,
  secret: string | undefined,
): ResolvedConfig {
  const toJSON = (): Record<string, unknown> => ({
    ...fields,
    clientSecret: secret === undefined ? undefined : mask(secret),
  });
  const config = { ...fields } as Record<PropertyKey, unknown>;
  Object.defineProperty(config, "clientSecret", { get: () => secret, enumerable: false });
  return Object.freeze(installSafeView(config, toJSON)) as unknown as ResolvedConfig;
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
          `The config must be a JSON object, not ${describe(raw)}.`,
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

  if (input.region !== undefined && !isRegion(input.region)) {
    const near = typeof input.region === "string" ? closestMatch(input.region, REGIONS) : undefined;
    const shown = typeof input.region === "string" ? `"${input.region}"` : describe(input.region);
    issues.push(
      issue(
        "INVALID_REGION",
        ["region"],
        `region is ${shown}, which is not an Intercom region${near === undefined ? "" : `; did you mean "${near}"?`}`,
        'Use "us" (the default), "eu" or "au".',
      ),
    );
  }

  const scopeIssues = checkScopeSpec(input.scopes);
  issues.push(...scopeIssues);
  let scopes: ScopeId[] = [];
  if (input.scopes !== undefined && !scopeIssues.some(isError)) {
    const resolved = checkResolvedScopes(input.scopes as ScopeSpec);
    scopes = resolved.scopes;
    issues.push(...resolved.issues);
  }

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
    },
    secret?.value,
  );
  return { valid: true, config, issues };
}
