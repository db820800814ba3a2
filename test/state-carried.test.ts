// What the handlers carry beside the state (data, owner, region): the owner hook's answers
// they refuse and why, and carried values that start did not make (issue 13).
import { describe, expect, it } from "vitest";
import {
  createHandlers,
  createIntercomOAuth,
  createSignedState,
  type HandlersClient,
  type IntercomOAuthError,
} from "../src/index.js";
import { flowStore } from "./support/flow-store.js";

const intercom = createIntercomOAuth({ clientId: "carried-client", clientSecret: "carried-client-secret-never-shown" });
const SIGNING_SECRET = "a-signing-secret-of-at-least-32-bytes!!";

async function startWithOwner(owner: () => unknown): Promise<IntercomOAuthError | undefined> {
  let failure: IntercomOAuthError | undefined;
  const { start } = intercom.handlers({
    store: flowStore(),
    owner: owner as () => string,
    onSuccess: () => new Response(),
    onError: (error) => {
      failure = error;
      return new Response(null, { status: 500 });
    },
  });
  await start(new Request("https://example.com/connect"));
  return failure;
}

describe("the owner hook's answer", () => {
  it.each<[string, unknown, RegExp]>([
    ["undefined", undefined, /^owner returned undefined; it must return a non-empty string or null\.$/],
    ["a number", 42, /^owner returned number;/],
    ["an object", { id: "t" }, /^owner returned object;/],
    ["an empty string", "", /^owner returned an empty string \(return null for no owner\);/],
    ["1,025 characters", "o".repeat(1_025), /^owner returned 1025 characters \(at most 1024\);/],
  ])("refuses %s, saying what it got", async (_name, value, cause) => {
    const failure = await startWithOwner(() => value);
    expect(failure?.code).toBe("HOOK_FAILED");
    expect((failure?.cause as Error | undefined)?.message).toMatch(cause);
  });

  it.each([
    ["null", null],
    ["1,024 characters", "o".repeat(1_024)],
    ["one character", "o"],
  ])("accepts %s", async (_name, value) => {
    expect(await startWithOwner(() => value)).toBeUndefined();
  });
});

describe("a signed state that the handlers did not make", () => {
  it.each<[string, unknown]>([
    ["data that is not an object", { d: "x", o: null }],
    ["data that is an array", { d: [], o: null }],
    ["data that is null", { d: null, o: null }],
    ["an owner that is a number", { d: {}, o: 1 }],
    ["no owner", { d: {} }],
    ["an unknown region", { d: {}, o: null, r: "mars" }],
    ["an array", [{ d: {}, o: null }]],
    ["null", null],
  ])("refuses one carrying %s as STATE_INVALID", async (_name, data) => {
    const errors: IntercomOAuthError[] = [];
    const { callback } = intercom.handlers({
      signingSecret: SIGNING_SECRET,
      onSuccess: () => new Response(),
      onError: (error) => {
        errors.push(error);
        return new Response(null, { status: 400 });
      },
    });
    const state = await createSignedState({ secret: SIGNING_SECRET, ttlSeconds: 60, data });
    await callback(new Request(`https://example.com/callback?code=c&state=${state}`));
    expect(errors.map((e) => e.code)).toEqual(["STATE_INVALID"]);
    expect(errors[0]?.message).toMatch(
      /^The signed state does not carry what the handlers put in it .*createSignedState directly/,
    );
  });
});

describe("a client without a default region", () => {
  it("stores { d, o } without an r key when start has no region to carry", async () => {
    const custom: HandlersClient = {
      createAuthorizationUrl: (options) => intercom.createAuthorizationUrl(options),
      parseCallback: (input, options) => intercom.parseCallback(input, options),
      exchangeCode: (code, options) => intercom.exchangeCode(code, options),
      getIdentity: (token, options) => intercom.getIdentity(token, options),
      revokeToken: (token, options) => intercom.revokeToken(token, options),
    };
    const stored: unknown[] = [];
    const { start } = createHandlers(custom, {
      stateStore: {
        set: (_state, value) => {
          stored.push(value);
        },
        take: () => undefined,
      },
      stateData: () => ({ tenantId: "t_1" }),
      onSuccess: () => new Response(),
    });
    expect((await start(new Request("https://example.com/connect"))).status).toBe(302);
    expect(stored).toStrictEqual([{ d: { tenantId: "t_1" }, o: null }]);
  });
});
