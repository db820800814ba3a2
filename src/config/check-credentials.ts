// The credentials section of validateConfig: env references and literal values of
// clientId and clientSecret. The shape of the resolved values is checked by credentials.ts.

import { isPlaceholder } from "./credentials.js";
import { type EnvResolution, resolveEnvRef } from "./env-ref.js";
import { type ConfigIssue, issue } from "./issues.js";

/** A credential field after its env reference, if any, is read. @internal */
export interface CredentialResolution {
  /** The value to check and use; `undefined` when absent, unresolved or refused. */
  readonly value: string | undefined;
  /** The variable it is read from, when it is an env reference. */
  readonly envName: string | undefined;
  /** How messages name it: `clientId`, or `clientId (from NAME)`. */
  readonly label: string;
}

type Field = "clientId" | "clientSecret";

const DEFAULT_ENV_NAMES = { clientId: "INTERCOM_CLIENT_ID", clientSecret: "INTERCOM_CLIENT_SECRET" } as const;

// A value that names a variable in another syntax: a reference, never a committed secret.
function otherSyntaxIssue(field: Field, ref: Extract<EnvResolution, { kind: "other-syntax" }>): ConfigIssue {
  const fix = `Write "${field}": "${ref.intended}": the config's reference syntax is env:NAME, in lower case.`;
  return ref.envPrefixed
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

// Why a literal value is refused, if it is: only the client secret must never be literal.
function literalIssue(field: Field, value: string): ConfigIssue | undefined {
  if (field !== "clientSecret") return undefined;
  if (value.trim() === "") {
    return issue(
      "CREDENTIAL_EMPTY",
      [field],
      "clientSecret is empty.",
      'Write "clientSecret": "env:INTERCOM_CLIENT_SECRET" and set that variable where the app runs.',
    );
  }
  if (isPlaceholder(value.trim())) {
    return issue(
      "CREDENTIAL_PLACEHOLDER",
      [field],
      "clientSecret is a placeholder, not a secret.",
      `Write "clientSecret": "env:${DEFAULT_ENV_NAMES.clientSecret}" and set that variable where the app runs.`,
    );
  }
  return issue(
    "SECRET_IN_FILE",
    ["clientSecret"],
    "clientSecret holds a literal secret; a secret must never be in a committed file (its value is not shown here).",
    'Write "clientSecret": "env:INTERCOM_CLIENT_SECRET", set that variable where the app runs, and rotate the secret in Developer Hub if this file was ever committed or shared.',
  );
}

/**
 * Reads one credential field: resolves its env reference against `env` (when given), and
 * reports malformed references, unset variables and literal secrets into `out`. @internal
 */
export function resolveCredential(
  field: Field,
  value: string,
  env: Readonly<Record<string, string | undefined>> | undefined,
  out: ConfigIssue[],
): CredentialResolution {
  const refused = { value: undefined, envName: undefined, label: field };
  const ref = resolveEnvRef(value, env);
  if (ref.kind === "env") {
    const label = `${field} (from ${ref.name})`;
    if (env !== undefined && ref.value === undefined) {
      out.push(
        issue(
          "ENV_VAR_UNSET",
          [field],
          `${field} refers to the environment variable ${ref.name}, which is not set.`,
          `Set ${ref.name} (in CI, as a secret), or skip the environment check with --no-env.`,
        ),
      );
    }
    return { value: ref.value, envName: ref.name, label };
  }
  if (ref.kind === "invalid") {
    out.push(
      issue(
        "ENV_REF_INVALID",
        [field],
        `${field} starts with env: but what follows is not a valid variable name.`,
        ref.intended === undefined
          ? `Write env:NAME, where NAME has letters, digits and underscores and does not start with a digit, for example env:${DEFAULT_ENV_NAMES[field]}.`
          : `Write "${field}": "${ref.intended}".`,
      ),
    );
    return refused;
  }
  const refusal = ref.kind === "other-syntax" ? otherSyntaxIssue(field, ref) : literalIssue(field, value);
  if (refusal !== undefined) {
    out.push(refusal);
    return refused;
  }
  return { value, envName: undefined, label: field };
}
