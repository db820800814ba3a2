// init's questions, asked in a terminal when no flag gives the values: plain node:readline lines
// (the terminal's own line editing), no prompt library. Each answer is checked and asked again
// when wrong, three times at most.
import { createInterface } from "node:readline";
import { checkRedirectUris } from "../../config/index.js";
import { REGIONS, type Region } from "../../regions.js";
import { SCOPE_PRESETS, type ScopePresetName } from "../../scopes/catalogue.js";
import { type CliIo, usageError } from "../io.js";

export const PRESETS = Object.keys(SCOPE_PRESETS) as ScopePresetName[];
export const EXAMPLE_REDIRECT = "https://app.example.com/oauth/intercom/callback";
const ATTEMPTS = 3;

/** The values init asks for. */
export interface InitAnswers {
  readonly region: Region;
  readonly preset: ScopePresetName;
  readonly redirectUri: string;
}

/** The Redirect URL errors (not warnings) of `uris`, as one sentence, or undefined. */
export function redirectErrors(uris: readonly string[]): string | undefined {
  const errors = checkRedirectUris(uris).filter((one) => one.severity === "error");
  return errors.length === 0 ? undefined : errors.map((one) => one.message).join(" ");
}

/** An answer checked: the value to use, or why it was refused. */
type Checked<T> = { readonly value: T } | { readonly why: string };

function oneOf<T extends string>(allowed: readonly T[]): (answer: string) => Checked<T> {
  return (answer) => {
    const value = answer.toLowerCase();
    return (allowed as readonly string[]).includes(value)
      ? { value: value as T }
      : { why: `Answer one of ${allowed.join(", ")}.` };
  };
}

/**
 * Asks for the region, the scope preset and the Redirect URL on `io.stdout`, reading answers
 * line by line from `input`. An empty answer takes the default shown in brackets.
 */
export async function askInitAnswers(io: CliIo, input: NodeJS.ReadableStream): Promise<InitAnswers> {
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  async function ask<T extends string>(
    question: string,
    fallback: T,
    parse: (answer: string) => Checked<T>,
  ): Promise<T> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      io.stdout(`${question} [${fallback}]: `);
      const next = await iterator.next();
      if (next.done === true) {
        throw usageError(
          "init: the input ended before every question was answered; nothing was written.",
          "Pass --region, --preset and --redirect-uri to run init without questions.",
        );
      }
      const answer = String(next.value).trim();
      if (answer === "") return fallback;
      const checked = parse(answer);
      if ("value" in checked) return checked.value;
      io.stdout(`  ${checked.why}\n`);
    }
    throw usageError(`init: no valid answer after ${ATTEMPTS} tries; nothing was written.`);
  }
  try {
    const region = await ask<Region>(`Region of the Intercom workspaces (${REGIONS.join(", ")})`, "us", oneOf(REGIONS));
    const preset = await ask<ScopePresetName>(`Scope preset (${PRESETS.join(", ")})`, "user-level", oneOf(PRESETS));
    const redirectUri = await ask<string>("Redirect URL (your app's OAuth callback)", EXAMPLE_REDIRECT, (answer) => {
      const errors = redirectErrors([answer]);
      return errors === undefined ? { value: answer } : { why: errors };
    });
    return { region, preset, redirectUri };
  } finally {
    lines.close();
  }
}
