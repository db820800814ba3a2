// Masks for secrets that must be shown (demo output, CLI, toJSON) without being revealed.

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
