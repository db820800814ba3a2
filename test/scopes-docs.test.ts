import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCOPES, SCOPE_PRESETS, type Scope } from "../src/index.js";
import { SCOPES_DOC_PATH, renderScopesDoc } from "../scripts/gen-scopes-doc.js";

describe("docs/scopes.md", () => {
  const rendered = renderScopesDoc();

  it("is up to date with the catalogue", () => {
    let onDisk: string;
    try {
      // A Windows checkout may turn LF into CRLF; that is not staleness.
      onDisk = readFileSync(SCOPES_DOC_PATH, "utf8").replaceAll("\r\n", "\n");
    } catch {
      throw new Error("docs/scopes.md is missing. Run `npm run docs:scopes` to generate it.");
    }
    if (onDisk !== rendered) {
      throw new Error(
        "docs/scopes.md is stale: it differs from the catalogue in src/scopes/. Run `npm run docs:scopes` and commit the result.",
      );
    }
    expect(onDisk).toBe(rendered);
  });

  it("lists every permission with its id, label, access and tier", () => {
    for (const scope of SCOPES as readonly Scope[]) {
      const row = rendered.split("\n").find((line) => line.startsWith(`| \`${scope.id}\` | ${scope.label}`));
      expect(row, scope.id).toBeDefined();
      expect(row).toContain(`| ${scope.access} |`);
    }
    const standard = rendered.slice(rendered.indexOf("## Standard"), rendered.indexOf("## Extended"));
    const extended = rendered.slice(rendered.indexOf("## Extended"), rendered.indexOf("## Presets"));
    for (const scope of SCOPES as readonly Scope[]) {
      expect(scope.tier === "standard" ? standard : extended).toContain(`\`${scope.id}\``);
    }
  });

  it("lists both presets with the setup guide's reasons and notes", () => {
    for (const preset of Object.values(SCOPE_PRESETS)) {
      expect(rendered).toContain(`### \`${preset.name}\``);
      for (const entry of preset.scopes) expect(rendered).toContain(entry.reason);
      for (const note of preset.notes) expect(rendered).toContain(`- ${note}`);
    }
  });

  it("is deterministic", () => {
    expect(renderScopesDoc()).toBe(rendered);
  });
});
