// Removes secrets (client secret, code, token) from text that came back from the network.
// Servers echo what they were sent in many shapes: raw, percent-encoded (`Zx%2B9…`, any hex
// case, even twice), form-encoded (`+` for a space), or inside base64 (an echoed
// `Authorization: Basic` value). One pattern per secret covers all of them at once.

const REDACTED = "[redacted]";
/** Shorter values are not scrubbed: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** Shorter base64 fragments are not scrubbed, for the same reason. */
const MIN_BASE64_LENGTH = 8;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function hexPattern(byte: number): string {
  const hex = byte.toString(16).toUpperCase().padStart(2, "0");
  return [...hex].map((d) => (/[A-F]/.test(d) ? `[${d}${d.toLowerCase()}]` : d)).join("");
}

/** `text` where each character may also appear percent-encoded (once or twice), and a space as `+`. */
function encodedPattern(text: string): string {
  let out = "";
  for (const char of text) {
    const raw = char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
    const percent = [...utf8(char)].map((byte) => `%(?:25)?${hexPattern(byte)}`).join("");
    out += `(?:${raw}|${percent}${char === " " ? "|\\+" : ""})`;
  }
  return out;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The base64 characters that encode `secret` wherever it sits inside a longer encoded value:
 * one run per alignment (its offset modulo 3), with the edge characters that also depend on
 * neighbouring bytes left out. Each run is given in standard and URL-safe alphabets.
 */
function base64Runs(secret: string): string[] {
  const bytes = utf8(secret);
  const runs: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const whole = Math.floor(padded.length / 3) * 4;
    const run = base64(padded).slice(offset === 0 ? 0 : 4, whole);
    if (run.length < MIN_BASE64_LENGTH) continue;
    runs.push(run, run.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return runs;
}

/**
 * A function that replaces every occurrence of each secret in a string with `[redacted]`,
 * in all the encoded forms listed at the top of this file. Build it once per error; it is
 * only ever used on error paths.
 * @internal
 */
export function scrubber(secrets: readonly string[]): (value: string) => string {
  const forms: string[] = [];
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.push(secret, ...base64Runs(secret));
  }
  if (forms.length === 0) return (value) => value;
  // Longest first, so that a long form is never cut short by a shorter one that it contains.
  const unique = [...new Set(forms)].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(unique.map(encodedPattern).join("|"), "g");
  return (value) => value.replace(pattern, REDACTED);
}

/**
 * Replaces every occurrence of each secret, raw or encoded, with `[redacted]`.
 * @internal
 */
export function scrub(value: string, secrets: readonly string[]): string {
  return scrubber(secrets)(value);
}
