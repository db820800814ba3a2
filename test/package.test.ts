// The packed tarball, installed into a fresh consumer folder (with msw, as a test suite would
// have it), works as published: publint and attw pass on it, the OAuth happy path and the config
// entry run from ESM and CommonJS, a TypeScript consumer of every entry type-checks under node16
// and bundler resolution with every declaration checked (type-fest's types inlined, tagged ids
// assignable across formats), and the bin validates config files. Everything is installed from
// the local npm cache (--prefer-offline).
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintTarball, packInto } from "../scripts/check-package.js";

const root = resolve(import.meta.dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const clientId = "8a0cd7a4-6d1b-4d0c-9c55-0f5b8a1b2c3d";
const clientSecret = "consumer-secret-0123456789abcdef0123456789abcdef";

interface Outcome {
  readonly command: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A failure message that shows what ran and everything it printed. */
function explain(outcome: Outcome): string {
  return `\`${outcome.command}\` exited ${outcome.status}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Outcome {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return {
    command: [command, ...args].join(" "),
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: `${result.stderr ?? ""}${result.error ? String(result.error) : ""}`,
  };
}

/** Like run, but in the background, so that the two type-checks overlap with the other tests. */
function runAsync(command: string, args: string[], cwd: string): Promise<Outcome> {
  return new Promise((done) => {
    execFile(command, args, { cwd, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      done({
        command: [command, ...args].join(" "),
        status,
        stdout,
        stderr: `${stderr}${status === null && error ? String(error) : ""}`,
      });
    });
  });
}

function ok(outcome: Outcome): string {
  if (outcome.status !== 0) throw new Error(explain(outcome));
  return outcome.stdout;
}

// The msw-backed happy path, written once and wrapped as an ES module and as a CommonJS script.
const HAPPY_PATH = `
  const standIn = createIntercomStandIn({
    clientId: ${JSON.stringify(clientId)},
    clientSecret: ${JSON.stringify(clientSecret)},
    workspace: { id: "cons0001", name: "Consumer Co" },
    admin: { email: "ada@example.com" },
  });
  const server = setupServer(...standIn.handlers());
  server.listen({ onUnhandledRequest: "error" });
  try {
    const client = createIntercomOAuth({ clientId: ${JSON.stringify(clientId)}, clientSecret: ${JSON.stringify(clientSecret)}, region: "eu" });
    const { url, state } = client.createAuthorizationUrl();
    const callback = standIn.consent(url);
    const { code } = client.parseCallback(callback, { expectedState: state });
    const token = await client.exchangeCode(code);
    const identity = await client.getIdentity(token.accessToken);
    await client.revokeToken(token.accessToken);
    let after = "resolved";
    try {
      await client.getIdentity(token.accessToken);
    } catch (error) {
      after = isIntercomOAuthError(error) && error instanceof IntercomOAuthError ? error.code : String(error);
    }
    console.log(JSON.stringify({
      authorizeHost: new URL(url).host,
      workspace: identity.workspace.id,
      email: identity.admin.email,
      tokenType: token.tokenType,
      tokenMasked: !JSON.stringify(token).includes(token.accessToken),
      after,
    }));
  } finally {
    server.close();
  }
`;

const HAPPY_ESM = `import { createIntercomOAuth, IntercomOAuthError, isIntercomOAuthError } from "intercom-oauth";
import { createIntercomStandIn } from "intercom-oauth/testing/msw";
import { setupServer } from "msw/node";
${HAPPY_PATH}`;

const HAPPY_CJS = `"use strict";
const { createIntercomOAuth, IntercomOAuthError, isIntercomOAuthError } = require("intercom-oauth");
const { createIntercomStandIn } = require("intercom-oauth/testing/msw");
const { setupServer } = require("msw/node");
(async () => {
${HAPPY_PATH}
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});`;

// A TypeScript consumer of both entry points. The @ts-expect-error lines fail the check if the
// types degrade to `any` (an unresolved import would do that under skipLibCheck).
const CONSUMER_TS = `import {
  createIntercomOAuth,
  ERROR_CODES,
  findScope,
  IntercomOAuthError,
  isIntercomOAuthError,
  REGIONS,
  resolveScopes,
  type IntercomIdentity,
  type IntercomOAuthClient,
  type IntercomOAuthErrorCode,
  type IntercomOAuthOptions,
  type IntercomToken,
  type KnownVersion,
  type Region,
  type ScopeId,
  type WorkspaceId,
} from "intercom-oauth";
import { createIntercomStandIn, type IntercomStandIn, type StandInWorkspace } from "intercom-oauth/testing/msw";
import { setupServer } from "msw/node";

const standIn: IntercomStandIn = createIntercomStandIn({ clientId: "id", clientSecret: "secret" });
const server = setupServer(...standIn.handlers());
const client: IntercomOAuthClient = createIntercomOAuth({ clientId: "id", clientSecret: "secret", region: "eu" });
const first: ScopeId | undefined = resolveScopes("user-level")[0];
// @ts-expect-error: not one of Intercom's permissions, so the ScopeId union rejects it.
const wrong: ScopeId = "read_everything";
const regions: readonly Region[] = REGIONS;

async function connect(): Promise<IntercomIdentity> {
  server.listen({ onUnhandledRequest: "error" });
  try {
    const { url, state } = client.createAuthorizationUrl();
    const callback: URL = standIn.consent(url);
    const { code } = client.parseCallback(callback, { expectedState: state });
    const token: IntercomToken = await client.exchangeCode(code);
    const identity = await client.getIdentity(token.accessToken);
    await client.revokeToken(token);
    return identity;
  } catch (error: unknown) {
    if (isIntercomOAuthError(error)) {
      const code: IntercomOAuthErrorCode = error.code;
      throw new IntercomOAuthError(code, \`\${error.message} Retry the install.\`);
    }
    throw error;
  } finally {
    server.close();
  }
}

// apiVersion (type-fest's LiteralUnion, inlined): a published version and one this package does
// not know both type-check, and the published ones stay literal types that editors suggest.
const pinned: IntercomOAuthOptions = { clientId: "id", clientSecret: "secret", apiVersion: "2.14" };
const ahead: IntercomOAuthOptions = { clientId: "id", clientSecret: "secret", apiVersion: "2.99-unreleased" };
const suggested: Extract<NonNullable<IntercomOAuthOptions["apiVersion"]>, "2.17" | "Preview"> = "Preview";
// @ts-expect-error: KnownVersion lists only the published versions.
const unpublished: KnownVersion = "2.99";
const scopes = [findScope("Read tags"), findScope("read_tags"), findScope("Gather App data"), findScope("whatever")];

// The workspace id (type-fest's Tagged): a string wherever one goes, the testing entry's inputs
// included, but a plain string is not a WorkspaceId.
async function workspaceIdOf(): Promise<WorkspaceId> {
  const id: WorkspaceId = (await connect()).workspace.id;
  const text: string = id;
  const seeded: StandInWorkspace = { id, name: text };
  return seeded.id === id ? id : id;
}
// @ts-expect-error: a plain string is not a WorkspaceId.
const untagged: WorkspaceId = "drzzt019";

// Each format has its own declaration files (index.d.ts, index.d.cts), which inline type-fest:
// a WorkspaceId from one is still assignable to the other's, both ways, and to the testing entry's.
type ImportedId = import("intercom-oauth", { with: { "resolution-mode": "import" } }).WorkspaceId;
type RequiredId = import("intercom-oauth", { with: { "resolution-mode": "require" } }).WorkspaceId;
type RequiredWorkspace = import("intercom-oauth/testing", { with: { "resolution-mode": "require" } }).StandInWorkspace;
declare const imported: ImportedId;
declare const required: RequiredId;
const fromImport: RequiredId = imported;
const fromRequire: ImportedId = required;
const intoTesting: RequiredWorkspace = { id: imported };

export const used = [first, wrong, regions, connect, ERROR_CODES.UNAUTHORIZED] as const;
export const typed = [pinned, ahead, suggested, unpublished, scopes, workspaceIdOf, untagged] as const;
export const crossed = [fromImport, fromRequire, intoTesting] as const;
`;

// A TypeScript consumer of intercom-oauth/config, alone: config tooling that never loads the flow.
const CONSUMER_CONFIG_TS = `import {
  CONFIG_ISSUE_CODES,
  checkRedirectUri,
  configJsonSchema,
  DEFAULT_CONFIG_FILE,
  loadConfig,
  parseConfigSource,
  validateConfig,
  type ConfigIssue,
  type ConfigIssueCode,
  type ResolvedConfig,
} from "intercom-oauth/config";
import { isIntercomOAuthError } from "intercom-oauth";

export function lint(text: string): readonly ConfigIssue[] {
  const source = parseConfigSource(text);
  if (!source.ok) return [];
  const result = validateConfig(source.value, { env: {} });
  for (const issue of result.issues) {
    const { line, column } = source.locate(issue.path).value;
    const code: ConfigIssueCode = issue.code;
    console.log(line, column, code, CONFIG_ISSUE_CODES[code].severity);
  }
  return result.issues;
}

export function load(text: string): ResolvedConfig | undefined {
  try {
    return loadConfig(text, { env: {} });
  } catch (error: unknown) {
    if (isIntercomOAuthError(error, "INVALID_CONFIG")) return undefined;
    throw error;
  }
}

// @ts-expect-error: not a config issue code, so the ConfigIssueCode union rejects it.
const wrong: ConfigIssueCode = "NOT_A_CODE";
export const used = [wrong, DEFAULT_CONFIG_FILE, configJsonSchema(), checkRedirectUri("https://a.dev/cb")] as const;
`;

// A TypeScript consumer of intercom-oauth/connections beside the main entry (issue 10): the
// store and webhook types line up across the two entries, and the codes are literal.
const CONSUMER_CONNECTIONS_TS = `import {
  createTokenSealer,
  disconnect,
  memoryConnectionStore,
  type Connection,
  type ConnectionStatus,
  type ConnectionStore,
  type TokenSealer,
} from "intercom-oauth/connections";
import { createIntercomOAuth, createWebhookHandlers, isIntercomOAuthError } from "intercom-oauth";

const sealer: TokenSealer = createTokenSealer({ keys: { k1: "k".repeat(32) }, current: "k1" });
const store: ConnectionStore = memoryConnectionStore({ sealer });
const intercom = createIntercomOAuth({ clientId: "id", clientSecret: "secret" });
export const flow = intercom.handlers({ store, owner: () => "tenant_1", successUrl: "/done" });
export const hooks = createWebhookHandlers({ clientSecret: ["old-secret", "new-secret"], store });

export async function statusOf(workspaceId: string): Promise<ConnectionStatus | "none"> {
  try {
    const connection: Connection | null = await store.get(workspaceId);
    return connection?.status ?? "none";
  } catch (error: unknown) {
    if (isIntercomOAuthError(error, "SEAL_INVALID")) return "none";
    throw error;
  }
}
export const unplug = (workspaceId: string) => disconnect({ client: intercom, store, workspaceId });
// @ts-expect-error: not a connection status.
const wrong: ConnectionStatus = "deleted";
export const used = [wrong] as const;
`;

// The connections entry from JavaScript: seal, store, read back, and a copied seal refused with
// an error the main entry recognises (one error family across entries and formats).
const CONNECTIONS_PATH = `
  (async () => {
    const sealer = createTokenSealer({ keys: { k1: "demo-sealing-key-0123456789abcdef" }, current: "k1" });
    const store = memoryConnectionStore({ sealer });
    const at = new Date();
    const admin = { id: "1", email: "a@example.com", emailVerified: true };
    const row = { workspaceId: "ws_a", region: "eu", accessToken: "tok_consumer_0123456789", admin, owner: "t1", status: "active", installedAt: at, updatedAt: at };
    await store.save(row);
    const back = await store.get("ws_a");
    const sealed = await sealer.seal("tok_consumer_0123456789", { context: "ws_a" });
    let copied = "none";
    try {
      await sealer.unseal(sealed, { context: "ws_b" });
    } catch (error) {
      copied = isIntercomOAuthError(error, "SEAL_INVALID") ? "SEAL_INVALID" : String(error);
    }
    console.log(JSON.stringify({
      token: back.accessToken === row.accessToken,
      owner: back.owner,
      sealedPrefix: sealed.slice(0, 6),
      leaks: sealed.includes("tok_consumer") || JSON.stringify(sealer).includes("0123456789abcdef"),
      copied,
    }));
  })();
`;

const CONNECTIONS_ESM = `import { createTokenSealer, memoryConnectionStore } from "intercom-oauth/connections";
import { isIntercomOAuthError } from "intercom-oauth";
${CONNECTIONS_PATH}`;

const CONNECTIONS_CJS = `"use strict";
const { createTokenSealer, memoryConnectionStore } = require("intercom-oauth/connections");
const { isIntercomOAuthError } = require("intercom-oauth");
${CONNECTIONS_PATH}`;

// intercom-oauth/node from JavaScript (issue 11): a start handler served by node:http answers
// its redirect with the state cookie, and bad options throw the main entry's error family.
const NODE_PATH = `
  const intercom = createIntercomOAuth({ clientId: "id", clientSecret: "secret-node-consumer", redirectUri: "https://app.example.com/cb" });
  const { start } = intercom.handlers({ onSuccess: () => new Response("ok") });
  let thrown = "none";
  try {
    toNodeHandler(start, { maxBodyBytes: 0 });
  } catch (error) {
    thrown = isIntercomOAuthError(error, "INVALID_OPTIONS") ? "INVALID_OPTIONS" : String(error);
  }
  const server = createServer(toNodeHandler(start, { origin: "https://app.example.com" }));
  server.listen(0, "127.0.0.1", async () => {
    const response = await fetch("http://127.0.0.1:" + server.address().port + "/connect", { redirect: "manual" });
    server.close();
    console.log(JSON.stringify({
      status: response.status,
      cookies: response.headers.getSetCookie().length,
      authorizeHost: new URL(response.headers.get("location")).host,
      thrown,
      fastify: typeof toFastifyRoute(start).onRequest,
    }));
  });
`;

const NODE_ESM = `import { createServer } from "node:http";
import { toFastifyRoute, toNodeHandler } from "intercom-oauth/node";
import { createIntercomOAuth, isIntercomOAuthError } from "intercom-oauth";
${NODE_PATH}`;

const NODE_CJS = `"use strict";
const { createServer } = require("node:http");
const { toFastifyRoute, toNodeHandler } = require("intercom-oauth/node");
const { createIntercomOAuth, isIntercomOAuthError } = require("intercom-oauth");
${NODE_PATH}`;

// A TypeScript consumer of intercom-oauth/node (issue 11): the handler fits node:http's
// createServer, its options are typed, and the declarations name node:http's own types.
const CONSUMER_NODE_TS = `import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createIntercomOAuth } from "intercom-oauth";
import { toNodeHandler, type NodeHandler, type NodeHandlerOptions } from "intercom-oauth/node";

const options: NodeHandlerOptions = { trustProxy: true, maxBodyBytes: 65_536 };
const { start } = createIntercomOAuth({ clientId: "id", clientSecret: "secret" }).handlers({ onSuccess: () => new Response() });
const handler: NodeHandler = toNodeHandler(start, options);
export const server = createServer(handler);
export const direct = (req: IncomingMessage, res: ServerResponse): Promise<void> => handler(req, res);
// @ts-expect-error: trustProxy is a boolean.
export const wrong: NodeHandlerOptions = { trustProxy: "yes" };
`;

// The config entry from JavaScript, written once and wrapped as an ES module and as a CommonJS script.
const CONFIG_PATH = `
  const text = ${JSON.stringify(JSON.stringify({ clientId: "env:ID", clientSecret: "env:SECRET", redirectUris: ["http://app.merge.dev/cb"], scopes: "user-levle" }))};
  const source = parseConfigSource(text);
  const result = validateConfig(source.value, { env: {} });
  let thrown = "none";
  try {
    loadConfig(text, { env: {} });
  } catch (error) {
    thrown = isIntercomOAuthError(error, "INVALID_CONFIG") && error instanceof IntercomOAuthError ? "INVALID_CONFIG" : String(error);
  }
  console.log(JSON.stringify({
    valid: result.valid,
    codes: result.issues.map((one) => one.code),
    thrown,
    schema: configJsonSchema().$schema,
  }));
`;

const CONFIG_ESM = `import { configJsonSchema, loadConfig, parseConfigSource, validateConfig } from "intercom-oauth/config";
import { IntercomOAuthError, isIntercomOAuthError } from "intercom-oauth";
${CONFIG_PATH}`;

const CONFIG_CJS = `"use strict";
const { configJsonSchema, loadConfig, parseConfigSource, validateConfig } = require("intercom-oauth/config");
const { IntercomOAuthError, isIntercomOAuthError } = require("intercom-oauth");
${CONFIG_PATH}`;

/**
 * tsc's diagnostics (--pretty false), one entry each with its continuation lines, less msw's
 * known TS1479 in its own CommonJS declarations: what is left is ours to fix.
 */
function notMswOnly(output: string): string[] {
  const diagnostics = output.split(/\n(?=\S)/).filter((text) => text.trim() !== "");
  return diagnostics.filter((text) => !/^node_modules\/msw\/[^(]+\(\d+,\d+\): error TS1479: /.test(text));
}

function tsconfig(options: Record<string, unknown>, files: string[]): string {
  // msw's declarations need the DOM lib (Request, MessageEvent, ...), as its docs say.
  const base = { target: "ES2022", lib: ["ES2022", "DOM", "DOM.Iterable"], strict: true, noEmit: true, types: [] };
  return JSON.stringify({ compilerOptions: { ...base, ...options }, files }, null, 2);
}

const VALID_CONFIG = {
  clientId: "env:INTERCOM_CLIENT_ID",
  clientSecret: "env:INTERCOM_CLIENT_SECRET",
  redirectUris: ["https://app.merge.dev/oauth/callback"],
  region: "us",
  scopes: "user-level",
};
const INVALID_CONFIG = { ...VALID_CONFIG, redirectUris: ["http://app.merge.dev/oauth/callback"], scopes: "user-levle" };
const CONFIG_ENV = { INTERCOM_CLIENT_ID: clientId, INTERCOM_CLIENT_SECRET: clientSecret };

let consumer: string;
let tarball: string;
let packedFiles: readonly string[];
let typecheckNode16: Promise<Outcome>;
let typecheckBundler: Promise<Outcome>;
let typecheckNodeEntry: Promise<Outcome>;

beforeAll(() => {
  if (!existsSync(join(root, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does it).");
  }
  consumer = mkdtempSync(join(tmpdir(), "intercom-oauth-consumer-"));
  const packDir = join(consumer, "pack");
  mkdirSync(packDir);
  ({ tarball, files: packedFiles } = packInto(packDir));
  // The msw version this repo is tested with, from the lockfile, so that the cache has it.
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const mswVersion = lock.packages["node_modules/msw"]?.version;
  if (mswVersion === undefined) throw new Error("msw is missing from package-lock.json.");
  // intercom-oauth/node's declarations name node:http's types, as any Node app has them.
  const typesNodeVersion = lock.packages["node_modules/@types/node"]?.version;
  if (typesNodeVersion === undefined) throw new Error("@types/node is missing from package-lock.json.");
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  ok(
    run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        tarball,
        `msw@${mswVersion}`,
        `@types/node@${typesNodeVersion}`,
      ],
      consumer,
    ),
  );
  const files: Record<string, string> = {
    "happy.mjs": HAPPY_ESM,
    "happy.cjs": HAPPY_CJS,
    "config.mjs": CONFIG_ESM,
    "config.cjs": CONFIG_CJS,
    "consumer-config.mts": CONSUMER_CONFIG_TS,
    "consumer-config.cts": CONSUMER_CONFIG_TS,
    "consumer-config.ts": CONSUMER_CONFIG_TS,
    "connections.mjs": CONNECTIONS_ESM,
    "connections.cjs": CONNECTIONS_CJS,
    "consumer-connections.mts": CONSUMER_CONNECTIONS_TS,
    "consumer-connections.cts": CONSUMER_CONNECTIONS_TS,
    "consumer-connections.ts": CONSUMER_CONNECTIONS_TS,
    "node.mjs": NODE_ESM,
    "node.cjs": NODE_CJS,
    "consumer-node.mts": CONSUMER_NODE_TS,
    "consumer-node.cts": CONSUMER_NODE_TS,
    "tsconfig.node-entry.json": tsconfig(
      { module: "node16", moduleResolution: "node16", skipLibCheck: false, types: ["node"] },
      ["consumer-node.mts", "consumer-node.cts"],
    ),
    "consumer.mts": CONSUMER_TS,
    "consumer.cts": CONSUMER_TS,
    "consumer.ts": CONSUMER_TS,
    // node16 from ESM (.mts) and from CommonJS (.cts), every declaration file checked (skipLibCheck
    // false), ours included. msw's own CommonJS declarations import ESM-only packages (rettime,
    // type-fest), TS1479 in any such consumer: mswOnly() sets those aside, and only those.
    "tsconfig.node16.json": tsconfig({ module: "node16", moduleResolution: "node16", skipLibCheck: false }, [
      "consumer.mts",
      "consumer.cts",
      "consumer-config.mts",
      "consumer-config.cts",
      "consumer-connections.mts",
      "consumer-connections.cts",
    ]),
    // bundler: every declaration file is checked (skipLibCheck false), ours included.
    "tsconfig.bundler.json": tsconfig(
      { module: "esnext", moduleResolution: "bundler", skipLibCheck: false, skipDefaultLibCheck: true },
      ["consumer.ts", "consumer-config.ts", "consumer-connections.ts"],
    ),
    "intercom-oauth.config.json": JSON.stringify(VALID_CONFIG, null, 2),
    "invalid.config.json": JSON.stringify(INVALID_CONFIG, null, 2),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(consumer, name), text);
  typecheckNode16 = runAsync(process.execPath, [tsc, "-p", "tsconfig.node16.json", "--pretty", "false"], consumer);
  typecheckBundler = runAsync(process.execPath, [tsc, "-p", "tsconfig.bundler.json", "--pretty", "false"], consumer);
  typecheckNodeEntry = runAsync(
    process.execPath,
    [tsc, "-p", "tsconfig.node-entry.json", "--pretty", "false"],
    consumer,
  );
}, 120_000);

afterAll(async () => {
  // Let the background type-checks end before their folder goes.
  await Promise.allSettled([typecheckNode16, typecheckBundler, typecheckNodeEntry]);
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe("the published package", () => {
  it("loads with require() from CommonJS", () => {
    const out = ok(
      run(
        "node",
        [
          "-e",
          "const m = require('intercom-oauth'); const c = require('intercom-oauth/config'); console.log(typeof m.IntercomOAuthError, m.intercomEndpoints('eu').me, c.DEFAULT_CONFIG_FILE)",
        ],
        consumer,
      ),
    );
    expect(out.trim()).toBe("function https://api.eu.intercom.io/me intercom-oauth.config.json");
  });

  it("loads with import() from ESM", () => {
    const out = ok(
      run(
        "node",
        [
          "--input-type=module",
          "-e",
          "const m = await import('intercom-oauth'); const c = await import('intercom-oauth/config'); console.log(Object.keys(m).includes('isIntercomOAuthError'), typeof c.validateConfig)",
        ],
        consumer,
      ),
    );
    expect(out.trim()).toBe("true function");
  });

  it("has the testing kit's three entries: the portable core, /msw and /node, in both formats", () => {
    const script = [
      "const core = require('intercom-oauth/testing');",
      "const msw = require('intercom-oauth/testing/msw');",
      "const node = require('intercom-oauth/testing/node');",
      "import('intercom-oauth/testing/node').then((esm) => console.log([",
      "  'createIntercomStandIn' in core, 'toNodeListener' in core,",
      "  typeof msw.createIntercomStandIn, typeof msw.createIntercomStandInCore,",
      "  typeof node.toNodeListener, typeof esm.createIntercomStandInCore].join(' ')));",
    ].join("\n");
    const out = ok(run("node", ["-e", script], consumer));
    expect(out.trim()).toBe("false false function function function function");
  });

  it("ships only dist, docs, examples, the README, the CHANGELOG, the schema and package.json", () => {
    const paths = packedFiles;
    expect(
      paths.filter(
        (path) =>
          !/^(dist\/|docs\/[\w-]+\.md$|examples\/[\w-]+\.ts$|(README|CHANGELOG)\.md$|package\.json$|schema\.json$|LICENSE$)/.test(
            path,
          ),
      ),
    ).toEqual([]);
    expect(paths).toContain("docs/cli.md");
    expect(paths).toContain("examples/server.ts");
    expect(paths).toContain("CHANGELOG.md");
    expect(paths).toContain("dist/index.d.cts");
    expect(paths).toContain("dist/testing.d.cts");
    expect(paths).toContain("dist/testing-msw.d.cts");
    expect(paths).toContain("dist/testing-node.d.ts");
    expect(paths).toContain("dist/config.d.ts");
    expect(paths).toContain("dist/config.d.cts");
    expect(paths).toContain("dist/connections.d.ts");
    expect(paths).toContain("dist/connections.d.cts");
    expect(paths).toContain("dist/node.d.ts");
    expect(paths).toContain("dist/node.d.cts");
  });

  it("keeps zod out of the main entry's declarations, so zod's version is not part of its types", () => {
    const dist = join(consumer, "node_modules", "intercom-oauth", "dist");
    for (const entry of ["index.d.ts", "index.d.cts"]) {
      // The entry and the declaration chunks it imports.
      const seen = new Set<string>();
      const visit = (file: string): void => {
        if (seen.has(file)) return;
        seen.add(file);
        const text = readFileSync(join(dist, file), "utf8");
        expect(text, file).not.toMatch(/from ["']zod/);
        for (const match of text.matchAll(/from ["']\.\/([^"']+)\.(c?js)["']/g))
          visit(`${match[1]}.d.${match[2] === "cjs" ? "cts" : "ts"}`);
      };
      visit(entry);
      expect(seen.size, entry).toBeGreaterThan(1);
    }
  });
});

describe("package lint (publint --strict, attw) on the tarball", () => {
  it("finds no problem in ours", () => {
    for (const result of lintTarball(tarball)) {
      expect(result.ok, `${result.tool} found problems:\n${result.output}`).toBe(true);
    }
  }, 180_000); // publint and attw each start a Node process and read the tarball: slow on a loaded machine

  it("catches a broken package (types after the other conditions, ESM types for require)", () => {
    const dir = join(consumer, "broken");
    mkdirSync(dir);
    const exports = { ".": { import: "./index.js", require: "./index.cjs", types: "./index.d.ts" } };
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "broken", version: "1.0.0", type: "module", exports }),
    );
    writeFileSync(join(dir, "index.js"), "export const x = 1;\n");
    writeFileSync(join(dir, "index.cjs"), "exports.x = 1;\n");
    writeFileSync(join(dir, "index.d.ts"), "export declare const x: number;\n");
    const packed = JSON.parse(ok(run("npm", ["pack", "--json"], dir))) as [{ filename: string }];
    const [publint, attw] = lintTarball(join(dir, packed[0].filename));
    expect(publint?.ok, publint?.output).toBe(false);
    expect(publint?.output).toMatch(/types should be the first/);
    expect(attw?.ok, attw?.output).toBe(false);
    expect(attw?.output).toMatch(/Masquerading as ESM/);
  }, 60_000);
});

describe("regression: issue 9 — intercom-oauth/config, as a consumer imports it", () => {
  const expected = {
    valid: false,
    codes: ["ENV_VAR_UNSET", "ENV_VAR_UNSET", "REDIRECT_URI_NOT_HTTPS", "INVALID_SCOPE_SPEC"],
    thrown: "INVALID_CONFIG",
    schema: "https://json-schema.org/draft/2020-12/schema",
  };

  it("validates a config from an ES module, and the main entry recognises loadConfig's error", () => {
    const outcome = run("node", ["config.mjs"], consumer);
    expect(JSON.parse(ok(outcome).trim()), explain(outcome)).toEqual(expected);
  });

  it("validates a config from a CommonJS script, and the main entry recognises loadConfig's error", () => {
    const outcome = run("node", ["config.cjs"], consumer);
    expect(JSON.parse(ok(outcome).trim()), explain(outcome)).toEqual(expected);
  });

  it("is not in the main entry, which keeps the flow, scopes and errors", () => {
    const out = ok(
      run(
        "node",
        [
          "-e",
          "const m = require('intercom-oauth'); console.log(JSON.stringify(['validateConfig', 'loadConfig', 'parseConfigSource'].filter((n) => n in m)))",
        ],
        consumer,
      ),
    );
    expect(JSON.parse(out.trim())).toEqual([]);
  });
});

describe("issue 10 — intercom-oauth/connections, as a consumer imports it", () => {
  const expected = { token: true, owner: "t1", sealedPrefix: "v1.k1.", leaks: false, copied: "SEAL_INVALID" };

  it("seals, stores and refuses a copied seal from an ES module", () => {
    const outcome = run("node", ["connections.mjs"], consumer);
    expect(JSON.parse(ok(outcome).trim()), explain(outcome)).toEqual(expected);
  });

  it("seals, stores and refuses a copied seal from a CommonJS script", () => {
    const outcome = run("node", ["connections.cjs"], consumer);
    expect(JSON.parse(ok(outcome).trim()), explain(outcome)).toEqual(expected);
  });
});

describe("issue 11 — intercom-oauth/node, as a consumer imports it", () => {
  const expected = {
    status: 302,
    cookies: 1,
    authorizeHost: "app.intercom.com",
    thrown: "INVALID_OPTIONS",
    fastify: "function",
  };

  it.each(["node.mjs", "node.cjs"])("serves a start handler over node:http from %s", (file) => {
    const outcome = run("node", [file], consumer);
    expect(JSON.parse(ok(outcome).trim()), explain(outcome)).toEqual(expected);
  });

  it("type-checks with @types/node under node16, from ESM and CommonJS, every declaration checked", async () => {
    const outcome = await typecheckNodeEntry;
    expect(outcome.status, explain(outcome)).toBe(0);
  }, 60_000);
});

describe("the OAuth happy path against the msw stand-in, as a consumer writes it", () => {
  const expected = {
    authorizeHost: "app.eu.intercom.com",
    workspace: "cons0001",
    email: "ada@example.com",
    tokenType: "Bearer",
    tokenMasked: true,
    after: "UNAUTHORIZED",
  };

  it("runs from an ES module", () => {
    const outcome = run("node", ["happy.mjs"], consumer);
    expect(JSON.parse(ok(outcome).trim()), explain(outcome)).toEqual(expected);
    expect(outcome.stdout + outcome.stderr).not.toContain(clientSecret);
  });

  it("runs from a CommonJS script", () => {
    const outcome = run("node", ["happy.cjs"], consumer);
    expect(JSON.parse(ok(outcome).trim()), explain(outcome)).toEqual(expected);
    expect(outcome.stdout + outcome.stderr).not.toContain(clientSecret);
  });
});

describe("a TypeScript consumer of the four entry points", () => {
  it("type-checks under moduleResolution node16, from ESM and CommonJS, with every declaration checked", async () => {
    const outcome = await typecheckNode16;
    expect(notMswOnly(outcome.stdout), explain(outcome)).toEqual([]);
    expect(outcome.stderr, explain(outcome)).toBe("");
  }, 60_000);

  it("type-checks under moduleResolution bundler, with every declaration checked", async () => {
    const outcome = await typecheckBundler;
    expect(outcome.status, explain(outcome)).toBe(0);
  }, 60_000);
});

describe("the installed bin", () => {
  it("prints the package version", () => {
    const out = ok(run("npx", ["--no-install", "intercom-oauth", "--version"], consumer));
    expect(out.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });

  it("accepts a valid config, with its env vars set (exit 0), without printing the secret", () => {
    const outcome = run(
      "npx",
      ["--no-install", "intercom-oauth", "validate", "intercom-oauth.config.json"],
      consumer,
      CONFIG_ENV,
    );
    expect(outcome.status, explain(outcome)).toBe(0);
    expect(outcome.stdout + outcome.stderr).not.toContain(clientSecret);
  });

  it("rejects an invalid config (exit 1), naming each problem", () => {
    const outcome = run(
      "npx",
      ["--no-install", "intercom-oauth", "validate", "invalid.config.json"],
      consumer,
      CONFIG_ENV,
    );
    expect(outcome.status, explain(outcome)).toBe(1);
    expect(outcome.stdout + outcome.stderr).toMatch(/REDIRECT_URI_NOT_HTTPS/);
    expect(outcome.stdout + outcome.stderr).toMatch(/did you mean "user-level"/);
    expect(outcome.stdout + outcome.stderr).not.toContain(clientSecret);
  });
});
