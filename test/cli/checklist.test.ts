// The CLI: `intercom-oauth checklist`. Built-program tests first, then in-process ones
// (the harness, test/support/cli.ts, says how each runs).
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MERGE } from "../support/config-fixture.js";
import { CLIENT_ID, ENV_SECRET, ENV, config, dir, write, built, cli, all, useCliDir } from "../support/cli.js";
import { SCOPE_PRESETS, SCOPES } from "../../src/index.js";

useCliDir("checklist");

describe("checklist — the built program", () => {
  it("prints the five-step runbook for the seed's setup", () => {
    const file = write(
      config({
        scopes: "admin-level",
        app: { name: "Acme sync", listing: "unlisted", installInstructionsUrl: "https://acme.io/docs/intercom" },
      }),
    );
    const run = built(["checklist", file]);
    expect(run.code).toBe(0);
    const out = run.stdout;
    for (const heading of [
      "## 1. Create a developer workspace",
      "## 2. Create the OAuth app",
      "## 3. Submit the app for review",
      "## 4. Store the credentials",
      "## 5. Hear from Intercom: uninstall, health check, webhooks",
    ]) {
      expect(out).toContain(heading);
    }
    expect(out).toContain("only in the US region");
    expect(out).toContain(`\`${MERGE}\``);
    for (const entry of SCOPE_PRESETS["admin-level"].scopes) {
      const label = SCOPES.find((scope) => scope.id === entry.id)?.label ?? "";
      expect(out).toContain(`${label} (\`${entry.id}\`)`);
    }
    expect(out).toContain("`client_id` and `state`");
    expect(out).toContain("Unlisted app");
    expect(out).toContain("https://acme.io/docs/intercom");
    expect(out).toContain("`INTERCOM_CLIENT_ID`");
    expect(out).toContain("`INTERCOM_CLIENT_SECRET`");
    expect(out).toContain('"Acme sync"');
    // Issue 10: the lifecycle endpoints, and the rule that ties topics to permissions.
    expect(out).toContain("Uninstall URL");
    expect(out).toContain("Installation Status");
    expect(out).toContain("`X-Hub-Signature`");
    expect(out).toContain("Each topic needs its matching permission");
    expect(out).toContain("deduplicate notifications by their id");
  });

  it("prints plain text with --format text", () => {
    const run = built(["checklist", write(config()), "--format", "text"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1. Create a developer workspace");
    expect(run.stdout).not.toContain("##");
    expect(run.stdout).not.toContain("`");
  });

  it("exits 1 with the errors for an invalid config, and 2 for a missing one", () => {
    const run = built(["checklist", write(config({ redirectUris: [] }))]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("REDIRECT_URIS_EMPTY");
    expect(built(["checklist", "nope.json"]).code).toBe(2);
  });
});

describe("checklist", () => {
  it("renders markdown by default and text on request, from the same steps", async () => {
    const file = write(config());
    const md = await cli(["checklist", file]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Intercom partner credentials: checklist for your app\n/);
    expect(md.stdout).toContain(`Generated from \`${file}\``);
    expect(md.stdout).toContain("## 4. Store the credentials");
    expect(md.stdout).toContain(`- [ ] Under Redirect URLs, add this URL:\n  - \`${MERGE}\``);
    const text = await cli(["checklist", file, "--format", "text"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Intercom partner credentials: checklist for your app\n\(generated from /);
    expect(text.stdout).not.toContain("`");
    expect(text.stdout).toContain(`  [ ] Under Redirect URLs, add this URL:\n    - ${MERGE}`);
    expect((await cli(["checklist", file, "--format", "json"])).code).toBe(2);
  });

  it("follows the config: several redirects, region, app facts, listing and a literal client id", async () => {
    const listed = await cli([
      "checklist",
      write(
        config({
          clientId: CLIENT_ID,
          region: "eu",
          redirectUris: [MERGE, "https://app.example.com/cb"],
          scopes: "admin-level",
          app: { name: "Acme Sync", listing: "listed", description: "Syncs tags." },
        }),
      ),
    ]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("checklist for Acme Sync");
    expect(listed.stdout).toContain("(this config: eu)");
    expect(listed.stdout).toContain("these 2 URLs, in this order (the first is the default)");
    expect(listed.stdout).toContain(`\`${MERGE}\` (default)`);
    expect(listed.stdout).toContain('Name the app "Acme Sync".');
    expect(listed.stdout).toContain('App description: "Syncs tags."');
    expect(listed.stdout).toContain("Listed app: fill in the Installation status section");
    expect(listed.stdout).toContain("Submit as listed.");
    expect(listed.stdout).toContain("The config holds the client id itself");
    expect(listed.stdout).toContain("Extended:");

    const unlisted = (
      await cli([
        "checklist",
        write(config({ app: { listing: "unlisted", installInstructionsUrl: "https://acme.dev/install" } })),
      ])
    ).stdout;
    expect(unlisted).toContain(
      "Unlisted app: skip the Installation status section and give clear install instructions in your own product (https://acme.dev/install).",
    );
    expect(unlisted).toContain("Submit as unlisted.");
    expect(unlisted).toContain("Put the Client ID in the environment variable `INTERCOM_CLIENT_ID`");

    const plain = (await cli(["checklist", write(config({ scopes: ["read_tags"] }))])).stdout;
    expect(plain).toContain(
      "If unlisted: skip the Installation status section and give clear install instructions in your own product.",
    );
    expect(plain).toContain("Choose listed or unlisted");
    expect(plain).toContain("tick these 1 permission and nothing else");
    expect(plain).toContain("Name the app.");
    expect(plain).toContain("Write the app description");
    expect(plain).not.toContain("(this config:");
  });

  it("exits 1 with positioned errors for an invalid config, and 2 for a missing one", async () => {
    const file = write(config({ redirectUris: ["http://x.dev/cb"] }));
    const run = await cli(["checklist", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^${file}:\\d+:\\d+: \\w+: redirectUris\\[0\\]: `));
    expect(run.stderr).toContain(`intercom-oauth: ${file} is invalid; fix the errors above first.`);
    const missing = await cli(["checklist"], { cwd: mkdtempSync(path.join(dir, "none-")) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("intercom-oauth.config.json not found");
  });

  it("needs no environment and never prints a secret", async () => {
    const run = await cli(["checklist", write(config())], { env: ENV });
    expect(run.code).toBe(0);
    expect(all(run)).not.toContain(ENV_SECRET);
    expect(all(run)).not.toContain(CLIENT_ID);
  });
});
