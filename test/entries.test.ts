// The public surface of each entry, as issue 9 cut it: the main entry is the flow, scopes and
// errors; config validation is intercom-oauth/config. A name added to either is a decision,
// made here on purpose, and the main entry stays small.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as config from "../src/config/index.js";
import * as main from "../src/index.js";

describe("regression: issue 9 — the main entry is the flow, scopes and errors", () => {
  const names = Object.keys(main);

  it("exports at most 30 runtime names (45 in 0.1.0)", () => {
    expect(names.length).toBeLessThanOrEqual(30);
  });

  it("exports none of the config entry's names", () => {
    expect(names.filter((name) => name in config)).toEqual([]);
  });

  it("exports none of the internal helpers 0.1.0 leaked", () => {
    const internals = [
      "parseIntercomErrorBody",
      "toJsonPointer",
      "parseConfigSource",
      "parseEnvRef",
      "ENV_NAME_PATTERN",
      "ENV_REF_PREFIX",
      "CONFIG_SCHEMA_REF",
    ];
    expect(names.filter((name) => internals.includes(name))).toEqual([]);
  });
});

describe("the config entry's runtime names", () => {
  it("are each documented in docs/config.md", () => {
    const doc = readFileSync(new URL("../docs/config.md", import.meta.url), "utf8");
    expect(Object.keys(config).filter((name) => !doc.includes(`\`${name}`))).toEqual([]);
  });

  it("are the chosen ones, and no internal helper", () => {
    expect(Object.keys(config).sort()).toEqual([
      "APP_LISTINGS",
      "CONFIG_ISSUE_CODES",
      "DEFAULT_CONFIG_FILE",
      "MAX_REDIRECT_URI_LENGTH",
      "appInfoSchema",
      "checkCredentialShape",
      "checkRedirectUri",
      "checkRedirectUris",
      "configJsonSchema",
      "configSchema",
      "loadConfig",
      "parseConfigSource",
      "parseEnvRef",
      "scopeSpecSchema",
      "validateConfig",
    ]);
  });
});

describe("regression: issue 11 — the testing kit's three entries", () => {
  it("intercom-oauth/testing has no msw layer and no node:http listener", async () => {
    const core = await import("../src/testing/index.js");
    expect(
      Object.keys(core).filter((name) =>
        ["createIntercomStandIn", "intercomHandlers", "toNodeListener"].includes(name),
      ),
    ).toEqual([]);
  });

  it("/msw and /node each add their layer to everything of intercom-oauth/testing", async () => {
    const core = Object.keys(await import("../src/testing/index.js")).sort();
    const msw = Object.keys(await import("../src/testing/msw.js")).sort();
    const node = Object.keys(await import("../src/testing/node.js")).sort();
    expect(msw).toEqual([...core, "createIntercomStandIn", "intercomHandlers"].sort());
    expect(node).toEqual([...core, "toNodeListener"].sort());
  });
});
