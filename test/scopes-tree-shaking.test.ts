// Issue 9: the scope catalogue is data a bundler can drop. An app that uses only the flow
// must not carry the permission labels, even from a single-file build of the package
// (where `sideEffects: false` no longer helps: only pure top-level code can be dropped).
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const LABEL = "Read and list users and companies";

// One file holding the flow and the scopes, as tsup emits an entry; ky and zod stay external.
async function packageFile(): Promise<string> {
  const result = await build({
    stdin: {
      contents: 'export * from "./src/oauth/client.ts";\nexport * from "./src/scopes/index.ts";\n',
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    external: ["ky", "zod", "zod/*"],
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

async function appBundle(pkg: string, app: string): Promise<string> {
  const result = await build({
    stdin: { contents: app, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "node",
    external: ["ky", "zod", "zod/*"],
    plugins: [
      {
        name: "package-file",
        setup(b) {
          b.onResolve({ filter: /^intercom-oauth$/ }, () => ({ path: "intercom-oauth", namespace: "pkg" }));
          b.onLoad({ filter: /.*/, namespace: "pkg" }, () => ({ contents: pkg, loader: "js" }));
        },
      },
    ],
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("regression: issue 9 — scope labels drop out of a flow-only bundle", () => {
  it("keeps no label when the app uses only the flow, and all of them when it resolves scopes", async () => {
    const pkg = await packageFile();
    expect(pkg).toContain(LABEL);
    const flowOnly = await appBundle(
      pkg,
      'import { createIntercomOAuth } from "intercom-oauth";\nconsole.log(typeof createIntercomOAuth);\n',
    );
    expect(flowOnly.length).toBeGreaterThan(5_000);
    expect(flowOnly).not.toContain(LABEL);
    const withScopes = await appBundle(
      pkg,
      'import { findScope } from "intercom-oauth";\nconsole.log(findScope("read_tags"));\n',
    );
    expect(withScopes).toContain(LABEL);
  }, 30_000);
});
