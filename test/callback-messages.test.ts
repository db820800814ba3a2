// What parseCallback's errors say and carry: each names what went wrong and the way out (issue 13).
import { describe, expect, it } from "vitest";
import { type IntercomOAuthError, parseCallback, parseSignedCallback } from "../src/index.js";

const STATE = "state-abc_123";

function thrown(fn: () => unknown): IntercomOAuthError {
  try {
    fn();
  } catch (error) {
    return error as IntercomOAuthError;
  }
  throw new Error("expected a throw");
}

describe("parseCallback error answers from Intercom", () => {
  it("ACCESS_DENIED says the admin declined and that they can start again", () => {
    const error = thrown(() => parseCallback("?error=access_denied", { expectedState: STATE }));
    expect(error.code).toBe("ACCESS_DENIED");
    expect(error.message).toMatch(/admin declined the install.*start again/);
    expect(error.errorDescription).toBeUndefined();
  });

  it("CALLBACK_ERROR quotes the error and the description, and points at the app's settings", () => {
    const error = thrown(() =>
      parseCallback("?error=invalid_request&error_description=Bad+redirect", { expectedState: STATE }),
    );
    expect(error.code).toBe("CALLBACK_ERROR");
    expect(error.message).toMatch(/^Intercom sent the admin back with error "invalid_request" \(Bad redirect\)\. /);
    expect(error.message).toMatch(/Developer Hub \(client id, Redirect URLs\).*start the authorization again/);
  });

  it("CALLBACK_ERROR without a description adds no empty parentheses", () => {
    const error = thrown(() => parseCallback("?error=server_error", { expectedState: STATE }));
    expect(error.errorDescription).toBeUndefined();
    expect(error.message).toMatch(/^Intercom sent the admin back with error "server_error"\. Check/);
  });

  it("keeps an empty description as an empty string, not as missing", () => {
    const error = thrown(() => parseCallback("?error=server_error&error_description=", { expectedState: STATE }));
    expect(error.errorDescription).toBe("");
    expect(error.message).toContain('"server_error" (). ');
  });

  it("cuts an attacker-sized error to 100 characters and a description to 500", () => {
    const error = thrown(() =>
      parseCallback(`?error=${"e".repeat(150)}&error_description=${"d".repeat(800)}`, { expectedState: STATE }),
    );
    expect(error.code).toBe("CALLBACK_ERROR");
    expect(error.message).toContain(`"${"e".repeat(100)}"`);
    expect(error.message).not.toContain("e".repeat(101));
    expect(error.errorDescription).toBe("d".repeat(500));
    expect(error.message).toContain(`(${"d".repeat(500)})`);
  });

  it("cuts the description of ACCESS_DENIED to 500 characters too", () => {
    const error = thrown(() =>
      parseCallback(`?error=access_denied&error_description=${"d".repeat(501)}`, { expectedState: STATE }),
    );
    expect(error.errorDescription).toBe("d".repeat(500));
  });

  it("reports Intercom's error before a missing expectedState, state or code", () => {
    const error = thrown(() => parseCallback("?error=access_denied", { expectedState: "" }));
    expect(error.code).toBe("ACCESS_DENIED");
  });
});

describe("parseCallback missing or oversized parameters", () => {
  it("CODE_MISSING says to run the handler on the Redirect URL with its query intact", () => {
    const error = thrown(() => parseCallback(`?state=${STATE}`, { expectedState: STATE }));
    expect(error.code).toBe("CODE_MISSING");
    expect(error.message).toMatch(/no code parameter.*Redirect URL.*query string intact/);
  });

  it("accepts a code of 1,024 characters and refuses one of 1,025, saying its length and the limit", () => {
    const ok = "c".repeat(1024);
    expect(parseCallback(`?code=${ok}&state=${STATE}`, { expectedState: STATE }).code).toBe(ok);
    const error = thrown(() => parseCallback(`?code=${"c".repeat(1025)}&state=${STATE}`, { expectedState: STATE }));
    expect(error.code).toBe("CALLBACK_ERROR");
    expect(error.message).toMatch(/code is 1025 characters long.*at most 1024 are accepted.*not exchanged/);
    expect(error.message).not.toContain("c".repeat(20));
  });

  it("STATE_MISSING for an empty state in the callback, saying to build the URL with createAuthorizationUrl", () => {
    for (const query of ["?code=abc", "?code=abc&state="]) {
      const error = thrown(() => parseCallback(query, { expectedState: STATE }));
      expect(error.code, query).toBe("STATE_MISSING");
      expect(error.message, query).toMatch(/callback has no state parameter.*createAuthorizationUrl/);
    }
  });

  it("STATE_MISSING for no expectedState explains the expired cookie or other browser", () => {
    const error = thrown(() => parseCallback(`?code=abc&state=${STATE}`, { expectedState: "" }));
    expect(error.code).toBe("STATE_MISSING");
    expect(error.message).toMatch(/^parseCallback got no expectedState\. .*cookie may have expired.*another browser/);
  });

  it("checks expectedState before the code, so a caller bug is not hidden by a bad callback", () => {
    expect(thrown(() => parseCallback("?state=x", { expectedState: "" })).code).toBe("STATE_MISSING");
    expect(thrown(() => parseCallback("?state=x", undefined as never)).code).toBe("STATE_MISSING");
  });

  it("STATE_MISMATCH names the possible CSRF and says not to exchange", () => {
    const error = thrown(() => parseCallback("?code=abc&state=aaaa", { expectedState: "aaab" }));
    expect(error.code).toBe("STATE_MISMATCH");
    expect(error.message).toMatch(/does not match.*forged \(CSRF\)\. Do not exchange the code/);
  });

  it("an unsupported input says which forms are accepted", () => {
    const error = thrown(() => parseCallback({} as never, { expectedState: STATE }));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(/URL string, a query string, a URL, URLSearchParams or a Request/);
    expect(error.problems).toEqual(["input must be a string, URL, URLSearchParams or Request."]);
  });
});

describe("parseCallback state comparison", () => {
  it.each([
    ["one character differs, same length", "abcdef", "abcdeg"],
    ["first character differs", "xbcdef", "abcdef"],
    ["the callback's state is longer", "abcdefg", "abcdef"],
    ["the expected state is longer", "abcde", "abcdef"],
    ["a NUL where the other ends", "abc\u0000", "abc"],
  ])("refuses %s", (_name, callbackState, expectedState) => {
    const query = `?code=abc&state=${encodeURIComponent(callbackState)}`;
    expect(thrown(() => parseCallback(query, { expectedState })).code).toBe("STATE_MISMATCH");
  });

  it("returns a frozen result holding exactly the code and state", () => {
    const result = parseCallback(`?code=abc&state=${STATE}`, { expectedState: STATE });
    expect(Object.isFrozen(result)).toBe(true);
    expect(result).toStrictEqual({ code: "abc", state: STATE });
  });
});

describe("parseCallback string inputs", () => {
  it("reads a query string after a path, ignoring the fragment", () => {
    expect(parseCallback(`/cb?code=abc&state=${STATE}#state=other`, { expectedState: STATE }).code).toBe("abc");
    expect(parseCallback(`code=abc&state=${STATE}#x`, { expectedState: STATE }).code).toBe("abc");
  });

  it("reads a full URL string whose host the URL parser refuses as a query string", () => {
    expect(parseCallback(`https://exa mple.com/cb?code=abc&state=${STATE}`, { expectedState: STATE }).code).toBe("abc");
  });

  it("parses a full URL string as a URL: tabs and newlines in it are dropped, as browsers do", () => {
    const result = parseCallback(`https://example.com/cb?code=ab\tc&state=${STATE}\n`, { expectedState: STATE });
    expect(result).toEqual({ code: "abc", state: STATE });
  });

  it("works where the runtime has no Request global", () => {
    const saved = globalThis.Request;
    (globalThis as { Request?: unknown }).Request = undefined;
    try {
      expect(parseCallback(`?code=abc&state=${STATE}`, { expectedState: STATE }).code).toBe("abc");
    } finally {
      globalThis.Request = saved;
    }
  });
});

describe("parseSignedCallback", () => {
  it("reports Intercom's error, a missing code and a missing state before verifying the state", async () => {
    const options = { secret: "a-dedicated-state-secret-of-32-bytes-or-more" };
    const codeOf = (input: string) =>
      parseSignedCallback(input, options).then(
        () => "resolved",
        (error: IntercomOAuthError) => error.code,
      );
    expect(await codeOf("?error=server_error&state=x")).toBe("CALLBACK_ERROR");
    expect(await codeOf("?state=x")).toBe("CODE_MISSING");
    expect(await codeOf("?code=abc")).toBe("STATE_MISSING");
  });
});
