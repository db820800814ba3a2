// The region and app sections of validateConfig.

import { REGIONS, isRegion } from "../regions.js";
import { closestMatch } from "../suggest.js";
import { type ConfigIssue, describeType, issue } from "./issues.js";

/** `INVALID_REGION` for a region that is not Intercom's; nothing when absent (the default is us). @internal */
export function checkRegion(region: unknown): ConfigIssue[] {
  if (region === undefined || isRegion(region)) return [];
  const near = typeof region === "string" ? closestMatch(region, REGIONS) : undefined;
  const shown = typeof region === "string" ? `"${region}"` : describeType(region);
  return [
    issue(
      "INVALID_REGION",
      ["region"],
      `region is ${shown}, which is not an Intercom region${near === undefined ? "" : `; did you mean "${near}"?`}`,
      'Use "us" (the default), "eu" or "au".',
    ),
  ];
}

function isHttpsUrl(url: string): boolean {
  if (!/^https:\/\//.test(url)) return false;
  try {
    return new URL(url).hostname !== "";
  } catch {
    return false;
  }
}

/** The `app` block's install instructions: an https URL, required when the app is unlisted. @internal */
export function checkApp(value: unknown): ConfigIssue[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const app = value as Record<string, unknown>;
  const out: ConfigIssue[] = [];
  const url = app.installInstructionsUrl;
  if (typeof url === "string" && !isHttpsUrl(url)) {
    out.push(
      issue(
        "INVALID_URL",
        ["app", "installInstructionsUrl"],
        "app.installInstructionsUrl is not an absolute https URL.",
        "Write the full URL of your install instructions, starting with https://.",
      ),
    );
  }
  if (app.listing === "unlisted" && url === undefined) {
    out.push(
      issue(
        "APP_INSTALL_INSTRUCTIONS_MISSING",
        ["app"],
        "app.listing is unlisted but app.installInstructionsUrl is not set.",
        "Unlisted apps are installed from your own product: reviewers need clear install instructions. Add their URL.",
      ),
    );
  }
  return out;
}
