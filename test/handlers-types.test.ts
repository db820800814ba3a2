// handlers() is generic over what stateData returns (issue 8, types): checked by `tsc --noEmit` over test/.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ConnectedWorkspace,
  createHandlers,
  createIntercomOAuth,
  type EmptyStateData,
  type HandlerErrorContext,
  type IntercomOAuthError,
  type IntercomOAuthHandlers,
  type IntercomToken,
  type StateData,
} from "../src/index.js";

const intercom = createIntercomOAuth({ clientId: "types-client", clientSecret: "types-client-secret" });

describe("regression: issue 8 — onSuccess gets stateData's type as data", () => {
  it("compiles docs/flow.md's handlers example under strict", () => {
    // The names the example assumes from the reader's app.
    const db = { saveWorkspace: async (_tenantId: string, _workspaceId: string, _token: string) => {} };
    const tenantOf = (_request: Request) => "t_42";
    const encrypt = (text: string) => text;

    const { start, callback } = intercom.handlers({
      stateData: (request) => ({ tenantId: tenantOf(request) }), // optional, carried through the flow
      async onSuccess({ token, identity, data }) {
        await db.saveWorkspace(data.tenantId, identity.workspace.id, encrypt(token.accessToken));
        return Response.redirect("https://example.com/settings/intercom?connected=1", 303);
      },
      onError: (error) => new Response(`Could not connect Intercom (${error.code})`, { status: 400 }), // optional
    });
    expectTypeOf(start).toEqualTypeOf<IntercomOAuthHandlers["start"]>();
    expectTypeOf(callback).toEqualTypeOf<IntercomOAuthHandlers["callback"]>();
  });

  it("infers data from sync and async stateData, in every mode", () => {
    intercom.handlers({
      stateData: () => ({ tenantId: "t", seats: 3, flags: ["a"], nested: { ok: true } }),
      onSuccess({ data }) {
        expectTypeOf(data).toEqualTypeOf<{
          tenantId: string;
          seats: number;
          flags: string[];
          nested: { ok: boolean };
        }>();
        return new Response();
      },
    });
    intercom.handlers({
      signingSecret: "s".repeat(32),
      stateData: async () => ({ returnTo: "/settings" }),
      onSuccess({ data }) {
        expectTypeOf(data.returnTo).toEqualTypeOf<string>();
        return new Response();
      },
    });
    intercom.handlers({
      stateStore: { set: () => undefined, take: () => undefined },
      stateData: () => ({ id: 1 }),
      onSuccess: ({ data }) => {
        expectTypeOf(data).toEqualTypeOf<{ id: number }>();
        return new Response();
      },
    });
  });

  it("gives an empty object type without stateData, so a typo'd field does not compile", () => {
    intercom.handlers({
      onSuccess({ data }) {
        expectTypeOf(data).toEqualTypeOf<EmptyStateData>();
        // @ts-expect-error: no stateData, so there is no tenantId
        data.tenantId;
        return new Response();
      },
    });
  });

  it("accepts an interface as stateData's type (no index signature needed)", () => {
    interface Meta {
      plan: string;
      seats: number[];
    }
    interface Tenant {
      tenantId: string;
      meta: Meta;
      note?: string;
    }
    intercom.handlers({
      stateData: (): Tenant => ({ tenantId: "t", meta: { plan: "pro", seats: [1] } }),
      onSuccess({ data }) {
        expectTypeOf(data).toEqualTypeOf<Tenant>();
        return new Response();
      },
    });
  });

  it("refuses stateData that is not JSON", () => {
    intercom.handlers({
      // @ts-expect-error: a Date does not survive the round trip through the state
      stateData: () => ({ at: new Date() }),
      onSuccess: () => new Response(),
    });
    intercom.handlers({
      // @ts-expect-error: stateData returns an object, not a string
      stateData: () => "tenant",
      onSuccess: () => new Response(),
    });
    intercom.handlers({
      // @ts-expect-error: an array is not an object of named fields
      stateData: () => ["tenant"],
      onSuccess: () => new Response(),
    });
    interface WithDate {
      at: Date;
    }
    intercom.handlers({
      // @ts-expect-error: an interface with a Date field is not JSON either
      stateData: (): WithDate => ({ at: new Date() }),
      onSuccess: () => new Response(),
    });
  });

  it("types onError's third argument, and the standalone createHandlers", () => {
    intercom.handlers({
      revokeOnFailure: false,
      onSuccess: () => new Response(),
      onError(error, request, context) {
        expectTypeOf(error).toEqualTypeOf<IntercomOAuthError>();
        expectTypeOf(request).toEqualTypeOf<Request>();
        expectTypeOf(context).toEqualTypeOf<HandlerErrorContext>();
        expectTypeOf(context.token).toEqualTypeOf<IntercomToken | undefined>();
        return new Response();
      },
    });
    createHandlers(intercom, {
      cookieSecret: "c".repeat(32),
      stateData: () => ({ tenantId: "t" }),
      onSuccess: (result) => {
        expectTypeOf(result).toEqualTypeOf<ConnectedWorkspace<{ tenantId: string }>>();
        return new Response();
      },
    });
    expectTypeOf<ConnectedWorkspace["data"]>().toEqualTypeOf<StateData>();
  });

  it("does not take cookie options in the other modes", () => {
    const options = { signingSecret: "s".repeat(32), cookieName: "x", onSuccess: () => new Response() };
    // @ts-expect-error: cookieName is for cookie mode only (and refused at run time too)
    expect(() => intercom.handlers(options)).toThrowError(/cookie mode only/);
  });
});
