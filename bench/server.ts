// The loopback Intercom for the benchmarks, run in its own process (forked by run.ts).
//
//   node server.js minimal   fixed answers: POST /auth/eagle/token and GET /me
//   node server.js standin   the real stand-in from dist/testing-node.js, over toNodeListener
//
// The minimal server is what the timing benchmarks use: they measure client overhead, and
// a server that does little per request keeps the client's share of each round trip, and
// so any difference between clients, as visible as possible. The stand-in is used where
// real codes matter (the memory run): codes are minted in bulk with `consent` and handed
// to the parent over IPC.
//
// IPC: sends { type: "ready", origin }; answers { type: "mint", count } with
// { type: "codes", codes }; exits on { type: "stop" } or when the parent goes away.

import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CLIENT_ID, CLIENT_SECRET, FIXED_TOKEN, REDIRECT_URI, loadTestingKit } from "./common.js";

import type { ParentMessage, ServerMessage, ServerMode } from "./common.js";

const TOKEN_BODY = Buffer.from(JSON.stringify({ token_type: "Bearer", token: FIXED_TOKEN, access_token: FIXED_TOKEN }));
const ME_BODY = Buffer.from(
  JSON.stringify({
    type: "admin",
    id: "991267",
    email: "admin@example.com",
    name: "Stand-in Admin",
    email_verified: true,
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: [],
    avatar: { type: "avatar", image_url: null },
    app: {
      type: "app",
      id_code: "drzzt019",
      name: "Stand-in Workspace",
      created_at: 1700000000,
      secure: true,
      identity_verification: true,
      timezone: "Europe/Edinburgh",
      region: "US",
    },
  }),
);
const UNAUTHORIZED_BODY = Buffer.from(
  JSON.stringify({
    type: "error.list",
    request_id: "bench",
    errors: [{ code: "unauthorized", message: "Unauthorized" }],
  }),
);

function answer(res: ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
  res.end(body);
}

/** Fixed answers; only the presence of the fields is checked, so that a broken client still fails. */
function minimalListener(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === "POST" && req.url === "/auth/eagle/token") {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      // The client may send its secret in the body or as HTTP Basic (arctic's generic client does).
      const credentials =
        (body.includes("client_id=") && body.includes("client_secret=")) ||
        req.headers.authorization?.startsWith("Basic ") === true;
      const ok = body.includes("code=") && credentials;
      answer(res, ok ? 200 : 401, ok ? TOKEN_BODY : UNAUTHORIZED_BODY);
    });
    return;
  }
  if (req.method === "GET" && req.url === "/me") {
    req.resume();
    const ok = req.headers.authorization?.startsWith("Bearer ") === true;
    answer(res, ok ? 200 : 401, ok ? ME_BODY : UNAUTHORIZED_BODY);
    return;
  }
  req.resume();
  answer(res, 404, UNAUTHORIZED_BODY);
}

async function main(mode: ServerMode): Promise<void> {
  let listener: RequestListener = minimalListener;
  let mint: (count: number) => string[] = () => {
    throw new Error("bench server: minting codes needs the standin mode");
  };
  let setOrigin: (origin: string) => void = () => undefined;
  if (mode === "standin") {
    const kit = await loadTestingKit();
    const standIn = kit.createIntercomStandInCore({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [REDIRECT_URI],
      codeTtlMs: 60 * 60_000,
      limits: { codes: 50_000, tokens: 50_000, requestLog: 100 },
    });
    let authorize = "";
    setOrigin = (origin) => {
      authorize = standIn.addBaseUrls({ app: origin, api: origin }).authorize;
      listener = kit.toNodeListener(standIn, { origin }) as RequestListener;
    };
    mint = (count) => {
      const codes: string[] = [];
      for (let i = 0; i < count; i++) {
        const callback = standIn.consent(`${authorize}?client_id=${CLIENT_ID}&state=bench${i}`);
        const code = callback.searchParams.get("code");
        if (code === null) throw new Error("bench server: consent returned no code");
        codes.push(code);
      }
      return codes;
    };
  }
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => listener(req, res));
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    setOrigin(origin);
    process.send?.({ type: "ready", origin } satisfies ServerMessage);
  });
  process.on("message", (message: ParentMessage) => {
    if (message.type === "mint") process.send?.({ type: "codes", codes: mint(message.count) } satisfies ServerMessage);
    else if (message.type === "stop") process.exit(0);
  });
  process.on("disconnect", () => process.exit(0));
}

const mode = process.argv[2];
if (mode !== "minimal" && mode !== "standin") {
  console.error("usage: server.js minimal|standin (forked by run.js)");
  process.exit(2);
}
void main(mode);
