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
} from "../src/testing/node.js";

const standIn: IntercomStandInCore = createIntercomStandInCore({
  clientId: "bench-id",
  clientSecret: "bench-secret-0123456789",
  region: "eu",
});
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

    const me = await fetch(`${origin}/me`, {
      headers: { authorization: `Bearer ${token}`, "intercom-version": "2.14" },
    });
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
      body: JSON.stringify({
        code: location.searchParams.get("code"),
        client_id: "bench-id",
        client_secret: "bench-secret-0123456789",
      }),
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

describe("toNodeListener with structural request and response objects", () => {
  interface Captured {
    statusCode: number;
    headers: Record<string, string>;
    body: string | undefined;
    destroyed: boolean;
  }

  function fakeRequest(init: {
    method?: string;
    url?: string;
    headers?: Record<string, string | string[] | undefined>;
    chunks?: (string | Uint8Array)[];
  }): NodeLikeRequest {
    return {
      ...(init.method === undefined ? {} : { method: init.method }),
      ...(init.url === undefined ? {} : { url: init.url }),
      headers: init.headers ?? {},
      async *[Symbol.asyncIterator]() {
        for (const chunk of init.chunks ?? []) yield chunk;
      },
    };
  }

  // Resolves once the listener has ended or destroyed the response.
  function serve(
    listener: (req: NodeLikeRequest, res: NodeLikeResponse) => void,
    req: NodeLikeRequest,
    faults: { setHeader?: boolean } = {},
  ): Promise<Captured> {
    return new Promise((resolve) => {
      const captured: Captured = { statusCode: 0, headers: {}, body: undefined, destroyed: false };
      listener(req, {
        set statusCode(value: number) {
          captured.statusCode = value;
        },
        get statusCode() {
          return captured.statusCode;
        },
        setHeader(name, value) {
          if (faults.setHeader) throw new Error("headers already sent");
          captured.headers[name.toLowerCase()] = value;
        },
        end(chunk) {
          captured.body = chunk === undefined ? "" : new TextDecoder().decode(chunk);
          resolve(captured);
        },
        destroy() {
          captured.destroyed = true;
          resolve(captured);
        },
      });
    });
  }

  it("defaults the method to GET, the URL to / and the origin to the Host header, and joins repeated headers", async () => {
    const seen: Request[] = [];
    const listener = toNodeListener({
      handle: async (request) => {
        seen.push(request);
        return new Response("ok", { status: 202, headers: { "x-kind": "probe" } });
      },
    });
    const res = await serve(
      listener,
      fakeRequest({ headers: { host: "stand-in.test:8080", accept: ["a/b", "c/d"], skipped: undefined } }),
    );
    expect(res).toMatchObject({ statusCode: 202, body: "ok", destroyed: false });
    expect(res.headers["x-kind"]).toBe("probe");
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.url).toBe("http://stand-in.test:8080/");
    expect(seen[0]?.headers.get("accept")).toBe("a/b, c/d");
    expect(seen[0]?.headers.has("skipped")).toBe(false);
  });

  it("uses options.origin, or 127.0.0.1 without a Host header, and reads string and byte body chunks", async () => {
    const seen: { url: string; method: string; body: string }[] = [];
    const handle = async (request: Request) => {
      seen.push({ url: request.url, method: request.method, body: await request.text() });
      return new Response(null, { status: 204 });
    };
    await serve(
      toNodeListener({ handle }, { origin: "http://fixed.test:1" }),
      fakeRequest({ method: "post", url: "/auth/eagle/token", chunks: ["a=1&", new TextEncoder().encode("b=2")] }),
    );
    await serve(toNodeListener({ handle }), fakeRequest({ method: "HEAD", url: "/me" }));
    expect(seen).toEqual([
      { url: "http://fixed.test:1/auth/eagle/token", method: "POST", body: "a=1&b=2" },
      { url: "http://127.0.0.1/me", method: "HEAD", body: "" },
    ]);
  });

  it("answers 500 naming the failure when handle throws something other than a simulated network error", async () => {
    const thrown = await serve(
      toNodeListener({ handle: () => Promise.reject(new Error("stand-in bug")) }),
      fakeRequest({ url: "/me" }),
    );
    expect(thrown).toMatchObject({
      statusCode: 500,
      body: "intercom-oauth/testing failed: stand-in bug",
      destroyed: false,
    });
    expect(thrown.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const odd = await serve(toNodeListener({ handle: () => Promise.reject("a string") }), fakeRequest({ url: "/me" }));
    expect(odd.body).toBe("intercom-oauth/testing failed: a string");
  });

  it("destroys the response when even the 500 answer cannot be written", async () => {
    const res = await serve(
      toNodeListener({ handle: async () => new Response("ok", { headers: { "x-a": "1" } }) }),
      fakeRequest({ url: "/me" }),
      { setHeader: true },
    );
    expect(res.destroyed).toBe(true);
    expect(res.body).toBeUndefined();
  });
});
