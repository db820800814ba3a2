// `intercom-oauth authorize-url [file]`: a ready authorize URL for the config's client id.
import { createAuthorizationUrl } from "../../oauth/authorize.js";
import { resolveEnvRef } from "../../config/env-ref.js";
import {
  type ConfigIssue,
  checkCredentialShape,
  checkRedirectUri,
  DEFAULT_CONFIG_FILE,
  validateConfig,
} from "../../config/index.js";
import { isRegion } from "../../regions.js";
import { loadConfigFileOrThrow } from "../config-file.js";
import { type CliIo, EXIT, usageError } from "../io.js";
import { printIssues } from "./shared.js";

function fail(io: CliIo, message: string): number {
  io.stderr(`intercom-oauth: ${message}\n`);
  return EXIT.FAIL;
}

export function run(values: Record<string, unknown>, positionals: string[], io: CliIo): number {
  const file = positionals[0] ?? DEFAULT_CONFIG_FILE;
  const redirectUri = typeof values["redirect-uri"] === "string" ? values["redirect-uri"] : undefined;
  const state = typeof values.state === "string" ? values.state : undefined;
  // The same rules as the client's redirectUri: errors exit 2, warnings (http on a loopback host) are shown.
  const redirectIssues = redirectUri === undefined ? [] : checkRedirectUri(redirectUri);
  const redirectErrors = redirectIssues.filter((one) => one.severity === "error");
  if (redirectErrors.length > 0)
    throw usageError(`--redirect-uri: ${redirectErrors.map((one) => one.message).join(" ")}`);
  if (state !== undefined && state.trim() === "") throw usageError("--state must not be empty.");

  const source = loadConfigFileOrThrow(io, file);
  // The validator's rules, without the environment: the checks below take what they need from them.
  const checked = validateConfig(source.value).issues;
  // A repeated clientId or region would silently pick the last one: refuse, as validate does.
  const duplicates = checked.filter((one) => one.code === "DUPLICATE_KEY");
  if (duplicates.length > 0) {
    printIssues(io, file, duplicates, source);
    return fail(io, `${file} has duplicate keys; fix them first (see \`intercom-oauth validate ${file}\`).`);
  }
  const config = (typeof source.value === "object" && source.value !== null ? source.value : {}) as Record<
    string,
    unknown
  >;
  const raw = config.clientId;
  if (typeof raw !== "string")
    return fail(io, `${file} has no clientId string. Add "clientId": "env:INTERCOM_CLIENT_ID".`);
  // The same reading of env:NAME as validate's.
  const ref = resolveEnvRef(raw, io.env);
  let clientId: string;
  let shape: ConfigIssue[];
  if (ref.kind === "env") {
    const value = ref.value;
    if (value === undefined || value === "") {
      return fail(
        io,
        `clientId refers to the environment variable ${ref.name}, which is not set. Set it (export ${ref.name}=…) and run again.`,
      );
    }
    clientId = value;
    shape = checkCredentialShape({ clientId }, { clientId: `clientId (from ${ref.name})` });
  } else {
    // A literal, a malformed env: reference or a variable in another syntax: the validator's verdict.
    clientId = raw;
    shape = checked.filter((one) => one.path.length === 1 && one.path[0] === "clientId");
  }
  const errors = shape.filter((one) => one.severity === "error");
  if (errors.length > 0)
    return fail(
      io,
      errors.map((one) => `${one.code}: ${one.message}${one.hint === undefined ? "" : ` ${one.hint}`}`).join("\n"),
    );
  for (const one of shape) io.stderr(`warning: ${one.code}: ${one.message}\n`);

  const region = config.region ?? "us";
  if (!isRegion(region)) return fail(io, `${file}: region must be "us", "eu" or "au".`);
  const registered = Array.isArray(config.redirectUris) ? config.redirectUris : [];
  if (redirectUri !== undefined && !registered.includes(redirectUri)) {
    io.stderr(
      `warning: ${redirectUri} is not in ${file}'s redirectUris; Intercom rejects redirect URLs that are not registered for the app.\n`,
    );
  }
  for (const one of redirectIssues) io.stderr(`warning: --redirect-uri: ${one.code}: ${one.message}\n`);
  const { url } = createAuthorizationUrl({
    clientId,
    region,
    ...(state === undefined ? {} : { state }),
    ...(redirectUri === undefined ? {} : { redirectUri }),
  });
  io.stdout(`${url.href}\n`);
  return EXIT.OK;
}
