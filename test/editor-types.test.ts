// What an editor shows for the public types (issue 9, type-fest): TypeScript's language service,
// the engine behind editors' completions and hovers, run on a snippet that imports src/.
// `/*|*/` marks where the cursor is.
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const snippet = resolve(root, "test", "__editor_snippet__.ts");
const IMPORTS = `import { createIntercomOAuth, findScope, type AccessTokenInput } from "../src/index.js";\n`;
let text = IMPORTS;

const options: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
};
let version = 0;
const service = ts.createLanguageService({
  getScriptFileNames: () => [snippet],
  getScriptVersion: (name) => (name === snippet ? String(version) : "0"),
  getScriptSnapshot: (name) => {
    const content = name === snippet ? text : ts.sys.readFile(name);
    return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
  },
  getCurrentDirectory: () => root,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
  fileExists: (name) => name === snippet || ts.sys.fileExists(name),
  readFile: (name) => (name === snippet ? text : ts.sys.readFile(name)),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
});

/** The snippet, after the imports, with the cursor's position. */
function at(code: string): number {
  const cursor = code.indexOf("/*|*/");
  if (cursor < 0) throw new Error("no /*|*/ cursor in the snippet");
  text = IMPORTS + code.replace("/*|*/", "");
  version++;
  return IMPORTS.length + cursor;
}

function completions(code: string): string[] {
  const info = service.getCompletionsAtPosition(snippet, at(code), {});
  return info?.entries.map((entry) => entry.name) ?? [];
}

/** The hover at the cursor, which sits right after the name to hover. */
function hover(code: string): { shown: string; docs: string } {
  const info = service.getQuickInfoAtPosition(snippet, at(code) - 1);
  return { shown: ts.displayPartsToString(info?.displayParts), docs: ts.displayPartsToString(info?.documentation) };
}

const client = `const intercom = createIntercomOAuth({ clientId: "id", clientSecret: "secret" });\n`;

describe("regression: issue 9 — editors suggest the known values (LiteralUnion)", () => {
  it("suggests the published Intercom-Version values for apiVersion", () => {
    const names = completions(`createIntercomOAuth({ clientId: "id", clientSecret: "s", apiVersion: "/*|*/" });`);
    expect(names).toEqual(expect.arrayContaining(["1.0", "2.14", "2.17", "Preview", "Unstable"]));
    expect(names).toHaveLength(25);
  });

  it("suggests scope ids and Developer Hub labels for findScope", () => {
    const names = completions(`findScope("/*|*/");`);
    expect(names).toEqual(expect.arrayContaining(["read_tags", "Read tags", "Gather App data", "read_articles_scope"]));
    expect(names).toHaveLength(33 * 2 + 1);
  });
});

describe("regression: issue 9 — hovers stay readable and documented", () => {
  it("shows AccessTokenInput as what it takes (Simplify), not as Pick<IntercomToken, …>", () => {
    const { shown } = hover(`type Input/*|*/ = AccessTokenInput;`);
    expect(shown.replace(/\s+/g, " ")).toBe("type Input = string | { readonly accessToken: string; }");
  });

  it("keeps each handlers() option's documentation on hover (why HandlersOptions is not Simplify'd)", () => {
    // Simplify over HandlersOptions' union of modes made a synthetic property without its docs.
    for (const mode of ["", `signingSecret: "${"s".repeat(32)}", `]) {
      const { shown, docs } = hover(
        `${client}intercom.handlers({ ${mode}onSuccess: () => new Response(), ttlSeconds/*|*/: 600 });`,
      );
      expect(shown, mode || "cookie mode").toMatch(/ttlSeconds\?: number \| undefined$/);
      expect(docs, mode || "cookie mode").toMatch(/^How long a started flow stays valid, in seconds/);
    }
  });

  it("shows the workspace id as the WorkspaceId it is", () => {
    const { shown, docs } = hover(
      `${client}const { workspace } = await intercom.getIdentity("token");\nconst id/*|*/ = workspace.id;\nexport {};`,
    );
    expect(shown).toBe("const id: WorkspaceId");
    const field = hover(
      `${client}const identity = await intercom.getIdentity("token");\nidentity.workspace.id/*|*/;\nexport {};`,
    );
    expect(field.docs).toMatch(/^The workspace id \(Intercom's `app\.id_code`\)/);
    expect(docs).toBe("");
  });
});
