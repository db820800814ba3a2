// Issue 10: with a store, onSuccess is optional only beside successUrl, and gets the saved
// connection. Checked by `tsc --noEmit` over test/.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Connection, ConnectionStatus, ConnectionStore } from "../src/connections/index.js";
import {
  type ConnectedWorkspace,
  createIntercomOAuth,
  type HandlersOptions,
  type IntercomOAuthEvent,
  type StoredWorkspace,
} from "../src/index.js";

import { flowStore } from "./support/flow-store.js";

const intercom = createIntercomOAuth({ clientId: "types-client", clientSecret: "types-client-secret" });
const store: ConnectionStore = flowStore();
const refused = { code: "INVALID_OPTIONS" };

describe("issue 10 — the handlers' options with a store", () => {
  it("gives onSuccess the saved connection, and stateData's type as data", () => {
    intercom.handlers({
      store,
      owner: (request) => request.headers.get("x-tenant"),
      stateData: () => ({ returnTo: "/settings" }),
      onSuccess({ connection, previousOwner, previousStatus, data, token }) {
        expectTypeOf(connection).toEqualTypeOf<Connection>();
        expectTypeOf(previousOwner).toEqualTypeOf<string | null | undefined>();
        expectTypeOf(previousStatus).toEqualTypeOf<ConnectionStatus | undefined>();
        expectTypeOf(data.returnTo).toEqualTypeOf<string>();
        expectTypeOf(token.accessToken).toEqualTypeOf<string>();
        return new Response();
      },
    });
  });

  it("takes successUrl instead of onSuccess, with a store only", () => {
    intercom.handlers({ store, successUrl: "/settings/intercom?connected=1" });
    intercom.handlers({
      store,
      owner: async () => "t_42",
      successUrl: "https://example.com/done",
      signingSecret: "s".repeat(32),
    });
    expect(() =>
      // @ts-expect-error: without a store the token would be dropped
      intercom.handlers({ successUrl: "/done" }),
    ).toThrow(expect.objectContaining(refused));
    expect(() =>
      // @ts-expect-error: with a store, one of onSuccess and successUrl is needed
      intercom.handlers({ store }),
    ).toThrow(expect.objectContaining(refused));
    expect(() =>
      // @ts-expect-error: not both
      intercom.handlers({ store, successUrl: "/done", onSuccess: () => new Response() }),
    ).toThrow(expect.objectContaining(refused));
    expect(() =>
      // @ts-expect-error: owner needs a store
      intercom.handlers({ owner: () => "t", onSuccess: () => new Response() }),
    ).toThrow(expect.objectContaining(refused));
    // Refused by the type only: at run time a wrong owner is HOOK_FAILED at start.
    // @ts-expect-error: owner returns a string or null
    intercom.handlers({ store, owner: () => 42, successUrl: "/done" });
  });

  it("keeps the store-less onSuccess free of connection", () => {
    intercom.handlers({
      onSuccess(result) {
        expectTypeOf(result).toEqualTypeOf<ConnectedWorkspace<Record<never, never>>>();
        expectTypeOf(result.connection).toEqualTypeOf<Connection | undefined>();
        return new Response();
      },
    });
    expectTypeOf<StoredWorkspace>().toExtend<ConnectedWorkspace>();
  });

  it("gives onEvent the event union", () => {
    intercom.handlers({
      store,
      successUrl: "/done",
      onEvent(event) {
        expectTypeOf(event).toEqualTypeOf<IntercomOAuthEvent>();
        if (event.type === "compensating_revoke") expectTypeOf(event.revoked).toEqualTypeOf<boolean>();
      },
    });
    expectTypeOf<{ store: ConnectionStore; successUrl: string }>().toExtend<HandlersOptions>();
  });
});
