/**
 * The table name rule of the SQL stores. A table name cannot be a query parameter, so it is
 * checked against a strict pattern and then always written double-quoted.
 *
 * @module
 */

import { IntercomOAuthError } from "../errors.js";

/** The table the SQL stores use when none is named. */
export const DEFAULT_TABLE = "intercom_connections";

/** Lower-case letters, digits and `_`, not starting with a digit; short enough for its index names (PostgreSQL allows 63). */
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/**
 * The table name, checked; INVALID_OPTIONS for anything else (the name is not echoed back).
 * @internal
 */
export function checkTableName(table: unknown, fn: string): string {
  if (table === undefined) return DEFAULT_TABLE;
  if (typeof table !== "string" || !TABLE_NAME.test(table)) {
    const message = `${fn}: table must be 1 to 48 of a-z 0-9 _, not starting with a digit (such as "${DEFAULT_TABLE}"). Name a schema with search_path instead of a dot.`;
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  return table;
}
