// A valid partner-credentials config (the seed's setup) and a writer for config files, shared by the config and CLI tests.
import { writeFileSync } from "node:fs";
import path from "node:path";

/** The seed's Redirect URL. */
export const MERGE = "https://app.merge.dev/oauth/callback";

/** The seed's setup as a config object: env references, Merge's callback, user-level. */
export function validConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: "./node_modules/intercom-oauth/schema.json",
    clientId: "env:INTERCOM_CLIENT_ID",
    clientSecret: "env:INTERCOM_CLIENT_SECRET",
    redirectUris: [MERGE],
    region: "us",
    scopes: "user-level",
    ...overrides,
  };
}

/** Returns `write(content, name?)`: writes text or pretty JSON into `dir()` and returns the file name. */
export function configWriter(dir: () => string, prefix: string) {
  let counter = 0;
  return (content: string | Record<string, unknown>, name = `${prefix}-${++counter}.json`): string => {
    writeFileSync(
      path.join(dir(), name),
      typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
    return name;
  };
}
