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
