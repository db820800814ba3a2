// Serves the conformance app or the stand-in as a Worker in workerd, through miniflare (run with
// the node@22 binary: miniflare needs Node 22+). No nodejs_compat. The stand-in Worker's fetch
// is `standIn.fetch` itself. Prints "LISTENING <origin>".
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { Miniflare } from "miniflare";

const [role, bundle, standInOrigin] = process.argv.slice(2);
// A free port chosen by the OS, so the stand-in Worker knows its own origin at load.
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const origin = `http://127.0.0.1:${port}`;
const worker =
  role === "standin"
    ? `import { createStandIn } from "./app.mjs";\nconst standIn = createStandIn(${JSON.stringify(origin)});\nexport default { fetch: standIn.fetch };\n`
    : `import { createApp } from "./app.mjs";\nconst app = createApp({ standIn: ${JSON.stringify(standInOrigin)} });\nexport default { fetch: (request) => app(request) };\n`;
const root = dirname(bundle);
const mf = new Miniflare({
  modulesRoot: root,
  modules: [
    { type: "ESModule", path: join(root, "worker.mjs"), contents: worker },
    { type: "ESModule", path: join(root, "app.mjs"), contents: readFileSync(bundle, "utf8") },
  ],
  compatibilityDate: "2026-07-01",
  host: "127.0.0.1",
  port,
});
await mf.ready;
console.log(`LISTENING ${origin}`);
process.on("SIGTERM", () => {
  mf.dispose().finally(() => process.exit(0));
});
