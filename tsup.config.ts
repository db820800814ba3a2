import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library and its config, connections, testing and node subpaths: ESM + CJS + types for each.
    entry: {
      index: "src/index.ts",
      config: "src/config/index.ts",
      connections: "src/connections/index.ts",
      testing: "src/testing/index.ts",
      node: "src/node/index.ts",
      "testing-msw": "src/testing/msw.ts",
      "testing-node": "src/testing/node.ts",
    },
    format: ["esm", "cjs"],
    dts: { resolve: true },
    clean: true,
    sourcemap: false,
    target: "node20",
    splitting: false,
    treeshake: true,
    // node:http stays an import in intercom-oauth/node's declarations, never inlined.
    external: ["msw", "msw/node", /^node:/],
  },
  {
    // The CLI is ESM only; it is a program, not an import.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
