// The CLI: `intercom-oauth validate -` reads the config from standard input (issue 11 §6). Not a
// regular file, so exempt from that rule, but with the 1 MiB cap, the UTF-8 check and a read
// timeout. Built-program tests first (real pipes), then in-process ones.
import { spawn, spawnSync } from "node:child_process";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { encodedForms } from "../support/expect-no-secrets.js";
import { all, CLI, config, ENV, ENV_SECRET, LITERAL_SECRET, cli, dir, useCliDir } from "../support/cli.js";

useCliDir("validate-stdin");

function piped(args: string[], input: string | Buffer, env: Record<string, string> = ENV) {
  const result = spawnSync(process.execPath, [CLI, "validate", "-", ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...env },
    input,
    encoding: "utf8",
    timeout: 15_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectNoSecretIn(text: string): void {
  for (const secret of [LITERAL_SECRET, ENV_SECRET])
    for (const form of encodedForms(secret)) expect(text, form).not.toContain(form);
}

describe("validate - — the built program, over a pipe", () => {
  it("accepts a valid config (exit 0) and names it <stdin>", () => {
    const run = piped([], JSON.stringify(config()));
    expect(run.code, all(run)).toBe(0);
    expect(run.stdout).toContain("<stdin> is valid");
    expectNoSecretIn(all(run));
  });

  it("rejects an invalid config (exit 1) with its issues, lines and columns, without printing the secret", () => {
    const text = `{\n  "clientId": "env:INTERCOM_CLIENT_ID",\n  "clientSecret": "${LITERAL_SECRET}",\n  "redirectUris": ["https://app.merge.dev/oauth/callback"],\n  "scopes": "user-levle"\n}\n`;
    const run = piped(["--format", "json"], text);
    expect(run.code, all(run)).toBe(1);
    const report = JSON.parse(run.stdout) as { file: string; issues: { code: string; line: number }[] };
    expect(report.file).toBe("<stdin>");
    expect(report.issues.map((one) => one.code)).toEqual(
      expect.arrayContaining(["SECRET_IN_FILE", "INVALID_SCOPE_SPEC"]),
    );
    expect(report.issues.find((one) => one.code === "SECRET_IN_FILE")?.line).toBe(3);
    expectNoSecretIn(all(run));
  });

  it("refuses more than 1 MiB (exit 2, FILE_TOO_LARGE)", () => {
    const run = piped(["--format", "json"], `{"pad": "${"x".repeat(1024 * 1024)}"}`);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: "<stdin>", error: { code: "FILE_TOO_LARGE" } });
  });

  it("refuses bytes that are not UTF-8 (exit 2, FILE_NOT_UTF8 with line and column)", () => {
    const latin1 = Buffer.concat([
      Buffer.from('{\n  "app": { "name": "Caf'),
      Buffer.from([0xe9]),
      Buffer.from('" }\n}'),
    ]);
    const run = piped(["--format", "json"], latin1);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: "FILE_NOT_UTF8", line: 2, column: 24 } });
  });

  it("exits 2 on a JSON syntax error, and on an empty input", () => {
    expect(piped([], "{ nope").code).toBe(2);
    expect(piped([], "").code).toBe(2);
  });

  it("gives up on a stdin that never ends (exit 2, STDIN_TIMEOUT) and leaves no process behind", async () => {
    const child = spawn(process.execPath, [CLI, "validate", "-", "--stdin-timeout", "0.5", "--format", "json"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", ...ENV },
      stdio: ["pipe", "pipe", "pipe"],
    });
    // Part of a config with the secret in it, then nothing more, and the pipe left open.
    child.stdin.write(`{ "clientSecret": "${LITERAL_SECRET}",`);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const started = Date.now();
    const code = await new Promise<number | null>((resolve) => {
      const guard = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.on("exit", (exitCode) => {
        clearTimeout(guard);
        resolve(exitCode);
      });
    });
    child.stdin.destroy();
    expect(code, `${stdout}${stderr}`).toBe(2);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(JSON.parse(stdout)).toMatchObject({ file: "<stdin>", valid: false, error: { code: "STDIN_TIMEOUT" } });
    expectNoSecretIn(`${stdout}${stderr}`);
  });

  it("refuses a bad --stdin-timeout (exit 2)", () => {
    for (const value of ["0", "abc", "601", "-1"]) expect(piped(["--stdin-timeout", value], "{}").code, value).toBe(2);
  });
});

describe("validate - — in-process", () => {
  it("issue 11 review: refuses at once when stdin is a terminal, instead of waiting for the timeout", async () => {
    const stdin = new PassThrough();
    const started = Date.now();
    const run = await cli(["validate", "-"], { stdin, stdinIsTTY: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("stdin is a terminal");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reads string and Buffer chunks from io.stdin", async () => {
    const stdin = new PassThrough();
    const text = JSON.stringify(config());
    stdin.write(text.slice(0, 10));
    stdin.end(Buffer.from(text.slice(10)));
    const run = await cli(["validate", "-"], { env: ENV, stdin });
    expect(run.code, all(run)).toBe(0);
    expect(run.stdout).toContain("<stdin> is valid");
    // A stream with an encoding set hands over strings.
    const decoded = new PassThrough();
    decoded.setEncoding("utf8");
    decoded.end(text);
    expect((await cli(["validate", "-"], { env: ENV, stdin: decoded })).code).toBe(0);
  });

  it("treats a missing io.stdin as empty input (exit 2, JSON syntax)", async () => {
    const run = await cli(["validate", "-", "--format", "github"], { env: ENV });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("file=<stdin>");
    expect(run.stdout).toContain("JSON_SYNTAX");
  });

  it("times out, says how to fix it, and destroys the stream", async () => {
    const stdin = new PassThrough();
    const run = await cli(["validate", "-", "--stdin-timeout", "0.1"], { env: ENV, stdin });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/<stdin>: no end of input after 0\.1 s\. .*--stdin-timeout/);
    expect(stdin.destroyed).toBe(true);
  });

  it("reports a stream error as unreadable (exit 2)", async () => {
    const stdin = new PassThrough();
    setTimeout(() => stdin.destroy(Object.assign(new Error("boom"), { code: "EIO" })), 10);
    const run = await cli(["validate", "-", "--format", "json"], { env: ENV, stdin });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: { code: "FILE_UNREADABLE", message: "Cannot read <stdin>: EIO." },
    });
  });

  it("stops reading at the cap", async () => {
    const stdin = new PassThrough();
    stdin.write(Buffer.alloc(700 * 1024, 0x20));
    stdin.write(Buffer.alloc(700 * 1024, 0x20));
    const run = await cli(["validate", "-", "--format", "json"], { env: ENV, stdin });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: "FILE_TOO_LARGE" } });
    expect(stdin.destroyed).toBe(true);
  });
});
