// The intercom-oauth/connections entry (issue 10): every runtime name documented, nothing run at
// import time, and no Node-only module, so that sealing and the stores load on any runtime.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import * as connections from "../src/connections/index.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const modules = readdirSync(join(root, "src/connections"))
  .filter((file) => file.endsWith(".ts") && file !== "index.ts")
  .map((file) => `src/connections/${file}`);

describe("issue 10 — the connections entry", () => {
  it("documents each runtime name in docs/connections.md", () => {
    const doc = readFileSync(join(root, "docs/connections.md"), "utf8");
    expect(Object.keys(connections).filter((name) => !doc.includes(`\`${name}`))).toEqual([]);
  });

  it.each(modules)("%s only declares, and imports no node: module", async (file) => {
    // As test/import-time.test.ts does for the flow: esbuild keeps only statements that run code.
    const result = await build({
      stdin: { contents: `import "./${file}";`, resolveDir: root, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "neutral",
      packages: "external",
      ignoreAnnotations: true,
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    const code = (result.outputFiles[0]?.text ?? "")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("//") && !line.startsWith("import "));
    expect(code).toEqual([]);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => path.startsWith("node:"))).toEqual([]);
  });
});
