// `npm run demo` is the newcomer's first command: it must run the whole flow, in every mode, and print no secret.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const tsx = resolve(root, "node_modules", "tsx", "dist", "cli.mjs");

function demo(...args: string[]) {
  const result = spawnSync(process.execPath, [tsx, "examples/demo.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 85_000,
  });
  // Node's own experimental-feature warnings, not the demo's: node:sqlite's (Node 24; tsx hides
  // it today), and Node 26's about localStorage, which msw's cookie store touches (issue 11).
  const stderr = result.stderr.replace(
    /^\(node:\d+\) ExperimentalWarning: (SQLite is an experimental feature|localStorage is not available because --localstorage-file was not provided).*\n(\(Use `node --trace-warnings.*\n)?/gm,
    "",
  );
  return { status: result.status, stdout: result.stdout, stderr };
}

function expectNoSecrets(output: string) {
  expect(output).not.toContain("demo-client-secret");
  expect(output).not.toMatch(/dG9rO[A-Za-z0-9+/=]{12,}/); // a whole access token
  expect(output).not.toMatch(/code=(?!…)/); // every code is masked
  expect(output).not.toContain("demo-sealing-key"); // the sealing key
  expect(output).not.toMatch(/v1\.[\w-]+\.[\w-]{8,}/); // a seal beyond its first IV characters
  expect(output).not.toMatch(/intercom_oauth_state=(?!…)/); // the state cookie
}

/** Issue 10: what `npm run demo` shows of a connection's lifecycle, steps 7 to 12. */
function expectLifecycle(stdout: string) {
  for (const n of [7, 8, 9, 10, 11, 12]) expect(stdout).toMatch(new RegExp(`^${n}\\. `, "m"));
  const driver = Number(process.versions.node.split(".")[0]) >= 22 ? "node:sqlite DatabaseSync" : "better-sqlite3";
  expect(stdout).toContain(`SQLite: ${driver} (Node ${process.versions.node})`);
  expect(stdout).toMatch(/sealer: AES-256-GCM, key "demo-2026" = …\(\d+ chars, masked\)/);
  expect(stdout.match(/callback → 303 \/settings\/intercom/g)).toHaveLength(2);
  // The raw row: a v1 seal in the token column, and the demo checked the plain token is not there.
  expect(stdout).toMatch(/^ {3}sealed_token {10}v1\.demo-2026\.[\w-]{4}…\(\d+ chars, masked\)$/m);
  expect(stdout).toMatch(/^ {3}owner {17}tenant_42$/m);
  expect(stdout).toContain("checked: the plain token (60 chars) is nowhere in the row");
  const lifecycle = stdout.slice(stdout.search(/^7\. /m));
  const section = (n: number) => lifecycle.slice(lifecycle.search(new RegExp(`^${n}\\. `, "m"))).split(/\n\n/)[0] ?? "";
  expect(section(9)).toContain('← 200 {"state":"OK"}');
  expect(section(10)).toMatch(/onNotification: conversation\.user\.created notif_/);
  expect(section(10)).toMatch(/← 200\n/);
  expect(section(10)).toContain('← 401 {"error":{"code":"SIGNATURE_INVALID"');
  expect(section(10).match(/onNotification: /g)).toHaveLength(1);
  expect(section(11)).toContain("status: active → uninstalled");
  expect(section(11)).toContain('← 200 {"state":"UNHEALTHY"');
  expect(section(12)).toContain("status before: uninstalled");
  expect(section(12)).toMatch(/status after: active \(a new token, sealed anew: v1\.demo-2026\./);
  expect(section(12)).toContain('← 200 {"state":"OK"}');
  // The SQLite file lived in a fresh temp folder, gone once the demo ends.
  const folder = /\(the temp folder (.+) is deleted\)/.exec(stdout)?.[1] ?? "";
  expect(folder).toMatch(/intercom-oauth-demo-/);
  expect(existsSync(folder)).toBe(false);
}

// Each run starts tsx and the stand-in (3–4 s alone; much more on a loaded CI machine).
describe("npm run demo", { timeout: 90_000 }, () => {
  it("runs the whole flow, then (issue 10) the connection's lifecycle, in the US region with the user-level preset", () => {
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
    expectLifecycle(stdout);
    expectNoSecrets(stdout);
  });

  it.each(["eu", "au"])("uses the %s region's hosts with --region", (region) => {
    const { status, stdout } = demo("--region", region, "--preset", "admin-level");
    expect(status).toBe(0);
    expect(stdout).toContain(`https://app.${region}.intercom.com/oauth?`);
    expect(stdout).toContain(`GET https://api.${region}.intercom.io/me`);
    expect(stdout).toContain(`region ${region.toUpperCase()}`);
    expect(stdout).toContain("admin-level preset, 18 permissions");
    expect(stdout).toMatch(new RegExp(`^ {3}region {16}${region}$`, "m")); // the connection keeps the client's region
    expectLifecycle(stdout);
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
