// Issue 8, Medium #5: a timeout was reported on time, but the body kept downloading (and the
// connection stayed open) until the server stopped sending.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createIntercomOAuth, type IntercomOAuthClient } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { eventually, type Loopback, loopback } from "./support/loopback.js";

const CLIENT_SECRET = "cs_timeout_SECRET_0123456789";
const CODE = "Y29kZTp0aW1lb3V0LWNvZGU=";
const TOKEN = "dG9rOnRpbWVvdXQtdG9rZW4tMDEyMzQ1Njc4OQ==";
const SECRETS = [CLIENT_SECRET, CODE, TOKEN];

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Trickle {
  sockets: number;
  closed: number;
}

/** Sends the headers at once, then one byte of body every 20 ms, forever (until the socket closes). */
async function trickling(status = 200): Promise<{ api: Loopback; seen: Trickle }> {
  const seen: Trickle = { sockets: 0, closed: 0 };
  const api = await loopback((_request, res: ServerResponse) => {
    seen.sockets++;
    res.writeHead(status, { "content-type": "application/json" });
    res.write('{"token":"');
    const timer = setInterval(() => res.write("A"), 20);
    res.socket?.on("close", () => {
      clearInterval(timer);
      seen.closed++;
    });
  });
  servers.push(api);
  return { api, seen };
}

function client(api: Loopback, timeoutMs: number): IntercomOAuthClient {
  return createIntercomOAuth({
    clientId: "cid",
    clientSecret: CLIENT_SECRET,
    baseUrls: { api: api.origin },
    timeoutMs,
    maxRetries: 0,
  });
}

const CALLS = [
  ["exchangeCode", (c: IntercomOAuthClient, signal?: AbortSignal) => c.exchangeCode(CODE, { signal })],
  ["getIdentity", (c: IntercomOAuthClient, signal?: AbortSignal) => c.getIdentity(TOKEN, { signal })],
  ["revokeToken", (c: IntercomOAuthClient, signal?: AbortSignal) => c.revokeToken(TOKEN, { signal })],
] as const;

describe("regression: issue 8 — a timeout or an abort closes the connection", () => {
  for (const [name, call] of CALLS) {
    it(`${name}: TIMEOUT while the body trickles, and the server sees its socket close`, async () => {
      const { api, seen } = await trickling();
      const error = await caught(() => call(client(api, 200)));
      expect(error.code).toBe("TIMEOUT");
      expectNoSecrets(error, SECRETS);
      expect(seen.sockets).toBe(1);
      await eventually(() => seen.closed === 1, 3_000, "the socket closes after TIMEOUT");
    });

    it(`${name}: ABORTED while the body trickles, and the server sees its socket close`, async () => {
      const { api, seen } = await trickling();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const error = await caught(() => call(client(api, 10_000), controller.signal));
      expect(error.code).toBe("ABORTED");
      await eventually(() => seen.closed === 1, 3_000, "the socket closes after ABORTED");
    });
  }

  it("an error answer's trickling body is cancelled the same way", async () => {
    const { api, seen } = await trickling(503);
    const error = await caught(() => client(api, 200).getIdentity(TOKEN));
    expect(error.code).toBe("TIMEOUT");
    await eventually(() => seen.closed === 1, 3_000, "the socket closes after TIMEOUT");
  });

  it("a custom fetch that ignores its signal still gets its body cancelled", async () => {
    const { api, seen } = await trickling();
    const deaf = createIntercomOAuth({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      baseUrls: { api: api.origin },
      timeoutMs: 10_000,
      // Drops the signal: only cancelling the body can stop the download.
      fetch: (input, init) =>
        globalThis.fetch(input instanceof Request ? new Request(input, { signal: null }) : input, {
          ...init,
          signal: null,
        }),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await caught(() => deaf.exchangeCode(CODE, { signal: controller.signal }));
    expect(error.code).toBe("ABORTED");
    await eventually(() => seen.closed === 1, 3_000, "the socket closes after ABORTED");
  });

  it("a custom fetch that answers after the TIMEOUT gets that late body cancelled", async () => {
    const { api, seen } = await trickling();
    let answered = false;
    const late = createIntercomOAuth({
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      baseUrls: { api: api.origin },
      timeoutMs: 100,
      maxRetries: 0,
      // Ignores the signal and sends the request only once the call has timed out.
      fetch: async (input, init) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const response = await globalThis.fetch(
          input instanceof Request ? new Request(input, { signal: null }) : input,
          { ...init, signal: null },
        );
        answered = true;
        return response;
      },
    });
    expect((await caught(() => late.getIdentity(TOKEN))).code).toBe("TIMEOUT");
    await eventually(() => answered, 3_000, "the late answer arrives");
    await eventually(() => seen.closed === 1, 3_000, "the late answer's socket closes");
  });
});
