// Links and file paths in text a user reads after `npm install` (the README, the docs, --help
// output, validator hints), and whether each resolves inside the installed package.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** One link or path found in some text: where it was seen, and what it points at. */
export interface FoundLink {
  /** Where the link was seen, for the failure message (`README.md`, `validate --help`, …). */
  readonly from: string;
  /** As written: `docs/cli.md#init`, `../examples/server.ts`, `#set-up`. */
  readonly target: string;
  /** The package-relative file the target is relative to (a link in docs/x.md is relative to docs/). */
  readonly base: string;
}

const EXTERNAL = /^(?:[a-z][a-z+.-]*:|\/\/)/i;

/** Markdown link targets (`[text](target)`), less external URLs. Relative to the file's folder. */
export function markdownLinks(from: string, text: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1] as string;
    if (!EXTERNAL.test(target)) found.push({ from, target, base: from });
  }
  return found;
}

/**
 * Package paths written in prose or output (`docs/cli.md#validate`, `examples/server.ts`),
 * relative to the package root whatever file they are in.
 */
export function pathMentions(from: string, text: string): FoundLink[] {
  const found: FoundLink[] = [];
  for (const match of text.matchAll(/(?<![\w/.-])((?:docs|examples)\/[\w.-]*\w(?:#[\w-]+)?)/g)) {
    found.push({ from, target: match[1] as string, base: "package.json" });
  }
  return found;
}

/** GitHub's anchors for a Markdown file's headings (`## The raw body` → `the-raw-body`). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const slug = (heading[1] as string)
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Why `link` does not resolve inside the package at `root`, or undefined when it does. */
export function brokenReason(root: string, link: FoundLink): string | undefined {
  const [file = "", anchor] = link.target.split("#", 2);
  const target =
    file === "" ? path.join(root, link.base) : path.resolve(path.dirname(path.join(root, link.base)), file);
  const relative = path.relative(root, target);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return "points outside the package";
  if (!existsSync(target)) return `${relative} is not in the package`;
  if (anchor !== undefined && anchor !== "") {
    if (!target.endsWith(".md")) return `${relative} has no headings for #${anchor}`;
    if (!headingAnchors(readFileSync(target, "utf8")).has(anchor)) return `${relative} has no heading #${anchor}`;
  }
  return undefined;
}
