// The CLI as a function: arguments and I/O in, exit code out. `main.ts` binds it to the process;
// tests call it in-process. Only node:util and the command table load here; each command's code
// (and zod, with the config library) loads on demand.
import { parseArgs } from "node:util";
import pkg from "../../package.json" with { type: "json" };
import { isIntercomOAuthError } from "../errors.js";
import { closestMatch } from "../suggest.js";
import { COMMANDS, type FlagSpec, commandHelp, mainHelp } from "./commands.js";
import { type CliIo, EXIT, usageError } from "./io.js";

export type { CliIo } from "./io.js";

function toParseOptions(flags: Readonly<Record<string, FlagSpec>>) {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = {
      type: flag.type,
      ...(flag.short === undefined ? {} : { short: flag.short }),
      ...(flag.multiple ? { multiple: true } : {}),
    };
  }
  return options;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "--version" || first === "-v") {
    io.stdout(`${pkg.version}\n`);
    return EXIT.OK;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = rest[0];
    const spec = topic === undefined || !Object.hasOwn(COMMANDS, topic) ? undefined : COMMANDS[topic];
    io.stdout(spec === undefined || topic === undefined ? mainHelp(pkg.version) : commandHelp(topic, spec));
    return EXIT.OK;
  }
  if (first === undefined) {
    io.stderr(mainHelp(pkg.version));
    return EXIT.USAGE;
  }
  const spec = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (spec === undefined) {
    const near = first.startsWith("-") ? undefined : closestMatch(first, Object.keys(COMMANDS));
    throw usageError(
      `Unknown ${first.startsWith("-") ? "option" : "command"} "${first}"${near === undefined ? "" : `; did you mean "${near}"?`}`,
      "Run `intercom-oauth --help` for the list of commands.",
    );
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: toParseOptions(spec.flags), allowPositionals: true, strict: true });
  } catch (error) {
    const message =
      error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, ".") : String(error);
    throw usageError(message, `Run \`intercom-oauth ${first} --help\` for its options.`);
  }
  if (parsed.values.help === true) {
    io.stdout(commandHelp(first, spec));
    return EXIT.OK;
  }
  if (parsed.positionals.length > spec.maxPositionals) {
    throw usageError(
      `Too many arguments for ${first}: ${parsed.positionals.slice(spec.maxPositionals).join(" ")}.`,
      `Usage: ${spec.usage}`,
    );
  }
  const command = await spec.load();
  return command.run(parsed.values as Record<string, string | boolean | string[] | undefined>, parsed.positionals, io);
}

function debugEnabled(env: CliIo["env"]): boolean {
  return (env.DEBUG ?? "").split(/[\s,]+/).some((name) => name === "intercom-oauth" || name === "*");
}

/**
 * Runs the `intercom-oauth` command line and resolves to its exit code (0 success, 1 invalid
 * config or refused action, 2 usage error or unreadable file). Usage errors and bugs are
 * reported on `io.stderr`, not thrown (a stack trace only when `io.env.DEBUG` names
 * intercom-oauth); it rejects only if `io.stderr` itself throws.
 *
 * @param argv The arguments after the program name, e.g. `["validate", "--strict"]`.
 * @param io Where output goes and what environment and working directory the commands see.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (isIntercomOAuthError(error)) {
      io.stderr(`intercom-oauth: ${error.message}\n`);
      return error.code === "INVALID_OPTIONS" || error.code === "INVALID_CONFIG" ? EXIT.USAGE : EXIT.FAIL;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `intercom-oauth: internal error: ${message}\n` +
        (debugEnabled(io.env) && error instanceof Error && error.stack !== undefined
          ? `${error.stack}\n`
          : "This is a bug; set DEBUG=intercom-oauth to see the stack trace, and please report it.\n"),
    );
    return EXIT.FAIL;
  }
}
