/**
 * The code-for-token exchange, and the token object it returns.
 *
 * @see https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
 * @module
 */

import type { Simplify } from "type-fest";
import * as z from "zod/mini";
import { IntercomOAuthError } from "../errors.js";
import { MAX_CODE_LENGTH } from "./callback.js";
import { errorFromResponse, invalidResponse } from "./intercom-errors.js";
import { send, type HttpSettings } from "./http.js";
import { INSPECT, mask } from "../redact.js";

/** The safe, serializable view of an {@link IntercomToken}: the access token is masked. */
export interface IntercomTokenJSON {
  readonly tokenType: "Bearer";
  /** A mask such as `dG9r…(44 chars)`, never the token. */
  readonly accessToken: string;
  readonly expiresAt: null;
  readonly refreshToken: null;
}

/**
 * An Intercom access token.
 *
 * Intercom tokens do not expire and come with no refresh token: the token lives until
 * the workspace uninstalls the app or you call `revokeToken`. Hence `expiresAt` and
 * `refreshToken` are always `null`.
 *
 * **Warning:** the object hides its token from `JSON.stringify`, `String()` and
 * `util.inspect`, so logging it is safe but serializing it does NOT store the token.
 * Store `token.accessToken` explicitly, encrypted at rest, next to the workspace id
 * from `getIdentity`.
 */
export interface IntercomToken {
  /** The bearer token for `Authorization: Bearer …`. Store it encrypted; never log it. */
  readonly accessToken: string;
  /** Always `"Bearer"`. */
  readonly tokenType: "Bearer";
  /** Always `null`: Intercom tokens do not expire. */
  readonly expiresAt: null;
  /** Always `null`: Intercom issues no refresh token. */
  readonly refreshToken: null;
  /** The masked view; what `JSON.stringify(token)` produces. */
  toJSON(): IntercomTokenJSON;
  /** A masked description, never the token. */
  toString(): string;
}

// The class is defined, and its prototype frozen, when the first token is made: importing the
// module runs nothing, and a bundle that never makes a token drops it.
function defineToken() {
  class Token implements IntercomToken {
    readonly #accessToken: string;
    readonly tokenType = "Bearer" as const;
    readonly expiresAt = null;
    readonly refreshToken = null;

    constructor(accessToken: string) {
      this.#accessToken = accessToken;
      Object.freeze(this);
    }

    get accessToken(): string {
      return this.#accessToken;
    }

    toJSON(): IntercomTokenJSON {
      return { tokenType: this.tokenType, accessToken: mask(this.#accessToken), expiresAt: null, refreshToken: null };
    }

    toString(): string {
      return `IntercomToken(Bearer ${mask(this.#accessToken)})`;
    }

    [INSPECT](): string {
      return `IntercomToken ${JSON.stringify(this.toJSON())}`;
    }
  }
  Object.freeze(Token.prototype);
  return Token;
}

let Token: ReturnType<typeof defineToken> | undefined;

function newToken(accessToken: string): IntercomToken {
  Token ??= defineToken();
  return new Token(accessToken);
}

/** Wraps a stored access token in an {@link IntercomToken}. */
export function toIntercomToken(accessToken: string): IntercomToken {
  return newToken(accessToken);
}

/** Where the access token comes from: the string itself, or an {@link IntercomToken}. */
export type AccessTokenInput = string | Simplify<Pick<IntercomToken, "accessToken">>;

/**
 * The longest access token accepted, in characters. Intercom's tokens are about 60
 * characters; 2,048 leaves ample room for a longer format while keeping a hostile or broken
 * answer from planting a huge value in your database and in every `Authorization` header
 * (servers commonly refuse header lines over 8 KiB).
 * @internal
 */
export const MAX_ACCESS_TOKEN_LENGTH = 2048;

/** What is wrong with a would-be access token, or undefined when nothing is. Never quotes it. */
function tokenProblem(value: string): string | undefined {
  if (value.length > MAX_ACCESS_TOKEN_LENGTH) {
    return `it is ${value.length} characters long, over the ${MAX_ACCESS_TOKEN_LENGTH} the SDK accepts (Intercom's are about 60)`;
  }
  // Printable ASCII only: an Authorization header cannot carry anything else.
  if (/[^\x21-\x7e]/.test(value)) {
    return "it contains whitespace, control or non-ASCII characters, which an access token never holds and an Authorization header cannot carry";
  }
  return undefined;
}

/** @internal */
export function accessTokenOf(input: AccessTokenInput, fn: string): string {
  const value =
    typeof input === "string" ? input : typeof input === "object" && input !== null ? input.accessToken : undefined;
  const problem = typeof value !== "string" || value === "" ? "it is missing or empty" : tokenProblem(value);
  if (problem !== undefined) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `${fn} needs the access token (token.accessToken from exchangeCode, or the one you stored), but ${problem}. ` +
        `Pass the token exactly as Intercom issued it: a non-empty string of printable ASCII without whitespace, at most ${MAX_ACCESS_TOKEN_LENGTH} characters.`,
      { problems: [`accessToken: ${problem}.`] },
    );
  }
  return value as string;
}

// Intercom documents `token` and `access_token` (a duplicate); either may be missing.
// Built on first use, not at import.
let tokenAnswer: ReturnType<typeof buildTokenAnswerSchema> | undefined;
function buildTokenAnswerSchema() {
  const nonEmpty = z.optional(z.string().check(z.minLength(1)));
  return z.object({ token: nonEmpty, access_token: nonEmpty, token_type: z.optional(z.string()) });
}
const tokenAnswerSchema = () => (tokenAnswer ??= buildTokenAnswerSchema());

/** @internal */
export interface ExchangeContext {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly http: HttpSettings;
}

/**
 * POSTs the code as a form and returns the token. One attempt only: the code is
 * single-use, so a retried POST that had reached Intercom would fail as INVALID_GRANT
 * and hide the real error.
 * @internal
 */
export async function exchangeCode(
  context: ExchangeContext,
  code: string,
  signal: AbortSignal | undefined,
): Promise<IntercomToken> {
  if (typeof code !== "string" || code === "") {
    throw new IntercomOAuthError(
      "CODE_MISSING",
      "exchangeCode got no authorization code. Pass the code returned by parseCallback.",
    );
  }
  if (code.length > MAX_CODE_LENGTH) {
    const message = `exchangeCode got a code of ${code.length} characters; Intercom's codes are far shorter (at most ${MAX_CODE_LENGTH} are accepted). Pass the code returned by parseCallback.`;
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  const secrets = [context.clientSecret, code];
  const form = new URLSearchParams({ code, client_id: context.clientId, client_secret: context.clientSecret });
  let sent: Awaited<ReturnType<typeof send>>;
  try {
    sent = await send(
      context.tokenUrl,
      { operation: "exchange", method: "POST", headers: { accept: "application/json" }, form },
      context.http,
      signal,
      secrets,
    );
  } catch (error) {
    if (error instanceof IntercomOAuthError && (error.code === "TIMEOUT" || error.code === "NETWORK_ERROR")) {
      throw new IntercomOAuthError(
        error.code,
        `${error.message.replace(/ Try again[\s\S]*/, "").replace(/, then try again\.$/, ".")} The exchange is not retried: if the request reached Intercom, the single-use code is spent. ` +
          "Send the admin through the authorize URL again for a fresh code.",
        { cause: error.cause },
      );
    }
    throw error;
  }
  const { response } = sent;
  if (!response.ok) throw errorFromResponse({ operation: "exchange", response, body: sent.body, secrets });
  let json: unknown;
  try {
    json = JSON.parse(sent.body);
  } catch {
    throw invalidResponse("exchange", response, "the body is not JSON", secrets);
  }
  const parsed = tokenAnswerSchema().safeParse(json);
  if (!parsed.success) throw invalidResponse("exchange", response, "the token fields are not strings", secrets);
  const { token, access_token: accessToken, token_type: tokenType } = parsed.data;
  if (token === undefined && accessToken === undefined) {
    throw invalidResponse("exchange", response, "it has neither token nor access_token", secrets);
  }
  if (token !== undefined && accessToken !== undefined && token !== accessToken) {
    throw invalidResponse("exchange", response, "token and access_token differ", [...secrets, token, accessToken]);
  }
  const value = (token ?? accessToken) as string;
  if (tokenType !== undefined && tokenType.toLowerCase() !== "bearer") {
    throw invalidResponse("exchange", response, 'token_type is not "Bearer"', [...secrets, value]);
  }
  const problem = tokenProblem(value);
  if (problem !== undefined)
    throw invalidResponse("exchange", response, `the access token is refused: ${problem}`, [...secrets, value]);
  return newToken(value);
}
