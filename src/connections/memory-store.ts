/**
 * The in-memory connection store, for tests and the demo. With a sealer, it keeps tokens
 * sealed as the SQL stores do; without one, it keeps them plain in the process's memory.
 *
 * @module
 */

import type { Connection, ConnectionStore } from "../connection.js";
import { IntercomOAuthError } from "../errors.js";
import { encodeCursor, listOptions, resealBatchSize } from "./paging.js";
import type { TokenSealer } from "./sealer.js";
import { isSealer, openToken, sealToken } from "./seal-errors.js";
import { checkConnection, checkOwner, checkStatus, checkWorkspaceId, copyConnection } from "./validate.js";

/** Options of {@link memoryConnectionStore}. */
export interface MemoryConnectionStoreOptions {
  /** Seals tokens in memory too, exactly as the SQL stores do. */
  readonly sealer?: TokenSealer;
}

interface Entry {
  readonly connection: Connection;
  /** The sealed token, when there is a sealer (`connection.accessToken` is then empty). */
  readonly sealed: string | undefined;
}

/**
 * A {@link ConnectionStore} in a `Map`: for tests, the demo and single-process prototypes.
 * Everything is lost when the process ends.
 *
 * @throws IntercomOAuthError `INVALID_OPTIONS` for a `sealer` that is not a TokenSealer.
 * @see docs/connections.md#the-connection-store
 */
export function memoryConnectionStore(options: MemoryConnectionStoreOptions = {}): ConnectionStore {
  const sealer = options?.sealer;
  if (sealer !== undefined && !isSealer(sealer)) {
    const message = "memoryConnectionStore: sealer must be a TokenSealer (createTokenSealer makes one).";
    throw new IntercomOAuthError("INVALID_OPTIONS", message, { problems: [message] });
  }
  const entries = new Map<string, Entry>();

  const read = async (entry: Entry): Promise<Connection> => {
    const { connection, sealed } = entry;
    if (sealer === undefined || sealed === undefined) return copyConnection(connection);
    return copyConnection(connection, await openToken(sealer, sealed, connection.workspaceId));
  };
  const sortedIds = () => [...entries.keys()].sort();

  return {
    async save(input) {
      const connection = checkConnection(input);
      const sealed =
        sealer === undefined ? undefined : await sealToken(sealer, connection.accessToken, connection.workspaceId);
      entries.set(connection.workspaceId, {
        connection: copyConnection(connection, sealed === undefined ? connection.accessToken : ""),
        sealed,
      });
    },
    async get(workspaceId) {
      const entry = entries.get(checkWorkspaceId(workspaceId, "get"));
      return entry === undefined ? null : read(entry);
    },
    async listByOwner(owner) {
      checkOwner(owner, "listByOwner");
      const found: Connection[] = [];
      for (const id of sortedIds()) {
        const entry = entries.get(id) as Entry;
        if (entry.connection.owner === owner) found.push(await read(entry));
      }
      return found;
    },
    async setStatus(workspaceId, status) {
      const entry = entries.get(checkWorkspaceId(workspaceId, "setStatus"));
      checkStatus(status, "setStatus");
      if (entry === undefined) return false;
      const connection = { ...entry.connection, status, updatedAt: new Date() };
      entries.set(workspaceId, { connection, sealed: entry.sealed });
      return true;
    },
    async delete(workspaceId) {
      return entries.delete(checkWorkspaceId(workspaceId, "delete"));
    },
    async list(listInput) {
      const { after, limit } = listOptions(listInput);
      const ids = sortedIds().filter((id) => after === undefined || id > after);
      const page = ids.slice(0, limit);
      const connections: Connection[] = [];
      for (const id of page) connections.push(await read(entries.get(id) as Entry));
      const last = page[page.length - 1];
      return { connections, nextCursor: ids.length > limit && last !== undefined ? encodeCursor(last) : null };
    },
    async reseal(resealInput) {
      const batchSize = resealBatchSize(resealInput);
      if (sealer === undefined) return 0;
      let count = 0;
      let batch: string[];
      let after: string | undefined;
      do {
        batch = sortedIds()
          .filter((id) => (after === undefined || id > after) && sealer.needsReseal(entries.get(id)?.sealed as string))
          .slice(0, batchSize);
        for (const id of batch) {
          const entry = entries.get(id) as Entry;
          const token = await openToken(sealer, entry.sealed as string, id);
          const sealed = await sealToken(sealer, token, id);
          // Compare-and-set: a save during the awaits wins over the re-seal.
          const now = entries.get(id);
          if (now === undefined || now.sealed !== entry.sealed) continue;
          entries.set(id, { connection: now.connection, sealed });
          count++;
        }
        after = batch[batch.length - 1];
      } while (batch.length === batchSize);
      return count;
    },
  };
}
