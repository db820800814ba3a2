import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, toIntercomToken } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CLIENT_SECRET = "cs_0123456789abcdef_SECRET";
const TOKEN = "dG9rOjBiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ==";
const SECRETS = [CLIENT_SECRET, TOKEN];

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const intercom = createIntercomOAuth({
  clientId: "cid",
  clientSecret: CLIENT_SECRET,
  region: "eu",
  apiVersion: "2.13",
});

function onUninstall(resolver: () => Response | Promise<Response>, url = "https://api.eu.intercom.io/auth/uninstall") {
  const seen: Request[] = [];
  server.use(
    http.post(url, ({ request }) => {
      seen.push(request.clone());
      return resolver();
    }),
  );
  return seen;
}

describe("revokeToken", () => {
  it("posts {} as JSON to the regional uninstall endpoint with bearer headers", async () => {
    const seen = onUninstall(() => HttpResponse.json({}));
    await expect(intercom.revokeToken(TOKEN)).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
    const request = seen[0] as Request;
    expect(request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request.headers.get("accept")).toBe("application/json");
    expect(request.headers.get("content-type")).toMatch(/^application\/json/);
    expect(request.headers.get("intercom-version")).toBe("2.13");
    expect(await request.text()).toBe("{}");
  });

  it("accepts an empty 200 or 204 body and a token object", async () => {
    onUninstall(() => new HttpResponse(null, { status: 204 }));
    await expect(intercom.revokeToken(toIntercomToken(TOKEN))).resolves.toBeUndefined();
  });

  it("uses the US host by default (not another region's)", async () => {
    const seen = onUninstall(() => HttpResponse.json({}), "https://api.intercom.io/auth/uninstall");
    await createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET }).revokeToken(TOKEN);
    expect(seen).toHaveLength(1);
  });

  it("maps 401 to UNAUTHORIZED", async () => {
    onUninstall(() =>
      HttpResponse.json(
        { type: "error.list", request_id: "r-1", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] },
        { status: 401 },
      ),
    );
    const error = await caught(() => intercom.revokeToken(TOKEN));
    expect(error).toMatchObject({ code: "UNAUTHORIZED", status: 401, requestId: "r-1" });
    expect(error.message).toContain("uninstall");
    expectNoSecrets(error, SECRETS);
  });

  it("never retries, even a 503 or 429", async () => {
    const seen = onUninstall(() => new HttpResponse(null, { status: 503, headers: { "retry-after": "0" } }));
    const error = await caught(() => intercom.revokeToken(TOKEN));
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 503 });
    expect(seen).toHaveLength(1);
    expectNoSecrets(error, SECRETS);
    const limited = onUninstall(() => new HttpResponse(null, { status: 429, headers: { "retry-after": "3" } }));
    expect(await caught(() => intercom.revokeToken(TOKEN))).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 3000 });
    expect(limited).toHaveLength(1);
  });

  it("maps a network failure to NETWORK_ERROR", async () => {
    onUninstall(() => HttpResponse.error());
    expectNoSecrets(await caught(() => intercom.revokeToken(TOKEN)), SECRETS);
  });

  it("reports ABORTED when the caller aborts", async () => {
    onUninstall(async () => {
      await delay(500);
      return HttpResponse.json({});
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await caught(() => intercom.revokeToken(TOKEN, { signal: controller.signal }));
    expect(error.code).toBe("ABORTED");
    expectNoSecrets(error, SECRETS);
  });
});
