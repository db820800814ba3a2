// The CLI: `intercom-oauth verify`. A stand-in served by node:http (so that the built program,
// a separate process, can reach it too), one that is down and one that answers HTML.
import { spawn } from "node:child_process";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIntercomStandInCore, toNodeListener } from "../../src/testing/node.js";
import { loopback, type Loopback } from "../support/loopback.js";
import {
  CLI,
  CLIENT_ID,
  ENV,
  ENV_SECRET,
  LITERAL_SECRET,
  type BuiltRun,
  type Run,
  all,
  cli,
  config,
  dir,
  noStack,
  useCliDir,
  write,
} from "../support/cli.js";
import { encodedForms } from "../support/expect-no-secrets.js";

useCliDir("verify");

let server: Server;
let origin = "";
let down = "";
let html: Loopback;

beforeAll(async () => {
  const core = createIntercomStandInCore({ clientId: CLIENT_ID, clientSecret: ENV_SECRET });
  server = createServer(toNodeListener(core));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const region of ["us", "eu", "au"] as const) core.addBaseUrls({ api: origin }, region);
  const closed = await loopback(() => {});
  down = closed.origin;
  await closed.close();
  html = await loopback((_request, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html><body>Bad gateway</body></html>");
  });
});
afterAll(async () => {
  await html.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const WRONG = { ...ENV, INTERCOM_CLIENT_SECRET: "Wrong-Secret-Do-Not-Print-99887766" };

function noSecrets(run: Run | BuiltRun): void {
  const text = all(run);
  for (const secret of [ENV_SECRET, LITERAL_SECRET, WRONG.INTERCOM_CLIENT_SECRET]) {
    for (const form of encodedForms(secret)) expect(text).not.toContain(form);
  }
}

/** Runs dist/cli.js without blocking the event loop (the stand-in lives in this process). */
function builtAsync(args: string[], env: Record<string, string>): Promise<BuiltRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill(), 15_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("verify — the built program", () => {
  it("exit 0 accepted, 1 rejected, 2 down or HTML, in every format, with no secret", async () => {
    const file = write(config());
    const accepted = await builtAsync(["verify", file, "--base-url", origin], ENV);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/us: accepted/);
    expect(accepted.stdout).toMatch(/one third-party observation.*\(2026-10\)/);
    const rejected = await builtAsync(["verify", file, "--base-url", origin, "--format", "json"], WRONG);
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({
      version: 1,
      ok: false,
      results: [{ region: "us", verdict: "rejected", code: "INVALID_CLIENT" }],
    });
    const gone = await builtAsync(["verify", file, "--base-url", down, "--format", "github"], ENV);
    expect(gone.code).toBe(2);
    expect(gone.stdout).toMatch(/^::warning title=intercom-oauth verify us%3A inconclusive::.*NETWORK_ERROR/m);
    const page = await builtAsync(["verify", file, "--base-url", html.origin], ENV);
    expect(page.code).toBe(2);
    expect(page.stdout).toContain("inconclusive");
    for (const run of [accepted, rejected, gone, page]) {
      noStack(run);
      noSecrets(run);
    }
  });

  it("exit 1 for an invalid config (nothing sent), 2 for a usage error or a missing file", async () => {
    const invalid = await builtAsync(["verify", write(config()), "--base-url", origin], {});
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("Nothing was sent");
    expect((await builtAsync(["verify", write(config()), "--region", "mars"], ENV)).code).toBe(2);
    expect((await builtAsync(["verify", "missing.json"], ENV)).code).toBe(2);
    noSecrets(invalid);
  });
});

describe("verify — in-process", () => {
  it("accepted: text says what it means, and the caveat", async () => {
    const run = await cli(["verify", write(config()), "--base-url", origin], { env: ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Intercom accepted the client id and secret in region us.");
    expect(run.stdout).toContain("one third-party observation");
    noSecrets(run);
  });

  it("rejected: text says where the secret is, that a regenerated one replaces the old, and the region", async () => {
    const run = await cli(["verify", write(config({ region: "eu" })), "--base-url", origin], { env: WRONG });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("eu: rejected");
    expect(run.stdout).toContain("Developer Hub > your app > Basic information");
    expect(run.stdout).toContain("a regenerated secret replaces the old one");
    expect(run.stdout).toContain("--all-regions");
    noSecrets(run);
  });

  it("a literal secret in the config is a validation error: exit 1, nothing sent, never printed", async () => {
    const file = write(config({ clientId: CLIENT_ID, clientSecret: LITERAL_SECRET }));
    const run = await cli(["verify", file, "--base-url", origin, "--format", "json"], { env: {} });
    expect(run.code).toBe(1);
    noSecrets(run);
  });

  it("--region probes another region; --all-regions probes all three", async () => {
    const one = await cli(["verify", write(config()), "--base-url", origin, "--region", "au", "--format", "json"], {
      env: ENV,
    });
    expect(JSON.parse(one.stdout).results).toEqual([{ region: "au", verdict: "accepted" }]);
    const every = await cli(["verify", write(config()), "--base-url", origin, "--all-regions", "--format", "json"], {
      env: ENV,
    });
    expect(every.code).toBe(0);
    expect(JSON.parse(every.stdout).results.map((r: { region: string }) => r.region)).toEqual(["us", "eu", "au"]);
  });

  it("--all-regions: any rejection exits 1, else any inconclusive exits 2 (regions probed in order)", async () => {
    const accepted = { type: "error.list", errors: [{ code: "unauthorized_code", message: "Unauthorized Code" }] };
    const answers: Record<string, [number, string]> = {
      accepted: [401, JSON.stringify(accepted)],
      rejected: [401, JSON.stringify({ error: "invalid_client" })],
      inconclusive: [502, "<html>Bad gateway</html>"],
    };
    for (const [script, code, verdicts] of [
      [["accepted", "inconclusive", "rejected"], 1, ["accepted", "inconclusive", "rejected"]],
      [["inconclusive", "accepted", "accepted"], 2, ["inconclusive", "accepted", "accepted"]],
    ] as const) {
      let n = 0;
      const scripted = await loopback((_request, res) => {
        const [status, body] = answers[script[n++] ?? "accepted"] ?? [500, ""];
        res.writeHead(status, { "content-type": body.startsWith("<") ? "text/html" : "application/json" });
        res.end(body);
      });
      try {
        const run = await cli(
          ["verify", write(config()), "--base-url", scripted.origin, "--all-regions", "--format", "json"],
          { env: ENV },
        );
        expect(run.code, all(run)).toBe(code);
        expect(JSON.parse(run.stdout).results.map((r: { verdict: string }) => r.verdict)).toEqual(verdicts);
        expect(scripted.received).toHaveLength(3);
        noSecrets(run);
      } finally {
        await scripted.close();
      }
    }
  });

  it("exit 2: inconclusive (down, HTML), in json and github formats", async () => {
    const gone = await cli(["verify", write(config()), "--base-url", down, "--format", "json"], { env: ENV });
    expect(gone.code).toBe(2);
    expect(JSON.parse(gone.stdout).results[0]).toMatchObject({ verdict: "inconclusive", code: "NETWORK_ERROR" });
    const page = await cli(["verify", write(config()), "--base-url", html.origin, "--format", "github"], { env: ENV });
    expect(page.code).toBe(2);
    expect(page.stdout).toMatch(/^::warning .*HTML page/m);
    noSecrets(gone);
    noSecrets(page);
  });

  it("exit 2: usage errors (--base-url not an origin, --region with --all-regions, unknown format)", async () => {
    const file = write(config());
    for (const args of [
      ["--base-url", "ftp://x"],
      ["--base-url", `${origin}/path`],
      ["--region", "us", "--all-regions"],
      ["--format", "xml"],
    ]) {
      const run = await cli(["verify", file, ...args], { env: ENV });
      expect(run.code, args.join(" ")).toBe(2);
    }
  });

  it("exit 1: an invalid config stops before any probe", async () => {
    const run = await cli(["verify", write(config({ region: "mars" })), "--base-url", origin], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
  });
});
