// Issue 11 §6: what a user has after `npm install`. The packed tarball, installed into a fresh
// folder, carries docs/, examples/ and the CHANGELOG, and every link or package path in the
// README, the docs, every --help output and the validator's messages and hints resolves inside
// the installed package (anchors included).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packInto } from "../scripts/check-package.js";
import { brokenReason, type FoundLink, headingAnchors, markdownLinks, pathMentions } from "./support/package-links.js";

const root = resolve(import.meta.dirname, "..");
let consumer = "";
let installed = "";

function bin(args: string[], input?: string): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [join(installed, "dist", "cli.js"), ...args], {
    cwd: consumer,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
    ...(input === undefined ? {} : { input }),
    timeout: 15_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function broken(links: readonly FoundLink[]): string[] {
  return links.flatMap((link) => {
    const why = brokenReason(installed, link);
    return why === undefined ? [] : [`${link.from}: ${link.target}: ${why}`];
  });
}

beforeAll(() => {
  if (!existsSync(join(root, "dist", "cli.js"))) throw new Error("dist/ is missing: run `npm run build` first.");
  consumer = mkdtempSync(join(tmpdir(), "intercom-oauth-links-"));
  const packDir = join(consumer, "pack");
  mkdirSync(packDir);
  const { tarball } = packInto(packDir);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "links-consumer", private: true }));
  const install = spawnSync(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball],
    { cwd: consumer, encoding: "utf8" },
  );
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  installed = join(consumer, "node_modules", "intercom-oauth");
}, 120_000);

afterAll(() => {
  if (consumer !== "") rmSync(consumer, { recursive: true, force: true });
});

describe("the installed package's links", () => {
  it("carries docs/, examples/ and a CHANGELOG that starts at 0.1.0", () => {
    expect(readdirSync(join(installed, "docs"))).toContain("cli.md");
    expect(readdirSync(join(installed, "docs"))).toContain("deploy.md");
    expect(readdirSync(join(installed, "examples"))).toEqual(expect.arrayContaining(["server.ts", "demo.ts"]));
    const changelog = readFileSync(join(installed, "CHANGELOG.md"), "utf8");
    const versions = [...changelog.matchAll(/^## (\d+\.\d+\.\d+)/gm)].map((match) => match[1]);
    expect(versions.at(-1)).toBe("0.1.0");
    expect(versions).toContain(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).version);
  });

  it("ships examples that import the package by name, each name resolving in the installed package", () => {
    const resolveFromConsumer = createRequire(join(consumer, "package.json")).resolve;
    const names = new Set<string>();
    for (const file of readdirSync(join(installed, "examples"))) {
      const text = readFileSync(join(installed, "examples", file), "utf8");
      expect(text, file).not.toMatch(/from ["']\.\.?\//);
      for (const match of text.matchAll(/from ["'](intercom-oauth[^"']*)["']/g)) names.add(match[1] as string);
    }
    // Whatever entries they use (the list changes with the entries), each must resolve.
    expect(names).toContain("intercom-oauth");
    for (const name of names) expect(resolveFromConsumer(name), name).toContain(join("intercom-oauth", "dist"));
  });

  it("resolves every link and package path in the README and the docs", () => {
    const files = ["README.md", "CHANGELOG.md", ...readdirSync(join(installed, "docs")).map((name) => `docs/${name}`)];
    const links = files.flatMap((file) => {
      const text = readFileSync(join(installed, file), "utf8");
      return file === "README.md"
        ? [...markdownLinks(file, text), ...pathMentions(file, text)]
        : markdownLinks(file, text);
    });
    expect(links.length).toBeGreaterThan(40);
    expect(broken(links)).toEqual([]);
  });

  it("resolves every path in every --help output", () => {
    const main = bin(["--help"]);
    expect(main.status).toBe(0);
    const commands = [...main.out.matchAll(/^ {2}([a-z][a-z-]+) {2,}/gm)].map((match) => match[1] as string);
    expect(commands).toEqual(expect.arrayContaining(["validate", "init", "schema"]));
    const links = [...pathMentions("--help", main.out)];
    for (const command of commands) {
      const help = bin([command, "--help"]);
      expect(help.status, command).toBe(0);
      const found = pathMentions(`${command} --help`, help.out);
      expect(found.length, command).toBeGreaterThan(0);
      links.push(...found);
    }
    expect(broken(links)).toEqual([]);
  });

  it("resolves every path in the validator's messages and hints, printed and in the bundle", () => {
    const bad = {
      $schema: "./node_modules/intercom-oauth/schema.json",
      clientId: "YOUR_CLIENT_ID",
      clientSecret: "a-literal-secret-0123456789abcdef",
      redirectUris: ["http://app.example.com/cb#frag"],
      region: "mars",
      scopes: ["read_everything"],
      extra: true,
    };
    writeFileSync(join(consumer, "bad.json"), JSON.stringify(bad));
    const run = bin(["validate", "bad.json", "--format", "json", "--no-env"]);
    expect(run.status).toBe(1);
    const printed = pathMentions("validate (printed)", run.out);
    expect(printed.length).toBeGreaterThan(0);
    // Every docs/ or examples/ path the shipped code can print, reached by this config or not.
    const bundle = readdirSync(join(installed, "dist"))
      .filter((name) => /\.(c?js)$/.test(name))
      .flatMap((name) => pathMentions(`dist/${name}`, readFileSync(join(installed, "dist", name), "utf8")));
    expect(bundle.length).toBeGreaterThan(printed.length);
    expect(broken([...printed, ...bundle])).toEqual([]);
  });

  it("catches a broken link, a missing anchor and a path outside the package", () => {
    const links = [
      ...markdownLinks("docs/x.md", "[a](nope.md) [b](cli.md#no-such-heading) [c](../../x.md) [d](https://x.dev/y)"),
      ...pathMentions("README.md", "see docs/missing.md and docs/cli.md#init"),
    ];
    expect(broken(links)).toEqual([
      "docs/x.md: nope.md: docs/nope.md is not in the package",
      "docs/x.md: cli.md#no-such-heading: docs/cli.md has no heading #no-such-heading",
      "docs/x.md: ../../x.md: points outside the package",
      "README.md: docs/missing.md: docs/missing.md is not in the package",
    ]);
    expect(headingAnchors("# A `b` c\n```\n# not\n```\n## A b c\n## What's new?")).toEqual(
      new Set(["a-b-c", "a-b-c-1", "whats-new"]),
    );
  });
});
