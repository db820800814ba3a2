// `intercom-oauth init [file]`: write a starter config with env references, never a literal secret.
// In a terminal with none of --region, --preset, --redirect-uri, it asks for them (init-prompt.ts).
import { existsSync, writeFileSync } from "node:fs";
import { DEFAULT_CONFIG_FILE } from "../../config/index.js";
import { REGIONS } from "../../regions.js";
import { type CliIo, EXIT, choice, resolvePath, usageError } from "../io.js";
import { askInitAnswers, EXAMPLE_REDIRECT, PRESETS, redirectErrors } from "./init-prompt.js";

// The `$schema` written: the schema.json shipped in the installed package, for editors.
const SCHEMA_REF = "./node_modules/intercom-oauth/schema.json";

export async function run(values: Record<string, unknown>, positionals: string[], io: CliIo): Promise<number> {
  const file = positionals[0] ?? DEFAULT_CONFIG_FILE;
  const flagged = values.region !== undefined || values.preset !== undefined || values["redirect-uri"] !== undefined;
  // Questions only for a person at a terminal: never in a pipe, CI, or when a flag says what to do.
  const terminal = !flagged && io.isTTY && io.stdinIsTTY === true ? io.stdin : undefined;
  let region = choice(values.region, "region", REGIONS, "us");
  let preset = choice(values.preset, "preset", PRESETS, "user-level");
  let given = Array.isArray(values["redirect-uri"]) ? (values["redirect-uri"] as string[]) : [];
  if (given.length > 0) {
    const errors = redirectErrors(given);
    if (errors !== undefined) {
      throw usageError(
        `--redirect-uri: ${errors}`,
        "Intercom needs absolute https URLs without fragment, wildcard or user info (http only on localhost, 127.0.0.1 or [::1], for local development).",
      );
    }
  }
  if (terminal !== undefined) {
    // Before asking: answers typed for a file that cannot be written would be lost ("wx" below
    // still guards the race).
    if (values.force !== true && existsSync(resolvePath(io, file))) {
      io.stderr(
        `intercom-oauth: ${file} already exists; nothing was asked or written. Pass --force to overwrite it.\n`,
      );
      return EXIT.FAIL;
    }
    const answers = await askInitAnswers(io, terminal);
    region = answers.region;
    preset = answers.preset;
    given = answers.redirectUri === EXAMPLE_REDIRECT ? [] : [answers.redirectUri];
  }
  const redirectUris = given.length > 0 ? given : [EXAMPLE_REDIRECT];
  const config = {
    $schema: SCHEMA_REF,
    clientId: "env:INTERCOM_CLIENT_ID",
    clientSecret: "env:INTERCOM_CLIENT_SECRET",
    redirectUris,
    region,
    scopes: preset,
  };
  try {
    // "wx" fails if the file exists: no window between a check and the write.
    writeFileSync(resolvePath(io, file), `${JSON.stringify(config, null, 2)}\n`, {
      encoding: "utf8",
      flag: values.force === true ? "w" : "wx",
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      io.stderr(`intercom-oauth: ${file} already exists; nothing was written. Pass --force to overwrite it.\n`);
      return EXIT.FAIL;
    }
    throw usageError(`Cannot write ${file}: ${code ?? (error instanceof Error ? error.message : String(error))}.`);
  }
  const next = [
    `Wrote ${file} (region: ${region}, scopes: ${preset}).`,
    "Next:",
    ...(given.length === 0 ? [`  - Replace ${EXAMPLE_REDIRECT} with your app's callback URL.`] : []),
    "  - Set INTERCOM_CLIENT_ID and INTERCOM_CLIENT_SECRET where the app runs (never commit the secret).",
    `  - Run \`intercom-oauth validate${file === DEFAULT_CONFIG_FILE ? "" : ` ${file}`}\`.`,
    `  - Run \`intercom-oauth checklist${file === DEFAULT_CONFIG_FILE ? "" : ` ${file}`}\` for the Developer Hub steps.`,
  ];
  io.stdout(`${next.join("\n")}\n`);
  return EXIT.OK;
}
