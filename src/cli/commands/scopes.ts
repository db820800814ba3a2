// `intercom-oauth scopes`: the Developer Hub permissions checklist for a preset or a config.
import { existsSync } from "node:fs";
import { DEFAULT_CONFIG_FILE, validateConfig } from "../../config/index.js";
import {
  SCOPE_PRESETS,
  SCOPES,
  type Scope,
  type ScopePresetName,
  type ScopeSpec,
  formatScopeChecklist,
  resolveScopes,
} from "../../scopes/index.js";
import { loadConfigFileOrThrow } from "../config-file.js";
import { type CliIo, EXIT, choice, resolvePath, usageError } from "../io.js";
import { JSON_FORMAT_VERSION } from "./validate.js";
import { printIssues } from "./shared.js";

const FORMATS = ["markdown", "text", "json"] as const;
const PRESETS = Object.keys(SCOPE_PRESETS) as ScopePresetName[];

export function run(values: Record<string, unknown>, _positionals: string[], io: CliIo): number {
  const format = choice(values.format, "format", FORMATS, "markdown");
  if (values.preset !== undefined && values.config !== undefined) {
    throw usageError("Pass --preset or --config, not both.");
  }
  let spec: ScopeSpec;
  if (values.preset !== undefined) {
    spec = choice(values.preset, "preset", PRESETS, "user-level");
  } else {
    const file = typeof values.config === "string" ? values.config : DEFAULT_CONFIG_FILE;
    if (values.config === undefined && !existsSync(resolvePath(io, file))) {
      throw usageError(
        `No --preset or --config given, and ${file} does not exist.`,
        "Pass --preset user-level, --preset admin-level or --config <file>.",
      );
    }
    const source = loadConfigFileOrThrow(io, file);
    const result = validateConfig(source.value);
    if (!result.valid) {
      printIssues(io, file, result.issues, source);
      io.stderr(`intercom-oauth: ${file} is invalid; fix it (see \`intercom-oauth validate ${file}\`).\n`);
      return EXIT.FAIL;
    }
    spec = result.config.scopeSpec;
  }
  if (format === "json") {
    // Developer Hub's order, as in the markdown and text checklists.
    const chosen = new Set<string>(resolveScopes(spec));
    const scopes = (SCOPES as readonly Scope[])
      .filter((scope) => chosen.has(scope.id))
      .map(({ id, label, description, access, tier }) => ({ id, label, description, access, tier }));
    io.stdout(`${JSON.stringify({ version: JSON_FORMAT_VERSION, spec, scopes }, null, 2)}\n`);
  } else {
    io.stdout(formatScopeChecklist(spec, { format }));
  }
  return EXIT.OK;
}
