// intercom-oauth/node end to end over loopback, as each framework's users mount it: node:http,
// Express 5, Fastify 5 and Hono 4 (served by @hono/node-server, its idiomatic Node server, and
// also behind toNodeHandler). Each connects a workspace (start -> stand-in consent -> callback with
// the state cookie) and receives a signed uninstall from the stand-in, over real sockets.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, createWebhookHandlers, type IntercomWebhookHandlers } from "../src/index.js";
import { toFastifyRoute, toNodeHandler } from "../src/node/index.js";
import type { WebHandler } from "../src/node/index.js";
import { createIntercomStandInCore, type IntercomStandInCore, toNodeListener } from "../src/testing/node.js";

const CLIENT_ID = "node-frameworks-id";
const CLIENT_SECRET = "node-frameworks-secret-do-not-leak";
const FRAMEWORKS = ["node:http", "express", "fastify", "hono", "hono-toNodeHandler"] as const;
type Framework = (typeof FRAMEWORKS)[number];

interface Routes {
  readonly start: WebHandler;
  readonly callback: WebHandler;
  readonly uninstall: WebHandler;
}

interface App {
  readonly origin: string;
  close(): Promise<void>;
}

const listen = (server: Server | ServerType): Promise<string> =>
  new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
const closing = (server: Server | ServerType) => () =>
  new Promise<void>((resolve) => {
    if ("closeAllConnections" in server) server.closeAllConnections();
    server.close(() => resolve());
  });

function honoApp(routes: Routes): Hono {
  const app = new Hono();
  app.get("/intercom/connect", (c) => routes.start(c.req.raw));
  app.get("/intercom/callback", (c) => routes.callback(c.req.raw));
  app.post("/intercom/uninstall", (c) => routes.uninstall(c.req.raw));
  return app;
}

async function mount(framework: Framework, routes: Routes): Promise<App> {
  switch (framework) {
    case "node:http": {
      const handlers: Record<string, ReturnType<typeof toNodeHandler>> = {
        "/intercom/connect": toNodeHandler(routes.start),
        "/intercom/callback": toNodeHandler(routes.callback),
        "/intercom/uninstall": toNodeHandler(routes.uninstall),
      };
      const server = createServer((req, res) => {
        const handler = handlers[new URL(req.url ?? "/", "http://x").pathname];
        if (handler) void handler(req, res);
        else res.writeHead(404).end();
      });
      return { origin: await listen(server), close: closing(server) };
    }
    case "express": {
      const app = express();
      app.get("/intercom/connect", toNodeHandler(routes.start));
      app.get("/intercom/callback", toNodeHandler(routes.callback));
      app.post("/intercom/uninstall", toNodeHandler(routes.uninstall));
      const server = createServer(app);
      return { origin: await listen(server), close: closing(server) };
    }
    case "fastify": {
      const app = Fastify();
      app.route({ method: "GET", url: "/intercom/connect", ...toFastifyRoute(routes.start) });
      app.route({ method: "GET", url: "/intercom/callback", ...toFastifyRoute(routes.callback) });
      app.route({ method: "POST", url: "/intercom/uninstall", ...toFastifyRoute(routes.uninstall) });
      const origin = await app.listen({ port: 0, host: "127.0.0.1" });
      return { origin, close: () => app.close() };
    }
    case "hono": {
      const server = serve({ fetch: honoApp(routes).fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise((resolve) => server.once("listening", resolve));
      const { port } = server.address() as AddressInfo;
      return { origin: `http://127.0.0.1:${port}`, close: closing(server) };
    }
    case "hono-toNodeHandler": {
      const server = createServer(toNodeHandler(honoApp(routes).fetch));
      return { origin: await listen(server), close: closing(server) };
    }
  }
}

let standIn: IntercomStandInCore;
let intercomServer: Server;
const apps = new Map<Framework, App>();
const connected: { framework: string; workspaceId: string; token: string }[] = [];
const uninstalled: { framework: string; workspaceId: string }[] = [];

beforeAll(async () => {
  // The stand-in is made once every app's callback URL is known; its server delegates late.
  intercomServer = createServer((req, res) => toNodeListener(standIn)(req, res));
  const intercomOrigin = await listen(intercomServer);
  const baseUrls = { app: intercomOrigin, api: intercomOrigin };
  for (const framework of FRAMEWORKS) {
    // The routes delegate late: the client needs the app's origin for its redirectUri.
    const late: { routes?: Routes } = {};
    const app = await mount(framework, {
      start: (request) => (late.routes as Routes).start(request),
      callback: (request) => (late.routes as Routes).callback(request),
      uninstall: (request) => (late.routes as Routes).uninstall(request),
    });
    const intercom = createIntercomOAuth({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${app.origin}/intercom/callback`,
      baseUrls,
    });
    const { start, callback } = intercom.handlers({
      onSuccess({ identity, token }) {
        connected.push({ framework, workspaceId: identity.workspace.id, token: token.accessToken });
        return new Response(null, { status: 303, headers: { location: "/connected" } });
      },
    });
    const hooks: IntercomWebhookHandlers = createWebhookHandlers({
      clientSecret: CLIENT_SECRET,
      onUninstall: ({ workspaceId }) => void uninstalled.push({ framework, workspaceId }),
    });
    late.routes = { start, callback, uninstall: hooks.uninstall };
    apps.set(framework, app);
  }
  standIn = createIntercomStandInCore({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [...apps.values()].map((app) => `${app.origin}/intercom/callback`),
    workspace: { id: "ws_frameworks", name: "Frameworks Co" },
    baseUrls,
  });
});

afterAll(async () => {
  await Promise.all([...apps.values()].map((app) => app.close()));
  await closing(intercomServer)();
});

const cookieOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]);

describe.each(FRAMEWORKS)("intercom-oauth/node with %s, over loopback", (framework) => {
  const app = () => apps.get(framework) as App;

  it("connects: start -> the stand-in's consent -> callback with the state cookie", async () => {
    const start = await fetch(`${app().origin}/intercom/connect`, { redirect: "manual" });
    expect(start.status).toBe(302);
    expect(start.headers.getSetCookie()).toHaveLength(1);
    expect(start.headers.getSetCookie()[0]).toMatch(/HttpOnly/);
    expect(start.headers.getSetCookie()[0]).toMatch(/SameSite=Lax/);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${app().origin}/intercom/callback`);

    const consent = await fetch(authorize, { redirect: "manual" });
    expect(consent.status).toBe(302);
    const callbackUrl = new URL(consent.headers.get("location") ?? "");
    expect(callbackUrl.origin).toBe(app().origin);

    const finish = await fetch(callbackUrl, { redirect: "manual", headers: { cookie: cookieOf(start).join("; ") } });
    expect(finish.status).toBe(303);
    expect(finish.headers.get("location")).toBe("/connected");
    expect(finish.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
    const mine = connected.filter((c) => c.framework === framework);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.workspaceId).toBe("ws_frameworks");
    expect(standIn.tokenState(mine[0]?.token ?? "")).toBe("active");
  });

  it("refuses the callback without the state cookie", async () => {
    const start = await fetch(`${app().origin}/intercom/connect`, { redirect: "manual" });
    const consent = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
    const finish = await fetch(consent.headers.get("location") ?? "", { redirect: "manual" });
    expect(finish.status).toBe(400);
    expect(await finish.text()).not.toContain(CLIENT_SECRET);
  });

  it("receives the stand-in's signed uninstall, raw bytes intact, and refuses a forged one", async () => {
    const url = `${app().origin}/intercom/uninstall`;
    const signed = await standIn.uninstallRequest(url, { workspaceId: `ws_${framework.replace(/\W/g, "")}` });
    const response = await fetch(signed);
    expect(response.status).toBe(200);
    expect(uninstalled.filter((u) => u.framework === framework).map((u) => u.workspaceId)).toEqual([
      `ws_${framework.replace(/\W/g, "")}`,
    ]);
    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-body-signature": "0".repeat(64) },
      body: '{"app_id":"someone_else"}',
    });
    expect(forged.status).toBe(401);
    expect(uninstalled.filter((u) => u.framework === framework)).toHaveLength(1);
  });
});
