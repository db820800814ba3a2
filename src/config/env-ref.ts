/**
 * Env references: `env:NAME` in a config value means "read the environment variable NAME".
 *
 * @module
 */

/** The prefix of an env reference. */
export const ENV_REF_PREFIX = "env:";

/** A valid variable name in an env reference (letters, digits, underscore; not starting with a digit). */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The whole-value pattern of a valid env reference, as used by the JSON Schema. @internal */
export const ENV_REF_PATTERN = "^env:[A-Za-z_][A-Za-z0-9_]*$";

/** What a config string value is: a literal, a valid env reference, or a malformed one. */
export type EnvRefParse =
  | { readonly kind: "literal" }
  | { readonly kind: "env"; readonly name: string }
  | { readonly kind: "invalid"; readonly name: string };

/**
 * Classifies a config value. Anything starting with `env:` is meant as a reference;
 * if the name after it is not valid, the result is `invalid`.
 */
export function parseEnvRef(value: string): EnvRefParse {
  if (!value.startsWith(ENV_REF_PREFIX)) return { kind: "literal" };
  const name = value.slice(ENV_REF_PREFIX.length);
  return ENV_NAME_PATTERN.test(name) ? { kind: "env", name } : { kind: "invalid", name };
}

// Other ways of naming a variable: shell, PowerShell, cmd, JavaScript, and env: in another
// case or with the shell syntax inside. Each captures the name.
const OTHER_REFERENCE_SYNTAXES = [
  /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/,
  /^\$([A-Za-z_][A-Za-z0-9_]*)$/,
  /^\$env:([A-Za-z_][A-Za-z0-9_]*)$/i,
  /^%([A-Za-z_][A-Za-z0-9_]*)%$/,
  /^process\.env\.([A-Za-z_][A-Za-z0-9_]*)$/,
  /^env:\s*\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/i,
  /^env:\s*([A-Za-z_][A-Za-z0-9_]*)$/i,
];

/**
 * The env reference a value meant when it names a variable in another syntax (`${NAME}`,
 * `$NAME`, `%NAME%`, `$env:NAME`, `process.env.NAME`, `ENV:NAME`, `env:${NAME}`, `env: NAME`),
 * as its corrected form `env:NAME`; undefined otherwise, and for a valid `env:NAME`.
 * @internal
 */
export function intendedEnvRef(value: string): string | undefined {
  const trimmed = value.trim();
  if (parseEnvRef(trimmed).kind === "env" && trimmed === value) return undefined;
  for (const pattern of OTHER_REFERENCE_SYNTAXES) {
    const name = pattern.exec(trimmed)?.[1];
    if (name !== undefined) return `${ENV_REF_PREFIX}${name}`;
  }
  return undefined;
}

/**
 * What a config value stands for, the one reading of `env:NAME` that validation and the
 * CLI share. @internal
 *
 * - `literal`: a plain value;
 * - `other-syntax`: a variable named some other way (`${NAME}`, `ENV:NAME`, …), with the
 *   `env:NAME` it meant; `envPrefixed` when it starts with `env:` in some case;
 * - `invalid`: `env:` followed by a bad name, with the reference it meant when that is clear;
 * - `env`: a valid reference, with the variable's value (`undefined` when unset or when
 *   no environment was given).
 */
export type EnvResolution =
  | { readonly kind: "literal" }
  | { readonly kind: "other-syntax"; readonly intended: string; readonly envPrefixed: boolean }
  | { readonly kind: "invalid"; readonly intended: string | undefined }
  | { readonly kind: "env"; readonly name: string; readonly value: string | undefined };

/** Reads `value` as a literal or an env reference, resolved against `env` when given. @internal */
export function resolveEnvRef(value: string, env?: Readonly<Record<string, string | undefined>>): EnvResolution {
  const ref = parseEnvRef(value);
  if (ref.kind === "env") return { kind: "env", name: ref.name, value: env?.[ref.name] };
  const intended = intendedEnvRef(value);
  if (ref.kind === "invalid") return { kind: "invalid", intended };
  if (intended === undefined) return { kind: "literal" };
  return { kind: "other-syntax", intended, envPrefixed: /^\s*env:/i.test(value) };
}
