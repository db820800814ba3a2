// verifyIntercomRequest through the main entry, against signatures computed independently with
// node:crypto over exact bytes: whitespace, key order and multi-byte characters kept.
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { type IntercomSignatureScheme, type VerifiedIntercomRequest, verifyIntercomRequest } from "../src/index.js";
import { caught, expectNoSecrets } from "./support/expect-no-secrets.js";
import { bodyRequest, bodySignature, hubRequest, hubSignature, post } from "./support/intercom-signing.js";

const SECRET = "verify-client-secret-0123456789";
const OLD_SECRET = "verify-old-client-secret-abcdef";
// Whitespace, key order, escapes and multi-byte characters: what a re-serialisation would change.
const BODY = '{"type":"notification_event",  "topic":"ping" ,\n"app_id":"drzzt019","z":1,"a":"é ☃ 😀 \\u00e9"}\n';

afterEach(() => {
  vi.restoreAllMocks();
});

describe("issue 10 — verifyIntercomRequest: signatures over the exact bytes", () => {
  it("verifies X-Hub-Signature (HMAC-SHA1, sha1=<hex>) and keeps the body byte for byte", async () => {
    const verified = await verifyIntercomRequest(hubRequest(SECRET, BODY), { clientSecret: SECRET });
    expect(verified.scheme).toBe("hub-sha1");
    expect(verified.rawBody).toBe(BODY);
    expect(verified.body).toEqual(JSON.parse(BODY));
  });

  it("verifies X-Body-Signature (HMAC-SHA256, bare hex) and keeps the body byte for byte", async () => {
    const verified = await verifyIntercomRequest(bodyRequest(SECRET, BODY), { clientSecret: SECRET });
    expect(verified).toEqual({ scheme: "body-sha256", body: JSON.parse(BODY), rawBody: BODY });
  });

  it('matches the published vector for key "key" and the quick brown fox', async () => {
    // The body is not JSON, so a matching signature ends in WEBHOOK_INVALID, a wrong one in SIGNATURE_INVALID.
    const body = "The quick brown fox jumps over the lazy dog";
    const sha1 = "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9";
    const sha256 = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
    expect(hubSignature("key", body)).toBe(`sha1=${sha1}`);
    expect(bodySignature("key", body)).toBe(sha256);
    const codes = [];
    const both: Record<string, string>[] = [{ "x-hub-signature": `sha1=${sha1}` }, { "x-body-signature": sha256 }];
    for (const headers of both) {
      codes.push((await caught(() => verifyIntercomRequest(post(body, headers), { clientSecret: "key" }))).code);
      codes.push((await caught(() => verifyIntercomRequest(post(body, headers), { clientSecret: "kez" }))).code);
    }
    expect(codes).toEqual(["WEBHOOK_INVALID", "SIGNATURE_INVALID", "WEBHOOK_INVALID", "SIGNATURE_INVALID"]);
  });

  it("refuses the same JSON re-serialised, or with one space more", async () => {
    const signature = bodySignature(SECRET, BODY);
    for (const changed of [JSON.stringify(JSON.parse(BODY)), BODY.replace("  ", " "), `${BODY} `, BODY.trimEnd()]) {
      const error = await caught(() =>
        verifyIntercomRequest(post(changed, { "x-body-signature": signature }), { clientSecret: SECRET }),
      );
      expect(error.code).toBe("SIGNATURE_INVALID");
      expect(error.message).toMatch(/does not match the body/);
    }
  });

  it("signs bytes, not text: a body that is not UTF-8 is checked over its bytes, then refused as not JSON", async () => {
    const bytes = new TextEncoder().encode('{"a":"\u00ff"}').slice(0, 7);
    const invalidUtf8 = new Uint8Array([...bytes, 0xff, 0x22, 0x7d]);
    const wrong = await caught(() =>
      verifyIntercomRequest(post(invalidUtf8, { "x-body-signature": bodySignature("other", invalidUtf8) }), {
        clientSecret: SECRET,
      }),
    );
    expect(wrong.code).toBe("SIGNATURE_INVALID");
    const error = await caught(() =>
      verifyIntercomRequest(post(invalidUtf8, { "x-body-signature": bodySignature(SECRET, invalidUtf8) }), {
        clientSecret: SECRET,
      }),
    );
    expect(error.code).toBe("WEBHOOK_INVALID");
  });

  it.each([
    ["a form body", "app_id=drzzt019"],
    ["an empty body", ""],
    ["a leading byte-order mark", '\ufeff{"app_id":"x"}'],
    ["truncated JSON", '{"app_id":"x"'],
  ])("refuses %s, once verified, as WEBHOOK_INVALID", async (_, body) => {
    const error = await caught(() => verifyIntercomRequest(bodyRequest(SECRET, body), { clientSecret: SECRET }));
    expect(error.code).toBe("WEBHOOK_INVALID");
    expect(error.message).toMatch(/not JSON/);
    expectNoSecrets(error, [SECRET]);
  });

  it.each(["body-sha256", "hub-sha1"] as const)(
    "issue 10 review: %s refuses an empty body whose signature was made with another secret",
    async (scheme) => {
      const request =
        scheme === "hub-sha1"
          ? hubRequest("another-secret-0123456789", "")
          : bodyRequest("another-secret-0123456789", "");
      const error = await caught(() => verifyIntercomRequest(request, { clientSecret: SECRET, scheme }));
      expect(error.code).toBe("SIGNATURE_INVALID");
    },
  );

  it("checks the signature before parsing: an unsigned non-JSON body is a signature error", async () => {
    const error = await caught(() => verifyIntercomRequest(bodyRequest("other", "not json"), { clientSecret: SECRET }));
    expect(error.code).toBe("SIGNATURE_INVALID");
  });

  it("parses any JSON value, not only objects", async () => {
    for (const body of ["null", "[1, 2]", '"text"', "42"]) {
      expect((await verifyIntercomRequest(bodyRequest(SECRET, body), { clientSecret: SECRET })).body).toEqual(
        JSON.parse(body),
      );
    }
  });

  it("compares with crypto.subtle.verify (constant time), once per secret until one matches", async () => {
    const verify = vi.spyOn(crypto.subtle, "verify");
    await verifyIntercomRequest(bodyRequest(SECRET, BODY), { clientSecret: [OLD_SECRET, SECRET] });
    expect(verify).toHaveBeenCalledTimes(2);
    const [algorithm, key, signature] = verify.mock.calls[1] ?? [];
    expect(algorithm).toBe("HMAC");
    expect((key as CryptoKey).algorithm).toMatchObject({ name: "HMAC", hash: { name: "SHA-256" } });
    expect(Buffer.from(signature as Uint8Array).toString("hex")).toBe(bodySignature(SECRET, BODY));
  });

  it("refuses a MAC wrong in its first byte as in its last", async () => {
    const good = bodySignature(SECRET, BODY);
    const flip = (hex: string, at: number) =>
      `${hex.slice(0, at)}${((Number.parseInt(hex.charAt(at), 16) + 1) % 16).toString(16)}${hex.slice(at + 1)}`;
    for (const bad of [flip(good, 0), flip(good, 63)]) {
      const error = await caught(() =>
        verifyIntercomRequest(post(BODY, { "x-body-signature": bad }), { clientSecret: SECRET }),
      );
      expect(error.code).toBe("SIGNATURE_INVALID");
    }
  });

  it("keeps the source on Web Crypto: no node: import and no string comparison of MACs in src/webhooks", () => {
    const dir = new URL("../src/webhooks/", import.meta.url);
    for (const file of readdirSync(dir)) {
      const source = readFileSync(new URL(file, dir), "utf8");
      expect(source, file).not.toMatch(/from "node:|timingSafeEqual|createHmac/);
    }
  });
});

describe("issue 10 — verifyIntercomRequest: malformed and missing signatures", () => {
  const sha1 = hubSignature(SECRET, BODY);
  const sha256 = bodySignature(SECRET, BODY);
  const malformed: Array<[string, Record<string, string>]> = [
    ["upper-case hex (one spelling per MAC)", { "x-body-signature": sha256.toUpperCase() }],
    ["a sha256= prefix", { "x-body-signature": `sha256=${sha256}` }],
    ["one hex digit short", { "x-body-signature": sha256.slice(1) }],
    ["one hex digit more", { "x-body-signature": `${sha256}0` }],
    ["a non-hex digit", { "x-body-signature": `${sha256.slice(1)}g` }],
    ["an empty header", { "x-body-signature": "" }],
    ["two values in one header", { "x-body-signature": `${sha256}, ${sha256}` }],
    ["sha1 without its prefix", { "x-hub-signature": sha1.slice(5) }],
    ["an upper-case prefix", { "x-hub-signature": sha1.replace("sha1=", "SHA1=") }],
    ["a sha256 in X-Hub-Signature", { "x-hub-signature": `sha1=${sha256}` }],
    ["upper-case sha1 hex", { "x-hub-signature": `sha1=${sha1.slice(5).toUpperCase()}` }],
  ];

  it.each(malformed)("refuses %s as SIGNATURE_INVALID", async (_, headers) => {
    const error = await caught(() => verifyIntercomRequest(post(BODY, headers), { clientSecret: SECRET }));
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toMatch(/malformed|does not match/);
    expectNoSecrets(error, [SECRET]);
  });

  it("refuses a request with no signature header as SIGNATURE_MISSING", async () => {
    const error = await caught(() => verifyIntercomRequest(post(BODY, {}), { clientSecret: SECRET }));
    expect(error.code).toBe("SIGNATURE_MISSING");
    expect(error.message).toMatch(/X-Hub-Signature or X-Body-Signature/);
  });

  it("with scheme, reads only that header, and names the other when it is there instead", async () => {
    const error = await caught(() =>
      verifyIntercomRequest(hubRequest(SECRET, BODY), { clientSecret: SECRET, scheme: "body-sha256" }),
    );
    expect(error.code).toBe("SIGNATURE_MISSING");
    expect(error.message).toMatch(/carries X-Hub-Signature instead/);
    const other = await caught(() =>
      verifyIntercomRequest(bodyRequest(SECRET, BODY), { clientSecret: SECRET, scheme: "hub-sha1" }),
    );
    expect(other.code).toBe("SIGNATURE_MISSING");
    const ok = await verifyIntercomRequest(hubRequest(SECRET, BODY), { clientSecret: SECRET, scheme: "hub-sha1" });
    expect(ok.scheme).toBe("hub-sha1");
  });

  it("without scheme, checks X-Body-Signature when both headers are there", async () => {
    const both = post(BODY, { "x-body-signature": bodySignature(SECRET, BODY), "x-hub-signature": "sha1=garbage" });
    expect((await verifyIntercomRequest(both, { clientSecret: SECRET })).scheme).toBe("body-sha256");
    const forged = post(BODY, { "x-body-signature": bodySignature("other", BODY), "x-hub-signature": sha1 });
    expect((await caught(() => verifyIntercomRequest(forged, { clientSecret: SECRET }))).code).toBe(
      "SIGNATURE_INVALID",
    );
  });

  it("refuses a signature made with another secret, and says how to fix it without naming it", async () => {
    const error = await caught(() =>
      verifyIntercomRequest(bodyRequest("another-secret", BODY), { clientSecret: SECRET }),
    );
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toMatch(/clientSecret is not this app's client secret/);
    expectNoSecrets(error, [SECRET, "another-secret"]);
  });

  it("refuses a body already read (a body parser ran first) and says where to mount", async () => {
    const request = bodyRequest(SECRET, BODY);
    await request.text();
    const error = await caught(() => verifyIntercomRequest(request, { clientSecret: SECRET }));
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toMatch(/before any body parser/);
  });

  it("refuses something that is not a Request as INVALID_OPTIONS", async () => {
    const error = await caught(() => verifyIntercomRequest({} as Request, { clientSecret: SECRET }));
    expect(error.code).toBe("INVALID_OPTIONS");
  });
});

describe("issue 10 — verifyIntercomRequest: rotation", () => {
  it("accepts a signature made with any secret of the array, old or new", async () => {
    const clientSecret = [OLD_SECRET, SECRET] as const;
    for (const secret of clientSecret) {
      for (const request of [hubRequest(secret, BODY), bodyRequest(secret, BODY)]) {
        expect((await verifyIntercomRequest(request, { clientSecret })).rawBody).toBe(BODY);
      }
    }
  });

  it("refuses a signature made with a secret outside the array", async () => {
    const error = await caught(() =>
      verifyIntercomRequest(hubRequest("retired-secret-xyz", BODY), { clientSecret: [OLD_SECRET, SECRET] }),
    );
    expect(error.code).toBe("SIGNATURE_INVALID");
    expectNoSecrets(error, [OLD_SECRET, SECRET, "retired-secret-xyz"]);
  });
});

describe("issue 10 — verifyIntercomRequest: the body cap", () => {
  function streamed(size: number, pulled: { bytes: number; cancelled: boolean }): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.bytes >= size) return controller.close();
        const chunk = new Uint8Array(Math.min(64 * 1024, size - pulled.bytes)).fill(0x20);
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        pulled.cancelled = true;
      },
    });
  }

  function streamedRequest(size: number, pulled: { bytes: number; cancelled: boolean }, headers = {}): Request {
    return new Request("https://app.example/hooks", {
      method: "POST",
      headers: { "x-body-signature": "0".repeat(64), ...headers },
      body: streamed(size, pulled),
      duplex: "half",
    } as RequestInit);
  }

  it("defaults to 1 MiB: one byte more is refused, and the stream is cancelled early", async () => {
    const pulled = { bytes: 0, cancelled: false };
    const error = await caught(() =>
      verifyIntercomRequest(streamedRequest(8 * 1_048_576, pulled), { clientSecret: SECRET }),
    );
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toMatch(/over maxBodyBytes \(1048576 bytes\)/);
    expect(pulled.cancelled).toBe(true);
    expect(pulled.bytes).toBeLessThan(1_048_576 + 256 * 1024);
  });

  it("accepts a body of exactly maxBodyBytes and refuses one byte more", async () => {
    const body = `{"a":"${"x".repeat(92)}"}`; // 100 bytes
    expect(body.length).toBe(100);
    await expect(
      verifyIntercomRequest(bodyRequest(SECRET, body), { clientSecret: SECRET, maxBodyBytes: 100 }),
    ).resolves.toMatchObject({
      rawBody: body,
    });
    const error = await caught(() =>
      verifyIntercomRequest(bodyRequest(SECRET, `${body} `), { clientSecret: SECRET, maxBodyBytes: 100 }),
    );
    expect(error.code).toBe("SIGNATURE_INVALID");
  });

  it("refuses a declared Content-Length over the cap before reading a byte", async () => {
    const pulled = { bytes: 0, cancelled: false };
    const request = streamedRequest(10, pulled, { "content-length": "5000" });
    const error = await caught(() => verifyIntercomRequest(request, { clientSecret: SECRET, maxBodyBytes: 1000 }));
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(pulled.bytes).toBe(0);
  });

  it("refuses a body whose stream fails midway", async () => {
    const request = new Request("https://app.example/hooks", {
      method: "POST",
      headers: { "x-body-signature": "0".repeat(64) },
      body: new ReadableStream({
        pull(controller) {
          controller.error(new Error("socket hang up"));
        },
      }),
      duplex: "half",
    } as RequestInit);
    const error = await caught(() => verifyIntercomRequest(request, { clientSecret: SECRET }));
    expect(error.code).toBe("SIGNATURE_INVALID");
    expect(error.message).toMatch(/could not be read/);
  });
});

describe("issue 10 — verifyIntercomRequest: options", () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ["no options", undefined, /clientSecret must be the app's client secret/],
    ["an empty secret", { clientSecret: "" }, /clientSecret must be a non-empty string/],
    ["an empty array", { clientSecret: [] }, /clientSecret must be the app's client secret/],
    ["a padded secret", { clientSecret: ` ${SECRET} ` }, /whitespace/],
    ["a number in the array", { clientSecret: [SECRET, 42] }, /clientSecret\[1\] must be a non-empty string/],
    ["a zero cap", { clientSecret: SECRET, maxBodyBytes: 0 }, /maxBodyBytes/],
    ["a fractional cap", { clientSecret: SECRET, maxBodyBytes: 1.5 }, /maxBodyBytes/],
    ["an unknown scheme", { clientSecret: SECRET, scheme: "sha512" }, /scheme must be/],
  ];

  it.each(bad)("refuses %s as INVALID_OPTIONS, quoting no secret", async (_, options, fix) => {
    const error = await caught(() => verifyIntercomRequest(bodyRequest(SECRET, BODY), options as never));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toMatch(fix);
    expect(error.problems.length).toBeGreaterThan(0);
    expectNoSecrets(error, [SECRET]);
  });
});

describe("issue 10 — verifyIntercomRequest: types", () => {
  it("has literal schemes and an unknown body", () => {
    expectTypeOf<IntercomSignatureScheme>().toEqualTypeOf<"hub-sha1" | "body-sha256">();
    expectTypeOf<VerifiedIntercomRequest["body"]>().toBeUnknown();
    expectTypeOf(verifyIntercomRequest).returns.resolves.toEqualTypeOf<VerifiedIntercomRequest>();
    expectTypeOf(verifyIntercomRequest)
      .parameter(1)
      .toHaveProperty("clientSecret")
      .toEqualTypeOf<string | readonly string[]>();
  });
});
