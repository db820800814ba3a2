// Issue 8, Medium #6: requestId was not scrubbed, messages were cut to length before they were
// scrubbed (leaving a prefix of the secret), and percent- or form-encoded echoes were missed.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthClient } from "../src/index.js";
import { caught, encodedForms, expectNoSecrets } from "./support/expect-no-secrets.js";
import { json, type Loopback, loopback } from "./support/loopback.js";

// Characters that every encoding changes: `+`, `/`, `=`, `&`, a space.
const CLIENT_SECRET = "cs_Zx+9/a b=SECRET&0123456789";
const CODE = "Y29kZT+/c2NydWI=Y29kZQ==";
const TOKEN = "dG9rOn+/c2NydWItdG9rZW4=MDEyMzQ1Njc4OQ==";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN];

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
const base64 = (text: string): string => Buffer.from(text).toString("base64");
const base64url = (text: string): string => Buffer.from(text).toString("base64url");

/** A token endpoint and /me that answer `status` with `body(request body)` and `headers`. */
async function echoing(
  status: number,
  body: (received: string) => unknown,
  headers: Record<string, string> = {},
): Promise<IntercomOAuthClient> {
  const api = await loopback((request, res) => json(res, status, body(request.body), headers));
  servers.push(api);
  return createIntercomOAuth({
    clientId: "cid",
    clientSecret: CLIENT_SECRET,
    baseUrls: { api: api.origin },
    maxRetries: 0,
  });
}

const list = (requestId: string | undefined, ...messages: string[]) => ({
  type: "error.list",
  ...(requestId === undefined ? {} : { request_id: requestId }),
  errors: messages.map((message) => ({ code: "parameter_invalid", message })),
});

describe("regression: issue 8 — secrets are scrubbed in every form, before any truncation", () => {
  it("scrubs percent-encoded, lower-case, double-encoded and form-encoded echoes of the secret and code", async () => {
    const intercom = await echoing(400, (received) =>
      list(
        "req-1",
        `client_secret=${encodeURIComponent(CLIENT_SECRET)}&code=${encodeURIComponent(CODE)}`,
        `got ${received}`, // the form exactly as sent: `+` for spaces
        `lower ${lowerHex(encodeURIComponent(CLIENT_SECRET))} ${lowerHex(encodeURIComponent(CODE))}`,
        `twice ${encodeURIComponent(encodeURIComponent(CLIENT_SECRET))}`,
        `uri ${encodeURI(CLIENT_SECRET)}`,
      ),
    );
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.errors.map((e) => e.message)).toEqual([
      "client_secret=[redacted]&code=[redacted]",
      "got code=[redacted]&client_id=cid&client_secret=[redacted]",
      "lower [redacted] [redacted]",
      "twice [redacted]",
      "uri [redacted]",
    ]);
    expectNoSecrets(error, SECRETS);
  });

  it("scrubs base64 and base64url echoes, also inside a longer encoded value (Basic credentials)", async () => {
    const intercom = await echoing(401, () =>
      list(
        undefined,
        `basic ${base64(`cid:${CLIENT_SECRET}`)}`,
        `b64 ${base64(CODE)} ${base64url(CLIENT_SECRET)}`,
        `shifted ${base64(`xy${CODE}`)}`,
      ),
    );
    const error = await caught(() => intercom.exchangeCode(CODE));
    for (const entry of error.errors) expect(entry.message).toContain("[redacted]");
    expectNoSecrets(error, [...SECRETS, base64(`cid:${CLIENT_SECRET}`).slice(4, -4)]);
  });

  it("scrubs the body's request_id", async () => {
    const intercom = await echoing(401, () =>
      list(`req-${CODE}-${encodeURIComponent(CLIENT_SECRET)}`, "Unauthorized Code"),
    );
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.requestId).toBe("req-[redacted]-[redacted]");
    expect(error.errors[0]?.message).toBe("Unauthorized Code");
    expectNoSecrets(error, SECRETS);
  });

  it("scrubs the X-Request-Id header, on an error answer and on an unusable 200", async () => {
    const header = { "x-request-id": `hdr-${encodeURIComponent(CODE)}-${encodeURIComponent(CLIENT_SECRET)}` };
    const refused = await echoing(401, () => ({ error: "invalid_client" }), header);
    const error = await caught(() => refused.exchangeCode(CODE));
    expect(error.requestId).toBe("hdr-[redacted]-[redacted]");
    expectNoSecrets(error, SECRETS);
    const unusable = await echoing(200, () => ({ nope: true }), {
      "x-request-id": `hdr-${encodeURIComponent(TOKEN)}`,
    });
    const invalid = await caught(() => unusable.getIdentity(TOKEN));
    expect(invalid.code).toBe("INVALID_RESPONSE");
    expect(invalid.requestId).toBe("hdr-[redacted]");
    expectNoSecrets(invalid, SECRETS);
  });

  it("scrubs before cutting to length: no prefix of a secret survives at the cut", async () => {
    // Each field's limit (message 1000, code and field 100, request id 200) falls inside the secret.
    const intercom = await echoing(400, () => ({
      type: "error.list",
      request_id: `${"r".repeat(195)}${CODE}`,
      errors: [
        {
          code: `${"c".repeat(95)}${CODE}`,
          message: `${"m".repeat(995)}${CLIENT_SECRET}`,
          field: `${"f".repeat(97)}${CODE}`,
        },
        { code: "parameter_invalid", message: `${"s".repeat(195)}${encodeURIComponent(CLIENT_SECRET)}` },
      ],
    }));
    const error = await caught(() => intercom.exchangeCode(CODE));
    expect(error.errors[0]?.message).toBe(`${"m".repeat(995)}[reda`);
    expectNoSecrets(error, SECRETS, { prefix: 3 });
  });

  it("scrubs the token from every string of a /me error, in any form", async () => {
    const intercom = await echoing(
      401,
      () => ({
        type: "error.list",
        errors: [
          { code: "unauthorized", message: `Access Token Invalid: ${TOKEN}` },
          { code: "unauthorized", message: `Bearer ${encodeURIComponent(TOKEN)} / ${base64url(TOKEN)}` },
        ],
      }),
      { "x-request-id": lowerHex(encodeURIComponent(TOKEN)) },
    );
    const error = await caught(() => intercom.getIdentity(TOKEN));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.requestId).toBe("[redacted]");
    expectNoSecrets(error, SECRETS);
  });

  it("scrubs any secret, whatever its characters, in every form (property)", async () => {
    // The server decodes what it got and echoes the secret and the code in every form at once.
    const api = await loopback((request, res) => {
      const form = new URLSearchParams(request.body);
      const forms = [form.get("client_secret") ?? "", form.get("code") ?? ""].flatMap(encodedForms);
      json(res, 400, list(forms.join("|"), request.body, ...forms.map((f) => `x${f}x`)));
    });
    servers.push(api);
    const secret = fc
      .oneof(
        fc.string({ minLength: 8, maxLength: 40, unit: "grapheme-ascii" }),
        fc.string({ minLength: 8, maxLength: 40, unit: "grapheme" }),
      )
      .filter((value) => value.trim() === value);
    await fc.assert(
      fc.asyncProperty(secret, secret, async (clientSecret, code) => {
        const intercom = createIntercomOAuth({ clientId: "cid", clientSecret, baseUrls: { api: api.origin } });
        const error = await caught(() => intercom.exchangeCode(code));
        expectNoSecrets(error, [clientSecret, code]);
      }),
      { numRuns: 40 },
    );
  });
});

describe("regression: issue 8 review — scrubbing cannot be turned against the secret", () => {
  it("refuses an attacker-sized code before anything is sent or scrubbed", async () => {
    const api = await loopback((_request, res) => json(res, 401, list("r", "Unauthorized Code")));
    servers.push(api);
    const intercom = createIntercomOAuth({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      baseUrls: { api: api.origin },
    });
    const code = "A".repeat(5000);
    const callback = caught(async () => intercom.parseCallback(`?code=${code}&state=s1`, { expectedState: "s1" }));
    expect((await callback).code).toBe("CALLBACK_ERROR");
    const exchange = await caught(() => intercom.exchangeCode(code));
    expect(exchange.code).toBe("INVALID_OPTIONS");
    expect(api.received).toEqual([]);
    expectNoSecrets(exchange, [CLIENT_SECRET, code]);
  });

  it("scrubs a long token from a 1 MiB answer made of near-copies of it (linear time, no pattern built from it)", async () => {
    const token = `dG9r${"x".repeat(2040)}`;
    const nearCopy = `${token.slice(0, -1)}!`;
    const body = `${nearCopy.repeat(Math.floor(1_000_000 / nearCopy.length))}${token}`;
    const intercom = await echoing(401, () => ({
      type: "error.list",
      errors: [{ code: "unauthorized", message: body }],
    }));
    const error = await caught(() => intercom.getIdentity(token));
    expect(error.code).toBe("UNAUTHORIZED");
    expectNoSecrets(error, [token, CLIENT_SECRET]);
  }, 20_000);
});
