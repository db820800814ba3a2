// A minimal "Connect Intercom" server: node:http in front of the SDK's web-standard handlers,
// through toNodeHandler (intercom-oauth/node).
//
//   INTERCOM_CLIENT_ID=… INTERCOM_CLIENT_SECRET=… PUBLIC_URL=https://your-tunnel.example npx tsx examples/server.ts
//
// Intercom only accepts HTTPS Redirect URLs, so expose this server through a tunnel and
// register `${PUBLIC_URL}/oauth/callback` in Developer Hub.
import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { createIntercomOAuth, type IntercomOAuthClient } from "intercom-oauth";
import { toNodeHandler } from "intercom-oauth/node";

/** What the example keeps per connected workspace. A real app stores the token encrypted. */
export interface Connection {
  readonly workspaceId: string;
  readonly workspaceName: string | null;
  readonly adminEmail: string | null;
  readonly accessToken: string;
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

  async function app(request: Request): Promise<Response> {
    const { pathname, searchParams } = new URL(request.url);
    if (pathname === "/") return page(`<a href="/connect">Connect Intercom</a>`);
    if (pathname === "/connect") return start(request);
    if (pathname === "/oauth/callback") return callback(request);
    if (pathname === "/connected") {
      const connection = connections.get(searchParams.get("workspace") ?? "");
      if (!connection) return page("<h1>Not connected</h1>", 404);
      return page(`<h1>Connected ${escapeHtml(connection.workspaceName ?? connection.workspaceId)}</h1>`);
    }
    return page("<h1>Not found</h1>", 404);
  }

  // toNodeHandler does the node:http glue: a capped body, every Set-Cookie, the disconnect
  // signal. Behind a proxy or tunnel, the public URL is the origin the browser saw: pass it, so
  // that no Host header is trusted.
  return createServer(toNodeHandler(app, publicUrl === undefined ? {} : { origin: publicUrl }));
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
