/**
 * The input checks every adapter shares: a connection to save, a workspace id, a status, an
 * owner. Messages name the field, never a token.
 *
 * @module
 */

import { withSafeView } from "../connection-view.js";
import { CONNECTION_STATUSES, type Connection, type ConnectionStatus } from "../connection.js";
import { IntercomOAuthError } from "../errors.js";
import { REGIONS } from "../regions.js";

/** The longest workspace id or owner a store accepts. */
const MAX_KEY_LENGTH = 255;
/** The longest access token a store accepts (Intercom's are under 100 characters). */
const MAX_TOKEN_LENGTH = 4096;

function invalidOptions(message: string): IntercomOAuthError {
  return new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
}

const isKey = (value: unknown): value is string =>
  typeof value === "string" && value !== "" && value.length <= MAX_KEY_LENGTH;

const isDate = (value: unknown): value is Date => value instanceof Date && Number.isFinite(value.getTime());

/**
 * `workspaceId`, checked.
 * @internal
 */
export function checkWorkspaceId(value: unknown, fn: string): string {
  if (!isKey(value))
    throw invalidOptions(`${fn}: workspaceId must be a non-empty string of at most ${MAX_KEY_LENGTH} characters.`);
  return value;
}

/**
 * `owner`, checked.
 * @internal
 */
export function checkOwner(value: unknown, fn: string): string {
  if (!isKey(value))
    throw invalidOptions(`${fn}: owner must be a non-empty string of at most ${MAX_KEY_LENGTH} characters.`);
  return value;
}

/**
 * `status`, checked.
 * @internal
 */
export function checkStatus(value: unknown, fn: string): ConnectionStatus {
  if (!(CONNECTION_STATUSES as readonly unknown[]).includes(value)) {
    throw invalidOptions(`${fn}: status must be one of ${CONNECTION_STATUSES.join(", ")}.`);
  }
  return value as ConnectionStatus;
}

/**
 * Every problem of a connection to save, one line each; empty when it can be saved.
 * @internal
 */
export function connectionProblems(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return ["save expects a Connection object."];
  const c = value as Partial<Record<keyof Connection, unknown>>;
  const problems: string[] = [];
  if (!isKey(c.workspaceId))
    problems.push(`save: workspaceId must be a non-empty string of at most ${MAX_KEY_LENGTH} characters.`);
  if (!(REGIONS as readonly unknown[]).includes(c.region))
    problems.push(`save: region must be one of ${REGIONS.join(", ")}.`);
  if (typeof c.accessToken !== "string" || c.accessToken === "" || c.accessToken.length > MAX_TOKEN_LENGTH) {
    problems.push(`save: accessToken must be a non-empty string of at most ${MAX_TOKEN_LENGTH} characters.`);
  }
  const admin = c.admin as Partial<Record<string, unknown>> | null | undefined;
  if (
    typeof admin !== "object" ||
    admin === null ||
    typeof admin.id !== "string" ||
    typeof admin.email !== "string" ||
    typeof admin.emailVerified !== "boolean"
  ) {
    problems.push("save: admin must be { id: string, email: string, emailVerified: boolean }.");
  }
  if (c.owner !== null && !isKey(c.owner)) {
    problems.push(`save: owner must be null or a non-empty string of at most ${MAX_KEY_LENGTH} characters.`);
  }
  if (!(CONNECTION_STATUSES as readonly unknown[]).includes(c.status)) {
    problems.push(`save: status must be one of ${CONNECTION_STATUSES.join(", ")}.`);
  }
  if (!isDate(c.installedAt)) problems.push("save: installedAt must be a valid Date.");
  if (!isDate(c.updatedAt)) problems.push("save: updatedAt must be a valid Date.");
  return problems;
}

/**
 * The connection, checked, or INVALID_OPTIONS listing every problem.
 * @internal
 */
export function checkConnection(value: unknown): Connection {
  const problems = connectionProblems(value);
  if (problems.length > 0) throw new IntercomOAuthError("INVALID_OPTIONS", problems.join("\n"), { problems });
  return value as Connection;
}

/**
 * A copy of a connection, so that the caller and the store never share an object.
 * @internal
 */
export function copyConnection(c: Connection, accessToken = c.accessToken): Connection {
  return withSafeView({
    workspaceId: c.workspaceId,
    region: c.region,
    accessToken,
    admin: { id: c.admin.id, email: c.admin.email, emailVerified: c.admin.emailVerified },
    owner: c.owner,
    status: c.status,
    installedAt: new Date(c.installedAt.getTime()),
    updatedAt: new Date(c.updatedAt.getTime()),
  });
}
