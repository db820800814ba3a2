// verifyIntercomRequest at its edges: bodies in chunks or absent, the declared length at the
// cap, the order secrets are tried in, and what each refusal tells the developer.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWebhookHandlers, verifyIntercomRequest } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { bodyRequest, bodySignature, hubRequest, hubSignature, post } from "./support/intercom-signing.js";

const SECRET = "edges-client-secret-0123456789";
const OLD_SECRET = "edges-old-client-secret-abcdef";
const BODY = '{"type":"notification_event","topic":"ping","app_id":"drzzt019","data":{"item":{"x":"é ☃"}}}';

afterEach(() => {
  vi.restoreAllMocks();
});

// A streamed POST whose body arrives in the given chunks.
function chunked(chunks: Uint8Array[], headers: Record<string, string>, seen = { cancelled: false }): Request {
  let next = 0;
  return new Request("https://app.example/hooks", {
    method: "POST",
    headers,
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[next++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    }),
    duplex: "half",
  } as RequestInit);
}

describe("verifyIntercomRequest: the body as bytes", () => {
  it("verifies a body that arrives in several chunks, and joins them in order", async () => {
    const bytes = new TextEncoder().encode(BODY);
    // Cut inside a multi-byte character too.
    const cuts = [0, 7, 8, 40, bytes.indexOf(0xc3) + 1, bytes.length];
    const chunks = cuts.slice(1).map((end, i) => bytes.slice(cuts[i], end));
    const verified = await verifyIntercomRequest(chunked(chunks, { "x-body-signature": bodySignature(SECRET, BODY) }), {
      clientSecret: SECRET,
    });
    expect(verified.rawBody).toBe(BODY);
    expect(verified.body).toEqual(JSON.parse(BODY));
  });

  it("checks a request with no body at all over zero bytes, then refuses it as not JSON", async () => {
    const request = post(null, { "x-body-signature": bodySignature(SECRET, "") });
    expect(request.body).toBeNull();
    const error = await caught(() => verifyIntercomRequest(request, { clientSecret: SECRET }));
    expect(error.code).toBe("WEBHOOK_INVALID");
    expect(error.message).toMatch(/X-Body-Signature signature matched, but the body is not JSON/);
    const forged = await caught(() =>
      verifyIntercomRequest(post(null, { "x-body-signature": bodySignature("other", "") }), { clientSecret: SECRET }),
    );
    expect(forged.code).toBe("SIGNATURE_INVALID");
  });

  it("accepts a declared Content-Length equal to maxBodyBytes", async () => {
    const bytes = new TextEncoder().encode(BODY);
    const request = chunked([bytes], {
      "x-body-signature": bodySignature(SECRET, BODY),
      "content-length": String(bytes.length),
    });
    const verified = await verifyIntercomRequest(request, { clientSecret: SECRET, maxBodyBytes: bytes.length });
    expect(verified.rawBody).toBe(BODY);
  });

  it("cancels the stream when the declared Content-Length is over the cap, and names the cap", async () => {
    const seen = { cancelled: false };
    const bytes = new TextEncoder().encode(BODY);
    const request = chunked(
      [bytes],
      { "x-body-signature": bodySignature(SECRET, BODY), "content-length": String(bytes.length + 1) },
      seen,
    );
    const error = await caught(() =>
      verifyIntercomRequest(request, { clientSecret: SECRET, maxBodyBytes: bytes.length }),
    );
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toContain(`over maxBodyBytes (${bytes.length} bytes)`);
    expect(error.message).toMatch(/refused unread/);
    expect(seen.cancelled).toBe(true);
  });

  it("refuses a body whose chunks together pass the cap, though each is under it", async () => {
    const seen = { cancelled: false };
    const chunks = [new Uint8Array(60).fill(0x20), new Uint8Array(60).fill(0x20), new Uint8Array(60).fill(0x20)];
    const error = await caught(() =>
      verifyIntercomRequest(chunked(chunks, { "x-body-signature": "0".repeat(64) }, seen), {
        clientSecret: SECRET,
        maxBodyBytes: 100,
      }),
    );
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toMatch(/over maxBodyBytes \(100 bytes\)/);
    expect(seen.cancelled).toBe(true);
  });
});

describe("verifyIntercomRequest: signatures", () => {
  it("tries the secrets in order and stops at the first that matches", async () => {
    const verify = vi.spyOn(crypto.subtle, "verify");
    await verifyIntercomRequest(bodyRequest(SECRET, BODY), { clientSecret: [SECRET, OLD_SECRET] });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("refuses a MAC with a non-hex digit first as malformed", async () => {
    const good = bodySignature(SECRET, BODY);
    const error = await caught(() =>
      verifyIntercomRequest(post(BODY, { "x-body-signature": `z${good.slice(1)}` }), { clientSecret: SECRET }),
    );
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toMatch(/malformed/);
  });

  it("says what a well-formed header of each scheme looks like", async () => {
    const body = await caught(() =>
      verifyIntercomRequest(post(BODY, { "x-body-signature": "abc" }), { clientSecret: SECRET }),
    );
    expect(body.message).toMatch(/The X-Body-Signature header is malformed: Intercom sends 64 lower-case hex digits\./);
    const hub = await caught(() =>
      verifyIntercomRequest(post(BODY, { "x-hub-signature": "sha1=abc" }), { clientSecret: SECRET }),
    );
    expect(hub.message).toMatch(
      /The X-Hub-Signature header is malformed: Intercom sends "sha1=" then 40 lower-case hex digits\./,
    );
  });

  it("names the scheme whose signature does not match", async () => {
    const error = await caught(() => verifyIntercomRequest(hubRequest("another", BODY), { clientSecret: SECRET }));
    expect(error.message).toMatch(/The X-Hub-Signature signature does not match the body/);
    expect(error.message).toMatch(/during a rotation pass both/);
  });

  it("with a required scheme and no signature at all, names the header and says only Intercom sends it", async () => {
    const error = await caught(() =>
      verifyIntercomRequest(post(BODY, {}), { clientSecret: SECRET, scheme: "body-sha256" }),
    );
    expect(error.code).toBe("SIGNATURE_MISSING");
    expect(error.message).toMatch(/no X-Body-Signature header, which this endpoint requires/);
    expect(error.message).toMatch(/Only Intercom's requests carry it/);
    expect(error.message).not.toMatch(/instead/);
  });

  it("with scheme hub-sha1, names X-Body-Signature when the request carries that instead", async () => {
    const error = await caught(() =>
      verifyIntercomRequest(bodyRequest(SECRET, BODY), { clientSecret: SECRET, scheme: "hub-sha1" }),
    );
    expect(error.message).toMatch(/no X-Hub-Signature header/);
    expect(error.message).toMatch(/carries X-Body-Signature instead/);
    expect(error.message).toMatch(/check which Developer Hub URL points here/);
  });

  it("without a scheme and no signature, says the request is not from Intercom or lost its header", async () => {
    const error = await caught(() => verifyIntercomRequest(post(BODY, {}), { clientSecret: SECRET }));
    expect(error.message).toMatch(/does not come from Intercom, or a proxy dropped the header/);
  });

  it("verifies X-Body-Signature when scheme body-sha256 is required", async () => {
    const verified = await verifyIntercomRequest(bodyRequest(SECRET, BODY), {
      clientSecret: SECRET,
      scheme: "body-sha256",
    });
    expect(verified.scheme).toBe("body-sha256");
  });

  it("imports each secret's key once per scheme in the webhook handlers, however many requests come", async () => {
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    const hooks = createWebhookHandlers({ clientSecret: [OLD_SECRET, SECRET], onNotification: () => {} });
    const ping = '{"type":"notification_event","topic":"ping","app_id":"drzzt019","data":{"item":{}}}';
    for (let i = 0; i < 3; i++) {
      const request = post(ping, { "x-hub-signature": hubSignature(SECRET, ping) });
      expect((await hooks.notifications(request)).status).toBe(200);
    }
    expect(importKey).toHaveBeenCalledTimes(2);
  });
});

describe("verifyIntercomRequest: options", () => {
  it("refuses null options and a null request as INVALID_OPTIONS", async () => {
    const options = await caught(() => verifyIntercomRequest(bodyRequest(SECRET, BODY), null as never));
    expect(options.code).toBe("INVALID_OPTIONS");
    expect(options.message).toMatch(/clientSecret must be the app's client secret/);
    const request = await caught(() => verifyIntercomRequest(null as never, { clientSecret: SECRET }));
    expect(request.code).toBe("INVALID_OPTIONS");
    expect(request.message).toMatch(/needs the incoming Request/);
    expect(request.problems).toEqual([request.message]);
  });

  it("lists every problem, one per line, and says to fix them", async () => {
    const error = await caught(() =>
      verifyIntercomRequest(bodyRequest(SECRET, BODY), {
        clientSecret: [SECRET, ` ${OLD_SECRET}`],
        maxBodyBytes: -1,
        scheme: "sha512" as never,
      }),
    );
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.problems).toHaveLength(3);
    expect(error.problems[0]).toMatch(
      /^clientSecret\[1\] starts or ends with whitespace; copy the client secret again/,
    );
    expect(error.problems[1]).toMatch(/^maxBodyBytes must be a positive whole number of bytes \(default 1048576/);
    expect(error.problems[2]).toBe('scheme must be "hub-sha1" or "body-sha256" when given.');
    expect(error.message).toBe(
      `Invalid options for verifyIntercomRequest():\n- ${error.problems.join("\n- ")}\nFix the options listed above.`,
    );
    expectNoSecrets(error, [SECRET, OLD_SECRET]);
  });

  it.each([
    ["a number", 42],
    ["an object", { secret: SECRET }],
  ])("refuses %s as clientSecret, saying where to find the secret", async (_, clientSecret) => {
    const error = await caught(() => verifyIntercomRequest(bodyRequest(SECRET, BODY), { clientSecret } as never));
    expect(error.problems).toEqual([expect.stringMatching(/Developer Hub's Basic Information page/)]);
  });

  it.each([
    ["a negative cap", -100],
    ["a cap as a string", "1000"],
    ["a cap past 2^53", 2 ** 53],
    ["an infinite cap", Number.POSITIVE_INFINITY],
  ])("refuses %s", async (_, maxBodyBytes) => {
    const error = await caught(() =>
      verifyIntercomRequest(bodyRequest(SECRET, BODY), { clientSecret: SECRET, maxBodyBytes } as never),
    );
    expect(error.problems).toEqual([expect.stringMatching(/^maxBodyBytes must be/)]);
  });

  it("accepts a cap of one byte for an empty body", async () => {
    const error = await caught(() =>
      verifyIntercomRequest(bodyRequest(SECRET, ""), { clientSecret: SECRET, maxBodyBytes: 1 }),
    );
    expect(error.code).toBe("WEBHOOK_INVALID");
  });
});
