// Serves the conformance app or the stand-in on node:http, port 0 (a small Request bridge: the
// node entry, intercom-oauth/node, comes from another branch). Prints "LISTENING <origin>".
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const [role, bundle, standIn] = process.argv.slice(2);
const mod = await import(pathToFileURL(bundle).href);
let handler;
const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value].flat()) if (one !== undefined) headers.append(name, one);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
  const response = await handler(
    new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), { method, headers, body }),
  );
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(0, "127.0.0.1", () => {
  const origin = `http://127.0.0.1:${server.address().port}`;
  handler = role === "standin" ? mod.createStandIn(origin).fetch : mod.createApp({ standIn });
  console.log(`LISTENING ${origin}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
