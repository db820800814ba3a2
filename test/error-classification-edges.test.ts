// Issue 13: edges of error classification that earlier tests left open: which bodies count as
// an Intercom error, the token endpoint's words across entries, the permission fix, and what
// intercomErrorFromResponse refuses or leaves alone.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthError, intercomErrorFromResponse } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CLIENT_SECRET = "cs_classification_edges_SECRET_0123456789";
const CODE = "Y29kZTpjbGFzc2lmaWNhdGlvbi1lZGdlcw==";
const server = setupServer();
const intercom = createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 0 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Entry = { code: string; message?: string; field?: string };
const list = (...errors: Entry[]) => ({ type: "error.list", request_id: "req-edges", errors });

/** The error exchangeCode throws when the token endpoint answers `status` with `body`. */
async function exchange(status: number, body: unknown): Promise<IntercomOAuthError> {
  server.use(
    http.post("https://api.intercom.io/auth/eagle/token", () =>
      HttpResponse.json(body as Record<string, unknown>, { status }),
    ),
  );
  const error = await caught(() => intercom.exchangeCode(CODE));
  expectNoSecrets(error, [CLIENT_SECRET, CODE]);
  return error;
}

const apiError = (status: number, body: unknown) =>
  intercomErrorFromResponse(new Response(JSON.stringify(body), { status }));

describe("issue 13 — which bodies are Intercom errors", () => {
  it("a bare {message} without type error or a code is not an Intercom error entry", async () => {
    expect((await apiError(400, { message: "x" })).errors).toEqual([]);
    expect((await apiError(400, { type: "error", message: "x" })).errors).toEqual([{ code: "unknown", message: "x" }]);
  });

  it("names a permission written with spaces inside the brackets, even without an underscore", async () => {
    const error = await apiError(403, {
      errors: [{ code: "forbidden", message: "You do not have the required scope ( tickets )" }],
    });
    expect(error.scope).toBe("tickets");
  });

  it("reports a plan restriction when any entry says so, not only when all do", async () => {
    const error = await apiError(403, { errors: [{ code: "forbidden" }, { code: "api_plan_restricted" }] });
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/plan does not include this API.*must upgrade/);
  });

  it("tells how to grant a missing permission to an API call: tick it, then reinstall", async () => {
    const error = await apiError(403, { errors: [{ code: "forbidden", message: "no" }] });
    expect(error.message).toMatch(/Authentication > Permissions, then have an admin reinstall the app/);
    expect(error.message).not.toMatch(/GET \/me needs/);
  });
});

describe("issue 13 — the token endpoint's words", () => {
  it("an echoed client_id, however it ends, does not make a bad code a client error", async () => {
    const error = await exchange(400, list({ code: "invalid_request", message: "Invalid code for client_id=x.app" }));
    expect(error.code).toBe("INVALID_GRANT");
  });

  it("a field naming the app points at the client even when another entry follows", async () => {
    const error = await exchange(
      400,
      list(
        { code: "parameter_invalid", message: "Invalid value", field: "app" },
        { code: "parameter_invalid", message: "Invalid value", field: "redirect_uri" },
      ),
    );
    expect(error.code).toBe("INVALID_CLIENT");
  });

  it("a field naming the code points at the code even when another entry follows", async () => {
    const error = await exchange(
      400,
      list(
        { code: "parameter_invalid", message: "Invalid value", field: "code" },
        { code: "parameter_invalid", message: "Invalid value", field: "redirect_uri" },
      ),
    );
    expect(error.code).toBe("INVALID_GRANT");
  });

  it("a 5xx or 429 stays a server error or rate limit whatever its message mentions", async () => {
    const down = await exchange(503, list({ code: "unavailable", message: "could not check the code of the app" }));
    expect(down.code).toBe("SERVER_ERROR");
    const limited = await exchange(429, list({ code: "too_many", message: "slow down, client app" }));
    expect(limited.code).toBe("RATE_LIMITED");
  });
});

describe("issue 13 — what intercomErrorFromResponse refuses or leaves alone", () => {
  it("refuses a missing value or a status that is not a number as INVALID_OPTIONS", async () => {
    for (const value of [undefined, { status: "401", headers: new Headers() }]) {
      const error = await caught(() => intercomErrorFromResponse(value as unknown as Response));
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).toMatch(/expects the Response/);
    }
  });

  it("names itself when the access token is unusable", async () => {
    const error = await caught(() =>
      intercomErrorFromResponse(new Response(null, { status: 401 }), { accessToken: "" }),
    );
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(/^intercomErrorFromResponse needs the access token/);
  });

  it("refuses a hand-made redirect with a relative Location as a redirect, not a malformed Location", async () => {
    const error = await intercomErrorFromResponse(new Response(null, { status: 302, headers: { location: "/next" } }));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toMatch(/answered the API call with a redirect \(302\)/);
    expect(error.message).not.toMatch(/malformed/);
  });

  it("does not read on in a body the caller already started reading: the status decides", async () => {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(" "));
        controller.enqueue(encoder.encode(JSON.stringify({ errors: [{ code: "token_revoked" }] })));
        controller.close();
      },
    });
    const response = new Response(stream, { status: 400 });
    const reader = response.body?.getReader();
    await reader?.read();
    reader?.releaseLock();
    expect(response.bodyUsed).toBe(true);
    const error = await intercomErrorFromResponse(response);
    expect(error.code).toBe("API_ERROR");
    expect(error.errors).toEqual([]);
  });
});

describe("issue 13 — a secret that contains another", () => {
  it("scrubs the whole client secret when the code sits inside it", async () => {
    const code = "code-inside-0123";
    const clientSecret = `cs-${code}-tail-after`;
    const client = createIntercomOAuth({ clientId: "cid", clientSecret, maxRetries: 0 });
    server.use(
      http.post("https://api.intercom.io/auth/eagle/token", () =>
        HttpResponse.json(list({ code: "invalid_request", message: `got ${clientSecret} here` }), { status: 400 }),
      ),
    );
    const error = await caught(() => client.exchangeCode(code));
    expect(error.errors[0]?.message).toBe("got [redacted] here");
    expectNoSecrets(error, [clientSecret, code]);
  });
});
