import { describe, expect, expectTypeOf, it } from "vitest";
import { intercomEndpoints, isIntercomOAuthError, isRegion, REGIONS, type Region } from "../src/index.js";

describe("intercomEndpoints", () => {
  it.each([
    ["us", "https://app.intercom.com", "https://api.intercom.io"],
    ["eu", "https://app.eu.intercom.com", "https://api.eu.intercom.io"],
    ["au", "https://app.au.intercom.com", "https://api.au.intercom.io"],
  ] as const)("uses the %s region's own hosts for every endpoint", (region, app, api) => {
    expect(intercomEndpoints(region)).toEqual({
      authorize: `${app}/oauth`,
      token: `${api}/auth/eagle/token`,
      me: `${api}/me`,
      uninstall: `${api}/auth/uninstall`,
    });
  });

  it("defaults to the US region", () => {
    expect(intercomEndpoints().token).toBe("https://api.intercom.io/auth/eagle/token");
  });

  it("takes host overrides and drops trailing slashes", () => {
    const endpoints = intercomEndpoints("eu", { app: "http://127.0.0.1:4010/", api: "http://127.0.0.1:4011//" });
    expect(endpoints.authorize).toBe("http://127.0.0.1:4010/oauth");
    expect(endpoints.me).toBe("http://127.0.0.1:4011/me");
  });

  it("rejects an unknown region with INVALID_OPTIONS naming the valid ones", () => {
    let caught: unknown;
    try {
      intercomEndpoints("ca" as Region);
    } catch (error) {
      caught = error;
    }
    expect(isIntercomOAuthError(caught, "INVALID_OPTIONS")).toBe(true);
    expect((caught as Error).message).toMatch(/"us", "eu" or "au"/);
  });

  it("types regions as a literal union", () => {
    expectTypeOf<Region>().toEqualTypeOf<"us" | "eu" | "au">();
    expect(REGIONS).toEqual(["us", "eu", "au"]);
    expect(isRegion("eu")).toBe(true);
    expect(isRegion("EU")).toBe(false);
    expect(isRegion(undefined)).toBe(false);
  });
});
