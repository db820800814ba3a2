// The CLI's commands and flags: one table that drives parsing, help and lazy loading.
// Each command's implementation is imported only when that command runs, to keep start-up fast.
import type { CliIo } from "./io.js";

/** One flag of a command, in node:util parseArgs terms plus help text. */
export interface FlagSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** Placeholder for the value in help, for string flags. */
  readonly value?: string;
  readonly help: string;
}

/** What a command module exports. */
export interface CommandModule {
  run(
    values: Record<string, string | boolean | string[] | undefined>,
    positionals: string[],
    io: CliIo,
  ): Promise<number> | number;
}

export interface CommandSpec {
  readonly usage: string;
  readonly summary: string;
  readonly details?: string;
  /** How many positionals the command takes at most. */
  readonly maxPositionals: number;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  readonly load: () => Promise<CommandModule>;
}

const HELP: FlagSpec = { type: "boolean", short: "h", help: "Show this help." };

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  validate: {
    usage: "intercom-oauth validate [file | -]",
    summary: "Check a config file; exit 1 when it has errors.",
    details:
      "file defaults to ./intercom-oauth.config.json; - reads the config from standard input. Exit codes: 0 valid, 1 invalid, 2 usage error or unreadable/unparsable file (or stdin timed out).",
    maxPositionals: 1,
    flags: {
      format: {
        type: "string",
        value: "text|json|github",
        help: "Output format (default text). github prints GitHub Actions annotations.",
      },
      strict: { type: "boolean", help: "Treat warnings as errors (exit 1 when there are any)." },
      "no-env": {
        type: "boolean",
        help: "Do not read the process environment: check env:NAME references for syntax only.",
      },
      "stdin-timeout": {
        type: "string",
        value: "S",
        help: "With -: seconds to wait for standard input to end (default 10; exit 2 after).",
      },
      help: HELP,
    },
    load: () => import("./commands/validate.js"),
  },
  verify: {
    usage: "intercom-oauth verify [file]",
    summary: "Validate the config, then ask Intercom whether its client id and secret are accepted.",
    details:
      "Sends one token request with a fake code per region (no admin, no real code). Exit codes: 0 accepted, 1 rejected or invalid config, 2 inconclusive, unreadable file or usage error.",
    maxPositionals: 1,
    flags: {
      region: { type: "string", value: "us|eu|au", help: "Probe this region instead of the config's." },
      "all-regions": {
        type: "boolean",
        help: "Probe us, eu and au (exit 1 if any rejects, else 2 if any is inconclusive).",
      },
      "base-url": { type: "string", value: "origin", help: "Send the probe to this origin (a proxy or a stand-in)." },
      format: {
        type: "string",
        value: "text|json|github",
        help: "Output format (default text). github prints GitHub Actions annotations.",
      },
      help: HELP,
    },
    load: () => import("./commands/verify.js"),
  },
  scopes: {
    usage: "intercom-oauth scopes [--preset NAME | --config file]",
    summary: "Print the Developer Hub permissions checklist for a preset or a config.",
    details: "Without --preset or --config, reads ./intercom-oauth.config.json.",
    maxPositionals: 0,
    flags: {
      preset: { type: "string", value: "user-level|admin-level", help: "Use a built-in preset." },
      config: { type: "string", value: "file", help: "Use the scopes of this config file." },
      format: { type: "string", value: "markdown|text|json", help: "Output format (default markdown)." },
      help: HELP,
    },
    load: () => import("./commands/scopes.js"),
  },
  "authorize-url": {
    usage: "intercom-oauth authorize-url [file]",
    summary: "Print a ready authorize URL for the config's client id (for testing and the review video).",
    details:
      "The client id may be an env:NAME reference; it is read from the environment. A random state is generated unless --state is given.",
    maxPositionals: 1,
    flags: {
      state: { type: "string", value: "S", help: "The state to put in the URL (default: a fresh random one)." },
      "redirect-uri": {
        type: "string",
        value: "U",
        help: "Add redirect_uri=U (default: none, so Intercom uses the first registered URL).",
      },
      help: HELP,
    },
    load: () => import("./commands/authorize-url.js"),
  },
  checklist: {
    usage: "intercom-oauth checklist [file]",
    summary: "Print the whole onboarding runbook for a config: workspace, app, review, credentials.",
    maxPositionals: 1,
    flags: {
      format: { type: "string", value: "markdown|text", help: "Output format (default markdown)." },
      help: HELP,
    },
    load: () => import("./commands/checklist.js"),
  },
  "review-kit": {
    usage: "intercom-oauth review-kit [file]",
    summary:
      "Write the Markdown kit for Intercom's app review: permissions and justifications, description, install, video.",
    details:
      "Needs no secret. The authorize URL shows the client id when the config's env reference resolves, a placeholder otherwise. Exit codes: 0 written, 1 invalid config or (with --strict) any flag, 2 usage error or unreadable file.",
    maxPositionals: 1,
    flags: {
      out: { type: "string", value: "FILE", help: "Write the kit to FILE instead of standard output." },
      strict: {
        type: "boolean",
        help: "Exit 1 on any flag: a permission without a justification, a write permission in a read-only app, a missing or short description.",
      },
      help: HELP,
    },
    load: () => import("./commands/review-kit.js"),
  },
  init: {
    usage: "intercom-oauth init [file]",
    summary: "Write a starter config (env references, never a literal secret).",
    details:
      "file defaults to ./intercom-oauth.config.json. An existing file is never overwritten without --force (exit 1). In a terminal with none of --region, --preset, --redirect-uri, it asks for them.",
    maxPositionals: 1,
    flags: {
      region: {
        type: "string",
        value: "us|eu|au",
        help: "The region of the workspaces, for the API hosts (default us).",
      },
      preset: {
        type: "string",
        value: "user-level|admin-level",
        help: "The scope preset to start from (default user-level).",
      },
      "redirect-uri": {
        type: "string",
        value: "U",
        multiple: true,
        help: "A redirect URL to register; repeat for several, the first is the default.",
      },
      force: { type: "boolean", help: "Overwrite an existing file." },
      help: HELP,
    },
    load: () => import("./commands/init.js"),
  },
  schema: {
    usage: "intercom-oauth schema",
    summary: "Print the config file's JSON Schema (draft 2020-12).",
    maxPositionals: 0,
    flags: { help: HELP },
    load: () => import("./commands/schema.js"),
  },
};

/** Flags accepted before any command. */
export const GLOBAL_FLAGS: Readonly<Record<string, FlagSpec>> = {
  help: HELP,
  version: { type: "boolean", short: "v", help: "Print the version." },
};

function flagLines(flags: Readonly<Record<string, FlagSpec>>): string[] {
  const rows = Object.entries(flags).map(([name, flag]) => {
    const head = `${flag.short === undefined ? "    " : `-${flag.short}, `}--${name}${flag.value === undefined ? "" : ` ${flag.value}`}`;
    return [head, flag.help] as const;
  });
  const width = Math.max(...rows.map(([head]) => head.length));
  return rows.map(([head, help]) => `  ${head.padEnd(width)}  ${help}`);
}

/** The help text of one command. */
export function commandHelp(name: string, spec: CommandSpec): string {
  const lines = [`Usage: ${spec.usage} [options]`, "", spec.summary];
  if (spec.details !== undefined) lines.push(spec.details);
  lines.push("", "Options:", ...flagLines(spec.flags), "", `Docs: docs/cli.md#${name}`);
  return `${lines.join("\n")}\n`;
}

/** The top-level help text. */
export function mainHelp(version: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = [
    `intercom-oauth ${version}: check and use an Intercom OAuth app's partner-credentials config.`,
    "",
    "Usage: intercom-oauth <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
    "",
    "Options:",
    ...flagLines(GLOBAL_FLAGS),
    "",
    "Run `intercom-oauth <command> --help` for a command's options.",
    "Exit codes: 0 success, 1 invalid config or refused action, 2 usage error or unreadable file.",
  ];
  return `${lines.join("\n")}\n`;
}
