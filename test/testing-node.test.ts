// The stand-in served over real loopback HTTP with node:http, as the benchmark uses it.
// No msw here: every request crosses a socket.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createIntercomStandInCore,
  type IntercomStandInCore,
  type NodeLikeRequest,
  type NodeLikeResponse,
  toNodeListener,
} from "../src/testing/index.js";

const standIn: IntercomStandInCore = createIntercomStandInCore({ clientId: "bench-id", clientSecret: "bench-secret-0123456789", region: "eu" });
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer(toNodeListener(standIn));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.addBaseUrls({ app: origin, api: origin });
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

describe("toNodeListener over loopback", () => {
  it("runs a full authorize → token → /me → uninstall flow", async () => {
    const authorize = await fetch(`${origin}/oauth?client_id=bench-id&state=loop`, { redirect: "manual" });
    expect(authorize.status).toBe(302);
    const callback = new URL(authorize.headers.get("location") ?? "");
    expect(callback.searchParams.get("state")).toBe("loop");
    const code = callback.searchParams.get("code") ?? "";
    expect(code.endsWith("=")).toBe(true);

    const exchanged = await fetch(`${origin}/auth/eagle/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code, client_id: "bench-id", client_secret: "bench-secret-0123456789" }),
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers.get("x-request-id")).toBeTruthy();
    const { token } = (await exchanged.json()) as { token: string };

    const me = await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${token}`, "intercom-version": "2.14" } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { app: { region: string } }).app.region).toBe("EU");

    const uninstall = await fetch(`${origin}/auth/uninstall`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(uninstall.status).toBe(200);
    const after = await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe("token_revoked");
    expect(standIn.requests.slice(-5).map((r) => r.region)).toEqual(["eu", "eu", "eu", "eu", "eu"]);
  });

  it("accepts a JSON token body over the socket", async () => {
    const location = standIn.consent(`${origin}/oauth?client_id=bench-id&state=s`);
    const response = await fetch(`${origin}/auth/eagle/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: location.searchParams.get("code"), client_id: "bench-id", client_secret: "bench-secret-0123456789" }),
    });
    expect(response.status).toBe(200);
  });

  it("answers 404 for a path it does not serve", async () => {
    expect((await fetch(`${origin}/contacts`)).status).toBe(404);
  });

  it("drops the connection for a network-error fault, then recovers", async () => {
    standIn.injectFault("me", { type: "network-error" });
    await expect(fetch(`${origin}/me`)).rejects.toThrow(TypeError);
    expect((await fetch(`${origin}/me`)).status).toBe(401);
  });

  it("takes node's request and response types", () => {
    expectTypeOf(toNodeListener(standIn)).parameter(0).toEqualTypeOf<NodeLikeRequest>();
    expectTypeOf(toNodeListener(standIn)).parameter(1).toEqualTypeOf<NodeLikeResponse>();
  });
});
