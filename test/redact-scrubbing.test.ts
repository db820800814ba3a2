// Issue 13: the edges of masking and scrubbing, seen through the public API: a token's masked
// view, and the token scrubbed from what intercomErrorFromResponse keeps of Intercom's answer.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { intercomErrorFromResponse, toIntercomToken } from "../src/index.js";

/** The first error message Intercom's answer `message` becomes, with `token` scrubbed from it. */
async function scrubbed(token: string, message: string): Promise<string | undefined> {
  const body = JSON.stringify({ type: "error.list", errors: [{ code: "unauthorized", message }] });
  const error = await intercomErrorFromResponse(new Response(body, { status: 401 }), { accessToken: token });
  return error.errors[0]?.message;
}

describe("issue 13 — masking", () => {
  it("shows the first 4 characters from 16 characters on, and none below", () => {
    expect(toIntercomToken("a".repeat(15)).toJSON().accessToken).toBe("…(15 chars)");
    expect(toIntercomToken(`abcd${"x".repeat(12)}`).toJSON().accessToken).toBe("abcd…(16 chars)");
  });

  it("inspects a token as its name and masked JSON", () => {
    const view = inspect(toIntercomToken(`abcd${"x".repeat(20)}`));
    expect(view).toContain("abcd…(24 chars)");
    expect(view).not.toContain("x".repeat(20));
  });
});

describe("issue 13 — scrubbing the token from an echoed answer", () => {
  it("leaves a secret under 4 characters alone (it would match ordinary words), and scrubs one of 4", async () => {
    expect(await scrubbed("abc", "abc is here")).toBe("abc is here");
    expect(await scrubbed("abcd", "abcd is here")).toBe("[redacted] is here");
  });

  it("scrubs every occurrence, and one run of overlapping ones as a single [redacted]", async () => {
    expect(await scrubbed("tok1", "tok1 and tok1")).toBe("[redacted] and [redacted]");
    expect(await scrubbed("abab", "x ababab y")).toBe("x [redacted] y");
    expect(await scrubbed("aaaa", "aaaaaaaaa!")).toBe("[redacted]!");
  });

  it("keeps the text around the secret, including characters outside the BMP", async () => {
    expect(await scrubbed("tok-1234", "😀tok-1234😀 é")).toBe("😀[redacted]😀 é");
    expect(await scrubbed("tok-1234", "😀 no secret here 😀")).toBe("😀 no secret here 😀");
  });

  it("finds a secret holding a literal % before non-hex text when other characters of it are encoded", async () => {
    expect(await scrubbed("tk%zz12", "x tk%zz%31%32 y")).toBe("x [redacted] y");
  });

  it("scrubs a percent-encoded echo in either hex case, and a doubly encoded one", async () => {
    const token = "tok+en/1=2";
    expect(await scrubbed(token, "a tok%2Ben%2F1%3D2 b")).toBe("a [redacted] b");
    expect(await scrubbed(token, "a tok%2ben%2f1%3d2 b")).toBe("a [redacted] b");
    expect(await scrubbed(token, "a tok%252Ben%252F1%253D2 b")).toBe("a [redacted] b");
    expect(await scrubbed(token, "a %74%6F%6B+en/1=2 b")).toBe("a [redacted] b");
  });

  it("reads %25XX both ways: a literal %XX encoded once, or a byte encoded twice", async () => {
    // The token holds a literal "%41"; its once-encoded echo is "%2541", which a second decode reads as "A".
    expect(await scrubbed("x%41yz", "[x%2541yz]")).toBe("[[redacted]]");
    expect(await scrubbed("xAyz", "[x%2541yz]")).toBe("[[redacted]]");
  });

  it("leaves a lone or malformed percent sign as it is", async () => {
    expect(await scrubbed("tok-1234", "100% tok-1234 %zz %4")).toBe("100% [redacted] %zz %4");
    expect(await scrubbed("tok-1234", "100% sure %zz %4")).toBe("100% sure %zz %4");
  });

  it("scrubs a base64 or base64url echo at any alignment inside a longer value", async () => {
    const token = "tok?>>?~~?1234";
    for (const prefix of ["", "a", "ab"]) {
      const standard = Buffer.from(`${prefix}${token}!!`).toString("base64");
      const urlSafe = Buffer.from(`${prefix}${token}!!`).toString("base64url");
      expect(standard).toMatch(/[+/]/);
      for (const encoded of [standard, urlSafe]) {
        const message = await scrubbed(token, `Basic ${encoded}`);
        expect(message).toContain("[redacted]");
        // What is left is only the edge characters that also encode the neighbours (4 on each side at most).
        expect((message ?? "").replace("Basic ", "").replace("[redacted]", "").length).toBeLessThanOrEqual(8);
      }
    }
  });

  it("does not scrub base64 runs shorter than 8 characters, which would match ordinary words", async () => {
    // "abcd" is "YWJj" plus edge characters in base64: too short to tell from a word.
    expect(await scrubbed("abcd", "YWJjZA== YWJj")).toBe("YWJjZA== YWJj");
  });
});

describe("issue 13 — scrubbing: the rarer shapes", () => {
  it("scrubs a secret that itself holds a %XX escape when it is echoed as it is", async () => {
    expect(await scrubbed("x%41yz", "raw x%41yz")).toBe("raw [redacted]");
  });

  it("reads a once-encoded byte next to a twice-encoded one in the same echo", async () => {
    // "%255A" is Z encoded twice, "%5A" is Z encoded once: together they spell the secret ZZ12.
    expect(await scrubbed("ZZ12", "[%255A%5A12]")).toBe("[[redacted]]");
  });

  it("keeps a U+FFFF character (one UTF-16 unit) in front of the secret", async () => {
    expect(await scrubbed("tok-1234", "\uffff tok-1234 \uffff")).toBe("\uffff [redacted] \uffff");
    expect(await scrubbed("tok-1234", "\ufffftok-1234")).toBe("\uffff[redacted]");
  });

  it("scrubs two echoes that touch as two [redacted]", async () => {
    expect(await scrubbed("abcd", "abcdabcd")).toBe("[redacted][redacted]");
  });

  it("scrubs every form wherever it sits, whichever form comes first in the text", async () => {
    const token = "tok+en/1=2";
    expect(await scrubbed(token, `a ${encodeURIComponent(token)} b ${token} c`)).toBe("a [redacted] b [redacted] c");
    const b64 = Buffer.from(token).toString("base64");
    expect(await scrubbed(token, `a ${b64} b ${token} c`)).toMatch(/^a \[redacted\]\S{0,4} b \[redacted\] c$/);
  });

  it("scrubs a base64 run of exactly 8 characters", async () => {
    expect(await scrubbed("abcdef", "Basic YWJjZGVm")).toBe("Basic [redacted]");
  });
});
