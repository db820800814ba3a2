// toNodeHandler's own promises, over real node:http sockets: the body cap (nothing over it reaches
// the handler), every Set-Cookie kept, the Request's origin (Host, proxy headers only with
// trustProxy, a fixed origin), a client disconnect seen as the Request's abort, and failures
// answered without leaking, or passed to Express's next.
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { isIntercomOAuthError } from "../src/index.js";
import * as nodeEntry from "../src/node/index.js";
import { type NodeHandlerOptions, toFastifyRoute, toNodeHandler, type WebHandler } from "../src/node/index.js";
import { eventually } from "./support/loopback.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

async function serve(listener: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A handler that records each Request it gets (with its body) and answers its URL. */
function recorder() {
  const seen: { url: string; body: string }[] = [];
  const handler: WebHandler = async (request) => {
    seen.push({ url: request.url, body: await request.text() });
    return new Response(request.url);
  };
  return { seen, handler };
}

interface Raw {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One raw HTTP request: any Host, any target, the body written in chunks. */
function raw(origin: string, { method = "GET", path = "/", headers = {}, chunks = [] as string[] } = {}): Promise<Raw> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    // Over the cap the server answers before the body ends; end only if it has not.
    setTimeout(() => req.end(), 20);
  });
}

async function urlSeen(options: NodeHandlerOptions | undefined, request: Parameters<typeof raw>[1]) {
  const { seen, handler } = recorder();
  const origin = await serve(toNodeHandler(handler, options));
  const response = await raw(origin, request);
  return { response, seen: seen.map((s) => s.url) };
}

describe("issue 11 — toNodeHandler caps the body, and nothing over the cap is passed on", () => {
  it("passes a body of exactly maxBodyBytes, byte for byte", async () => {
    const { seen, handler } = recorder();
    const origin = await serve(toNodeHandler(handler, { maxBodyBytes: 16 }));
    const response = await raw(origin, { method: "POST", chunks: ["0123456789", "abcdé"] });
    expect(response.status).toBe(200);
    expect(seen.map((s) => s.body)).toEqual(["0123456789abcdé"]);
  });

  it("answers 413 to a declared Content-Length over the cap, before reading it", async () => {
    const { seen, handler } = recorder();
    const origin = await serve(toNodeHandler(handler, { maxBodyBytes: 16 }));
    const response = await raw(origin, {
      method: "POST",
      headers: { "content-length": "17" },
      chunks: ["x".repeat(17)],
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(seen).toEqual([]);
  });

  it("answers 413 to a chunked body that grows over the cap while streaming", async () => {
    const { seen, handler } = recorder();
    const origin = await serve(toNodeHandler(handler, { maxBodyBytes: 16 }));
    const response = await raw(origin, { method: "POST", chunks: ["0123456789", "0123456789"] });
    expect(response.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("caps at 1 MiB by default", async () => {
    const { seen, handler } = recorder();
    const origin = await serve(toNodeHandler(handler));
    const response = await raw(origin, { method: "POST", headers: { "content-length": String(1_048_577) } });
    expect(response.status).toBe(413);
    expect(seen).toEqual([]);
  });
});

describe("issue 11 — toNodeHandler keeps every Set-Cookie", () => {
  const threeCookies: WebHandler = () => {
    const headers = new Headers({ location: "/next" });
    headers.append("set-cookie", "a=1; Path=/; HttpOnly");
    headers.append("set-cookie", "b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure");
    headers.append("set-cookie", "__Host-c=3; Path=/; Secure; SameSite=Lax");
    return new Response(null, { status: 302, headers });
  };

  it("writes each as its own header line on node:http", async () => {
    const origin = await serve(toNodeHandler(threeCookies));
    const response = await raw(origin);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/next");
    expect(response.headers["set-cookie"]).toEqual([
      "a=1; Path=/; HttpOnly",
      "b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure",
      "__Host-c=3; Path=/; Secure; SameSite=Lax",
    ]);
  });

  it("adds them to a cookie an Express middleware set earlier", async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.cookie("session", "s1");
      next();
    });
    app.get("/", toNodeHandler(threeCookies));
    const origin = await serve(app);
    const cookies = (await raw(origin)).headers["set-cookie"];
    expect(cookies).toHaveLength(4);
    expect(cookies?.[0]).toMatch(/^session=s1/);
  });

  it("streams a body from a ReadableStream", async () => {
    const origin = await serve(
      toNodeHandler(
        () =>
          new Response(
            new ReadableStream({
              start(controller) {
                for (const part of ["one ", "two ", "three"]) controller.enqueue(new TextEncoder().encode(part));
                controller.close();
              },
            }),
          ),
      ),
    );
    expect((await raw(origin)).body).toBe("one two three");
  });
});

describe("issue 11 — the Request's origin: Host by default, proxy headers only with trustProxy", () => {
  const forged = { host: "app.example:8443", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };

  it("by default: the socket's protocol and the Host header; X-Forwarded-* ignored", async () => {
    const { seen } = await urlSeen(undefined, { path: "/intercom/callback?code=c", headers: forged });
    expect(seen).toEqual(["http://app.example:8443/intercom/callback?code=c"]);
  });

  it("with trustProxy: X-Forwarded-Proto and X-Forwarded-Host (their first values)", async () => {
    const headers = { ...forged, "x-forwarded-proto": "https, http", "x-forwarded-host": "app.example.com, inner" };
    const { seen } = await urlSeen({ trustProxy: true }, { path: "/x", headers });
    expect(seen).toEqual(["https://app.example.com/x"]);
  });

  it("with trustProxy: a protocol other than http(s) is ignored, and Host is the fallback", async () => {
    const headers = { host: "app.example", "x-forwarded-proto": "javascript" };
    const { seen } = await urlSeen({ trustProxy: true }, { path: "/x", headers });
    expect(seen).toEqual(["http://app.example/x"]);
  });

  it("with a fixed origin: every header ignored", async () => {
    const { seen } = await urlSeen({ origin: "https://app.example.com" }, { path: "/x?y=1", headers: forged });
    expect(seen).toEqual(["https://app.example.com/x?y=1"]);
  });

  it.each([
    ["a path", "evil.example/x"],
    ["credentials", "user@evil.example"],
    ["a query", "evil.example?x"],
    ["a space", "evil example"],
  ])("refuses a Host with %s (400), before the handler", async (_, host) => {
    const { response, seen } = await urlSeen(undefined, { path: "/x", headers: { host } });
    expect(response.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it("keeps a //host target a path, and takes only the path of an absolute-form target", async () => {
    expect((await urlSeen(undefined, { path: "//evil.example/x", headers: { host: "app.example" } })).seen).toEqual([
      "http://app.example//evil.example/x",
    ]);
    expect(
      (await urlSeen(undefined, { path: "http://evil.example/y?z", headers: { host: "app.example" } })).seen,
    ).toEqual(["http://app.example/y?z"]);
  });

  it("uses Express's originalUrl under a mounted router", async () => {
    const { seen, handler } = recorder();
    const app = express();
    const router = express.Router();
    router.get("/callback", toNodeHandler(handler));
    app.use("/intercom", router);
    const origin = await serve(app);
    await raw(origin, { path: "/intercom/callback?state=s", headers: { host: "app.example" } });
    expect(seen.map((s) => s.url)).toEqual(["http://app.example/intercom/callback?state=s"]);
  });
});

describe("issue 11 — a client that goes away aborts the Request's signal", () => {
  it("aborts request.signal when the socket closes before the answer", async () => {
    let signal: AbortSignal | undefined;
    const origin = await serve(
      toNodeHandler(
        (request) =>
          new Promise<Response>((resolve) => {
            signal = request.signal;
            request.signal.addEventListener("abort", () => resolve(new Response("too late")));
          }),
      ),
    );
    const client = new AbortController();
    const pending = fetch(origin, { signal: client.signal }).catch(() => "aborted");
    await eventually(() => signal !== undefined, 2000, "the handler to run");
    client.abort();
    expect(await pending).toBe("aborted");
    await eventually(() => signal?.aborted === true, 2000, "request.signal to abort");
  });
});

describe("issue 11 — failures: a plain 500 with no detail, or Express's next", () => {
  const SECRET_DETAIL = "db password hunter2";
  const failing: WebHandler = () => {
    throw new Error(SECRET_DETAIL);
  };

  it("answers 500 Internal Server Error without the error's message", async () => {
    const response = await raw(await serve(toNodeHandler(failing)));
    expect(response.status).toBe(500);
    expect(response.body).toBe("Internal Server Error");
  });

  it("passes the error to Express's next, and to its error middleware", async () => {
    const errors: unknown[] = [];
    const app = express();
    app.get("/", toNodeHandler(failing));
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(503).send("handled");
    });
    const response = await raw(await serve(app));
    expect([response.status, response.body]).toEqual([503, "handled"]);
    expect((errors[0] as Error).message).toBe(SECRET_DETAIL);
  });

  it("tells Express users when a body parser already read the body (signatures need the raw bytes)", async () => {
    const errors: unknown[] = [];
    const { seen, handler } = recorder();
    const app = express();
    app.use(express.json());
    app.post("/hook", toNodeHandler(handler));
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(500).end();
    });
    const origin = await serve(app);
    await raw(origin, {
      method: "POST",
      path: "/hook",
      headers: { "content-type": "application/json" },
      chunks: ["{}"],
    });
    expect(seen).toEqual([]);
    expect(isIntercomOAuthError(errors[0]) && errors[0].code).toBe("INVALID_OPTIONS");
    expect((errors[0] as Error).message).toMatch(/body parser such as express\.json\(\)/);
  });
});

describe("issue 11 — toNodeHandler's options are checked when it is made", () => {
  const ok: WebHandler = () => new Response();

  it.each([
    [
      "an origin with a path",
      { origin: "https://app.example.com/base" },
      /origin must be an absolute http\(s\) origin/,
    ],
    ["an origin that is not http(s)", { origin: "ftp://app.example.com" }, /origin must be/],
    ["origin with trustProxy", { origin: "https://a.example", trustProxy: true }, /exclude each other/],
    ["a non-boolean trustProxy", { trustProxy: "yes" }, /trustProxy must be a boolean/],
    ["a zero cap", { maxBodyBytes: 0 }, /maxBodyBytes must be an integer/],
    ["a fractional cap", { maxBodyBytes: 1.5 }, /maxBodyBytes must be an integer/],
  ])("refuses %s with INVALID_OPTIONS", (_, options, message) => {
    let error: unknown;
    try {
      toNodeHandler(ok, options as NodeHandlerOptions);
    } catch (caught) {
      error = caught;
    }
    expect(isIntercomOAuthError(error) && error.code).toBe("INVALID_OPTIONS");
    expect((error as Error).message).toMatch(message);
  });

  it("refuses a handler that is not a function", () => {
    expect(() => toNodeHandler("start" as unknown as WebHandler)).toThrow(/expects a handler function/);
  });

  it("accepts a trailing slash on origin", async () => {
    const { seen } = await urlSeen({ origin: "https://app.example.com/" }, { path: "/x" });
    expect(seen).toEqual(["https://app.example.com/x"]);
  });
});

describe("issue 11 — toFastifyRoute answers before Fastify parses the body", () => {
  const fastifies: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(fastifies.splice(0).map((app) => app.close()));
  });

  async function fastify(handler: WebHandler, options?: NodeHandlerOptions): Promise<string> {
    const app = Fastify();
    fastifies.push(app);
    app.route({ method: "POST", url: "/hook", ...toFastifyRoute(handler, options) });
    return app.listen({ port: 0, host: "127.0.0.1" });
  }

  it("hands the handler the JSON body byte for byte, spacing and key order kept", async () => {
    const { seen, handler } = recorder();
    const origin = await fastify(handler);
    const body = '{ "b" : 1,\n  "a": "é" }';
    const response = await raw(origin, {
      method: "POST",
      path: "/hook",
      headers: { "content-type": "application/json" },
      chunks: [body],
    });
    expect(response.status).toBe(200);
    expect(seen.map((s) => s.body)).toEqual([body]);
  });

  it("caps the body with maxBodyBytes (413, the handler never runs)", async () => {
    const { seen, handler } = recorder();
    const origin = await fastify(handler, { maxBodyBytes: 8 });
    const response = await raw(origin, {
      method: "POST",
      path: "/hook",
      headers: { "content-type": "application/json" },
      chunks: ['{"a":"0123456789"}'],
    });
    expect(response.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("answers a plain 500 when the handler throws", async () => {
    const origin = await fastify(() => {
      throw new Error("internal detail");
    });
    const response = await raw(origin, { method: "POST", path: "/hook", chunks: ["{}"] });
    expect([response.status, response.body]).toEqual([500, "Internal Server Error"]);
  });
});

describe("issue 11 — the node entry's runtime names", () => {
  it("are the chosen ones, each documented in docs/frameworks.md", () => {
    const doc = readFileSync(new URL("../docs/frameworks.md", import.meta.url), "utf8");
    expect(Object.keys(nodeEntry).sort()).toEqual(["DEFAULT_MAX_BODY_BYTES", "toFastifyRoute", "toNodeHandler"]);
    expect(Object.keys(nodeEntry).filter((name) => !doc.includes(`\`${name}`))).toEqual([]);
  });
});
