// Issue 8, "Intercom facts that changed": the stand-in answers as Intercom now does, and the
// public client still reads those answers right. Everything goes through the public API.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthClient, type Region } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CLIENT_ID = "facts-client-id";
const CLIENT_SECRET = "facts-client-secret-0123456789";
const API: Record<Region, string> = {
  us: "https://api.intercom.io",
  eu: "https://api.eu.intercom.io",
  au: "https://api.au.intercom.io",
};

let clock = Date.UTC(2026, 11, 1);
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, now: () => clock });
const server = setupServer(...standIn.handlers());

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  standIn.reset();
  clock = Date.UTC(2026, 11, 1);
});
afterAll(() => server.close());

function client(region: Region = "us", secret = CLIENT_SECRET, apiVersion?: string): IntercomOAuthClient {
  return createIntercomOAuth({
    clientId: CLIENT_ID,
    clientSecret: secret,
    region,
    ...(apiVersion === undefined ? {} : { apiVersion }),
  });
}

/** A fresh code from the stand-in's consent page for `region`. */
function freshCode(region: Region = "us"): string {
  const intercom = client(region);
  const { url, state } = intercom.createAuthorizationUrl();
  return intercom.parseCallback(standIn.consent(url), { expectedState: state }).code;
}

function postToken(region: Region, fields: Record<string, string>): Promise<Response> {
  return fetch(`${API[region]}/auth/eagle/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(fields),
  });
}

describe("regression: issue 8 — a regional token is accepted on the US API host", () => {
  it.each(["eu", "au"] as const)("an %s token works on api.intercom.io: /me, then uninstall", async (home) => {
    const token = standIn.issueToken({ region: home, workspace: { id: `${home}000001` } });
    const us = client("us");

    const identity = await us.getIdentity(token);
    expect(identity.workspace).toMatchObject({ id: `${home}000001`, region: home, rawRegion: home.toUpperCase() });
    await us.revokeToken(token);
    expect(standIn.tokenState(token)).toBe("revoked");
    expect(standIn.requests.map((r) => [r.endpoint, r.region, r.status])).toEqual([
      ["me", "us", 200],
      ["uninstall", "us", 200],
    ]);
  });

  it("an EU token that went through the whole flow works on the US host", async () => {
    const token = await client("eu").exchangeCode(freshCode("eu"));
    const response = await fetch(`${API.us}/me`, {
      headers: { authorization: `Bearer ${token.accessToken}`, accept: "application/json" },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { app: { region: string } }).app.region).toBe("EU");
  });
});

describe("regression: issue 8 — a token is still refused on another region's host (unconfirmed, strict)", () => {
  it.each([
    ["us", "eu"],
    ["us", "au"],
    ["eu", "au"],
    ["au", "eu"],
  ] as const)("a %s token on the %s API host is UNAUTHORIZED", async (home, host) => {
    const token = standIn.issueToken({ region: home });
    const error = await caught(() => client(host).getIdentity(token));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.status).toBe(401);
    expectNoSecrets(error, [token, CLIENT_SECRET]);
    expect(standIn.tokenState(token)).toBe("active");
    // And the token's own host still takes it.
    expect((await client(home).getIdentity(token)).workspace.rawRegion).toBe(home.toUpperCase());
  });
});

describe("regression: issue 8 — the token endpoint fails as Intercom does", () => {
  it("answers a bad code with 401 and an error.list whose first error is unauthorized_code", async () => {
    const response = await postToken("us", {
      code: "bm90LWEtY29kZQ==",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { type: string; request_id: string; errors: unknown[] };
    expect(body.type).toBe("error.list");
    expect(body.request_id).toBe(response.headers.get("x-request-id"));
    expect(body.errors[0]).toEqual({ code: "unauthorized_code", message: "Unauthorized Code" });
  });

  it("answers a wrong client secret with 401 and an RFC 6749 invalid_client body", async () => {
    const response = await postToken("us", {
      code: freshCode(),
      client_id: CLIENT_ID,
      client_secret: "not-the-secret",
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.error).toBe("invalid_client");
    expect(body).not.toHaveProperty("errors");
  });

  it("checks the client before the code: a wrong secret with a bad code is invalid_client", async () => {
    const response = await postToken("us", { code: "bm90LWEtY29kZQ==", client_id: CLIENT_ID, client_secret: "nope" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error?: string }).error).toBe("invalid_client");
  });

  it.each([
    ["a made-up code", () => "bm90LWEtY29kZQ=="],
    ["a code from another region", () => freshCode("eu")],
  ])("the client maps %s to INVALID_GRANT, secret-free", async (_name, makeCode) => {
    const code = makeCode();
    const error = await caught(() => client("us").exchangeCode(code));
    expect(error.code).toBe("INVALID_GRANT");
    expect(error.status).toBe(401);
    expect(error.errors?.[0]).toMatchObject({ code: "unauthorized_code" });
    expectNoSecrets(error, [code, CLIENT_SECRET]);
  });

  it("the client maps a used code to INVALID_GRANT", async () => {
    const code = freshCode();
    await client().exchangeCode(code);
    const error = await caught(() => client().exchangeCode(code));
    expect(error.code).toBe("INVALID_GRANT");
  });

  it("the client maps an expired code to INVALID_GRANT", async () => {
    const code = freshCode();
    clock += 5 * 60 * 1000;
    const error = await caught(() => client().exchangeCode(code));
    expect(error.code).toBe("INVALID_GRANT");
  });

  it("the client maps a wrong secret to INVALID_CLIENT, secret-free, and the code survives", async () => {
    const code = freshCode();
    const wrongSecret = "wrong-secret-0123456789";
    const error = await caught(() => client("us", wrongSecret).exchangeCode(code));
    expect(error.code).toBe("INVALID_CLIENT");
    expect(error.status).toBe(401);
    expectNoSecrets(error, [code, wrongSecret, CLIENT_SECRET]);
    // The client was refused before the code was looked at, so the code still works.
    expect((await client().exchangeCode(code)).tokenType).toBe("Bearer");
  });

  it("the client maps an unknown client id to INVALID_CLIENT", async () => {
    const stranger = createIntercomOAuth({ clientId: "no-such-app", clientSecret: CLIENT_SECRET });
    const error = await caught(() => stranger.exchangeCode("bm90LWEtY29kZQ=="));
    expect(error.code).toBe("INVALID_CLIENT");
    expectNoSecrets(error, [CLIENT_SECRET]);
  });
});

describe("regression: issue 8 — the stand-in accepts Intercom-Version Unstable", () => {
  it.each(["Unstable", "Preview", "2.17", "2.14"])("getIdentity with apiVersion %s succeeds", async (apiVersion) => {
    const identity = await client("us", CLIENT_SECRET, apiVersion).getIdentity(standIn.issueToken());
    expect(identity.workspace).toMatchObject({ region: "us", rawRegion: "US" });
  });

  it("still refuses a version it does not know, with intercom_version_invalid", async () => {
    const error = await caught(() => client("us", CLIENT_SECRET, "unstable").getIdentity(standIn.issueToken()));
    expect(error.status).toBe(400);
    expect(error.errors?.[0]?.code).toBe("intercom_version_invalid");
  });
});
