// `intercom-oauth review-kit [file]`: the Markdown kit for Intercom's app review, from the config.
// It needs no secret: the client secret is never read, and the client id only fills the
// authorize URL (from the environment when the config refers to it, a placeholder otherwise).
import { writeFileSync } from "node:fs";
import { DEFAULT_CONFIG_FILE, type ResolvedConfig } from "../../config/index.js";
import { resolveEnvRef } from "../../config/env-ref.js";
import { checkCredentialShape } from "../../config/credentials.js";
import { createAuthorizationUrl } from "../../oauth/authorize.js";
import { SCOPES, type Scope } from "../../scopes/catalogue.js";
import { type CliIo, EXIT, resolvePath, usageError } from "../io.js";
import { loadValidConfigWithoutEnv } from "./shared.js";

/** The placeholder the authorize URL carries when the client id cannot be resolved. */
const CLIENT_ID_PLACEHOLDER = "YOUR_CLIENT_ID";
// A description shorter than this cannot say what the app does with each permission.
const DESCRIPTION_BASE = 50;
const DESCRIPTION_PER_PERMISSION = 20;

function minimumDescription(permissions: number): number {
  return DESCRIPTION_BASE + DESCRIPTION_PER_PERMISSION * permissions;
}

// The client id for the URL, never a secret: a literal, or the variable the config names.
function clientIdFor(raw: unknown, io: CliIo): { value: string; note: string } {
  if (typeof raw !== "string") return { value: CLIENT_ID_PLACEHOLDER, note: "" };
  const ref = resolveEnvRef(raw, io.env);
  const candidate = ref.kind === "env" ? ref.value : ref.kind === "literal" ? raw : undefined;
  const shapeOk =
    candidate !== undefined &&
    candidate !== "" &&
    checkCredentialShape({ clientId: candidate }).every((one) => one.severity !== "error");
  if (shapeOk) return { value: candidate, note: "" };
  const name = ref.kind === "env" ? ref.name : "INTERCOM_CLIENT_ID";
  return {
    value: CLIENT_ID_PLACEHOLDER,
    note: `\`${CLIENT_ID_PLACEHOLDER}\` is a placeholder: set \`${name}\` and run \`intercom-oauth review-kit\` again, or replace it with the Client ID from Developer Hub > your app > Basic Information.`,
  };
}

interface Kit {
  readonly markdown: string;
  readonly flags: readonly string[];
}

function build(config: ResolvedConfig, raw: Record<string, unknown>, file: string, io: CliIo): Kit {
  const flags: string[] = [];
  const name = config.app?.name ?? "your app";
  const readOnly = config.app?.readOnly === true;
  const chosen = new Set<string>(config.scopes);
  const scopes = (SCOPES as readonly Scope[]).filter((scope) => chosen.has(scope.id));
  const out: string[] = [
    `# Intercom app review kit: ${name}`,
    "",
    `Generated from \`${file}\` by \`intercom-oauth review-kit\`. It holds no secret.`,
    "",
    "## Permissions",
    "",
    `Tick these ${scopes.length} permission${scopes.length === 1 ? "" : "s"} in Developer Hub > your app > Authentication, and nothing else. Reviewers check each one against what the app does.`,
    "",
  ];
  for (const scope of scopes) {
    const sentence = config.justifications[scope.id];
    out.push(`- **${scope.label}** (\`${scope.id}\`, ${scope.tier}, ${scope.access})`);
    if (sentence === undefined) {
      const flag = `${scope.id} has no justification: add "justifications": { "${scope.id}": "…" } to ${file}.`;
      flags.push(flag);
      out.push(`  - ⚠ Flag: no justification. Add one sentence on what the app does with it, or drop the permission.`);
    } else {
      // One line: a sentence with line breaks would break the list.
      out.push(`  - ${sentence.trim().replace(/\s+/g, " ")}`);
    }
    if (readOnly && scope.access === "write") {
      flags.push(`${scope.id} is a write or delete permission, but app.readOnly is true.`);
      out.push(
        "  - ⚠ Flag: a write or delete permission in an app marked `app.readOnly: true`. Remove it from scopes.",
      );
    }
  }
  if (scopes.length === 0) out.push("- (none: scopes resolves to no permissions)");

  out.push("", "## Description", "");
  const description = config.app?.description?.trim();
  const minimum = minimumDescription(scopes.length);
  if (description === undefined || description === "") {
    flags.push("app.description is missing.");
    out.push(
      "⚠ Warning: no description. Set `app.description`: what the app does, and what it does with each permission. Add test-account credentials if reviewers need them to use your service.",
    );
  } else {
    out.push(...description.split("\n").map((line) => `> ${line}`));
    if (description.length < minimum) {
      flags.push(
        `app.description is ${description.length} characters, too short to explain ${scopes.length} permission${scopes.length === 1 ? "" : "s"} (at least ${minimum}).`,
      );
      out.push(
        "",
        `⚠ Warning: the description is ${description.length} characters; explaining ${scopes.length} permission${scopes.length === 1 ? "" : "s"} takes at least ${minimum}.`,
      );
    }
    out.push("", "Add test-account credentials if reviewers need them to use your service.");
  }

  const clientId = clientIdFor(raw.clientId, io);
  const { url } = createAuthorizationUrl({ clientId: clientId.value, region: config.region });
  const listing = config.app?.listing;
  out.push(
    "",
    `## Install instructions${listing === "listed" ? "" : " (unlisted app)"}`,
    "",
    listing === "listed"
      ? "A listed app is installed from the App Store; Intercom sends the user back to `https://app.intercom.com/appstore/redirect?install_success=true`. The steps below still describe the OAuth install."
      : `An unlisted app is installed from your own product: give reviewers these steps${config.app?.installInstructionsUrl === undefined ? "" : ` (published at ${config.app.installInstructionsUrl})`}.`,
    "",
    "1. In your product, the admin clicks Connect Intercom.",
    "2. The app sends the browser to the authorize URL, with a fresh `state` each time (`intercom-oauth authorize-url` prints one):",
    "",
    `   ${url.href}`,
    "",
  );
  if (clientId.note !== "") out.push(`   ${clientId.note}`, "");
  out.push(
    "3. The admin approves the permissions on Intercom's consent page.",
    "4. Intercom redirects back to the app's redirect URL, and the app exchanges the code.",
    "",
    "Redirect URLs to register in Developer Hub > your app > Authentication, in this order (the first is the default):",
    "",
    ...config.redirectUris.map((uri) => `- \`${uri}\``),
  );

  out.push(
    "",
    "## Video shot list",
    "",
    "Record one end-to-end video:",
    "",
    "1. Install from your product: click Connect Intercom.",
    "2. The consent page, with the full `client_id` and `state` visible in the OAuth URL in the address bar.",
    "3. The app's features, using each permission listed above.",
    "4. Uninstall the app from the Intercom workspace, and show what the uninstall URL does: Intercom POSTs to it, and the app marks the connection uninstalled.",
  );

  out.push(
    "",
    "## What reviewers check",
    "",
    "- The permissions match what the app does: asking for more than the app uses is the most common reason for rejection.",
    "- The description, the partner program form, the video (install, features, uninstall) and, for unlisted apps, the install instructions.",
    "- Review takes up to seven business days (the setup guide says 7–14 days). A change after approval needs approval again.",
  );

  if (flags.length > 0) {
    out.push("", "## Flags", "", ...flags.map((flag) => `- ${flag}`));
  }
  return { markdown: `${out.join("\n")}\n`, flags };
}

export function run(values: Record<string, unknown>, positionals: string[], io: CliIo): number {
  const file = positionals[0] ?? DEFAULT_CONFIG_FILE;
  const outFile = values.out;
  if (outFile !== undefined && (typeof outFile !== "string" || outFile.trim() === ""))
    throw usageError("--out needs a file name.");
  const loaded = loadValidConfigWithoutEnv(io, file);
  if (loaded === undefined) return EXIT.FAIL;
  const kit = build(loaded.config, loaded.raw as Record<string, unknown>, file, io);
  if (typeof outFile === "string") {
    try {
      writeFileSync(resolvePath(io, outFile), kit.markdown, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw usageError(`Cannot write ${outFile}: ${code ?? (error instanceof Error ? error.message : String(error))}.`);
    }
    io.stderr(`Wrote the review kit to ${outFile}.\n`);
  } else {
    io.stdout(kit.markdown);
  }
  for (const flag of kit.flags) io.stderr(`flag: ${flag}\n`);
  if (values.strict === true && kit.flags.length > 0) {
    io.stderr(
      `intercom-oauth: ${kit.flags.length} flag${kit.flags.length === 1 ? "" : "s"} in the review kit; --strict fails on any.\n`,
    );
    return EXIT.FAIL;
  }
  return EXIT.OK;
}
