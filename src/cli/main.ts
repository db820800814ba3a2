// The `intercom-oauth` command. Start-up is kept small: only node:util and the command
// table load here; each command's code (and zod, with the config library) loads on demand.
import { parseArgs } from "node:util";
import pkg from "../../package.json" with { type: "json" };
import { isIntercomOAuthError } from "../errors.js";
import { closestMatch } from "../suggest.js";
import { COMMANDS, type FlagSpec, commandHelp, mainHelp } from "./commands.js";
import { EXIT, usageError, writeErr, writeOut } from "./io.js";

function toParseOptions(flags: Readonly<Record<string, FlagSpec>>) {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, flag] of Object.entries(flags)) {
    options[name] = { type: flag.type, ...(flag.short === undefined ? {} : { short: flag.short }), ...(flag.multiple ? { multiple: true } : {}) };
  }
  return options;
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "--version" || first === "-v") {
    writeOut(`${pkg.version}\n`);
    return EXIT.OK;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = rest[0];
    const spec = topic === undefined ? undefined : COMMANDS[topic];
    writeOut(spec === undefined || topic === undefined ? mainHelp(pkg.version) : commandHelp(topic, spec));
    return EXIT.OK;
  }
  if (first === undefined) {
    writeErr(mainHelp(pkg.version));
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
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, ".") : String(error);
    throw usageError(message, `Run \`intercom-oauth ${first} --help\` for its options.`);
  }
  if (parsed.values.help === true) {
    writeOut(commandHelp(first, spec));
    return EXIT.OK;
  }
  if (parsed.positionals.length > spec.maxPositionals) {
    throw usageError(
      `Too many arguments for ${first}: ${parsed.positionals.slice(spec.maxPositionals).join(" ")}.`,
      `Usage: ${spec.usage}`,
    );
  }
  const command = await spec.load();
  return command.run(parsed.values as Record<string, string | boolean | string[] | undefined>, parsed.positionals);
}

function debugEnabled(): boolean {
  return (process.env.DEBUG ?? "").split(/[\s,]+/).some((name) => name === "intercom-oauth" || name === "*");
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isIntercomOAuthError(error)) {
      writeErr(`intercom-oauth: ${error.message}\n`);
      process.exitCode = error.code === "INVALID_OPTIONS" || error.code === "INVALID_CONFIG" ? EXIT.USAGE : EXIT.FAIL;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      writeErr(
        `intercom-oauth: internal error: ${message}\n` +
          (debugEnabled() && error instanceof Error && error.stack !== undefined
            ? `${error.stack}\n`
            : "This is a bug; set DEBUG=intercom-oauth to see the stack trace, and please report it.\n"),
      );
      process.exitCode = EXIT.FAIL;
    }
  },
);
