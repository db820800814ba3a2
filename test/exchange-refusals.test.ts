// What the exchange refuses, and what each refusal says: the code it is given, the token
// answer it gets, and the stored tokens the bearer calls take. Every message names the problem
// and the fix, and none carries a secret (a request id that echoes one included).
import { inspect } from "node:util";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, toIntercomToken } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const TOKEN_URL = "https://api.intercom.io/auth/eagle/token";
const CLIENT_SECRET = "cs_exchange_refusals_SECRET_0123";
const CODE = "Y29kZTpleGNoYW5nZS1yZWZ1c2Fscy1jb2Rl";
const TOKEN = "dG9rOmV4Y2hhbmdlLXJlZnVzYWxzLXRva2VuLTAxMjM0NTY3";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN];

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const intercom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET });

function answer(body: string | object, headers: Record<string, string> = {}) {
  server.use(
    http.post(TOKEN_URL, () =>
      typeof body === "string"
        ? new HttpResponse(body, { status: 200, headers: { "content-type": "application/json", ...headers } })
        : HttpResponse.json(body, { headers }),
    ),
  );
}

describe("the code exchangeCode is given", () => {
  it.each([
    ["undefined", undefined],
    ["a number", 42],
  ])("refuses %s as CODE_MISSING, pointing at parseCallback", async (_name, code) => {
    const error = await caught(() => intercom.exchangeCode(code as unknown as string));
    expect(error.code).toBe("CODE_MISSING");
    expect(error.message).toMatch(/no authorization code.*parseCallback/);
  });

  it("accepts a code of 1,024 characters and refuses one of 1,025 before any request", async () => {
    answer({ token: TOKEN });
    expect((await intercom.exchangeCode("c".repeat(1024))).accessToken).toBe(TOKEN);
    const error = await caught(() => intercom.exchangeCode("c".repeat(1025)));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(/a code of 1025 characters.*at most 1024.*parseCallback/);
    expect(error.problems).toEqual([error.message]);
  });
});

describe("a token answer the SDK cannot use is INVALID_RESPONSE saying why", () => {
  it.each([
    ["a body that is not JSON", "{", "the body is not JSON"],
    ["a token that is not a string", { token: 42 }, "the token fields are not strings"],
    ["a token_type that is not a string", { token: TOKEN, token_type: 1 }, "the token fields are not strings"],
    ["no token at all", { token_type: "Bearer" }, "it has neither token nor access_token"],
    ["another token type", { token: TOKEN, token_type: "mac" }, 'token_type is not "Bearer"'],
    ["a token with a space", { token: `${TOKEN} x` }, "the access token is refused: it contains whitespace"],
  ])("%s", async (_name, body, reason) => {
    answer(body);
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain(`Intercom's answer to the code exchange was not usable: ${reason}`);
    expectNoSecrets(error, SECRETS);
  });

  const LONG = `${TOKEN}${"B".repeat(2100)}`;
  it.each([
    ["token and access_token differ", { token: TOKEN, access_token: `${TOKEN}x` }, TOKEN],
    ["the token type is wrong", { token: TOKEN, token_type: "mac" }, TOKEN],
    ["the token is refused", { token: LONG }, LONG],
  ])("when %s, a request id that echoes the token is scrubbed", async (_name, body, echoed) => {
    answer(body, { "x-request-id": `req-${echoed}` });
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.requestId).toMatch(/^req-/);
    expectNoSecrets(error, [...SECRETS, `${TOKEN}x`, LONG]);
  });

  it("a request id that echoes the code or the client secret is scrubbed", async () => {
    answer("{", { "x-request-id": `${CODE}/${CLIENT_SECRET}` });
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.requestId).toBeDefined();
    expectNoSecrets(error, SECRETS);
  });

  it("token_type is compared without regard to case", async () => {
    answer({ token: TOKEN, token_type: "BEARER" });
    expect((await intercom.exchangeCode(CODE)).accessToken).toBe(TOKEN);
  });
});

describe("a failed exchange says it is not retried, instead of 'try again'", () => {
  it("TIMEOUT", async () => {
    server.use(http.post(TOKEN_URL, () => new Promise<Response>(() => {})));
    const fast = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, timeoutMs: 50 });
    const error = await caught(() => fast.exchangeCode(CODE));
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toMatch(
      /^Intercom did not answer \/auth\/eagle\/token within 50 ms\. The exchange is not retried/,
    );
    expect(error.message).toMatch(/single-use code is spent\. Send the admin through the authorize URL again/);
    expect(error.message).not.toMatch(/try again/i);
  });

  it("NETWORK_ERROR keeps its advice and its cause", async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.error()));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.message).toMatch(
      /Check DNS, proxy and firewall settings, or baseUrls\.api if you set it\. The exchange is not retried/,
    );
    expect(error.message).not.toMatch(/try again/i);
    expect(String(error.cause)).toMatch(/^Error: TypeError: Failed to fetch|^Error: TypeError/);
    expectNoSecrets(error, SECRETS);
  });

  it("only the closing advice is replaced, not the same words inside the cause", async () => {
    const fetch: typeof globalThis.fetch = () => Promise.reject(new Error("proxy busy, then try again."));
    const custom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, fetch });
    const error = await caught(() => custom.exchangeCode(CODE));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.message).toContain("(Error: proxy busy, then try again.)");
    expect(error.message).toContain("if you set it. The exchange is not retried");
  });
});

describe("the stored token the bearer calls take", () => {
  it.each([
    ["null", null],
    ["a number", 42],
    ["an empty string", ""],
    ["an object without accessToken", {}],
  ])("refuses %s as INVALID_OPTIONS naming the call and the fix", async (_name, input) => {
    for (const [name, call] of [
      ["getIdentity", () => intercom.getIdentity(input as never)],
      ["revokeToken", () => intercom.revokeToken(input as never)],
    ] as const) {
      const error = await caught(call);
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(
        new RegExp(
          `^${name} needs the access token .*but it is missing or empty\\. Pass the token exactly as Intercom issued it.*at most 2048 characters`,
        ),
      );
      expect(error.problems).toEqual(["accessToken: it is missing or empty."]);
    }
  });

  it("refuses a too-long token saying how long it is, without quoting it", async () => {
    const long = "A".repeat(3000);
    const error = await caught(() => intercom.getIdentity(long));
    expect(error.problems).toEqual([
      "accessToken: it is 3000 characters long, over the 2048 the SDK accepts (Intercom's are about 60).",
    ]);
    expectNoSecrets(error, [long]);
  });
});

describe("the token object", () => {
  it("inspects as its masked JSON", () => {
    expect(inspect(toIntercomToken(TOKEN))).toBe(
      `IntercomToken {"tokenType":"Bearer","accessToken":"dG9r…(${TOKEN.length} chars)","expiresAt":null,"refreshToken":null}`,
    );
  });

  it("cannot be patched to reveal its token, through the instance or its class", () => {
    const token = toIntercomToken(TOKEN);
    const reveal = function (this: { accessToken: string }) {
      return this.accessToken;
    };
    expect(() => Object.assign(token, { toJSON: reveal })).toThrow(TypeError);
    expect(() => Object.assign(Object.getPrototypeOf(token), { toJSON: reveal })).toThrow(TypeError);
    expect(JSON.stringify(toIntercomToken(TOKEN))).not.toContain(TOKEN);
  });
});
