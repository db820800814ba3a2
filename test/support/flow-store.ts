// A small hand-written ConnectionStore, as a user would write their own: a Map, with failures
// to inject. The tests of the handlers and of disconnect use it; the real adapters have their own suite.
import type { Connection, ConnectionPage, ConnectionStatus, ConnectionStore } from "../../src/connections/index.js";

/** A store method that can be made to fail. */
export type StoreMethod = "get" | "save" | "setStatus";

/** A Map-backed ConnectionStore that records its calls and fails on demand. */
export interface FlowStore extends ConnectionStore {
  /** The rows, by workspace id (copies, as a database would keep them). */
  readonly rows: Map<string, Connection>;
  /** Each call, in order: `save ws1`, `get ws1`, … */
  readonly calls: string[];
  /** Make the next calls of `method` throw `error`. */
  failOn(method: StoreMethod, error: unknown): void;
}

export function flowStore(): FlowStore {
  const rows = new Map<string, Connection>();
  const calls: string[] = [];
  const failures = new Map<StoreMethod, unknown>();
  const maybeFail = (method: StoreMethod) => {
    if (failures.has(method)) throw failures.get(method);
  };
  return {
    rows,
    calls,
    failOn(method, error) {
      failures.set(method, error);
    },
    async save(connection) {
      calls.push(`save ${connection.workspaceId}`);
      maybeFail("save");
      rows.set(connection.workspaceId, { ...connection, admin: { ...connection.admin } });
    },
    async get(workspaceId) {
      calls.push(`get ${workspaceId}`);
      maybeFail("get");
      const row = rows.get(workspaceId);
      return row === undefined ? null : { ...row };
    },
    async listByOwner(owner) {
      return [...rows.values()].filter((row) => row.owner === owner);
    },
    async setStatus(workspaceId, status: ConnectionStatus) {
      calls.push(`setStatus ${workspaceId} ${status}`);
      maybeFail("setStatus");
      const row = rows.get(workspaceId);
      if (row === undefined) return false;
      rows.set(workspaceId, { ...row, status, updatedAt: new Date() });
      return true;
    },
    async delete(workspaceId) {
      return rows.delete(workspaceId);
    },
    async list(): Promise<ConnectionPage> {
      return { connections: [...rows.values()], nextCursor: null };
    },
    async reseal() {
      return 0;
    },
  };
}
