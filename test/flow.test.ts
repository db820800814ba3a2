// The whole partner-credentials flow through the public API, against the msw testing kit, in every region.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, isIntercomOAuthError, REGIONS } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";

const CLIENT_ID = "flow-client-id";
const CLIENT_SECRET = "flow-client-secret-never-shown";
const standIn = createIntercomStandIn({
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  workspace: { id: "acme0001", name: "Acme", timezone: "Europe/Dublin" },
  admin: { id: "991", name: "Ada", email: "ada@acme.test", emailVerified: true },
});
const server = setupServer(...standIn.handlers());

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

describe.each(REGIONS)("the partner-credentials flow in region %s", (region) => {
  it("authorize -> consent -> callback -> exchange -> identity -> revoke -> the token now fails", async () => {
    const intercom = createIntercomOAuth({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      region,
      redirectUri: "https://app.merge.dev/oauth/callback",
    });

    const { url, state } = intercom.createAuthorizationUrl();
    const host = region === "us" ? "app.intercom.com" : `app.${region}.intercom.com`;
    expect(url.host).toBe(host);
    expect([...url.searchParams.keys()].sort()).toEqual(["client_id", "redirect_uri", "state"]);

    const callbackUrl = standIn.consent(url);
    expect(callbackUrl.href.startsWith("https://app.merge.dev/oauth/callback?")).toBe(true);

    const { code } = intercom.parseCallback(callbackUrl, { expectedState: state });
    const token = await intercom.exchangeCode(code);
    expect(token.tokenType).toBe("Bearer");
    expect(token.expiresAt).toBeNull();
    expect(token.refreshToken).toBeNull();
    expect(standIn.tokenState(token.accessToken)).toBe("active");

    const identity = await intercom.getIdentity(token);
    expect(identity).toEqual({
      admin: { id: "991", name: "Ada", email: "ada@acme.test", emailVerified: true },
      workspace: {
        id: "acme0001",
        name: "Acme",
        region,
        rawRegion: region.toUpperCase(),
        timezone: "Europe/Dublin",
      },
    });

    await intercom.revokeToken(token.accessToken);
    expect(standIn.tokenState(token.accessToken)).toBe("revoked");
    const failure = await intercom.getIdentity(token).catch((error: unknown) => error);
    expect(isIntercomOAuthError(failure, "UNAUTHORIZED")).toBe(true);

    // Every request went to this region's hosts.
    expect(standIn.requests.map((r) => [r.endpoint, r.region])).toEqual([
      ["token", region],
      ["me", region],
      ["uninstall", region],
      ["me", region],
    ]);
  });
});

it("a code, once exchanged, cannot be exchanged again", async () => {
  const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const { url, state } = intercom.createAuthorizationUrl();
  const { code } = intercom.parseCallback(standIn.consent(url), { expectedState: state });
  await intercom.exchangeCode(code);
  const again = await intercom.exchangeCode(code).catch((error: unknown) => error);
  expect(isIntercomOAuthError(again, "INVALID_GRANT")).toBe(true);
});

it("a token is refused by another region's API host", async () => {
  const us = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const eu = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, region: "eu" });
  const { url, state } = us.createAuthorizationUrl();
  const token = await us.exchangeCode(us.parseCallback(standIn.consent(url), { expectedState: state }).code);
  const failure = await eu.getIdentity(token).catch((error: unknown) => error);
  expect(isIntercomOAuthError(failure, "UNAUTHORIZED")).toBe(true);
  expect((failure as Error).message).toMatch(/region/);
});
