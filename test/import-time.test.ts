// Importing the flow runs nothing: every module of src/oauth/ and the shared modules beside it
// only declares. Checked by bundling each module for its side effects alone with esbuild, which
// drops declarations and keeps any statement that runs code (a schema built, a table frozen, an
// encoder made); annotations are ignored, as a bundler that meets our built, single-file entry
// cannot use them per module.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const modules = [
  ...readdirSync(join(root, "src/oauth")).map((file) => `src/oauth/${file}`),
  ...readdirSync(join(root, "src/webhooks")).map((file) => `src/webhooks/${file}`),
  ...readdirSync(join(root, "src")).map((file) => `src/${file}`),
].filter((file) => file.endsWith(".ts") && file !== "src/index.ts");

async function importTimeCode(file: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: `import "./${file}";`, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    ignoreAnnotations: true,
    write: false,
    logLevel: "silent",
  });
  return (result.outputFiles[0]?.text ?? "")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("//") && !line.startsWith("import "));
}

describe("regression: issue 9 — nothing runs at import time", () => {
  it.each(modules)("%s only declares", async (file) => {
    expect(await importTimeCode(file)).toEqual([]);
  });
});
