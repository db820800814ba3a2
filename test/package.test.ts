// The packed tarball, installed into a fresh consumer folder, loads from both module systems.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
let consumer: string;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

beforeAll(() => {
  if (!existsSync(join(root, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does it).");
  }
  consumer = mkdtempSync(join(tmpdir(), "intercom-oauth-consumer-"));
  const packDir = join(consumer, "pack");
  mkdirSync(packDir);
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", packDir], root)) as [{ filename: string }];
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", join(packDir, packed[0].filename)],
    consumer,
  );
}, 120_000);

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe("the published package", () => {
  it("loads with require() from CommonJS", () => {
    const out = run(
      "node",
      ["-e", "const m = require('intercom-oauth'); console.log(typeof m.IntercomOAuthError, m.intercomEndpoints('eu').me)"],
      consumer,
    );
    expect(out.trim()).toBe("function https://api.eu.intercom.io/me");
  });

  it("loads with import() from ESM", () => {
    const out = run(
      "node",
      ["--input-type=module", "-e", "const m = await import('intercom-oauth'); console.log(Object.keys(m).includes('isIntercomOAuthError'))"],
      consumer,
    );
    expect(out.trim()).toBe("true");
  });

  it("ships only dist, the README and package.json", () => {
    const listing = JSON.parse(run("npm", ["pack", "--dry-run", "--json"], root)) as [{ files: { path: string }[] }];
    const paths = listing[0].files.map((file) => file.path);
    expect(paths.filter((path) => !/^(dist\/|README\.md$|package\.json$|schema\.json$|LICENSE$)/.test(path))).toEqual([]);
    expect(paths).toContain("dist/index.d.cts");
  });

  it("installs its bin", () => {
    const out = run("npx", ["--no-install", "intercom-oauth", "--version"], consumer);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
