// Package correctness: packs the built package once and runs publint (strict) and
// Are the Types Wrong? (attw) on that tarball, so both judge exactly what npm would publish.
// Run by `npm run check:package` (after `npm run build`); test/package.test.ts runs
// `lintTarball` on its own tarball inside `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** One tool's verdict on a tarball. */
export interface ToolResult {
  readonly tool: "publint" | "attw";
  readonly ok: boolean;
  /** stdout and stderr together, for the failure message. */
  readonly output: string;
}

function runTool(tool: ToolResult["tool"], args: string[]): ToolResult {
  // The CLIs' own entry files, run with the current node: no npx lookup, no network.
  const entry =
    tool === "publint"
      ? join(root, "node_modules", "publint", "src", "cli.js")
      : join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
  const result = spawnSync(process.execPath, [entry, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`;
  return { tool, ok: result.status === 0, output };
}

/**
 * Runs publint and attw on a packed tarball.
 *
 * - publint `--strict`: warnings count as errors (exports order, missing files, `types` conditions).
 * - attw with its default `strict` profile: every entry point (`.`, `./config`, `./connections`, `./testing`, `./testing/msw`, `./testing/node`, `./node`, and the
 *   two JSON subpaths) under node10, node16 from CJS, node16 from ESM and bundler resolution. No rule is
 *   ignored and no entry point excluded: the CLI is a `bin`, not an export, so attw does not see it.
 *   `--no-definitely-typed`: the package ships its own types, so there is no @types package to look
 *   up on the registry. attw does not resolve peer packages (msw) inside our .d.ts files; the
 *   consumer type-check in test/package.test.ts covers that.
 */
export function lintTarball(tarball: string): ToolResult[] {
  return [
    runTool("publint", ["run", "--strict", tarball]),
    runTool("attw", [tarball, "--no-definitely-typed", "--format", "ascii", "--no-emoji", "--no-color"]),
  ];
}

/** A packed tarball: its path and the paths of the files in it. */
export interface Packed {
  readonly tarball: string;
  readonly files: readonly string[];
}

/** Packs the package into `dir` (which must exist). */
export function packInto(dir: string): Packed {
  const result = spawnSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const [packed] = JSON.parse(result.stdout) as [{ filename: string; files: { path: string }[] }];
  return { tarball: join(dir, packed.filename), files: packed.files.map((file) => file.path) };
}

function main(): number {
  if (!existsSync(join(root, "dist", "index.js"))) {
    process.stderr.write("dist/ is missing: run `npm run build` first.\n");
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), "intercom-oauth-pack-"));
  try {
    const { tarball, files } = packInto(dir);
    process.stdout.write(`Checking ${readdirSync(dir).join(", ")} (${files.length} files)\n`);
    let failed = 0;
    for (const result of lintTarball(tarball)) {
      process.stdout.write(`\n== ${result.tool}: ${result.ok ? "ok" : "FAILED"}\n${result.output}\n`);
      if (!result.ok) failed += 1;
    }
    return failed === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}
