import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CallbackResult,
  createIntercomOAuth,
  createSignedState,
  parseCallback,
  parseSignedCallback,
} from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CODE = "Y29kZTpzZWNyZXQtYXV0aC1jb2Rl=";
const STATE = "state-abc_123";
const QUERY = `code=${encodeURIComponent(CODE)}&state=${STATE}`;

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("parseCallback input forms", () => {
  it.each([
    ["full URL string", `https://example.com/cb?${QUERY}`],
    ["path with query", `/cb?${QUERY}`],
    ["query with ?", `?${QUERY}`],
    ["query without ?", QUERY],
    ["URL", new URL(`https://example.com/cb?${QUERY}`)],
    ["URLSearchParams", new URLSearchParams(QUERY)],
    ["Request", new Request(`https://example.com/cb?${QUERY}`)],
    ["URL with fragment", `https://example.com/cb?${QUERY}#frag`],
  ])("reads %s", (_name, input) => {
    const result = parseCallback(input, { expectedState: STATE });
    expect(result).toEqual({ code: CODE, state: STATE });
    expectTypeOf(result).toEqualTypeOf<CallbackResult>();
  });

  it("keeps a code ending in = whole, whether encoded or not", () => {
    expect(parseCallback(`?code=abc%3D&state=${STATE}`, { expectedState: STATE }).code).toBe("abc=");
    expect(parseCallback(`?code=abc=&state=${STATE}`, { expectedState: STATE }).code).toBe("abc=");
    expect(parseCallback(`?code=abc%253D&state=${STATE}`, { expectedState: STATE }).code).toBe("abc%3D"); // decoded once
  });

  it("is also a client method", () => {
    const intercom = createIntercomOAuth({ clientId: "cid", clientSecret: "client-secret-value" });
    expect(intercom.parseCallback(QUERY, { expectedState: STATE }).code).toBe(CODE);
  });

  it("rejects an unsupported input type", () => {
    expect(thrown(() => parseCallback(42 as never, { expectedState: STATE }))).toMatchObject({
      code: "INVALID_OPTIONS",
    });
  });
});

describe("parseCallback errors", () => {
  it("maps error=access_denied to ACCESS_DENIED with the description", () => {
    const error = thrown(() =>
      parseCallback(`?error=access_denied&error_description=The+user+denied&state=${STATE}`, { expectedState: STATE }),
    );
    expect(error).toMatchObject({ code: "ACCESS_DENIED", errorDescription: "The user denied" });
  });

  it("maps other errors to CALLBACK_ERROR", () => {
    const error = thrown(() => parseCallback("?error=server_error&error_description=Oops", { expectedState: STATE }));
    expect(error).toMatchObject({ code: "CALLBACK_ERROR", errorDescription: "Oops" });
    expect((error as Error).message).toContain("server_error");
  });

  it("never echoes a code that came with an error", () => {
    const error = thrown(() =>
      parseCallback(`?error=temporarily_unavailable&code=${encodeURIComponent(CODE)}&state=${STATE}`, {
        expectedState: STATE,
      }),
    );
    expect(error).toMatchObject({ code: "CALLBACK_ERROR" });
    expectNoSecrets(error, [CODE]);
  });

  it("reports a missing code", () => {
    expect(thrown(() => parseCallback(`?state=${STATE}`, { expectedState: STATE }))).toMatchObject({
      code: "CODE_MISSING",
    });
    expect(thrown(() => parseCallback(`?code=&state=${STATE}`, { expectedState: STATE }))).toMatchObject({
      code: "CODE_MISSING",
    });
  });

  it("reports a missing state in the callback", () => {
    const error = thrown(() => parseCallback(`?code=${CODE}`, { expectedState: STATE }));
    expect(error).toMatchObject({ code: "STATE_MISSING" });
    expectNoSecrets(error, [CODE]);
  });

  it.each([undefined, "", null])("reports a missing expectedState (%s) as a programming error", (expectedState) => {
    const error = thrown(() => parseCallback(QUERY, { expectedState } as never));
    expect(error).toMatchObject({ code: "STATE_MISSING" });
    expect((error as Error).message).toContain("expectedState");
    expectNoSecrets(error, [CODE]);
  });

  it("reports a different state as STATE_MISMATCH without echoing code or states", () => {
    const error = thrown(() => parseCallback(QUERY, { expectedState: "state-abc_124" }));
    expect(error).toMatchObject({ code: "STATE_MISMATCH" });
    expectNoSecrets(error, [CODE, STATE, "state-abc_124"]);
  });

  it("treats a state prefix as a mismatch", () => {
    expect(thrown(() => parseCallback(QUERY, { expectedState: "state-abc" }))).toMatchObject({
      code: "STATE_MISMATCH",
    });
    expect(thrown(() => parseCallback(QUERY, { expectedState: `${STATE}x` }))).toMatchObject({
      code: "STATE_MISMATCH",
    });
  });
});

describe("parseSignedCallback", () => {
  const SECRET = "a-dedicated-state-secret-of-32-bytes-or-more";

  it("verifies a signed state and returns its data with the code", async () => {
    const state = await createSignedState({ secret: SECRET, ttlSeconds: 60, data: { returnTo: "/x" } });
    const result = await parseSignedCallback(`https://example.com/cb?code=${encodeURIComponent(CODE)}&state=${state}`, {
      secret: SECRET,
    });
    expect(result.code).toBe(CODE);
    expect(result.data).toEqual({ returnTo: "/x" });
  });

  it("rejects an unsigned state, and still reports ACCESS_DENIED first", async () => {
    expect((await caught(() => parseSignedCallback(QUERY, { secret: SECRET }))).code).toBe("STATE_INVALID");
    expect((await caught(() => parseSignedCallback("?error=access_denied", { secret: SECRET }))).code).toBe(
      "ACCESS_DENIED",
    );
  });
});
