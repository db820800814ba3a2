// The `intercom-oauth` program: binds runCli to this process's arguments, streams,
// environment and exit code. Everything else lives in run.ts, which tests call in-process.
import { runCli } from "./run.js";

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
