// Redaction: every way a secret is kept out of what the package shows.
// - `mask`: a short stand-in for a secret that must be shown (demo output, CLI, toJSON);
// - `scrub`: removes secrets from text that came back from the network;
// - `installSafeView`: the masked `toJSON` and `util.inspect` view of an object that holds one.

/**
 * Node's `util.inspect` hook. A registered symbol, so no `node:util` import is needed.
 * @internal
 */
export const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * A short, non-reversible stand-in for a secret: its first 4 characters when it is
 * long enough for that to be harmless, then an ellipsis and its length.
 * `mask("dG9rOjBiY2Rl…")` → `"dG9r…(44 chars)"`.
 * @internal
 */
export function mask(secret: string): string {
  if (secret.length < 16) return `…(${secret.length} chars)`;
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}

/**
 * Gives `target` a safe view: non-enumerable `toJSON` returning `view()`, and a
 * `util.inspect` hook that shows `name {json}` (or `view()` itself when no name is given).
 * `view` must return only masked or public fields.
 * @internal
 */
export function installSafeView<T extends object>(target: T, view: () => object, name?: string): T {
  Object.defineProperty(target, "toJSON", { value: view, enumerable: false });
  Object.defineProperty(target, INSPECT, {
    value: name === undefined ? view : () => `${name} ${JSON.stringify(view())}`,
    enumerable: false,
  });
  return target;
}

// Scrubbing: removes secrets (client secret, code, token) from text that came back from the network.
// Servers echo what they were sent in many shapes: raw, percent-encoded (`Zx%2B9…`, any hex
// case, even twice), form-encoded (`+` for a space), or inside base64 (an echoed
// `Authorization: Basic` value).
//
// No pattern is built from a secret: a regular expression made of attacker-sized input can
// take seconds to run, or fail to compile with a message that spells the secret out. Instead
// the text is read as bytes, raw and with percent escapes decoded, and each secret's forms are
// found with indexOf: the cost stays linear in the text for each form.

const REDACTED = "[redacted]";
/** Shorter values are not scrubbed: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** Shorter base64 fragments are not scrubbed, for the same reason. */
const MIN_BASE64_LENGTH = 8;

// Made on first use: nothing runs at import time.
let encoder: TextEncoder | undefined;
const utf8 = (): TextEncoder => (encoder ??= new TextEncoder());

/** UTF-8 bytes as a string of char codes 0–255, so that `indexOf` compares bytes. */
function binary(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

function hexValue(text: string, at: number): number {
  const pair = text.slice(at, at + 2);
  return /^[0-9A-Fa-f]{2}$/.test(pair) ? Number.parseInt(pair, 16) : -1;
}

/**
 * The text's UTF-8 bytes, and where each byte came from in the text. `percent` 1 decodes each
 * `%XX`; 2 also reads `%25XX` as one doubly encoded byte. (`%2500` is `%00` encoded once, or a
 * zero byte encoded twice: each reading gets its own pass.)
 */
function decode(text: string, percent: 0 | 1 | 2): { bytes: string; from: number[]; to: number[] } {
  let bytes = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < text.length) {
    let byte = -1;
    // Stryker disable next-line ArithmeticOperator: this first value of next is never read: a decoded escape sets next with byte, and every other character sets it below
    let next = i + 1;
    if (percent > 0 && text[i] === "%") {
      const once = hexValue(text, i + 1);
      const twice = percent === 2 && once === 0x25 ? hexValue(text, i + 3) : -1;
      if (twice !== -1) [byte, next] = [twice, i + 5];
      else if (once !== -1) [byte, next] = [once, i + 3];
    }
    if (byte !== -1) {
      bytes += String.fromCharCode(byte);
      from.push(i);
      to.push(next);
      i = next;
      continue;
    }
    const point = text.codePointAt(i) as number;
    next = i + (point > 0xffff ? 2 : 1);
    for (const b of utf8().encode(text.slice(i, next))) {
      bytes += String.fromCharCode(b);
      from.push(i);
      to.push(next);
    }
    i = next;
  }
  return { bytes, from, to };
}

/**
 * The base64 characters that encode `secret` wherever it sits inside a longer encoded value:
 * one run per alignment (its offset modulo 3), with the edge characters that also depend on
 * neighbouring bytes left out. Each run is given in standard and URL-safe alphabets.
 */
function base64Runs(bytes: Uint8Array): string[] {
  const runs: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const whole = Math.floor(padded.length / 3) * 4;
    const run = btoa(binary(padded)).slice(offset === 0 ? 0 : 4, whole);
    if (run.length < MIN_BASE64_LENGTH) continue;
    runs.push(run, run.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return runs;
}

/** Every byte form a secret can take once the text is decoded. */
function formsOf(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) continue;
    const bytes = utf8().encode(secret);
    forms.add(binary(bytes));
    // Form encoding writes a space as `+`.
    if (secret.includes(" ")) forms.add(binary(utf8().encode(secret.replace(/ /g, "+"))));
    for (const run of base64Runs(bytes)) forms.add(run);
  }
  return [...forms];
}

function redact(value: string, forms: readonly string[]): string {
  // Ranges of the original text to replace, as [start, end) pairs.
  const ranges: [number, number][] = [];
  // Stryker disable next-line StringLiteral: without a "%" the two decoding passes read the text exactly as pass 0 does, so running them always finds no other range
  const passes: (0 | 1 | 2)[] = value.includes("%") ? [0, 1, 2] : [0];
  for (const percent of passes) {
    const { bytes, from, to } = decode(value, percent);
    for (const form of forms) {
      for (let at = bytes.indexOf(form); at !== -1; at = bytes.indexOf(form, at + 1)) {
        ranges.push([from[at] as number, to[at + form.length - 1] as number]);
      }
    }
  }
  if (ranges.length === 0) return value;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (start >= cursor) out += value.slice(cursor, start) + REDACTED;
    if (end > cursor) cursor = end;
  }
  return out + value.slice(cursor);
}

/**
 * A function that replaces every occurrence of each secret in a string with `[redacted]`,
 * in all the encoded forms listed at the top of this file. It never throws: should anything
 * go wrong, the whole value is replaced (fail closed).
 * @internal
 */
export function scrubber(secrets: readonly string[]): (value: string) => string {
  let forms: string[];
  try {
    forms = formsOf(secrets);
  } catch {
    return () => REDACTED;
  }
  if (forms.length === 0) return (value) => value;
  return (value) => {
    try {
      return redact(value, forms);
    } catch {
      return REDACTED;
    }
  };
}

/**
 * Replaces every occurrence of each secret, raw or encoded, with `[redacted]`.
 * @internal
 */
export function scrub(value: string, secrets: readonly string[]): string {
  return scrubber(secrets)(value);
}
