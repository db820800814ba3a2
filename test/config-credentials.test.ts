import { describe, expect, it } from "vitest";
import { checkCredentialShape } from "../src/config/index.js";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const SECRET = "Zx9-very-private-client-secret-value-42";

const codesOf = (values: Parameters<typeof checkCredentialShape>[0]) =>
  checkCredentialShape(values).map((one) => one.code);

describe("checkCredentialShape", () => {
  it("accepts a UUID-like id and a plausible secret", () => {
    expect(checkCredentialShape({ clientId: ID, clientSecret: SECRET })).toEqual([]);
    expect(checkCredentialShape({ clientId: ID.toUpperCase() })).toEqual([]);
  });

  it("accepts nothing to check", () => {
    expect(checkCredentialShape({})).toEqual([]);
  });

  it.each([
    ["", "CREDENTIAL_EMPTY"],
    ["   ", "CREDENTIAL_EMPTY"],
    [` ${SECRET}`, "CREDENTIAL_WHITESPACE"],
    [`${SECRET}\n`, "CREDENTIAL_WHITESPACE"],
    [`"${SECRET}"`, "CREDENTIAL_QUOTED"],
    [`'${SECRET}'`, "CREDENTIAL_QUOTED"],
    [`\u201c${SECRET}\u201d`, "CREDENTIAL_QUOTED"],
    [`${SECRET.slice(0, 5)}\u0000${SECRET.slice(5)}`, "CREDENTIAL_NON_PRINTABLE"],
    [`${SECRET}\u200b`, "CREDENTIAL_NON_PRINTABLE"],
    [`\ufeff${SECRET}`, "CREDENTIAL_NON_PRINTABLE"],
    ["your-client-secret", "CREDENTIAL_PLACEHOLDER"],
    ["xxx", "CREDENTIAL_PLACEHOLDER"],
    ["XXXXXXXX", "CREDENTIAL_PLACEHOLDER"],
    ["changeme", "CREDENTIAL_PLACEHOLDER"],
    ["<client secret>", "CREDENTIAL_PLACEHOLDER"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style placeholder, on purpose.
    ["${INTERCOM_CLIENT_SECRET}", "CREDENTIAL_PLACEHOLDER"],
    ["$INTERCOM_CLIENT_SECRET", "CREDENTIAL_PLACEHOLDER"],
    ["dG9rOjBiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MTIzNDU2", "CREDENTIAL_LOOKS_LIKE_TOKEN"],
  ])("flags the secret %j as %s, without echoing it", (value, code) => {
    const issues = checkCredentialShape({ clientSecret: value });
    expect(issues.map((one) => one.code)).toContain(code);
    expect(issues.every((one) => one.severity === "error" && one.path[0] === "clientSecret")).toBe(true);
    for (const one of issues) {
      if (value.trim().length > 3) expect(`${one.message} ${one.hint ?? ""}`).not.toContain(value.trim());
    }
  });

  it.each([["your-client-id"], ["<client-id>"], ["xxx"], ["CHANGEME"]])(
    "flags the client id placeholder %j",
    (value) => {
      expect(codesOf({ clientId: value })).toEqual(["CREDENTIAL_PLACEHOLDER"]);
    },
  );

  it("flags an id equal to the secret, on the secret", () => {
    const issues = checkCredentialShape({ clientId: ID, clientSecret: ` ${ID}` });
    expect(issues.map((one) => one.code)).toEqual(["CREDENTIAL_WHITESPACE", "CREDENTIAL_ID_EQUALS_SECRET"]);
    expect(issues[1]?.path).toEqual(["clientSecret"]);
  });

  it("warns, without erroring, about an id that is not UUID-like", () => {
    const issues = checkCredentialShape({ clientId: "a1b2c3d4e5" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "CLIENT_ID_UNUSUAL_SHAPE", severity: "warning", path: ["clientId"] });
  });

  it("does not add the shape warning on top of an error", () => {
    expect(codesOf({ clientId: `"${ID}"` })).toEqual(["CREDENTIAL_QUOTED"]);
  });

  it("flags an access token pasted as the client id", () => {
    expect(codesOf({ clientId: "dG9rOjEyMzQ1Njc4OTA=" })).toEqual(["CREDENTIAL_LOOKS_LIKE_TOKEN"]);
  });
});
