// Option schemas shared by createIntercomOAuth and the standalone createAuthorizationUrl.
// Every problem becomes one readable line; no line ever repeats a submitted value that could be a secret.

import * as z from "zod/mini";
import { apiVersionProblem } from "./api-version.js";
import { IntercomOAuthError } from "../errors.js";
import { LOOPBACK_RULE, MAX_REDIRECT_URI_LENGTH, inspectRedirectUri } from "../redirect-uri.js";
import { REGIONS, type IntercomBaseUrls, type RegionalBaseUrls } from "../regions.js";
import { closestMatch } from "../suggest.js";

/** The largest delay `setTimeout` accepts (2^31 - 1 ms). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

// The client's wording of each error of the shared rule set (src/redirect-uri.ts). A function,
// not a table: a table with computed text would be built at import time.
const redirectUriMessages = (): Record<string, string> => ({
  "too-long": `redirectUri is longer than ${MAX_REDIRECT_URI_LENGTH} characters.`,
  whitespace: "redirectUri contains whitespace (often a newline from an env file); remove it.",
  "not-absolute": "redirectUri must be an absolute URL such as https://example.com/oauth/callback.",
  unparsable: "redirectUri must be an absolute URL such as https://example.com/oauth/callback.",
  "not-https": `redirectUri must use https: Developer Hub only accepts HTTPS Redirect URLs (${LOOPBACK_RULE}).`,
  userinfo: "redirectUri must not contain a user name or password.",
  "empty-host": "redirectUri must name a host, as in https://example.com/oauth/callback.",
  fragment: "redirectUri must not contain a #fragment.",
  wildcard: "redirectUri must not contain a wildcard: register and use the exact URL.",
});

/** Why `value` is not a usable redirect URI, or undefined when it is (warnings are accepted). */
export function redirectUriProblem(value: string): string | undefined {
  const error = inspectRedirectUri(value).find((finding) => finding.severity === "error");
  return error === undefined ? undefined : redirectUriMessages()[error.kind];
}

/** Why `value` is not a usable base URL (an http(s) origin), or undefined when it is. */
function baseUrlProblem(name: string, value: unknown): string | undefined {
  if (typeof value !== "string") return `${name} must be a string origin.`;
  const url = parseUrl(value);
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return `${name} must be an http(s) origin such as https://proxy.example.com or http://127.0.0.1:4010.`;
  }
  if (url.username !== "" || url.password !== "") return `${name} must not contain a user name or password.`;
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || value.includes("?") || value.includes("#")) {
    return `${name} must be an origin only (scheme, host and port), without a path, query or fragment.`;
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The problems of `{ app?, api? }` at `prefix`. */
function hostsProblems(value: unknown, prefix: string): string[] {
  if (!isObject(value)) return [`${prefix} must be an object such as { api: "http://127.0.0.1:4010" }.`];
  const problems: string[] = [];
  for (const [key, origin] of Object.entries(value)) {
    if (key !== "app" && key !== "api") problems.push(`Unknown option "${prefix}.${key}".`);
    else if (origin !== undefined) {
      const problem = baseUrlProblem(`${prefix}.${key}`, origin);
      if (problem !== undefined) problems.push(problem);
    }
  }
  return problems;
}

/** The problems of `baseUrls`: one set of hosts for every region, or one per region, not both. */
function baseUrlsProblems(value: unknown): string[] {
  if (!isObject(value) || !Object.keys(value).some((key) => (REGIONS as readonly string[]).includes(key))) {
    return hostsProblems(value, "baseUrls");
  }
  const problems: string[] = [];
  for (const [key, hosts] of Object.entries(value)) {
    if ((REGIONS as readonly string[]).includes(key)) {
      if (hosts !== undefined) problems.push(...hostsProblems(hosts, `baseUrls.${key}`));
    } else {
      problems.push(`Unknown option "baseUrls.${key}": per-region baseUrls take us, eu and au only.`);
    }
  }
  return problems;
}

type Problem<T> = (value: T) => string | undefined;

// Turns a plain-code problem finder into a zod check: one issue, with the problem as its message.
const checkWith =
  <T>(problem: Problem<T>) =>
  (ctx: z.core.ParsePayload<T>) => {
    const message = problem(ctx.value);
    if (message !== undefined) ctx.issues.push({ code: "custom", input: "", message });
  };

const checkedString = (problem: Problem<string>, typeMessage: string) =>
  z.string({ error: typeMessage }).check(checkWith(problem));

const trimmedString = (name: string, hint: string) =>
  checkedString(
    (value) =>
      value === ""
        ? `${name} is empty. ${hint}`
        : value.trim() === value
          ? undefined
          : `${name} has leading or trailing whitespace (often a newline from an env file). Trim it.`,
    `${name} must be a string. ${hint}`,
  );

/** A whole number from `min` to `max`, with a message for each way to miss. */
const wholeNumber = (name: string, unit: string, min: number, tooLow: string, max: number, tooHigh: string) =>
  z
    .number({ error: `${name} must be a number${unit}.` })
    .check(
      checkWith((value) =>
        !Number.isInteger(value)
          ? `${name} must be a whole number${unit}.`
          : value < min
            ? `${name} must be ${tooLow}.`
            : value > max
              ? `${name} must be at most ${max}${tooHigh}.`
              : undefined,
      ),
    );

const CREDENTIALS_HINT = "Copy it from Developer Hub > your app > Basic information.";

const clientIdSchema = () => trimmedString("clientId", CREDENTIALS_HINT);
const regionSchema = () =>
  z.optional(z.enum(REGIONS, { error: `region must be one of ${REGIONS.map((r) => `"${r}"`).join(", ")}.` }));
const redirectUriSchema = () =>
  z.optional(
    checkedString(
      redirectUriProblem,
      "redirectUri must be a string: one of the Redirect URLs registered in Developer Hub.",
    ),
  );
const baseUrlsSchema = () =>
  z.optional(
    z
      .custom<IntercomBaseUrls | RegionalBaseUrls>(isObject, {
        error: 'baseUrls must be an object such as { api: "http://127.0.0.1:4010" }.',
      })
      .check((ctx) => {
        for (const message of baseUrlsProblems(ctx.value)) ctx.issues.push({ code: "custom", input: "", message });
      }),
  );

// The schemas are built on first use, not at import: an app that never calls the flow pays nothing.
let authorizationUrlInput: ReturnType<typeof buildAuthorizationUrlInputSchema> | undefined;
let clientOptions: ReturnType<typeof buildClientOptionsSchema> | undefined;

function buildAuthorizationUrlInputSchema() {
  return z.strictObject({
    clientId: clientIdSchema(),
    state: z.optional(
      checkedString(
        (value) => (value === "" ? "state is empty; omit it to have one generated." : undefined),
        "state must be a string; omit it to have one generated.",
      ),
    ),
    redirectUri: redirectUriSchema(),
    region: regionSchema(),
    baseUrls: baseUrlsSchema(),
  });
}

function buildClientOptionsSchema() {
  return z.strictObject({
    clientId: clientIdSchema(),
    clientSecret: trimmedString("clientSecret", CREDENTIALS_HINT),
    redirectUri: redirectUriSchema(),
    region: regionSchema(),
    // Any sendable string: an unknown version is Intercom's to refuse, not ours.
    apiVersion: z.optional(checkedString(apiVersionProblem, 'apiVersion must be a string such as "2.14".')),
    timeoutMs: z.optional(
      wholeNumber("timeoutMs", " of milliseconds", 1, "greater than 0", MAX_TIMEOUT_MS, " (the largest timer delay)"),
    ),
    fetch: z.optional(
      z.custom<typeof globalThis.fetch>((v) => typeof v === "function", {
        error: "fetch must be a function with the signature of the global fetch.",
      }),
    ),
    baseUrls: baseUrlsSchema(),
    maxRetries: z.optional(wholeNumber("maxRetries", "", 0, "0 or more", 10, "")),
  });
}

/** Schema of the standalone authorize-URL input, built on first use. */
export const authorizationUrlInputSchema = () => (authorizationUrlInput ??= buildAuthorizationUrlInputSchema());

/** Schema of createIntercomOAuth's options, built on first use. */
export const clientOptionsSchema = () => (clientOptions ??= buildClientOptionsSchema());

/** The keys one type has and the other lacks: `never` when both name the same keys. */
type KeyDrift<A, B> = Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>;

/**
 * Compile-time tie between an options interface and its schema: `[]` when they name the
 * same keys and every parsed value fits the interface, else one extra, impossible argument
 * that names the drifting keys, so that the call to {@link parseOptions} fails to type-check.
 */
type SchemaMatches<S extends z.ZodMiniObject, I> = [KeyDrift<z.infer<S>, I>] extends [never]
  ? [z.infer<S>] extends [I]
    ? []
    : [parsedValuesDoNotFitTheInterface: never]
  : [keysInOnlyOneOfSchemaAndInterface: KeyDrift<z.infer<S>, I>, _: never];

/**
 * Parses `input` with `schema`, or throws INVALID_OPTIONS listing every problem.
 * `I` is the public options interface; it must match the schema (see {@link SchemaMatches}).
 * @internal
 */
export function parseOptions<S extends z.ZodMiniObject, I extends object>(
  schema: S,
  input: I,
  what: string,
  ..._tie: SchemaMatches<S, I>
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const known = Object.keys(schema.shape);
  const problems: string[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const prefix = issue.path.length > 0 ? `${issue.path.map(String).join(".")}.` : "";
        const near = prefix === "" ? closestMatch(key, known) : undefined;
        problems.push(`Unknown option "${prefix}${key}".${near === undefined ? "" : ` Did you mean "${near}"?`}`);
      }
    } else if (issue.path.length === 0 && issue.code === "invalid_type") {
      problems.push(`${what} expects an options object.`);
    } else {
      problems.push(issue.message);
    }
  }
  throw new IntercomOAuthError(
    "INVALID_OPTIONS",
    `Invalid options for ${what}:\n- ${problems.join("\n- ")}\nFix the options listed above.`,
    { problems },
  );
}
