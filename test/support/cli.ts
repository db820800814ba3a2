// The CLI test harness, shared by test/cli/*.test.ts. Each file tests one command two ways:
// `built(args)` runs dist/cli.js as a child process, end to end (`npm test` builds it first;
// in a bare `npx vitest run`, run `npx tsup` before); `cli(argv)` calls runCli in-process with
// captured I/O, for the branches between, where v8 coverage can see them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect } from "vitest";
import { configWriter, validConfig } from "./config-fixture.js";
import { type CliIo, runCli } from "../../src/cli/run.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The built program. */
export const CLI = path.join(ROOT, "dist", "cli.js");
export const PKG = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

export const CLIENT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
/** A client secret written in a config file: it must never be printed. */
export const LITERAL_SECRET = "Lit3ral-Secret-Do-Not-Print-8d7c6b5a";
/** The client secret in the environment: it must never be printed either. */
export const ENV_SECRET = "Env-Secret-Value-Do-Not-Print-1a2b3c4d";
export const ENV = { INTERCOM_CLIENT_ID: CLIENT_ID, INTERCOM_CLIENT_SECRET: ENV_SECRET };
export const ESC = "\u001b[";
export const COMMAND_NAMES = [
  "validate",
  "verify",
  "scopes",
  "authorize-url",
  "checklist",
  "review-kit",
  "init",
  "schema",
];

/** The seed's setup as a config object, with overrides. */
export const config = validConfig;

/**
 * The working directory of this test file's runs: a fresh temp dir, made before its tests
 * and removed after them (see {@link useCliDir}). A live binding: read it inside tests.
 */
export let dir = "";

/** Gives the calling test file its own temp dir as {@link dir}. */
export function useCliDir(name: string): void {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), `intercom-oauth-cli-${name}-`));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Writes text or pretty JSON into {@link dir}; returns the file name. */
export const write = configWriter(() => dir, "config");

/** What the built program did. `code` is null when it was killed (a hang past the timeout). */
export interface BuiltRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs dist/cli.js in {@link dir} with a clean environment plus `env`. */
export function built(args: string[], env: Record<string, string> = {}): BuiltRun {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npx tsup` (npm test builds it).");
  // A clean environment: no INTERCOM_* or color variables leak in from the test runner.
  // The timeout turns a hang (a CLI blocked on a FIFO) into a failure (status null).
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 15_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Fails when the output holds a stack trace. */
export function noStack(run: BuiltRun): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
}

/** What runCli did. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment, working directory (default {@link dir}) and terminal of an in-process run. */
export interface Options {
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  cwd?: string;
  /** Standard input (validate -, init's questions); none by default. */
  stdin?: NodeJS.ReadableStream;
  stdinIsTTY?: boolean;
}

/** Runs the CLI in-process, capturing its output. */
export async function cli(argv: string[], options: Options = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? dir,
    isTTY: options.isTTY ?? false,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    stdinIsTTY: options.stdinIsTTY ?? false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Everything a run printed. */
export function all(run: Run | BuiltRun): string {
  return `${run.stdout}${run.stderr}`;
}
