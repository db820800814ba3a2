// The CLI: how every command reads a config file (run through `validate`), in process (see test/support/cli.ts).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, statSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV, config, dir, write, cli, useCliDir } from "../support/cli.js";

useCliDir("config-files");

describe("regression: issue 8 — the CLI reads only regular files of at most 1 MiB of UTF-8", () => {
  const FORMATS = ["text", "json", "github"] as const;

  // Runs `validate` in each format and checks the load failure's code and message in each.
  async function refused(target: string, code: string, fragment: string): Promise<void> {
    for (const format of FORMATS) {
      const run = await cli(["validate", target, "--format", format]);
      expect(run.code, `${target} (${format})`).toBe(2);
      if (format === "json") {
        expect(JSON.parse(run.stdout)).toMatchObject({ valid: false, error: { code } });
        expect(run.stdout).toContain(fragment);
      } else if (format === "github") {
        expect(run.stdout).toMatch(new RegExp(`^::error file=[^\\n]*title=intercom-oauth ${code}::`));
      } else {
        expect(run.stderr).toContain(fragment);
        expect(run.stdout).toBe("");
      }
    }
  }

  it("refuses a named pipe without opening it, so it cannot hang", async () => {
    const fifo = path.join(dir, "pipe.json");
    execFileSync("mkfifo", [fifo]);
    // A writer stands by so that a CLI that does open the pipe reads "{}" instead of hanging forever.
    const writer = spawn("sh", ["-c", `printf '{}' > '${fifo}'`], { stdio: "ignore" });
    try {
      await refused(
        "pipe.json",
        "FILE_UNREADABLE",
        "Cannot read pipe.json: it is a named pipe (FIFO), not a regular file.",
      );
      for (const argv of [
        ["checklist", "pipe.json"],
        ["scopes", "--config", "pipe.json"],
        ["authorize-url", "pipe.json"],
      ]) {
        const run = await cli(argv, { env: ENV });
        expect(run.code, argv.join(" ")).toBe(2);
        expect(run.stderr).toContain("named pipe");
      }
    } finally {
      writer.kill();
    }
  });

  it("refuses a device and a directory, naming what they are", async () => {
    await refused("/dev/null", "FILE_UNREADABLE", "it is a character device, not a regular file.");
    mkdirSync(path.join(dir, "conf-dir"), { recursive: true });
    await refused("conf-dir", "FILE_UNREADABLE", "Cannot read conf-dir: it is a directory.");
  });

  it("reads a file of exactly 1 MiB, and refuses one byte more from its size alone", async () => {
    const json = JSON.stringify(config());
    const exact = write(json + " ".repeat(1024 * 1024 - json.length), "exactly-1mib.json");
    expect(statSync(path.join(dir, exact)).size).toBe(1024 * 1024);
    expect((await cli(["validate", exact, "--no-env"])).code).toBe(0);
    const over = write(json + " ".repeat(1024 * 1024 + 1 - json.length), "over-1mib.json");
    await refused(over, "FILE_TOO_LARGE", `${over} is 1048577 bytes; a config file may be at most 1 MiB`);
    // A 50 MB file (sparse: it costs no disk) is refused at once, without being read.
    const huge = path.join(dir, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, 50 * 1024 * 1024);
    await refused("huge.json", "FILE_TOO_LARGE", "huge.json is 52428800 bytes");
  });

  it("refuses bytes that are not UTF-8 with their line and column, instead of replacing them", async () => {
    const text = `${JSON.stringify(config({ app: { name: "Caf\u00e9" } }), null, 2)}\n`;
    const latin1 = "latin1.json";
    writeFileSync(path.join(dir, latin1), Buffer.from(text, "latin1"));
    const line = text.split("\n").findIndex((row) => row.includes("Caf")) + 1;
    const column = (text.split("\n")[line - 1] ?? "").indexOf("\u00e9") + 1;
    await refused(latin1, "FILE_NOT_UTF8", `${latin1}:${line}:${column}: not valid UTF-8 text`);
    const json = JSON.parse((await cli(["validate", latin1, "--format", "json"])).stdout) as { error: object };
    expect(json.error).toMatchObject({ line, column });
    const utf16 = "utf16.json";
    writeFileSync(path.join(dir, utf16), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    await refused(utf16, "FILE_NOT_UTF8", "utf16.json is UTF-16 text, not UTF-8.");
    // The same text as UTF-8, with or without a byte-order mark, is fine.
    writeFileSync(path.join(dir, "utf8.json"), `\ufeff${text}`);
    expect((await cli(["validate", "utf8.json", "--no-env"])).code).toBe(0);
  });
});
