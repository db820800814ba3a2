/**
 * How a connection is laid out in a SQL row, both ways. Times are milliseconds since the epoch
 * (BIGINT / INTEGER), `admin_email_verified` is 0 or 1, and the token is only ever the sealed
 * string.
 *
 * @module
 */

import { withSafeView } from "../connection-view.js";
import { CONNECTION_STATUSES, type Connection, type ConnectionStatus } from "../connection.js";
import { IntercomOAuthError } from "../errors.js";
import { REGIONS, type Region } from "../regions.js";

/** A value bound to a query parameter: no booleans, no Dates, so that every driver takes it. */
export type SqlValue = string | number | null;

/**
 * The columns, in the order {@link connectionParams} binds them.
 * @internal
 */
export const COLUMNS = [
  "workspace_id",
  "region",
  "sealed_token",
  "admin_id",
  "admin_email",
  "admin_email_verified",
  "owner",
  "status",
  "installed_at",
  "updated_at",
] as const;

/**
 * The parameters of an insert, in {@link COLUMNS} order.
 * @internal
 */
export function connectionParams(c: Connection, sealedToken: string): SqlValue[] {
  return [
    c.workspaceId,
    c.region,
    sealedToken,
    c.admin.id,
    c.admin.email,
    c.admin.emailVerified ? 1 : 0,
    c.owner,
    c.status,
    c.installedAt.getTime(),
    c.updatedAt.getTime(),
  ];
}

function malformed(workspaceId: unknown, column: string): IntercomOAuthError {
  const which = typeof workspaceId === "string" ? ` of workspace ${JSON.stringify(workspaceId)}` : "";
  return new IntercomOAuthError(
    "STORE_FAILED",
    `The stored row${which} is malformed (column ${column}). Check that the table matches the store's schema and was not edited by hand.`,
  );
}

/** A whole number from a driver: PostgreSQL's pg returns BIGINT as a string, SQLite as a number or bigint. */
function millis(value: unknown): number | undefined {
  const n =
    typeof value === "string" && /^-?\d+$/.test(value)
      ? Number(value)
      : typeof value === "bigint"
        ? Number(value)
        : value;
  return typeof n === "number" && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The workspace id and sealed token of a row; STORE_FAILED when either is missing.
 * @internal
 */
export function readSealed(row: unknown): { workspaceId: string; sealedToken: string } {
  const r = (typeof row === "object" && row !== null ? row : {}) as Record<string, unknown>;
  const id = r.workspace_id;
  if (typeof id !== "string" || id === "") throw malformed(undefined, "workspace_id");
  if (typeof r.sealed_token !== "string") throw malformed(id, "sealed_token");
  return { workspaceId: id, sealedToken: r.sealed_token };
}

/**
 * The sealed token of a row, and a function that makes the connection once it is unsealed.
 * STORE_FAILED for a row that does not fit the schema.
 * @internal
 */
export function readRow(row: unknown): {
  workspaceId: string;
  sealedToken: string;
  connection: (accessToken: string) => Connection;
} {
  const { workspaceId: id, sealedToken } = readSealed(row);
  const r = row as Record<string, unknown>;
  if (!(REGIONS as readonly unknown[]).includes(r.region)) throw malformed(id, "region");
  if (typeof r.admin_id !== "string") throw malformed(id, "admin_id");
  if (typeof r.admin_email !== "string") throw malformed(id, "admin_email");
  const verified = millis(r.admin_email_verified);
  if (verified !== 0 && verified !== 1) throw malformed(id, "admin_email_verified");
  if (r.owner !== null && typeof r.owner !== "string") throw malformed(id, "owner");
  if (!(CONNECTION_STATUSES as readonly unknown[]).includes(r.status)) throw malformed(id, "status");
  const installedAt = millis(r.installed_at);
  if (installedAt === undefined) throw malformed(id, "installed_at");
  const updatedAt = millis(r.updated_at);
  if (updatedAt === undefined) throw malformed(id, "updated_at");
  return {
    workspaceId: id,
    sealedToken,
    connection: (accessToken) =>
      withSafeView({
        workspaceId: id,
        region: r.region as Region,
        accessToken,
        admin: { id: r.admin_id as string, email: r.admin_email as string, emailVerified: verified === 1 },
        owner: r.owner as string | null,
        status: r.status as ConnectionStatus,
        installedAt: new Date(installedAt),
        updatedAt: new Date(updatedAt),
      }),
  };
}
