// Serves the conformance app or the stand-in with Bun.serve, port 0; the stand-in is
// `standIn.fetch` itself as the fetch handler. Prints "LISTENING <origin>".
const [role, bundle, standInOrigin] = Bun.argv.slice(2);
const mod = await import(bundle);
let server;
if (role === "standin") {
  const standIn = mod.createStandIn();
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: standIn.fetch });
  standIn.addBaseUrls({ app: `http://127.0.0.1:${server.port}`, api: `http://127.0.0.1:${server.port}` });
} else {
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: mod.createApp({ standIn: standInOrigin }) });
}
console.log(`LISTENING http://127.0.0.1:${server.port}`);
process.on("SIGTERM", () => {
  server.stop(true);
  process.exit(0);
});
