// The `intercom-oauth` program: binds runCli to this process's arguments, streams,
// environment and exit code. Everything else lives in run.ts, which tests call in-process.
import { runCli } from "./run.js";

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  // Getters: process.stdin is created on first use, so commands that never read it pay nothing.
  get stdin() {
    return process.stdin;
  },
  get stdinIsTTY() {
    return process.stdin.isTTY === true;
  },
}).then((code) => {
  process.exitCode = code;
});
