// Option schemas shared by createIntercomOAuth and the standalone createAuthorizationUrl.
// Every problem becomes one readable line; no line ever repeats a submitted value that could be a secret.

import { z } from "zod";
import { apiVersionProblem } from "./api-version.js";
import { IntercomOAuthError } from "../errors.js";
import { LOOPBACK_RULE, MAX_REDIRECT_URI_LENGTH, inspectRedirectUri } from "../redirect-uri.js";
import { REGIONS } from "../regions.js";
import { closestMatch } from "../suggest.js";

/** The largest delay `setTimeout` accepts (2^31 - 1 ms). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

// The client's wording of each error of the shared rule set (src/redirect-uri.ts).
const REDIRECT_URI_MESSAGES: Record<string, string> = {
  "too-long": `redirectUri is longer than ${MAX_REDIRECT_URI_LENGTH} characters.`,
  whitespace: "redirectUri contains whitespace (often a newline from an env file); remove it.",
  "not-absolute": "redirectUri must be an absolute URL such as https://example.com/oauth/callback.",
  unparsable: "redirectUri must be an absolute URL such as https://example.com/oauth/callback.",
  "not-https": `redirectUri must use https: Developer Hub only accepts HTTPS Redirect URLs (${LOOPBACK_RULE}).`,
  userinfo: "redirectUri must not contain a user name or password.",
  "empty-host": "redirectUri must name a host, as in https://example.com/oauth/callback.",
  fragment: "redirectUri must not contain a #fragment.",
  wildcard: "redirectUri must not contain a wildcard: register and use the exact URL.",
};

/** Why `value` is not a usable redirect URI, or undefined when it is (warnings are accepted). */
export function redirectUriProblem(value: string): string | undefined {
  const error = inspectRedirectUri(value).find((finding) => finding.severity === "error");
  return error === undefined ? undefined : REDIRECT_URI_MESSAGES[error.kind];
}

/** Why `value` is not a usable base URL (an http(s) origin), or undefined when it is. */
function baseUrlProblem(name: string, value: string): string | undefined {
  const url = parseUrl(value);
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return `baseUrls.${name} must be an http(s) origin such as https://proxy.example.com or http://127.0.0.1:4010.`;
  }
  if (url.username !== "" || url.password !== "") return `baseUrls.${name} must not contain a user name or password.`;
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || value.includes("?") || value.includes("#")) {
    return `baseUrls.${name} must be an origin only (scheme, host and port), without a path, query or fragment.`;
  }
  return undefined;
}

const trimmedString = (name: string, hint: string) =>
  z.string({ error: `${name} must be a string. ${hint}` }).check((ctx) => {
    if (ctx.value.length === 0) ctx.issues.push({ code: "custom", input: "", message: `${name} is empty. ${hint}` });
    else if (ctx.value.trim() !== ctx.value) {
      ctx.issues.push({
        code: "custom",
        input: "",
        message: `${name} has leading or trailing whitespace (often a newline from an env file). Trim it.`,
      });
    }
  });

const checkedString = (problem: (v: string) => string | undefined, typeMessage: string) =>
  z.string({ error: typeMessage }).check((ctx) => {
    const message = problem(ctx.value);
    if (message !== undefined) ctx.issues.push({ code: "custom", input: "", message });
  });

const CREDENTIALS_HINT = "Copy it from Developer Hub > your app > Basic information.";

export const clientIdSchema = trimmedString("clientId", CREDENTIALS_HINT);
export const clientSecretSchema = trimmedString("clientSecret", CREDENTIALS_HINT);
export const regionSchema = z.enum(REGIONS, {
  error: `region must be one of ${REGIONS.map((r) => `"${r}"`).join(", ")}.`,
});
export const redirectUriSchema = checkedString(
  redirectUriProblem,
  "redirectUri must be a string: one of the Redirect URLs registered in Developer Hub.",
);
export const baseUrlsSchema = z.strictObject(
  {
    app: checkedString((v) => baseUrlProblem("app", v), "baseUrls.app must be a string origin.").optional(),
    api: checkedString((v) => baseUrlProblem("api", v), "baseUrls.api must be a string origin.").optional(),
  },
  { error: 'baseUrls must be an object such as { api: "http://127.0.0.1:4010" }.' },
);
export const stateOptionSchema = z
  .string({ error: "state must be a string; omit it to have one generated." })
  .check((ctx) => {
    if (ctx.value.length === 0)
      ctx.issues.push({ code: "custom", input: "", message: "state is empty; omit it to have one generated." });
  });

/** Schema of the standalone authorize-URL input. */
export const authorizationUrlInputSchema = z.strictObject({
  clientId: clientIdSchema,
  state: stateOptionSchema.optional(),
  redirectUri: redirectUriSchema.optional(),
  region: regionSchema.optional(),
  baseUrls: baseUrlsSchema.optional(),
});

/** Schema of createIntercomOAuth's options. */
export const clientOptionsSchema = z.strictObject({
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
  redirectUri: redirectUriSchema.optional(),
  region: regionSchema.optional(),
  // Any sendable string: an unknown version is Intercom's to refuse, not ours.
  apiVersion: checkedString(apiVersionProblem, 'apiVersion must be a string such as "2.14".').optional(),
  timeoutMs: z
    .number({ error: "timeoutMs must be a number of milliseconds." })
    .int({ error: "timeoutMs must be a whole number of milliseconds." })
    .positive({ error: "timeoutMs must be greater than 0." })
    .max(MAX_TIMEOUT_MS, { error: `timeoutMs must be at most ${MAX_TIMEOUT_MS} (the largest timer delay).` })
    .optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((v) => typeof v === "function", {
      error: "fetch must be a function with the signature of the global fetch.",
    })
    .optional(),
  baseUrls: baseUrlsSchema.optional(),
  maxRetries: z
    .number({ error: "maxRetries must be a number." })
    .int({ error: "maxRetries must be a whole number." })
    .min(0, { error: "maxRetries must be 0 or more." })
    .max(10, { error: "maxRetries must be at most 10." })
    .optional(),
});

/**
 * Parses `input` with `schema`, or throws INVALID_OPTIONS listing every problem.
 * @internal
 */
export function parseOptions<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
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
