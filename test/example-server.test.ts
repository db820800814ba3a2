// The example server, end to end over real loopback HTTP: browser (fetch) -> example server -> stand-in Intercom.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, createExampleServer } from "../examples/server.js";
import { createIntercomOAuth } from "../src/index.js";
import { createIntercomStandInCore, type IntercomStandInCore, toNodeListener } from "../src/testing/node.js";

const CLIENT_ID = "example-client-id";
const CLIENT_SECRET = "example-client-secret-do-not-leak";

let standIn: IntercomStandInCore;
let intercomServer: Server;
let appServer: Server;
let appOrigin: string;
const connections = new Map<string, Connection>();

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

beforeAll(async () => {
  // The stand-in is created once the example's callback URL is known; its server delegates late.
  intercomServer = createServer((req, res) => toNodeListener(standIn)(req, res));
  const intercomOrigin = await listen(intercomServer);
  // No redirectUri: Intercom then uses the app's first registered Redirect URL.
  const intercom = createIntercomOAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrls: { app: intercomOrigin, api: intercomOrigin },
  });
  appServer = createExampleServer(intercom, { connections });
  appOrigin = await listen(appServer);
  standIn = createIntercomStandInCore({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${appOrigin}/oauth/callback`],
    workspace: { id: "ws_example", name: "Example Co" },
    baseUrls: { app: intercomOrigin, api: intercomOrigin },
  });
});

afterAll(async () => {
  await Promise.all([appServer, intercomServer].map((s) => new Promise((r) => s.close(r))));
});

const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

describe("examples/server.ts", () => {
  it("connects a workspace: /connect -> Intercom consent -> /oauth/callback -> /connected", async () => {
    const start = await fetch(`${appOrigin}/connect`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const setCookie = start.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.pathname).toBe("/oauth");
    expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(authorize.searchParams.has("scope")).toBe(false);

    // The admin clicks Connect on Intercom's page: the stand-in redirects to the callback.
    const consent = await fetch(authorize, { redirect: "manual" });
    expect(consent.status).toBe(302);
    const callbackUrl = new URL(consent.headers.get("location") ?? "");
    expect(callbackUrl.origin + callbackUrl.pathname).toBe(`${appOrigin}/oauth/callback`);
    expect(callbackUrl.searchParams.get("state")).toBe(authorize.searchParams.get("state"));

    const finish = await fetch(callbackUrl, { redirect: "manual", headers: { cookie: cookieOf(start) } });
    expect(finish.status).toBe(303);
    expect(finish.headers.get("location")).toBe("/connected?workspace=ws_example");
    expect(finish.headers.get("set-cookie")).toMatch(/Max-Age=0/);

    const connected = await fetch(`${appOrigin}/connected?workspace=ws_example`);
    expect(await connected.text()).toContain("Connected Example Co");
    const connection = connections.get("ws_example");
    expect(connection?.accessToken).toMatch(/^dG9rO/);
    expect(standIn.tokenState(connection?.accessToken ?? "")).toBe("active");
  });

  it("refuses a callback without the browser's state cookie (CSRF), and leaks nothing", async () => {
    const start = await fetch(`${appOrigin}/connect`, { redirect: "manual" });
    const consent = await fetch(new URL(start.headers.get("location") ?? ""), { redirect: "manual" });
    const callbackUrl = new URL(consent.headers.get("location") ?? "");
    const response = await fetch(callbackUrl, { redirect: "manual" });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).toContain("STATE_MISSING");
    expect(body).not.toContain(callbackUrl.searchParams.get("code") ?? "unreachable");
    expect(body).not.toContain(CLIENT_SECRET);
  });

  it("refuses a callback whose state differs from the cookie's", async () => {
    const first = await fetch(`${appOrigin}/connect`, { redirect: "manual" });
    const second = await fetch(`${appOrigin}/connect`, { redirect: "manual" });
    const consent = await fetch(new URL(second.headers.get("location") ?? ""), { redirect: "manual" });
    const response = await fetch(new URL(consent.headers.get("location") ?? ""), {
      redirect: "manual",
      headers: { cookie: cookieOf(first) },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("STATE_MISMATCH");
  });
});
