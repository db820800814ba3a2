// `intercom-oauth verify [file]`: validate the config, then probe Intercom's token endpoint
// with the resolved client id and secret (verifyCredentials) in one region or all three.
import { resolveEnvRef } from "../../config/env-ref.js";
import { DEFAULT_CONFIG_FILE, validateConfig } from "../../config/index.js";
import { type VerifyCredentialsResult, verifyCredentials } from "../../oauth/verify.js";
import { REGIONS, type Region, isRegion } from "../../regions.js";
import { loadConfigFile } from "../config-file.js";
import { type CliIo, EXIT, choice, paint, useColor, usageError } from "../io.js";
import { printIssues } from "./shared.js";

/** The version of the `--format json` output; bumped only for incompatible changes. */
const JSON_FORMAT_VERSION = 1;
const FORMATS = ["text", "json", "github"] as const;
const CAVEAT =
  "This check rests on one third-party observation of Intercom's answers (2026-10): Intercom checks the client before the code.";

type Verdict = VerifyCredentialsResult["verdict"];
interface RegionResult {
  readonly region: Region;
  readonly result: VerifyCredentialsResult;
}

function baseUrlOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.pathname !== "/" ||
    url.search !== "" ||
    url.hash !== "" ||
    url.username !== "" ||
    url.password !== ""
  ) {
    throw usageError(
      `--base-url must be an origin such as http://127.0.0.1:4010; got "${String(value).slice(0, 100)}".`,
    );
  }
  return url.origin;
}

function exitOf(results: readonly RegionResult[]): number {
  if (results.some((one) => one.result.verdict === "rejected")) return EXIT.FAIL;
  if (results.some((one) => one.result.verdict === "inconclusive")) return EXIT.USAGE;
  return EXIT.OK;
}

function meaning(region: Region, result: VerifyCredentialsResult): string[] {
  switch (result.verdict) {
    case "accepted":
      return [`Intercom accepted the client id and secret in region ${region}.`];
    case "rejected":
      return [
        `Intercom refused the client id or secret in region ${region} (${result.code}${result.status === undefined ? "" : `, ${result.status}`}).`,
        "Fix: copy the client id and secret from Developer Hub > your app > Basic information; a regenerated secret replaces the old one, so update every place that holds it.",
        `Check the region too: the app must be probed in the region its workspaces are hosted in (this was ${region}; try --all-regions).`,
      ];
    default:
      return [
        `No verdict in region ${region}${result.code === undefined ? "" : ` (${result.code})`}: ${result.reason}`,
        "Nothing is known about the credentials; run again later, or check --base-url, the proxy and the network.",
      ];
  }
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

const LEVEL: Record<Verdict, string> = { accepted: "notice", rejected: "error", inconclusive: "warning" };

function render(format: (typeof FORMATS)[number], file: string, results: readonly RegionResult[], io: CliIo): void {
  if (format === "json") {
    const report = {
      version: JSON_FORMAT_VERSION,
      file,
      ok: exitOf(results) === EXIT.OK,
      results: results.map(({ region, result }) => ({ region, ...result })),
      note: CAVEAT,
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (format === "github") {
    for (const { region, result } of results) {
      io.stdout(
        `::${LEVEL[result.verdict]} title=${escapeProperty(`intercom-oauth verify ${region}: ${result.verdict}`)}::${escapeData(meaning(region, result).join(" "))}\n`,
      );
    }
    io.stdout(`intercom-oauth: ${CAVEAT}\n`);
    return;
  }
  const c = paint(useColor(io));
  const mark: Record<Verdict, string> = { accepted: c.green("✔"), rejected: c.red("✖"), inconclusive: c.yellow("?") };
  const lines: string[] = [];
  for (const { region, result } of results) {
    const [head, ...rest] = meaning(region, result);
    lines.push(`${mark[result.verdict]} ${region}: ${result.verdict}. ${head}`);
    for (const line of rest) lines.push(`    ${line}`);
  }
  lines.push(c.dim(CAVEAT));
  io.stdout(`${lines.join("\n")}\n`);
}

export async function run(values: Record<string, unknown>, positionals: string[], io: CliIo): Promise<number> {
  const format = choice(values.format, "format", FORMATS, "text");
  const api = baseUrlOf(values["base-url"]);
  if (values.region !== undefined && !isRegion(values.region)) {
    throw usageError(`--region must be one of us, eu, au; got "${String(values.region)}".`);
  }
  if (values.region !== undefined && values["all-regions"] === true) {
    throw usageError("--region and --all-regions cannot be used together.");
  }
  const file = positionals[0] ?? DEFAULT_CONFIG_FILE;
  const loaded = loadConfigFile(io, file);
  if (!loaded.ok) {
    io.stderr(`intercom-oauth: ${loaded.message}\n`);
    return EXIT.USAGE;
  }
  const checked = validateConfig(loaded.source.value, { env: io.env });
  if (!checked.valid) {
    printIssues(io, file, checked.issues, loaded.source);
    io.stderr(
      `intercom-oauth: ${file} is invalid; fix it first (see \`intercom-oauth validate ${file}\`). Nothing was sent.\n`,
    );
    return EXIT.FAIL;
  }
  const config = loaded.source.value as Record<string, unknown>;
  const resolve = (raw: unknown): string => {
    const value = String(raw);
    const ref = resolveEnvRef(value, io.env);
    return ref.kind === "env" ? (ref.value ?? "") : value;
  };
  const clientId = resolve(config.clientId);
  const clientSecret = resolve(config.clientSecret);
  const configured = isRegion(config.region) ? config.region : "us";
  const regions: readonly Region[] =
    values["all-regions"] === true ? REGIONS : [isRegion(values.region) ? values.region : configured];
  const results: RegionResult[] = [];
  for (const region of regions) {
    const result = await verifyCredentials({
      clientId,
      clientSecret,
      region,
      ...(api === undefined ? {} : { baseUrls: { api } }),
    });
    results.push({ region, result });
  }
  render(format, file, results, io);
  return exitOf(results);
}
