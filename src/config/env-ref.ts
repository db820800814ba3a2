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
