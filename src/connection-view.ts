/**
 * The safe view of a {@link Connection}: what the stores return and what `onSuccess` gets.
 *
 * @module
 */

import type { Connection } from "./connection.js";
import { installSafeView, mask } from "./redact.js";

/**
 * `connection` with `toJSON` and `util.inspect` masking the token, so that logging a connection
 * (`console.log(await store.get(id))`) never prints a token that never expires. Its enumerable
 * fields are untouched: a spread, or `connection.accessToken`, still gives the token.
 * @internal
 */
export function withSafeView<C extends Connection>(connection: C): C {
  const view = () => ({ ...connection, accessToken: mask(connection.accessToken) });
  return installSafeView(connection, view, "Connection");
}
