/**
 * intercom-oauth/connections: what a service keeps after the flow. Tokens sealed at rest
 * (AES-256-GCM, bound to their workspace), a connection store with memory, SQLite and
 * PostgreSQL adapters, and `disconnect`.
 *
 * @see docs/connections.md
 * @module
 */
export {
  CONNECTION_STATUSES,
  type Connection,
  type ConnectionAdmin,
  type ConnectionPage,
  type ConnectionStatus,
  type ConnectionStore,
  type ListConnectionsOptions,
  type ResealOptions,
} from "../connection.js";
export { createTokenSealer, type SealContext, type TokenSealer, type TokenSealerOptions } from "./sealer.js";
export { memoryConnectionStore, type MemoryConnectionStoreOptions } from "./memory-store.js";
export type { SqlConnectionStore, SqlConnectionStoreOptions } from "./sql-store.js";
export {
  sqliteConnectionSchema,
  sqliteConnectionStore,
  type SqliteDatabase,
  type SqliteStatement,
} from "./sqlite-store.js";
export { postgresConnectionSchema, postgresConnectionStore, type PostgresClient } from "./postgres-store.js";
export {
  disconnect,
  type DisconnectClient,
  type DisconnectOptions,
  type DisconnectOutcome,
  type DisconnectResult,
} from "./disconnect.js";
