// Issue 11 §1: the region is a per-call choice of one client (its own `region` is the default),
// `/me`'s region label is read case-insensitively into a Region, and baseUrls may be given per region.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createIntercomOAuth,
  type HandlersOptions,
  type HandlersRegion,
  type IntercomIdentity,
  intercomEndpoints,
  isIntercomOAuthError,
  type Region,
  type RegionalBaseUrls,
  type RequestOptions,
} from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { loopback } from "./support/loopback.js";

const CLIENT_ID = "per-call-client";
const CLIENT_SECRET = "per-call-client-secret-never-shown";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, maxRetries: 0 });

// The loopback servers below are real: let their requests through, and nothing else.
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== "127.0.0.1") print.error();
    },
  }),
);
afterEach(() => standIn.reset());
afterAll(() => server.close());

describe("one client, the region per call", () => {
  it.each(["eu", "au"] as const)("runs the whole flow in %s on a client whose default is us", async (region) => {
    const { url, state } = intercom.createAuthorizationUrl({ region });
    expect(url.host).toBe(`app.${region}.intercom.com`);
    const { code } = intercom.parseCallback(standIn.consent(url), { expectedState: state });
    const token = await intercom.exchangeCode(code, { region });
    const identity = await intercom.getIdentity(token, { region });
    expect(identity.workspace).toMatchObject({ region, rawRegion: region.toUpperCase() });
    await intercom.revokeToken(token, { region });
    expect(standIn.tokenState(token.accessToken)).toBe("revoked");
    expect(standIn.requests.map((r) => [r.endpoint, r.region])).toEqual([
      ["token", region],
      ["me", region],
      ["uninstall", region],
    ]);
    expect(intercom.region).toBe("us");
  });

  it("exchanging a code on another region's host fails: the code is bound to its region", async () => {
    const { url, state } = intercom.createAuthorizationUrl({ region: "eu" });
    const { code } = intercom.parseCallback(standIn.consent(url), { expectedState: state });
    const error = await caught(() => intercom.exchangeCode(code));
    expect(isIntercomOAuthError(error, "INVALID_GRANT")).toBe(true);
    // Issue 11: the hint names the region, not only the client credentials.
    expect(error.message).toContain("exchanged in the region whose consent page issued it");
    expect(standIn.requests.at(-1)).toMatchObject({ endpoint: "token", region: "us" });
  });

  it("an EU token read through the US host is proxied: the region is /me's, never an error", async () => {
    const token = standIn.issueToken({ region: "eu" });
    const identity = await intercom.getIdentity(token, { region: "us" });
    expect(identity.workspace.region).toBe("eu");
    expect(identity.workspace.rawRegion).toBe("EU");
    expect(standIn.requests.at(-1)).toMatchObject({ endpoint: "me", region: "us", status: 200 });
  });

  it.each([
    ["createAuthorizationUrl", () => intercom.createAuthorizationUrl({ region: "EU" as Region })],
    ["exchangeCode", () => intercom.exchangeCode("some-code", { region: "mars" as Region })],
    ["getIdentity", () => intercom.getIdentity("some-token", { region: "" as Region })],
    ["revokeToken", () => intercom.revokeToken("some-token", { region: 1 as unknown as Region })],
  ])("%s refuses an unknown region with INVALID_OPTIONS, sending nothing", async (name, call) => {
    const error = await caught(async () => call());
    expect(isIntercomOAuthError(error, "INVALID_OPTIONS")).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^${name}: region .* is not a known Intercom region`));
    expectNoSecrets(error, [CLIENT_SECRET, "some-code", "some-token"]);
    expect(standIn.requests).toEqual([]);
  });

  it("suggests the lower-case region for Intercom's own label", async () => {
    const error = await caught(() => intercom.exchangeCode("c", { region: "Europe" as Region }));
    expect((error as Error).message).toContain('(did you mean "eu"?)');
  });
});

describe("/me's region label", () => {
  it.each([
    ["US", "eu", "us"],
    ["us", "au", "us"],
    ["EU", "us", "eu"],
    ["Europe", "us", "eu"],
    ["EUROPE", "us", "eu"],
    [" eu ", "us", "eu"],
    ["AU", "us", "au"],
    ["Australia", "us", "au"],
    ["australia", "eu", "au"],
    ["Mars", "au", "au"],
    ["constructor", "eu", "eu"],
    ["", "au", "au"],
    [null, "eu", "eu"],
    [undefined, "au", "au"],
  ] as const)("maps %j, read on the %s host, to %s", async (label, used, expected) => {
    const api = await loopback((_request, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "1",
          email: "ada@example.com",
          app: { id_code: "ws1", ...(label === undefined ? {} : { region: label }) },
        }),
      );
    });
    try {
      const client = createIntercomOAuth({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrls: { [used]: { api: api.origin } },
      });
      const identity = await client.getIdentity("a-token", { region: used });
      expect(identity.workspace.region).toBe(expected);
      expect(identity.workspace.rawRegion).toBe(label ?? null);
      expect(api.received).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});

describe("baseUrls per region", () => {
  it("overrides only the regions named; the others keep Intercom's hosts", () => {
    const baseUrls = { eu: { api: "http://127.0.0.1:4011/" }, au: { app: "https://au-proxy.example.com" } };
    expect(intercomEndpoints("eu", baseUrls)).toMatchObject({
      authorize: "https://app.eu.intercom.com/oauth",
      token: "http://127.0.0.1:4011/auth/eagle/token",
    });
    expect(intercomEndpoints("au", baseUrls)).toMatchObject({
      authorize: "https://au-proxy.example.com/oauth",
      me: "https://api.au.intercom.io/me",
    });
    expect(intercomEndpoints("us", baseUrls).token).toBe("https://api.intercom.io/auth/eagle/token");
    const client = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrls });
    expect(client.createAuthorizationUrl({ region: "au" }).url.origin).toBe("https://au-proxy.example.com");
    expect(client.createAuthorizationUrl({ region: "eu" }).url.origin).toBe("https://app.eu.intercom.com");
  });

  it("one { app, api } pair still serves every region", () => {
    const client = createIntercomOAuth({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      baseUrls: { app: "http://127.0.0.1:4010" },
    });
    expect(client.createAuthorizationUrl({ region: "au" }).url.origin).toBe("http://127.0.0.1:4010");
  });

  it.each([
    ["a region's bad origin", { eu: { api: "ftp://x" } }, "baseUrls.eu.api must be an http(s) origin"],
    [
      "a path in a region's origin",
      { au: { app: "https://x.example.com/p" } },
      "baseUrls.au.app must be an origin only",
    ],
    ["an unknown key in a region", { us: { auth: "https://x.example.com" } }, 'Unknown option "baseUrls.us.auth".'],
    ["a region that is not an object", { eu: "https://x.example.com" }, "baseUrls.eu must be an object"],
    ["both forms at once", { eu: {}, api: "https://x.example.com" }, 'Unknown option "baseUrls.api": per-region'],
    ["an unknown region", { us: {}, ca: {} }, 'Unknown option "baseUrls.ca"'],
    ["not an object", "https://x.example.com", "baseUrls must be an object"],
  ])("refuses %s with INVALID_OPTIONS", (_name, baseUrls, problem) => {
    const error = (() => {
      try {
        createIntercomOAuth({
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          baseUrls: baseUrls as RegionalBaseUrls,
        });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(isIntercomOAuthError(error, "INVALID_OPTIONS")).toBe(true);
    expect((error as { problems: string[] }).problems.some((p) => p.startsWith(problem))).toBe(true);
    expectNoSecrets(error, [CLIENT_SECRET]);
  });
});

describe("types", () => {
  it("identity.workspace.region is a Region, and rawRegion Intercom's string", () => {
    expectTypeOf<IntercomIdentity["workspace"]["region"]>().toEqualTypeOf<Region>();
    expectTypeOf<IntercomIdentity["workspace"]["rawRegion"]>().toEqualTypeOf<string | null>();
  });

  it("every network method and the authorize URL take { region }", () => {
    expectTypeOf<RequestOptions["region"]>().toEqualTypeOf<Region | undefined>();
    expectTypeOf(intercom.createAuthorizationUrl).parameter(0).toExtend<{ region?: Region } | undefined>();
    expectTypeOf(intercom.exchangeCode).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
    expectTypeOf(intercom.getIdentity).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
    expectTypeOf(intercom.revokeToken).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
    // @ts-expect-error Intercom's label is not a Region
    void (() => intercom.exchangeCode("c", { region: "EU" }));
  });

  it("handlers({ region }) takes a Region or a function of the start request", () => {
    expectTypeOf<HandlersOptions["region"]>().toEqualTypeOf<HandlersRegion | undefined>();
    expectTypeOf<HandlersRegion>().toEqualTypeOf<Region | ((request: Request) => Region | Promise<Region>)>();
    const tenantRegion = async (_request: Request): Promise<Region> => "au";
    void (() => intercom.handlers({ region: tenantRegion, onSuccess: () => new Response() }));
    void (() =>
      intercom.handlers({
        region: (request) => (request.url.includes("/eu/") ? "eu" : "us"),
        onSuccess: () => new Response(),
      }));
    // @ts-expect-error a function must return a Region
    const bad: HandlersOptions = { region: () => "Europe", onSuccess: () => new Response() };
    void bad;
  });

  it("baseUrls takes one pair or one pair per region", () => {
    expectTypeOf<RegionalBaseUrls>().toEqualTypeOf<{
      readonly us?: { readonly app?: string; readonly api?: string };
      readonly eu?: { readonly app?: string; readonly api?: string };
      readonly au?: { readonly app?: string; readonly api?: string };
    }>();
  });
});
