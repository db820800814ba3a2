// `npm run demo` is the newcomer's first command: it must run the whole flow, in every mode, and print no secret.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const tsx = resolve(root, "node_modules", "tsx", "dist", "cli.mjs");

function demo(...args: string[]) {
  const result = spawnSync(process.execPath, [tsx, "examples/demo.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectNoSecrets(output: string) {
  expect(output).not.toContain("demo-client-secret");
  expect(output).not.toMatch(/dG9rO[A-Za-z0-9+/=]{12,}/); // a whole access token
  expect(output).not.toMatch(/code=(?!…)/); // every code is masked
}

describe("npm run demo", () => {
  it("runs the whole flow in the US region with the user-level preset", () => {
    const { status, stdout, stderr } = demo();
    expect(stderr).toBe("");
    expect(status).toBe(0);
    for (const n of [0, 1, 2, 3, 4, 5, 6]) expect(stdout).toMatch(new RegExp(`^${n}\\. `, "m"));
    expect(stdout).toContain("https://app.intercom.com/oauth?client_id=");
    expect(stdout).toContain("POST https://api.intercom.io/auth/eagle/token");
    expect(stdout).toContain("permissions to tick (user-level preset, 5 permissions)");
    expect(stdout).toContain("workspace: Acme Support (id drzzt019, region US");
    expect(stdout).toMatch(/the revoked token now fails: UNAUTHORIZED \(401\)/);
    expect(stdout).toContain("Done:");
    expectNoSecrets(stdout);
  });

  it.each(["eu", "au"])("uses the %s region's hosts with --region", (region) => {
    const { status, stdout } = demo("--region", region, "--preset", "admin-level");
    expect(status).toBe(0);
    expect(stdout).toContain(`https://app.${region}.intercom.com/oauth?`);
    expect(stdout).toContain(`GET https://api.${region}.intercom.io/me`);
    expect(stdout).toContain(`region ${region.toUpperCase()}`);
    expect(stdout).toContain("admin-level preset, 18 permissions");
    expectNoSecrets(stdout);
  });

  it("refuses an unknown flag or value with exit code 2 and the usage", () => {
    const unknownRegion = demo("--region", "ca");
    expect(unknownRegion.status).toBe(2);
    expect(unknownRegion.stderr).toContain('Unknown region "ca"');
    expect(unknownRegion.stderr).toContain("Usage: npm run demo");
    expect(demo("--preset", "superuser").status).toBe(2);
    expect(demo("--bogus").status).toBe(2);
  });
});
