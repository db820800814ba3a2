// Issue 11 §3: intercom-oauth/testing loads where there is no process, no localStorage and no
// node: module (Deno without --allow-env, Workers without nodejs_compat, edge-runtime). The
// built entry, bundled as an app would, runs in a V8 context that has only Web APIs.
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it, vi } from "vitest";
import { createIntercomStandInCore } from "../src/testing/index.js";

async function bundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: "iife",
    globalName: "kit",
    platform: "neutral",
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]?.text ?? "", inputs: Object.keys(result.metafile.inputs) };
}

// Web APIs only. `process`, `localStorage`, `Buffer` and `require` are absent, so touching one
// at load time throws a ReferenceError.
const WEB = {
  URL,
  URLSearchParams,
  Request,
  Response,
  Headers,
  TextEncoder,
  TextDecoder,
  crypto,
  AbortController,
  AbortSignal,
  atob,
  btoa,
  setTimeout,
  clearTimeout,
  structuredClone,
  queueMicrotask,
  console,
};

describe("intercom-oauth/testing on a runtime with Web APIs only", () => {
  it("bundles with no msw and no node: module", async () => {
    const { inputs } = await bundle("src/testing/index.ts");
    expect(inputs.filter((input) => /node_modules\/msw|node-listener|^node:/.test(input))).toEqual([]);
  });

  it("loads and answers a whole flow with no process and no localStorage", async () => {
    const { code } = await bundle("src/testing/index.ts");
    const context = { ...WEB } as Record<string, unknown>;
    runInNewContext(`${code}\nglobalThis.kit = kit;`, context);
    const kit = context.kit as typeof import("../src/testing/node.js");
    expect(Object.keys(kit)).not.toContain("createIntercomStandIn");
    const standIn = kit.createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
    const authorize = `https://app.intercom.com/oauth?client_id=id&state=s&redirect_uri=${encodeURIComponent(kit.DEFAULT_REDIRECT_URI)}`;
    const code2 = standIn.consent(authorize).searchParams.get("code");
    const token = await standIn.fetch("https://api.intercom.io/auth/eagle/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: code2, client_id: "id", client_secret: "secret" }),
    });
    expect(token.status).toBe(200);
  });

  it("the msw entry is the one that needs process (msw reads process.env at load)", async () => {
    const { inputs } = await bundle("src/testing/msw.ts");
    expect(inputs.some((input) => input.includes("node_modules/msw"))).toBe(true);
  });
});

describe("regression: issue 11 — standIn.fetch served as a fetch handler", () => {
  const origin = "http://127.0.0.1:4010";
  const authorize = `${origin}/oauth?client_id=id&state=${"s".repeat(32)}`;

  it("ignores a runtime's second argument that is not a plain RequestInit (Bun.serve passes its Server)", async () => {
    const standIn = createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
    standIn.addBaseUrls({ app: origin, api: origin });
    // Bun's Request takes `url` from its init, and Bun.serve's second argument has one.
    class Server {
      readonly url = new URL("http://127.0.0.1:4010/");
    }
    const response = await standIn.fetch(new Request(authorize), new Server() as unknown as RequestInit);
    expect(response.status).toBe(302);
  });

  it("draws no random value when created, as Workers refuse them in global scope", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    try {
      createIntercomStandInCore({ clientId: "id", clientSecret: "secret" });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
