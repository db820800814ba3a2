// A minimal "Connect Intercom" server: node:http in front of the SDK's web-standard handlers.
//
//   INTERCOM_CLIENT_ID=… INTERCOM_CLIENT_SECRET=… PUBLIC_URL=https://your-tunnel.example npx tsx examples/server.ts
//
// Intercom only accepts HTTPS Redirect URLs, so expose this server through a tunnel and
// register `${PUBLIC_URL}/oauth/callback` in Developer Hub.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import { createIntercomOAuth, type IntercomOAuthClient } from "intercom-oauth";

/** What the example keeps per connected workspace. A real app stores the token encrypted. */
export interface Connection {
  readonly workspaceId: string;
  readonly workspaceName: string | null;
  readonly adminEmail: string | null;
  readonly accessToken: string;
}

function toRequest(req: IncomingMessage, publicUrl: string | undefined): Request {
  // Behind a proxy or tunnel, the public URL is what the browser (and Intercom) saw.
  const origin = publicUrl ?? `http://${req.headers.host ?? "localhost"}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return new Request(new URL(req.url ?? "/", origin), { method: req.method ?? "GET", headers });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(body: string, status = 200): Response {
  return new Response(`<!doctype html><meta charset="utf-8"><title>Intercom</title>${body}`, {
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

/**
 * The example's routes: `/` (a Connect link), `/connect` (start), `/oauth/callback`
 * (callback), `/connected?workspace=…` (result). `connections` stands in for a database.
 */
export function createExampleServer(
  intercom: IntercomOAuthClient,
  options: { publicUrl?: string; connections?: Map<string, Connection> } = {},
): Server {
  const { publicUrl, connections = new Map<string, Connection>() } = options;
  const { start, callback } = intercom.handlers({
    async onSuccess({ token, identity }) {
      connections.set(identity.workspace.id, {
        workspaceId: identity.workspace.id,
        workspaceName: identity.workspace.name,
        // Only trust an email Intercom has verified.
        adminEmail: identity.admin.emailVerified ? identity.admin.email : null,
        accessToken: token.accessToken,
      });
      return new Response(null, {
        status: 303,
        headers: { location: `/connected?workspace=${encodeURIComponent(identity.workspace.id)}` },
      });
    },
    onError(error) {
      // HOOK_FAILED is this server's own fault (onSuccess threw); the token has already been revoked.
      return page(
        `<h1>Could not connect Intercom</h1><p>${escapeHtml(error.code)}: ${escapeHtml(error.message)}</p>`,
        error.code === "HOOK_FAILED" ? 500 : 400,
      );
    },
  });

  return createServer((req, res) => {
    const request = toRequest(req, publicUrl);
    const { pathname, searchParams } = new URL(request.url);
    const route = async (): Promise<Response> => {
      if (pathname === "/") return page(`<a href="/connect">Connect Intercom</a>`);
      if (pathname === "/connect") return start(request);
      if (pathname === "/oauth/callback") return callback(request);
      if (pathname === "/connected") {
        const connection = connections.get(searchParams.get("workspace") ?? "");
        if (!connection) return page("<h1>Not connected</h1>", 404);
        return page(`<h1>Connected ${escapeHtml(connection.workspaceName ?? connection.workspaceId)}</h1>`);
      }
      return page("<h1>Not found</h1>", 404);
    };
    route()
      .then((response) => send(res, response))
      .catch(() => {
        res.statusCode = 500;
        res.end("Internal error");
      });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const publicUrl = process.env.PUBLIC_URL ?? "http://localhost:3000";
  const intercom = createIntercomOAuth({
    clientId: process.env.INTERCOM_CLIENT_ID ?? "",
    clientSecret: process.env.INTERCOM_CLIENT_SECRET ?? "",
    redirectUri: `${publicUrl}/oauth/callback`,
  });
  const port = Number(process.env.PORT ?? 3000);
  createExampleServer(intercom, { publicUrl }).listen(port, () => {
    console.log(`Open ${publicUrl}/ (listening on port ${port})`);
  });
}
