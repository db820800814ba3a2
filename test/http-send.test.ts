// One request's edges: what counts as a redirect, what a custom fetch may answer, how a
// failure is reported (and scrubbed), and how the body is read. Real loopback where the
// network matters; a custom fetch (a public option) where the answer itself is the point.
import { getEventListeners } from "node:events";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthClient, type IntercomOAuthOptions } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { eventually, json, type Loopback, loopback } from "./support/loopback.js";

const CLIENT_SECRET = "cs_http_send_SECRET_0123456789";
const CODE = "Y29kZTpodHRwLXNlbmQtY29kZQ==";
const TOKEN = "dG9rOmh0dHAtc2VuZC10b2tlbi0wMTIzNDU2Nzg5";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN];
const ME = { type: "admin", id: "1", email: "ada@example.com", app: { id_code: "abc123" } };

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const server = await loopback(handler);
  servers.push(server);
  return server;
}

function client(options: Partial<IntercomOAuthOptions> = {}): IntercomOAuthClient {
  return createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, maxRetries: 0, ...options });
}

const onLoopback = (api: Loopback, options: Partial<IntercomOAuthOptions> = {}) =>
  client({ baseUrls: { api: api.origin }, ...options });

/** A fetch that answers `make()` without any network. */
const answering =
  (make: () => Response): typeof globalThis.fetch =>
  async () =>
    make();

/** A Response whose read-only fields are set to what a custom fetch might report. */
function dressed(body: BodyInit | null, fields: { url?: string; redirected?: boolean; status?: number }): Response {
  const response = new Response(body, { headers: { "content-type": "application/json" } });
  for (const [key, value] of Object.entries(fields)) Object.defineProperty(response, key, { value });
  return response;
}

describe("what counts as a redirect", () => {
  it.each([300, 399])("a %i with a Location is refused, and nothing is sent there", async (status) => {
    const attacker = await serve((_request, res) => json(res, 200, { token: TOKEN }));
    const api = await serve((_request, res) => {
      res.writeHead(status, { location: `${attacker.origin}/auth/eagle/token` });
      res.end();
    });
    const error = await caught(() => onLoopback(api).exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_RESPONSE", status });
    expect(error.message).toContain(`a redirect (${status})`);
    expect(attacker.received).toEqual([]);
  });

  it("a 299 is an answer, not a redirect", async () => {
    const api = await serve((_request, res) => json(res, 299, { token: TOKEN }));
    expect((await onLoopback(api).exchangeCode(CODE)).accessToken).toBe(TOKEN);
  });

  it("a 400 is an error answer, not a redirect", async () => {
    const api = await serve((_request, res) =>
      json(res, 400, { error: "invalid_grant" }, { location: "http://elsewhere.example/" }),
    );
    const error = await caught(() => onLoopback(api).exchangeCode(CODE));
    expect(error).toMatchObject({ code: "INVALID_GRANT", status: 400 });
  });

  it("a redirect's body is not downloaded: the connection is closed", async () => {
    let closed = false;
    const api = await serve((_request, res: ServerResponse) => {
      res.writeHead(302, { location: "http://elsewhere.example/" });
      res.write("Moved");
      const timer = setInterval(() => res.write("."), 20);
      res.socket?.on("close", () => {
        clearInterval(timer);
        closed = true;
      });
    });
    expect((await caught(() => onLoopback(api).getIdentity(TOKEN))).code).toBe("INVALID_RESPONSE");
    await eventually(() => closed, 3_000, "the client closes the redirect's connection");
  });
});

describe("an answer a custom fetch got by following a redirect itself", () => {
  const token = () => JSON.stringify({ token: TOKEN });

  it("is refused when the fetch says it was redirected, even to the same origin", async () => {
    const fetch = answering(() => dressed(token(), { url: "https://api.intercom.io/elsewhere", redirected: true }));
    const error = await caught(() => client({ fetch }).exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("followed a redirect during the code exchange");
    expect(error.message).toContain("api.intercom.io");
  });

  it("is refused when it came from another origin", async () => {
    const fetch = answering(() => dressed(token(), { url: "https://evil.example/auth/eagle/token" }));
    const error = await caught(() => client({ fetch }).exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("the answer came from evil.example");
  });

  it("is refused when its URL cannot be parsed", async () => {
    const fetch = answering(() => dressed(token(), { url: "not a url" }));
    const error = await caught(() => client({ fetch }).exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("followed a redirect");
  });

  it("an answer from the same origin, or one with no URL (a hand-made Response), is used", async () => {
    const same = answering(() => dressed(token(), { url: "https://api.intercom.io/auth/eagle/token?x=1" }));
    expect((await client({ fetch: same }).exchangeCode(CODE)).accessToken).toBe(TOKEN);
    const bare = answering(() => new Response(token()));
    expect((await client({ fetch: bare }).exchangeCode(CODE)).accessToken).toBe(TOKEN);
    // A fetch polyfill whose Response has no url field at all.
    const polyfill = answering(() => dressed(token(), { url: undefined }));
    expect((await client({ fetch: polyfill }).exchangeCode(CODE)).accessToken).toBe(TOKEN);
  });
});

describe("how a failed request is reported", () => {
  it("a refused connection is NETWORK_ERROR naming the host and the system error, secret-free", async () => {
    const api = await serve(() => {});
    const origin = api.origin;
    await api.close();
    const error = await caught(() => client({ baseUrls: { api: origin } }).getIdentity(TOKEN));
    expect(error.code).toBe("NETWORK_ERROR");
    expect(error.message).toContain(`Could not reach Intercom at ${new URL(origin).host}`);
    expect(error.message).toContain("(ECONNREFUSED)");
    expect(error.message).toMatch(/Check DNS, proxy and firewall settings.*then try again\.$/);
    expect(String(error.cause)).toMatch(/TypeError: fetch failed \(ECONNREFUSED\)/);
    expectNoSecrets(error, SECRETS);
  });

  it("what a custom fetch throws is scrubbed of secrets before it is cut to 300 characters", async () => {
    const fetch: typeof globalThis.fetch = async () => {
      throw new RangeError(`proxy said: ${"x".repeat(280)} token=${TOKEN}`);
    };
    const error = await caught(() => client({ fetch }).getIdentity(TOKEN));
    expect(error.code).toBe("NETWORK_ERROR");
    const cause = (error.cause as Error).message;
    expect(cause).toMatch(/^RangeError: proxy said: x+/);
    expect(cause).toHaveLength(300);
    expect(error.message).toContain(cause);
    // Cut before scrubbing, the first characters of the token would have survived.
    expectNoSecrets(error, SECRETS, { prefix: 4 });
  });

  it("a thrown non-Error is named by its type", async () => {
    const fetch: typeof globalThis.fetch = () => Promise.reject("nope");
    const error = await caught(() => client({ fetch }).getIdentity(TOKEN));
    expect(error.code).toBe("NETWORK_ERROR");
    expect((error.cause as Error).message).toBe("string: ");
  });

  it("an IntercomOAuthError thrown by a custom fetch (the SDK's own testing kit does) passes through", async () => {
    const inner = await caught(() => client().exchangeCode(""));
    const fetch: typeof globalThis.fetch = () => Promise.reject(inner);
    expect(await caught(() => client({ fetch }).getIdentity(TOKEN))).toBe(inner);
  });

  it("TIMEOUT names the path, the time allowed and the host", async () => {
    const api = await serve(() => {});
    const error = await caught(() => onLoopback(api, { timeoutMs: 100 }).getIdentity(TOKEN));
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toMatch(
      new RegExp(
        `^Intercom did not answer /me within 100 ms\\. Try again; .*raise timeoutMs.*${new URL(api.origin).host}`,
      ),
    );
  });

  it("an abort while waiting for the headers ends the call at once and closes the connection", async () => {
    let closed = false;
    const controller = new AbortController();
    // Aborted once the request is in: a fixed timer could fire before it arrives on a busy machine.
    const api = await serve((_request, res) => {
      res.socket?.on("close", () => {
        closed = true;
      });
      setTimeout(() => controller.abort(), 10);
    });
    const started = Date.now();
    const error = await caught(() =>
      onLoopback(api, { timeoutMs: 10_000 }).exchangeCode(CODE, { signal: controller.signal }),
    );
    expect(error.code).toBe("ABORTED");
    expect(Date.now() - started).toBeLessThan(3_000);
    await eventually(() => closed, 3_000, "the client closes the connection");
  });
});

describe("reading the body", () => {
  it("an answer with no body at all is read as empty", async () => {
    const fetch = answering(() => new Response(null, { status: 200 }));
    const error = await caught(() => client({ fetch }).exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("the body is not JSON");
  });

  it("a body in many chunks is put back together, a character split across two chunks included", async () => {
    const name = "Zoë ".repeat(5000);
    const bytes = Buffer.from(JSON.stringify({ ...ME, name }));
    const at = bytes.indexOf(Buffer.from("ë")) + 1; // inside the two bytes of "ë"
    const api = await serve((_request, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(bytes.subarray(0, at));
      setTimeout(() => res.end(bytes.subarray(at)), 20);
    });
    expect((await onLoopback(api).getIdentity(TOKEN)).admin.name).toBe(name);
  });

  it("a custom fetch whose body stream gives chunks that are not bytes fails, as response.text() would", async () => {
    // A single ArrayBuffer chunk: copied as a Uint8Array view it would read as NUL bytes.
    for (const chunk of [new TextEncoder().encode(JSON.stringify(ME)).buffer, JSON.stringify(ME)]) {
      let cancelled = false;
      const fetch = answering(
        () =>
          new Response(
            new ReadableStream({
              start: (c) => c.enqueue(chunk),
              cancel: () => {
                cancelled = true;
              },
            }),
            { status: 200, headers: { "content-type": "application/json" } },
          ),
      );
      const error = await caught(() => client({ fetch }).getIdentity(TOKEN));
      expect(error.code).toBe("NETWORK_ERROR");
      expect(cancelled).toBe(true);
      expectNoSecrets(error, SECRETS);
    }
  });

  it("an abort that lands as the headers arrive ends the call at once and cancels the body", async () => {
    const controller = new AbortController();
    let cancelled = false;
    const fetch: typeof globalThis.fetch = async () => {
      const body = new ReadableStream({
        start: (c) => c.enqueue(new TextEncoder().encode('{"type":')),
        cancel: () => {
          cancelled = true;
        },
      });
      controller.abort(); // after fetch has answered, before the body is read
      return new Response(body, { status: 200 });
    };
    const started = Date.now();
    const error = await caught(() =>
      client({ fetch, timeoutMs: 5_000 }).getIdentity(TOKEN, { signal: controller.signal }),
    );
    expect(error.code).toBe("ABORTED");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(cancelled).toBe(true);
  });

  it("one long-lived signal passed to many calls collects no listeners", async () => {
    const api = await serve((_request, res) => json(res, 200, ME));
    const shutdown = new AbortController();
    for (let i = 0; i < 15; i++) await onLoopback(api).getIdentity(TOKEN, { signal: shutdown.signal });
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });
});
