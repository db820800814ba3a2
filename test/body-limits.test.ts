// Issue 8, Medium #4: a 100 MB token answer used to be accepted as the access token, and a
// 300 MB one crashed a process with a 128 MB heap; a token with a newline failed later as
// NETWORK_ERROR ("check DNS").
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthClient } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { eventually, json, type Loopback, loopback } from "./support/loopback.js";

const CLIENT_SECRET = "cs_body_limits_SECRET_0123456789";
const CODE = "Y29kZTpib2R5LWxpbWl0cy1jb2Rl";
const TOKEN = "dG9rOmJvZHktbGltaXRzLXRva2VuLTAxMjM0NTY3ODk=";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN];
const MiB = 1024 * 1024;
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

function client(api: Loopback): IntercomOAuthClient {
  return createIntercomOAuth({ clientId: "cid", clientSecret: CLIENT_SECRET, baseUrls: { api: api.origin } });
}

/** What a streaming answer saw: how much it wrote, and whether the client closed the socket first. */
interface Stream {
  written: number;
  finished: boolean;
  closed: boolean;
}

/** Streams `total` bytes of a JSON-looking answer in 64 KiB chunks, honouring backpressure. */
function streamHuge(res: ServerResponse, status: number, total: number, stream: Stream): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.socket?.on("close", () => {
    stream.closed = true;
  });
  const chunk = Buffer.alloc(64 * 1024, " ");
  res.write('{"token":"');
  const pump = (): void => {
    while (!stream.closed && stream.written < total) {
      stream.written += chunk.length;
      if (!res.write(chunk)) {
        res.once("drain", pump);
        return;
      }
    }
    if (!stream.closed) {
      stream.finished = true;
      res.end('"}');
    }
  };
  pump();
}

describe("regression: issue 8 — response bodies are capped", () => {
  const TOTAL = 64 * MiB;
  const CASES = [
    ["the token answer", 200, (c: IntercomOAuthClient) => c.exchangeCode(CODE)],
    ["the /me answer", 200, (c: IntercomOAuthClient) => c.getIdentity(TOKEN)],
    ["an error answer", 500, (c: IntercomOAuthClient) => c.exchangeCode(CODE)],
    ["the uninstall answer", 200, (c: IntercomOAuthClient) => c.revokeToken(TOKEN)],
  ] as const;

  for (const [name, status, call] of CASES) {
    it(`${name}: a 64 MB stream fails with INVALID_RESPONSE and the socket is closed long before the end`, async () => {
      const stream: Stream = { written: 0, finished: false, closed: false };
      const api = await serve((_request, res) => streamHuge(res, status, TOTAL, stream));
      const error = await caught(() => call(client(api)));
      expect(error.code).toBe("INVALID_RESPONSE");
      expect(error.status).toBe(status);
      expect(error.message).toContain("over the 1 MiB the SDK reads");
      expectNoSecrets(error, SECRETS);
      await eventually(() => stream.closed, 5_000, "the client closes the connection");
      expect(stream.finished).toBe(false);
      expect(stream.written).toBeLessThan(TOTAL / 2);
      expect(api.received).toHaveLength(1); // an oversized answer is not retried
    });
  }

  it("refuses a declared Content-Length over the cap before reading, and closes the socket", async () => {
    let closed = false;
    const api = await serve((_request, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(100 * MiB) });
      res.write('{"token":"');
      res.socket?.on("close", () => {
        closed = true;
      });
    });
    const error = await caught(() => client(api).exchangeCode(CODE));
    expect(error.code).toBe("INVALID_RESPONSE");
    await eventually(() => closed, 5_000, "the client closes the connection");
  });

  it("reads an answer of exactly 1 MiB, streamed or with a Content-Length", async () => {
    const body = JSON.stringify({ token: TOKEN });
    const padded = body + " ".repeat(MiB - body.length);
    let sized = false;
    const api = await serve((_request, res) => {
      res.writeHead(200, { "content-type": "application/json", ...(sized ? { "content-length": String(MiB) } : {}) });
      res.write(padded.slice(0, 1000));
      res.end(padded.slice(1000));
    });
    expect((await client(api).exchangeCode(CODE)).accessToken).toBe(TOKEN);
    sized = true;
    expect((await client(api).exchangeCode(CODE)).accessToken).toBe(TOKEN);
  });

  it("refuses one byte over 1 MiB", async () => {
    const body = JSON.stringify({ token: TOKEN });
    const api = await serve((_request, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(body);
      res.end(" ".repeat(MiB + 1 - body.length));
    });
    expect((await caught(() => client(api).exchangeCode(CODE))).code).toBe("INVALID_RESPONSE");
  });
});

describe("regression: issue 8 — the access token itself is bounded and printable", () => {
  async function exchanged(token: string) {
    const api = await serve((_request, res) => json(res, 200, { token_type: "Bearer", token, access_token: token }));
    return client(api).exchangeCode(CODE);
  }

  it("accepts a token of 2,048 characters and refuses one of 2,049, with INVALID_RESPONSE", async () => {
    const longest = "A".repeat(2048);
    expect((await exchanged(longest)).accessToken).toBe(longest);
    const over = `${TOKEN}${"B".repeat(2049 - TOKEN.length)}`;
    const error = await caught(() => exchanged(over));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("2049 characters long, over the 2048");
    expectNoSecrets(error, [...SECRETS, over]);
  });

  it.each([
    ["a space", `${TOKEN} x`],
    ["a newline", `${TOKEN}\n`],
    ["a tab", `\t${TOKEN}`],
    ["a NUL", `${TOKEN}\u0000`],
    ["DEL", `${TOKEN}\u007f`],
    ["a non-ASCII letter", `${TOKEN}ø`],
    ["a line separator", `${TOKEN}\u2028`],
  ])("refuses a token with %s, saying so (not NETWORK_ERROR)", async (_name, token) => {
    const error = await caught(() => exchanged(token));
    expect(error.code).toBe("INVALID_RESPONSE");
    expect(error.message).toContain("whitespace, control or non-ASCII characters");
    expect(error.message).not.toContain("DNS");
    expectNoSecrets(error, [...SECRETS, token]);
  });

  it.each([
    ["a NUL", `${TOKEN}\u0000`],
    ["a non-ASCII letter", `${TOKEN}ø`],
    ["2,049 characters", "A".repeat(2049)],
  ])("getIdentity and revokeToken refuse a stored token with %s before any request", async (_name, token) => {
    const api = await serve((_request, res) => json(res, 200, ME));
    for (const call of [() => client(api).getIdentity(token), () => client(api).revokeToken(token)]) {
      const error = await caught(call);
      expect(error.code).toBe("INVALID_OPTIONS");
      expect(error.message).not.toContain("DNS");
      expectNoSecrets(error, [token]);
    }
    expect(api.received).toEqual([]);
  });
});
