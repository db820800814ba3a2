// Issue 13: the cause the handlers attach when a custom client throws something that is not an
// IntercomOAuthError is a secret-free copy (a custom client's handlers know only the code): name, message and stack scrubbed, never the original.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHandlers, createIntercomOAuth, type IntercomOAuthError } from "../src/index.js";
import { createIntercomStandIn } from "../src/testing/msw.js";
import { memoryStateStore } from "./support/state-store.js";

const CLIENT_ID = "cause-client";
const CLIENT_SECRET = "cause-client-secret-never-shown";
const standIn = createIntercomStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
const server = setupServer(...standIn.handlers());
const intercom = createIntercomOAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, maxRetries: 0 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => standIn.reset());
afterAll(() => server.close());

/** The cause of the HOOK_FAILED error when the client's exchangeCode throws `thrown(code)`. */
async function causeOf(thrown: (code: string) => unknown): Promise<{ cause: Error; code: string }> {
  let seen = "";
  const errors: IntercomOAuthError[] = [];
  const client = {
    ...intercom,
    exchangeCode: async (code: string) => {
      seen = code;
      throw thrown(code);
    },
  };
  const { start, callback } = createHandlers(client, {
    stateStore: memoryStateStore(),
    onSuccess: () => new Response(),
    onError: (error) => {
      errors.push(error);
      return new Response();
    },
  });
  const started = await start(new Request("https://example.com/connect"));
  const callbackUrl = standIn.consent(new URL(started.headers.get("location") ?? ""));
  const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  await callback(new Request(callbackUrl, cookie === "" ? {} : { headers: { cookie } }));
  expect(errors.map((e) => e.code)).toEqual(["HOOK_FAILED"]);
  return { cause: errors[0]?.cause as Error, code: seen };
}

describe("issue 13 — a thrown value becomes a scrubbed copy", () => {
  it("scrubs the code from the name, message and stack of an Error", async () => {
    let original: Error | undefined;
    const { cause, code } = await causeOf((c) => {
      original = new Error(`failed with ${c} and ${encodeURIComponent(c)}`);
      original.name = `Custom ${c}`;
      original.stack = `Custom: ${c}\n    at somewhere (${c})`;
      return original;
    });
    expect(cause).not.toBe(original);
    expect(cause).toBeInstanceOf(Error);
    expect(cause.message).toBe("failed with [redacted] and [redacted]");
    expect(cause.name).toBe("Custom [redacted]");
    expect(cause.stack).toBe("Custom: [redacted]\n    at somewhere ([redacted])");
    expect(code.length).toBeGreaterThan(3);
  });

  it("copies a thrown string or object as its type and text", async () => {
    const text = await causeOf((c) => `plain ${c}`);
    expect([text.cause.name, text.cause.message]).toEqual(["string", "plain [redacted]"]);
    const object = await causeOf(() => ({ toString: () => "an object" }));
    expect([object.cause.name, object.cause.message]).toEqual(["object", "an object"]);
  });

  it("keeps the copy's own stack when the Error has none", async () => {
    const { cause } = await causeOf(() => {
      const error = new Error("no stack");
      Object.defineProperty(error, "stack", { value: 42 });
      return error;
    });
    expect(cause.message).toBe("no stack");
    expect(typeof cause.stack).toBe("string");
    expect(cause.stack).not.toBe("[redacted]");
  });

  it("names the copy Error when the thrown Error's name cannot be read", async () => {
    const { cause } = await causeOf(() =>
      Object.defineProperty(new Error("unnamed"), "name", {
        get() {
          throw new Error("no");
        },
      }),
    );
    expect(cause.name).toBe("Error");
    expect(cause.message).toBe("(the thrown value could not be read)");
  });

  it("says so when the thrown value cannot be read, keeping the default name", async () => {
    const { cause } = await causeOf(() =>
      Object.defineProperty(new Error("hidden"), "message", {
        get() {
          throw new Error("no");
        },
      }),
    );
    expect([cause.name, cause.message]).toEqual(["Error", "(the thrown value could not be read)"]);
    const bare = await causeOf(() => ({
      toString() {
        throw new Error("no");
      },
    }));
    expect([bare.cause.name, bare.cause.message]).toEqual(["object", "(the thrown value could not be read)"]);
  });
});
