// Failing hooks (issue 8, High #3), options checked at handlers() time, and the default error page.
import { inspect } from "node:util";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createHandlers,
  createIntercomOAuth,
  type HandlerErrorContext,
  type HandlersOptions,
  type IntercomOAuthError,
  type IntercomToken,
  isIntercomOAuthError,
  type StateData,
  type StateStore,
} from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { memoryStateStore } from "./support/state-store.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";

const CLIENT_ID = "hooks-client";
const CLIENT_SECRET = "hooks-client-secret-must-not-leak";
const HOOK_SECRET = "postgres://app:hunter2-db-password@db.internal/app";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, workspace: { id: "ws1" } });
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, maxRetries: 0 });
const connect = () => new Request("https://example.com/connect");

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

type Failure = { error: IntercomOAuthError; context: HandlerErrorContext };

/** Handlers whose onSuccess throws (after noting the token it got), recording what onError receives. */
function failingApp(options: Partial<HandlersOptions<StateData>> = {}) {
  const seen: { token?: IntercomToken } = {};
  const failures: Failure[] = [];
  const handlers = intercom.handlers({
    onSuccess({ token }) {
      seen.token = token;
      throw new Error(`database is down: ${HOOK_SECRET}`);
    },
    onError(error, _request, context) {
      failures.push({ error, context });
      return new Response(error.code, { status: error.code === "HOOK_FAILED" ? 500 : 400 });
    },
    ...options,
  } as HandlersOptions<StateData>);
  return { ...handlers, seen, failures };
}

async function runFlow(app: { start: (r: Request) => Promise<Response>; callback: (r: Request) => Promise<Response> }) {
  const started = await app.start(connect());
  const callbackUrl = standIn.consent(new URL(started.headers.get("location") ?? ""));
  const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return app.callback(new Request(callbackUrl, cookie === "" ? {} : { headers: { cookie } }));
}

describe("regression: issue 8 — a failing onSuccess does not lose a live token", () => {
  it("revokes the token once, then answers HOOK_FAILED with the hook's error as cause", async () => {
    const app = failingApp();
    const response = await runFlow(app);
    expect(response.status).toBe(500);
    const token = app.seen.token?.accessToken ?? "";
    expect(standIn.tokenState(token)).toBe("revoked");
    expect(standIn.counts.uninstall).toBe(1);
    expect((await caught(() => intercom.getIdentity(token))).code).toBe("UNAUTHORIZED");

    const [failure] = app.failures;
    expect(failure?.error.code).toBe("HOOK_FAILED");
    expect(failure?.error.message).toMatch(/onSuccess hook threw.*revoked/);
    expect((failure?.error.cause as Error | undefined)?.message).toContain("database is down");
    expect(failure?.context).toEqual({ revoked: true });
    expect(failure?.error.message).not.toContain(HOOK_SECRET);
    expect(JSON.stringify(failure?.error)).not.toContain(HOOK_SECRET);
    expect(JSON.stringify(failure?.error)).not.toContain(token);
  });

  it("keeps the token with revokeOnFailure: false, and hands it to onError as context.token, never on the error", async () => {
    const app = failingApp({ revokeOnFailure: false });
    await runFlow(app);
    const token = app.seen.token?.accessToken ?? "";
    expect(standIn.tokenState(token)).toBe("active");
    expect(standIn.counts.uninstall).toBe(0);
    const [failure] = app.failures;
    expect(failure?.context.token?.accessToken).toBe(token);
    expect(Object.isFrozen(failure?.context)).toBe(true);
    expect(failure?.error.code).toBe("HOOK_FAILED");
    expectNoSecrets(failure?.error, [token, CLIENT_SECRET]);
    // The saved token is live: a retry of the save elsewhere can still use it.
    expect((await intercom.getIdentity(token)).workspace.id).toBe("ws1");
  });

  it("still answers when the revocation itself fails, after one attempt", async () => {
    const app = failingApp();
    standIn.injectFault("uninstall", { type: "server-error", times: 5 });
    const response = await runFlow(app);
    expect(response.status).toBe(500);
    expect(standIn.counts.uninstall).toBe(1);
    expect(app.failures.map((f) => f.error.code)).toEqual(["HOOK_FAILED"]);
    // The revoke failed: the token is still live, so onError gets it to act on.
    const [failure] = app.failures;
    const token = app.seen.token?.accessToken ?? "";
    expect(failure?.context.revoked).toBe(false);
    expect(failure?.context.token?.accessToken).toBe(token);
    expectNoSecrets(failure?.error, [token, CLIENT_SECRET]);
  });

  it("revokes too when getIdentity fails after the exchange, keeping getIdentity's code", async () => {
    const app = failingApp();
    standIn.injectFault("me", { type: "forbidden", scope: "read_admins" });
    await runFlow(app);
    expect(app.failures.map((f) => f.error.code)).toEqual(["FORBIDDEN"]);
    expect(standIn.counts.uninstall).toBe(1);
    expect(standIn.requests.at(-1)?.endpoint).toBe("uninstall");

    const keep = failingApp({ revokeOnFailure: false });
    standIn.injectFault("me", { type: "forbidden", scope: "read_admins" });
    await runFlow(keep);
    expect(keep.failures[0]?.context.token?.accessToken).toMatch(/^dG9r/);
    expect(standIn.counts.uninstall).toBe(1);
  });

  it("revokes nothing when the failure comes before the exchange", async () => {
    const app = failingApp();
    standIn.injectFault("token", { type: "server-error" });
    await runFlow(app);
    expect(app.failures.map((f) => [f.error.code, f.context])).toEqual([["SERVER_ERROR", {}]]);
    expect(standIn.counts.uninstall).toBe(0);
  });

  it("answers the default page with 500 for HOOK_FAILED, without the hook's message", async () => {
    const { start, callback } = intercom.handlers({
      onSuccess() {
        throw new Error(HOOK_SECRET);
      },
    });
    const response = await runFlow({ start, callback });
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(body).toMatch(/^Connecting Intercom failed \(HOOK_FAILED\)/);
    expect(body).not.toContain("hunter2");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

it("reports a custom client's non-SDK error as HOOK_FAILED, with a copy of it as the cause", async () => {
  const failure = new Error("custom client failed");
  const client = { ...intercom, exchangeCode: async () => Promise.reject(failure) };
  const errors: IntercomOAuthError[] = [];
  const { start, callback } = createHandlers(client, {
    stateStore: memoryStateStore(),
    onSuccess: () => new Response(),
    onError: (error) => {
      errors.push(error);
      return new Response();
    },
  });
  await runFlow({ start, callback });
  expect(errors.map((e) => e.code)).toEqual(["HOOK_FAILED"]);
  const cause = errors[0]?.cause as Error;
  expect([cause.name, cause.message]).toEqual(["Error", "custom client failed"]);
});

describe("regression: issue 8 review — hook failures never carry the token or code", () => {
  it("scrubs the token, code and client secret from the hook's error before it becomes the cause", async () => {
    let seenCode = "";
    const errors: IntercomOAuthError[] = [];
    let seenToken = "";
    const { start, callback } = intercom.handlers({
      onSuccess: ({ token, request }) => {
        seenToken = token.accessToken;
        seenCode = new URL(request.url).searchParams.get("code") ?? "";
        throw new Error(
          `insert failed for ${token.accessToken} (code ${seenCode}, ${encodeURIComponent(CLIENT_SECRET)})`,
        );
      },
      onError: (error) => {
        errors.push(error);
        return new Response(null, { status: 500 });
      },
    });
    const response = await runFlow({ start, callback });
    expect(response.status).toBe(500);
    const [error] = errors;
    expect(error?.code).toBe("HOOK_FAILED");
    expect(String((error?.cause as Error | undefined)?.message)).toMatch(/^insert failed for \[redacted\]/);
    expect(seenToken).not.toBe("");
    expectNoSecrets(error, [seenCode, CLIENT_SECRET, seenToken]);
    expect(inspect(error, { depth: 5 })).not.toContain(seenToken);
  });

  it("answers 500 when onSuccess or onError returns something that is not a Response", async () => {
    const bad = intercom.handlers({
      // @ts-expect-error: onSuccess must return a Response
      onSuccess: () => "connected",
    });
    const errors: string[] = [];
    const badOnError = intercom.handlers({
      stateData: () => {
        throw new Error("nope");
      },
      onSuccess: () => new Response(),
      // @ts-expect-error: onError must return a Response
      onError: (error) => {
        errors.push(error.code);
        return undefined;
      },
    });
    const response = await runFlow(bad);
    expect(response.status).toBe(500);
    expect(standIn.counts.uninstall).toBe(1);
    const started = await badOnError.start(connect());
    expect(started.status).toBe(500);
    expect(errors).toEqual(["HOOK_FAILED"]);
  });

  it("refuses a client without revokeToken when the handlers are built", () => {
    const { revokeToken: _unused, ...client } = intercom;
    expect(() =>
      // @ts-expect-error: revokeToken is required
      createHandlers(client, {
        stateStore: memoryStateStore(),
        onSuccess: () => new Response(),
      }),
    ).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));
  });
});

describe("regression: issue 8 — a throwing onError does not reject the handler", () => {
  it("answers a plain 500 from both handlers, and still clears the state cookie", async () => {
    const { start, callback } = intercom.handlers({
      stateData: () => {
        throw new Error("stateData failed");
      },
      onSuccess: () => new Response(),
      onError: () => {
        throw new Error(`onError failed: ${HOOK_SECRET}`);
      },
    });
    const started = await start(connect());
    expect(started.status).toBe(500);
    expect(await started.text()).toBe("Connecting Intercom failed: internal error.\n");
    const failed = await callback(new Request("https://example.com/callback?code=c&state=s"));
    expect(failed.status).toBe(500);
    expect(failed.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(failed.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers a plain 500 when onError rejects asynchronously", async () => {
    const { callback } = intercom.handlers({
      onSuccess: () => new Response(),
      onError: async () => Promise.reject(new Error("async onError failure")),
    });
    expect((await callback(new Request("https://example.com/callback"))).status).toBe(500);
  });
});

describe("regression: issue 8 — hooks other than onSuccess fail as HOOK_FAILED, not INVALID_OPTIONS", () => {
  const boom = () => {
    throw new Error(HOOK_SECRET);
  };
  const store = (overrides: Partial<StateStore>): StateStore => ({
    set: () => undefined,
    take: () => ({}),
    ...overrides,
  });

  it.each<[string, Partial<HandlersOptions<StateData>>, "start" | "callback"]>([
    ["stateData", { stateData: boom }, "start"],
    ["stateData (rejecting)", { stateData: async () => Promise.reject(new Error(HOOK_SECRET)) }, "start"],
    ["stateStore.set", { stateStore: store({ set: boom }) }, "start"],
    ["stateStore.take", { stateStore: store({ take: boom }) }, "callback"],
  ])("%s", async (hook, options, phase) => {
    const failures: IntercomOAuthError[] = [];
    const handlers = intercom.handlers({
      onSuccess: () => new Response(),
      onError: (error) => {
        failures.push(error);
        return new Response(null, { status: 500 });
      },
      ...options,
    } as HandlersOptions<StateData>);
    if (phase === "start") await handlers.start(connect());
    else await handlers.callback(new Request("https://example.com/callback?code=c&state=s"));
    const [error] = failures;
    expect(isIntercomOAuthError(error, "HOOK_FAILED")).toBe(true);
    expect(error?.message).toContain(`Your ${hook.split(" ")[0]} hook threw`);
    expect(error?.message).not.toContain("hunter2");
    expect(standIn.counts.token).toBe(0);
  });
});

describe("regression: issue 8 — handler options are checked when handlers() is called", () => {
  const onSuccess = () => new Response();

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a 5-byte signingSecret", { onSuccess, signingSecret: "tiny5" }, /signingSecret is too short/],
    ["a numeric signingSecret", { onSuccess, signingSecret: 42 }, /signingSecret must be a string or a Uint8Array/],
    ["no onSuccess", {}, /onSuccess is required without a store/],
    ["a non-function onError", { onSuccess, onError: "page" }, /onError must be a function/],
    ["a non-function stateData", { onSuccess, stateData: { tenantId: "t" } }, /stateData must be a function/],
    ["ttlSeconds 0", { onSuccess, ttlSeconds: 0 }, /ttlSeconds must be a whole number/],
    ["ttlSeconds over a day", { onSuccess, ttlSeconds: 86_401 }, /ttlSeconds must be a whole number/],
    ["ttlSeconds as a string", { onSuccess, ttlSeconds: "600" }, /ttlSeconds must be a whole number/],
    ["revokeOnFailure as a string", { onSuccess, revokeOnFailure: "no" }, /revokeOnFailure must be true or false/],
    ["a stateStore without take", { onSuccess, stateStore: { set() {} } }, /stateStore must be an object with set/],
    ["a null stateStore", { onSuccess, stateStore: null }, /stateStore must be an object/],
    [
      "both stateStore and signingSecret",
      { onSuccess, stateStore: { set() {}, take() {} }, signingSecret: "s".repeat(32) },
      /either stateStore or signingSecret/,
    ],
    [
      "cookieName with a signingSecret",
      { onSuccess, signingSecret: "s".repeat(32), cookieName: "x" },
      /cookie mode only/,
    ],
    ["a short cookieSecret", { onSuccess, cookieSecret: "tiny5" }, /cookieSecret is too short/],
  ])("refuses %s as INVALID_OPTIONS", (_name, options, message) => {
    let thrown: unknown;
    try {
      intercom.handlers(options as never);
    } catch (error) {
      thrown = error;
    }
    expect(isIntercomOAuthError(thrown, "INVALID_OPTIONS")).toBe(true);
    expect((thrown as IntercomOAuthError).problems.join("\n")).toMatch(message);
    expectNoSecrets(thrown, ["tiny5", CLIENT_SECRET]);
  });

  it("lists every problem at once, and refuses a non-object", () => {
    let thrown: IntercomOAuthError | undefined;
    try {
      intercom.handlers({ onSuccess: 1, ttlSeconds: -1, cookieName: "a b" } as never);
    } catch (error) {
      thrown = error as IntercomOAuthError;
    }
    expect(thrown?.problems).toHaveLength(3);
    expect(thrown?.message).toMatch(/^Invalid options for handlers\(\):\n- /);
    expect(() => intercom.handlers(null as never)).toThrowError(/expects an options object/);
  });

  it("accepts a Uint8Array signingSecret", async () => {
    const connected: StateData[] = [];
    const handlers = intercom.handlers({
      signingSecret: crypto.getRandomValues(new Uint8Array(32)),
      stateData: () => ({ n: 1 }),
      onSuccess: ({ data }) => {
        connected.push(data);
        return new Response();
      },
    });
    await runFlow(handlers);
    expect(connected).toEqual([{ n: 1 }]);
  });
});

describe("regression: issue 8 — the default error page", () => {
  it("sends nosniff, bounds the echoed error_description, and strips control characters", async () => {
    const { start, callback } = intercom.handlers({ stateStore: memoryStateStore(), onSuccess: () => new Response() });
    const started = new URL((await start(connect())).headers.get("location") ?? "");
    const description = `Please call +1 555 0100 now.\r\n${"A".repeat(5_000)}`;
    const url = new URL("https://example.com/callback");
    url.searchParams.set("error", "server_error");
    url.searchParams.set("error_description", description);
    url.searchParams.set("state", started.searchParams.get("state") ?? "");
    const response = await callback(new Request(url));
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(body).toMatch(/^Connecting Intercom failed \(CALLBACK_ERROR\)/);
    expect(body).not.toContain("A".repeat(201));
    expect(body.length).toBeLessThan(800);
    expect(body.slice(0, -1)).not.toMatch(/[\r\n]/);
  });
});

it("regression: issue 8 review — the exchange is not cancelled when the browser goes away", async () => {
  const signals: (AbortSignal | undefined)[] = [];
  const client = {
    ...intercom,
    exchangeCode: (code: string, options?: { signal?: AbortSignal }) => {
      signals.push(options?.signal);
      return intercom.exchangeCode(code);
    },
  };
  let connected = false;
  const handlers = createHandlers(client, {
    stateStore: memoryStateStore(),
    onSuccess: () => {
      connected = true;
      return new Response();
    },
  });
  const started = await handlers.start(connect());
  const callbackUrl = standIn.consent(new URL(started.headers.get("location") ?? ""));
  const browser = new AbortController();
  const pending = handlers.callback(new Request(callbackUrl, { signal: browser.signal }));
  browser.abort();
  await pending;
  expect(signals).toEqual([undefined]);
  expect(standIn.counts.token).toBe(1);
  // getIdentity follows the browser's signal, and its failure revokes the token: nothing is stranded.
  expect(connected).toBe(false);
  expect(standIn.counts.uninstall).toBe(1);
});
