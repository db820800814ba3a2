// Serves the conformance app or the stand-in with Deno.serve, port 0, with no --allow-env: the
// stand-in is `standIn.fetch` itself as the handler. Prints "LISTENING <origin>".
const [role, bundle, standInOrigin] = Deno.args;
const mod = await import(`file://${bundle}`);
const standIn = role === "standin" ? mod.createStandIn() : undefined;
const handler = standIn ? standIn.fetch : mod.createApp({ standIn: standInOrigin });
Deno.serve(
  {
    hostname: "127.0.0.1",
    port: 0,
    onListen({ port }) {
      const origin = `http://127.0.0.1:${port}`;
      standIn?.addBaseUrls({ app: origin, api: origin });
      console.log(`LISTENING ${origin}`);
    },
  },
  handler,
);
