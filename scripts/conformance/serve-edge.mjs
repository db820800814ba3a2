// Serves the conformance app or the stand-in in Vercel's edge-runtime (a V8 context with Web
// APIs only), port 0. Prints "LISTENING <origin>".
import { readFileSync } from "node:fs";
import { EdgeRuntime, runServer } from "edge-runtime";

const [role, bundle, standInOrigin] = process.argv.slice(2);
const code = readFileSync(bundle, "utf8");
const serve =
  role === "standin"
    ? "globalThis.standIn = conformance.createStandIn();\naddEventListener('fetch', (event) => event.respondWith(standIn.fetch(event.request)));"
    : `const app = conformance.createApp({ standIn: ${JSON.stringify(standInOrigin)} });\naddEventListener('fetch', (event) => event.respondWith(app(event.request)));`;
const runtime = new EdgeRuntime({ initialCode: `${code}\n${serve}` });
const server = await runServer({ runtime, port: 0, host: "127.0.0.1" });
const origin = new URL(server.url).origin;
if (role === "standin")
  runtime.evaluate(`standIn.addBaseUrls({ app: ${JSON.stringify(origin)}, api: ${JSON.stringify(origin)} })`);
console.log(`LISTENING ${origin}`);
process.on("SIGTERM", () => {
  server.close().finally(() => process.exit(0));
});
