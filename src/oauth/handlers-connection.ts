/**
 * The connection the callback saves, and what it reports about the one it replaced.
 *
 * @module
 */

import type { Connection, ConnectionStatus } from "../connection.js";
import { withSafeView } from "../connection-view.js";
import type { Region } from "../regions.js";
import type { IntercomIdentity } from "./identity.js";
import type { IntercomToken } from "./token.js";

/** The active connection for a finished flow: plain, frozen, as the store receives it. @internal */
export function newConnection(
  token: IntercomToken,
  identity: IntercomIdentity,
  region: Region,
  owner: string | null,
): Connection {
  const now = new Date();
  const { id, email, emailVerified } = identity.admin;
  return Object.freeze({
    workspaceId: identity.workspace.id,
    region,
    accessToken: token.accessToken,
    admin: Object.freeze({ id, email, emailVerified }),
    owner,
    status: "active",
    installedAt: now,
    updatedAt: new Date(now.getTime()),
  });
}

/**
 * A copy of `connection` for `onSuccess`: the same enumerable fields (a spread keeps the
 * token), with `toJSON` and `util.inspect` masking the token, so that logging it is safe.
 * @internal
 */
export function viewOf(connection: Connection): Connection {
  return Object.freeze(withSafeView({ ...connection }));
}

/** What `onSuccess` and the `connected` event say about the connection that was replaced. @internal */
export interface Replaced {
  readonly previousOwner?: string | null;
  readonly previousStatus?: ConnectionStatus;
  readonly previousUnreadable?: true;
}

/**
 * `previousStatus` whenever the store held the workspace (a reconnect); `previousOwner` only
 * when it was another owner's, whatever that connection's status. @internal
 */
export function replacedBy(previous: Connection | null, owner: string | null): Replaced {
  if (previous === null || previous === undefined) return {};
  if (previous.owner === owner) return { previousStatus: previous.status };
  return { previousOwner: previous.owner ?? null, previousStatus: previous.status };
}
