// Issue 13: how an Intercom error answer becomes a code. The one decision that matters most is
// UNAUTHORIZED (delete the token, reconnect) versus FORBIDDEN (keep the token, tick a permission):
// each rule below is checked with an answer where getting it wrong gives the other code.
import { describe, expect, it } from "vitest";
import { intercomErrorFromResponse, type IntercomOAuthError } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const TOKEN = "dG9rOmNsYXNzaWZpY2F0aW9uLXRva2VuLTAxMjM=";

type Entry = { code: string; message?: string; field?: string };
const envelope = (...errors: Entry[]) => JSON.stringify({ type: "error.list", request_id: "req-c", errors });

function answer(status: number, body = "", headers: Record<string, string> = {}, url?: string): Response {
  const response = new Response(body === "" ? null : body, {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
  return url === undefined ? response : Object.defineProperty(response, "url", { value: url });
}

async function fromApi(response: Response, options: { apiVersion?: string } = {}): Promise<IntercomOAuthError> {
  const error = await intercomErrorFromResponse(response, { accessToken: TOKEN, ...options });
  expectNoSecrets(error, [TOKEN]);
  return error;
}

const DEAD = /Delete the stored token and ask an admin to connect again/;
const KEEP = /The token itself is still good: keep it/;

describe("issue 13 — Intercom's error codes decide before the status", () => {
  it.each(["unauthorized", "token_revoked", "token_blocked", "token_not_found", "token_expired", "token_suspended"])(
    "%s on a 403 is a dead token (UNAUTHORIZED), not a missing permission",
    async (code) => {
      const error = await fromApi(answer(403, envelope({ code, message: "No" })));
      expect(error.code).toBe("UNAUTHORIZED");
      expect(error.message).toMatch(DEAD);
      expect(error.message).not.toMatch(KEEP);
    },
  );

  it("missing_authorization on a 403 is UNAUTHORIZED too", async () => {
    expect((await fromApi(answer(403, envelope({ code: "missing_authorization" })))).code).toBe("UNAUTHORIZED");
  });

  it.each(["token_unauthorized", "forbidden", "action_forbidden", "api_plan_restricted"])(
    "%s on a 401 is a missing permission (FORBIDDEN): the token is kept",
    async (code) => {
      const error = await fromApi(answer(401, envelope({ code, message: "Not allowed" })));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).not.toMatch(DEAD);
    },
  );

  it("reads the code whatever its case", async () => {
    expect((await fromApi(answer(403, envelope({ code: "TOKEN_REVOKED" })))).code).toBe("UNAUTHORIZED");
    expect((await fromApi(answer(401, envelope({ code: "Token_Unauthorized" })))).code).toBe("FORBIDDEN");
  });

  it("rate_limit_exceeded and server_error decide on a 401 too", async () => {
    expect((await fromApi(answer(401, envelope({ code: "rate_limit_exceeded" })))).code).toBe("RATE_LIMITED");
    expect((await fromApi(answer(401, envelope({ code: "server_error" })))).code).toBe("SERVER_ERROR");
  });

  it("intercom_version_invalid on a 401 is API_ERROR, naming the version sent", async () => {
    const error = await fromApi(answer(401, envelope({ code: "intercom_version_invalid" })), { apiVersion: "9.99" });
    expect(error.code).toBe("API_ERROR");
    expect(error.message).toMatch(/does not accept Intercom-Version "9\.99".*such as 2\.14/);
    const unnamed = await fromApi(answer(400, envelope({ code: "intercom_version_invalid" })));
    expect(unnamed.message).toMatch(/Intercom-Version ""/);
    expect(unnamed.message).not.toMatch(/undefined/);
  });

  it("the first entry with a known code decides; unknown entries before it are skipped", async () => {
    const mixed = (...codes: string[]) => envelope(...codes.map((code) => ({ code })));
    expect((await fromApi(answer(401, mixed("brand_new", "forbidden", "token_revoked")))).code).toBe("FORBIDDEN");
    expect((await fromApi(answer(403, mixed("brand_new", "token_revoked", "forbidden")))).code).toBe("UNAUTHORIZED");
  });
});

describe("issue 13 — the status decides when no code is known", () => {
  it.each<[number, string]>([
    [401, "UNAUTHORIZED"],
    [403, "FORBIDDEN"],
    [429, "RATE_LIMITED"],
    [500, "SERVER_ERROR"],
    [599, "SERVER_ERROR"],
    [499, "API_ERROR"],
    [400, "API_ERROR"],
    [404, "API_ERROR"],
    [402, "API_ERROR"],
  ])("%i with an unknown code is %s", async (status, code) => {
    const error = await fromApi(answer(status, envelope({ code: "brand_new", message: "Hmm" })));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });
});

describe("issue 13 — what the message says", () => {
  it("quotes Intercom's first three entries, code only when there is no message, ending in exactly one period", async () => {
    const error = await fromApi(
      answer(
        400,
        envelope(
          { code: "parameter_invalid", message: "Email is bad." },
          { code: "parameter_missing" },
          { code: "third", message: "Third one. \n" },
          { code: "fourth", message: "Never shown" },
        ),
      ),
    );
    expect(error.message).toContain(
      "Intercom said: parameter_invalid: Email is bad.; parameter_missing; third: Third one. Check the request",
    );
    expect(error.message).not.toContain("fourth");
    expect(error.errors).toHaveLength(4);
  });

  it("cuts each quoted message to 200 characters", async () => {
    const long = `${"a".repeat(200)}TAIL`;
    const error = await fromApi(answer(400, envelope({ code: "x", message: long })));
    expect(error.message).toContain(`x: ${"a".repeat(200)}.`);
    expect(error.message).not.toContain("TAIL");
    expect(error.errors[0]?.message).toBe(long);
  });

  it("quotes nothing when Intercom said nothing", async () => {
    const error = await fromApi(answer(400, "{}"));
    expect(error.message).not.toContain("Intercom said");
    expect(error.message).toMatch(/Intercom rejected the API call with 400\. Check the request \(client options/);
  });

  it("names the call by its path, cut at 100 characters, never its query", async () => {
    const short = await fromApi(answer(401, "", {}, "https://api.intercom.io/contacts/42?email=a@example.com"));
    expect(short.message).toMatch(/during the call to \/contacts\/42 \(401\)/);
    expect(short.message).not.toContain("a@example.com");

    const exact = `/${"p".repeat(99)}`;
    const at100 = await fromApi(answer(401, "", {}, `https://api.intercom.io${exact}`));
    expect(at100.message).toContain(`the call to ${exact} (401)`);

    const over = `/${"q".repeat(100)}`;
    const cut = await fromApi(answer(401, "", {}, `https://api.intercom.io${over}`));
    expect(cut.message).toContain(`the call to ${over.slice(0, 100)}… (401)`);
  });

  it("scrubs the token from the path it names", async () => {
    const error = await fromApi(answer(401, "", {}, `https://api.intercom.io/tokens/${TOKEN}/x`));
    expect(error.message).toContain("the call to /tokens/[redacted]/x");
  });

  it('says "the API call" for a Response without a URL', async () => {
    const error = await fromApi(answer(401));
    expect(error.message).toMatch(/during the API call \(401\)/);
  });

  it("UNAUTHORIZED says the token is dead and to reconnect", async () => {
    const error = await fromApi(answer(401, envelope({ code: "token_revoked", message: "Token revoked" })));
    expect(error.message).toMatch(
      /Intercom refused the access token during the API call \(401\): it is invalid, revoked/,
    );
    expect(error.message).toMatch(/token_revoked: Token revoked\. Delete the stored token/);
    expect(error.message).toMatch(/regional host \(eu or au\)/);
  });

  it("FORBIDDEN without a named scope asks to tick the missing permission, and never mentions GET /me for an API call", async () => {
    const error = await fromApi(answer(403, envelope({ code: "forbidden", message: "Nope" })));
    expect(error.scope).toBeUndefined();
    expect(error.message).toMatch(/^The access token is not allowed the API call \(403\)\. Intercom said/);
    expect(error.message).toContain("Tick the missing permission under Developer Hub > your app > Authentication");
    expect(error.message).toMatch(/then have an admin reinstall the app to grant it\. The token itself is still good/);
    expect(error.message).not.toContain("GET /me");
    expect(error.message).not.toContain("upgrade");
  });

  it("FORBIDDEN with a named scope names it twice, and api_plan_restricted asks for an upgrade instead", async () => {
    const scoped = await fromApi(
      answer(403, envelope({ code: "forbidden", message: "You do not have the required scope (read_tickets)" })),
    );
    expect(scoped.scope).toBe("read_tickets");
    expect(scoped.message).toMatch(/not allowed the API call \(403\): it lacks the read_tickets permission\./);
    expect(scoped.message).toContain("Tick the missing permission (read_tickets) under");

    const plan = await fromApi(answer(403, envelope({ code: "api_plan_restricted", message: "Upgrade" })));
    expect(plan.message).toMatch(/plan does not include this API; the workspace must upgrade\.$/);
    expect(plan.message).not.toMatch(/Tick|keep it/);
  });

  it("RATE_LIMITED words the advertised wait: none, under a second, or whole seconds rounded up", async () => {
    const none = await fromApi(answer(429));
    expect(none.retryAfterMs).toBeUndefined();
    expect(none.message).toMatch(/^Intercom rate-limited the API call \(429\)\. Wait a few seconds.*10-second windows/);
    const soon = await fromApi(answer(429, "", { "retry-after": "0.999" }));
    expect(soon.retryAfterMs).toBe(999);
    expect(soon.message).toMatch(/Try again in a moment \(see retryAfterMs\)/);
    const second = await fromApi(answer(429, "", { "retry-after": "1" }));
    expect(second.message).toMatch(/Try again in 1 s \(see retryAfterMs\)/);
    const rounded = await fromApi(answer(429, "", { "retry-after": "1.001" }));
    expect(rounded.message).toMatch(/Try again in 2 s/);
  });

  it("reads the advertised wait for a rate limit or a server error only", async () => {
    const server = await fromApi(answer(503, "", { "retry-after": "5" }));
    expect(server.retryAfterMs).toBe(5_000);
    expect(server.message).toMatch(/^Intercom failed the API call with 503, a server-side error\. Try again later/);
    expect(server.message).toContain("quote the request id");
    for (const status of [401, 403, 400]) {
      expect((await fromApi(answer(status, "", { "retry-after": "5" }))).retryAfterMs).toBeUndefined();
    }
  });

  it("takes the request id from the X-Request-Id header when the body has none", async () => {
    expect((await fromApi(answer(401, "{}", { "x-request-id": "hdr-1" }))).requestId).toBe("hdr-1");
    expect((await fromApi(answer(401, envelope({ code: "x" }), { "x-request-id": "hdr-1" }))).requestId).toBe("req-c");
    expect((await fromApi(answer(401, "{}", { "x-request-id": "" }))).requestId).toBeUndefined();
    const long = await fromApi(answer(401, "{}", { "x-request-id": "r".repeat(300) }));
    expect(long.requestId).toBe("r".repeat(200));
  });
});

describe("issue 13 — intercomErrorFromResponse's own checks", () => {
  it("rejects any 2xx, and takes a 300 or a 400 as an error", async () => {
    for (const status of [200, 204, 299]) {
      const error = await caught(() => intercomErrorFromResponse(new Response(null, { status })));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(new RegExp(`^intercomErrorFromResponse: the answer is a success \\(${status}\\)`));
    }
    expect((await fromApi(answer(300))).code).toBe("INVALID_RESPONSE");
    expect((await fromApi(answer(399))).code).toBe("INVALID_RESPONSE");
    expect((await fromApi(answer(400))).code).toBe("API_ERROR");
  });

  it("explains what it expects when given something that is not a Response", async () => {
    for (const value of [null, "401", { status: 401 }, { status: 401, headers: {} }]) {
      const error = await caught(() => intercomErrorFromResponse(value as unknown as Response));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(/expects the Response of a fetch/);
      expect(error.problems?.[0]).toMatch(/expects the Response/);
    }
  });

  it("accepts a timeout of 0 and refuses one that is not a finite number", async () => {
    expect((await intercomErrorFromResponse(answer(401), { timeoutMs: 0 })).code).toBe("UNAUTHORIZED");
    for (const timeoutMs of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await caught(() => intercomErrorFromResponse(answer(401), { timeoutMs }));
      expect(error.message).toMatch(/timeoutMs must be a number of milliseconds/);
    }
  });

  it("answers an opaque redirect (status 0), naming it", async () => {
    const error = await fromApi(Response.error());
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("an opaque redirect (status 0)");
  });

  it("names where a redirect pointed, resolving a relative Location against the call's URL", async () => {
    const relative = await fromApi(answer(302, "", { location: "/elsewhere" }, "https://api.intercom.io/contacts"));
    expect(relative.message).toMatch(/with a redirect \(302\) to api\.intercom\.io, which the SDK does not follow/);
    const bare = await fromApi(answer(302, "", { location: "/elsewhere" }));
    expect(bare.message).toContain("a redirect (302) to unknown.invalid");
    const none = await fromApi(answer(302));
    expect(none.message).toContain("a redirect (302), which");
    const empty = await fromApi(answer(302, "", { location: "" }));
    expect(empty.message).toContain("a redirect (302), which");
  });

  it("cancels a redirect's body instead of reading it", async () => {
    const response = answer(302, "ignored body", { location: "https://elsewhere.example/" });
    await fromApi(response);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow();
  });
});
