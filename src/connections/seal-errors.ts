/**
 * How the stores call a sealer: its failures become coded errors that name the workspace,
 * and a custom sealer's own errors never carry through as anything but a cause.
 *
 * @module
 */

import { IntercomOAuthError, isIntercomOAuthError } from "../errors.js";
import type { TokenSealer } from "./sealer.js";

/**
 * Whether `value` has the three methods of a TokenSealer.
 * @internal
 */
export function isSealer(value: unknown): value is TokenSealer {
  const s = value as Partial<Record<keyof TokenSealer, unknown>> | null | undefined;
  return (
    typeof s === "object" &&
    s !== null &&
    typeof s.seal === "function" &&
    typeof s.unseal === "function" &&
    typeof s.needsReseal === "function"
  );
}

/**
 * The token of `workspaceId`, unsealed; SEAL_INVALID naming the workspace when it cannot be.
 * @internal
 */
export async function openToken(sealer: TokenSealer, sealed: string, workspaceId: string): Promise<string> {
  try {
    return await sealer.unseal(sealed, { context: workspaceId });
  } catch (error) {
    const reason = isIntercomOAuthError(error, "SEAL_INVALID") ? ` ${error.message}` : "";
    throw new IntercomOAuthError(
      "SEAL_INVALID",
      `The stored token of workspace ${JSON.stringify(workspaceId)} cannot be unsealed.${reason}`,
      { cause: isIntercomOAuthError(error) ? error : undefined },
    );
  }
}

/**
 * The token sealed for `workspaceId`; a custom sealer's failure becomes STORE_FAILED.
 * @internal
 */
export async function sealToken(sealer: TokenSealer, token: string, workspaceId: string): Promise<string> {
  let sealed: unknown;
  try {
    sealed = await sealer.seal(token, { context: workspaceId });
  } catch (error) {
    if (isIntercomOAuthError(error)) throw error;
    throw new IntercomOAuthError("STORE_FAILED", "The sealer failed to seal the token; check the sealer's keys.");
  }
  if (typeof sealed !== "string" || sealed === "") {
    throw new IntercomOAuthError("STORE_FAILED", "The sealer returned no sealed string; check the sealer.");
  }
  return sealed;
}
