/**
 * What the handlers carry through the flow beside the state: the caller's `stateData`, the
 * connection's `owner` and the region, in one JSON object `{"d": data, "o": owner, "r": region}` for the signed and
 * `stateStore` modes (the cookie carries them as fields of its own payload). Both travel
 * together, so what authenticates one authenticates the other.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";
import { isRegion, type Region } from "../regions.js";
import type { StateData } from "./handlers-types.js";

/** What `start` put in the state. @internal */
export interface Carried {
  readonly data: StateData;
  readonly owner: string | null;
  /** The region chosen at start; absent only in a state made before regions were carried. */
  readonly region?: Region | undefined;
}

/** The longest owner kept: an id, not a document. */
export const MAX_OWNER_LENGTH = 1024;

/** The JSON object stored or signed for a flow. @internal */
export function pack(carried: Carried): StateData {
  return carried.region === undefined
    ? { d: carried.data, o: carried.owner }
    : { d: carried.data, o: carried.owner, r: carried.region };
}

function isObject(value: unknown): value is StateData {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The data and owner of a packed value.
 * @throws IntercomOAuthError `STATE_INVALID` for anything {@link pack} did not make.
 * @internal
 */
export function unpack(value: unknown, where: "signed" | "store"): Carried {
  const packed = isObject(value) ? value : undefined;
  const data = packed?.d;
  const owner = packed?.o;
  const region = packed?.r;
  if (!isObject(data) || (typeof owner !== "string" && owner !== null) || (region !== undefined && !isRegion(region))) {
    throw new IntercomOAuthError(
      "STATE_INVALID",
      where === "store"
        ? "The stateStore returned a value that start did not store (it needs the handlers' own { d, o, r } object back, unchanged). Return exactly what set() was given, then start the connection again."
        : "The signed state does not carry what the handlers put in it (it was made by another version or by createSignedState directly). Start the connection again.",
    );
  }
  return { data, owner, region };
}

/**
 * Checks what `owner(request)` returned.
 * @returns a problem, or `undefined` when it is a usable owner
 * @internal
 */
export function ownerProblem(owner: unknown): string | undefined {
  if (owner === null) return undefined;
  if (typeof owner !== "string") return `owner returned ${typeof owner}`;
  if (owner.length === 0) return "owner returned an empty string (return null for no owner)";
  if (owner.length > MAX_OWNER_LENGTH) return `owner returned ${owner.length} characters (at most ${MAX_OWNER_LENGTH})`;
  return undefined;
}
