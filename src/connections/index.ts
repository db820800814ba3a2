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
export {
  disconnect,
  type DisconnectClient,
  type DisconnectOptions,
  type DisconnectOutcome,
  type DisconnectResult,
} from "./disconnect.js";
