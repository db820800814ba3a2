// The options of toNodeHandler, checked once when the handler is made, so that a typo fails at
// startup rather than on the first request.
import { IntercomOAuthError } from "../errors.js";

/** The default body cap: 1 MiB, the webhook handlers' own cap. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * Options of {@link toNodeHandler} and {@link toFastifyRoute}.
 *
 * @example
 * ```ts
 * const options: NodeHandlerOptions = { origin: "https://app.example.com", maxBodyBytes: 65_536 };
 * ```
 */
export interface NodeHandlerOptions {
  /**
   * The public origin of your service, such as `https://app.example.com`: every `Request` gets
   * it, whatever `Host` the client sent. The safest choice in production. Not with `trustProxy`.
   */
  readonly origin?: string;
  /**
   * Read the origin from `X-Forwarded-Proto` and `X-Forwarded-Host` (first values), set by a
   * reverse proxy that overwrites them. Default `false`: the socket's own protocol and the
   * `Host` header. Only turn it on behind such a proxy, or clients can forge them.
   */
  readonly trustProxy?: boolean;
  /**
   * The largest request body read, in bytes (1 to 2^31). Default 1,048,576 (1 MiB). A larger
   * body is answered `413` and never reaches the handler.
   */
  readonly maxBodyBytes?: number;
}

/** The checked options. @internal */
export interface NodeSettings {
  readonly origin: string | undefined;
  readonly trustProxy: boolean;
  readonly maxBodyBytes: number;
}

function originProblem(origin: unknown): string | undefined {
  if (origin === undefined) return undefined;
  const message = 'origin must be an absolute http(s) origin such as "https://app.example.com" (no path).';
  if (typeof origin !== "string") return message;
  try {
    const url = new URL(origin);
    if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== origin.replace(/\/$/, ""))
      return message;
  } catch {
    return message;
  }
  return undefined;
}

/**
 * @throws IntercomOAuthError `INVALID_OPTIONS` listing every problem.
 * @internal
 */
export function checkNodeOptions(input: unknown, caller: string): NodeSettings {
  const options = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (input !== undefined && options !== input) problems.push("options must be an object when given.");
  const origin = originProblem(options.origin);
  if (origin !== undefined) problems.push(origin);
  if (options.trustProxy !== undefined && typeof options.trustProxy !== "boolean")
    problems.push("trustProxy must be a boolean when given.");
  if (options.trustProxy === true && options.origin !== undefined)
    problems.push("origin and trustProxy exclude each other: a fixed origin ignores every header.");
  const max = options.maxBodyBytes;
  if (max !== undefined && (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 2 ** 31))
    problems.push("maxBodyBytes must be an integer from 1 to 2147483648 when given.");
  if (problems.length > 0) {
    throw new IntercomOAuthError(
      "INVALID_OPTIONS",
      `Invalid options for ${caller}():\n- ${problems.join("\n- ")}\nFix the options listed above.`,
      { problems },
    );
  }
  return {
    origin: typeof options.origin === "string" ? new URL(options.origin).origin : undefined,
    trustProxy: options.trustProxy === true,
    maxBodyBytes: (max as number | undefined) ?? DEFAULT_MAX_BODY_BYTES,
  };
}
