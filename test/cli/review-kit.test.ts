// The CLI: `intercom-oauth review-kit`. Built-program tests for every exit code first, then
// in-process ones (the harness, test/support/cli.ts, says how each runs).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MERGE } from "../support/config-fixture.js";
import { CLIENT_ID, ENV, ENV_SECRET, all, built, cli, config, dir, noStack, useCliDir, write } from "../support/cli.js";
import { SCOPES } from "../../src/index.js";
import { encodedForms } from "../support/expect-no-secrets.js";

useCliDir("review-kit");

const DESCRIPTION =
  "Acme sync shows each customer's open Intercom conversations next to their Acme account, so support agents answer with the full history at hand.";

// A config with no flag: one read permission, justified, and a long enough description.
function clean(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return config({
    scopes: ["read_conversations"],
    justifications: { read_conversations: "Shows the customer's open conversations in the Acme sidebar." },
    app: { name: "Acme sync", listing: "unlisted", readOnly: true, description: DESCRIPTION },
    ...overrides,
  });
}

function noSecret(text: string): void {
  for (const form of encodedForms(ENV_SECRET)) expect(text).not.toContain(form);
}

describe("review-kit — the built program", () => {
  it("exits 0 and prints the kit for a clean config, with the client id from the environment", () => {
    const run = built(["review-kit", write(clean()), "--strict"], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("# Intercom app review kit: Acme sync");
    expect(run.stdout).toContain(`client_id=${CLIENT_ID}`);
    expect(run.stderr).toBe("");
    noSecret(all(run));
    noStack(run);
  });

  it("exits 1 under --strict when a flag is raised, 0 without it", () => {
    const file = write(clean({ scopes: ["read_conversations", "write_conversations"] }));
    const loose = built(["review-kit", file]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain("flag: write_conversations has no justification");
    const strict = built(["review-kit", file, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("--strict fails on any");
    noStack(strict);
  });

  it("exits 1 for an invalid config, and 2 for a missing file or a bad flag", () => {
    const invalid = built(["review-kit", write(clean({ justifications: { read_conversation: "x" } }))]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("UNKNOWN_SCOPE");
    expect(built(["review-kit", "nope.json"]).code).toBe(2);
    expect(built(["review-kit", write(clean()), "--format", "json"]).code).toBe(2);
  });

  it("writes the kit to --out FILE", () => {
    const run = built(["review-kit", write(clean()), "--out", "kit.md"], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("kit.md");
    expect(readFileSync(path.join(dir, "kit.md"), "utf8")).toContain("## Video shot list");
  });
});

describe("review-kit", () => {
  it("lists each permission with its Developer Hub label and its sentence", async () => {
    const run = await cli(["review-kit", write(clean())]);
    expect(run.code).toBe(0);
    const label = SCOPES.find((scope) => scope.id === "read_conversations")?.label ?? "";
    expect(run.stdout).toContain(`- **${label}** (\`read_conversations\``);
    expect(run.stdout).toContain("  - Shows the customer's open conversations in the Acme sidebar.");
    expect(run.stdout).not.toContain("## Flags");
  });

  it("flags a missing justification and a write permission in a read-only app", async () => {
    const run = await cli(["review-kit", write(clean({ scopes: ["read_conversations", "write_conversations"] }))]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("⚠ Flag: no justification");
    expect(run.stdout).toContain("⚠ Flag: a write or delete permission in an app marked `app.readOnly: true`");
    expect(run.stdout).toContain("## Flags");
    expect(
      (await cli(["review-kit", write(clean({ scopes: ["read_conversations", "write_conversations"] })), "--strict"]))
        .code,
    ).toBe(1);
  });

  it("keeps a sentence with line breaks on one list line", async () => {
    const run = await cli([
      "review-kit",
      write(clean({ justifications: { read_conversations: "Shows the open\n conversations." } })),
    ]);
    expect(run.stdout).toContain("  - Shows the open conversations.\n");
  });

  it("does not flag write permissions when the app is not read-only", async () => {
    const run = await cli([
      "review-kit",
      write(
        clean({
          scopes: ["write_conversations"],
          justifications: { write_conversations: "Replies to conversations from Acme." },
          app: { description: DESCRIPTION },
        }),
      ),
      "--strict",
    ]);
    expect(run.code).toBe(0);
  });

  it("warns when the description is missing or too short", async () => {
    const missing = await cli(["review-kit", write(clean({ app: { readOnly: true } }))]);
    expect(missing.stdout).toContain("⚠ Warning: no description");
    expect(missing.stderr).toContain("app.description is missing");
    const short = await cli(["review-kit", write(clean({ app: { description: "Syncs." } })), "--strict"]);
    expect(short.stdout).toContain("⚠ Warning: the description is 6 characters");
    expect(short.code).toBe(1);
  });

  it("shows a placeholder client id when the reference does not resolve, and the redirect URLs", async () => {
    const run = await cli([
      "review-kit",
      write(clean({ region: "eu", redirectUris: [MERGE, "https://b.acme.io/cb"] })),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("https://app.eu.intercom.com/oauth?client_id=YOUR_CLIENT_ID&state=");
    expect(run.stdout).toContain("set `INTERCOM_CLIENT_ID`");
    expect(run.stdout).toContain(`- \`${MERGE}\`\n- \`https://b.acme.io/cb\``);
  });

  it("uses a literal client id, and never reads or prints the secret", async () => {
    const run = await cli(["review-kit", write(clean({ clientId: CLIENT_ID }))], { env: ENV });
    expect(run.stdout).toContain(`client_id=${CLIENT_ID}`);
    noSecret(all(run));
  });

  it("holds the video shot list, install steps and what reviewers check", async () => {
    const out = (await cli(["review-kit", write(clean())])).stdout;
    expect(out).toContain("full `client_id` and `state` visible");
    expect(out).toContain("what the uninstall URL does");
    expect(out).toContain("## Install instructions (unlisted app)");
    expect(out).toContain("most common reason for rejection");
    expect(out).toContain("seven business days");
    expect(out).toContain("7–14 days");
  });

  it("refuses an unwritable --out with exit 2", async () => {
    const run = await cli(["review-kit", write(clean()), "--out", path.join(dir, "no", "such", "dir", "kit.md")]);
    expect(run.code).toBe(2);
  });
});
