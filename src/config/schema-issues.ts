// What the zod schema finds, as friendly issues: unknown keys, missing keys, wrong types,
// values outside an enum. Everything with a precise check of its own is deferred to it.

import type { z } from "zod";
import { closestMatch } from "../suggest.js";
import { type ConfigIssue, describeType, displayPath, issue, unknownKey } from "./issues.js";
import { KNOWN_KEYS } from "./schema.js";

/** How to add each required key. @internal */
export const MISSING_HINTS: Record<string, string> = {
  clientId: 'Add "clientId": "env:INTERCOM_CLIENT_ID" (or the literal client id).',
  clientSecret: 'Add "clientSecret": "env:INTERCOM_CLIENT_SECRET" and set that variable where the app runs.',
  redirectUris: 'Add "redirectUris": ["https://…/oauth/callback"], in the order registered in Developer Hub.',
  scopes: 'Add "scopes": "user-level" (or "admin-level", or a list of scope ids).',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/**
 * Maps one zod issue onto friendly issues, or `"defer"` when a value check explains it
 * better (scopes, region, redirect URLs, formats). @internal
 */
export function fromZod(zi: z.core.$ZodIssue, input: unknown): ConfigIssue[] | "defer" {
  const path = zi.path.filter((p): p is string | number => typeof p !== "symbol");
  const top = path[0];
  if (top === "scopes" || top === "region" || top === "justifications") return "defer";
  if (zi.code === "unrecognized_keys") {
    const known = top === "app" ? KNOWN_KEYS.app : KNOWN_KEYS.root;
    return zi.keys.map((key) => unknownKey(path, key, known));
  }
  if (zi.code === "invalid_format") return "defer";
  if (zi.code === "invalid_type") {
    const actual = valueAt(input, path);
    if (actual === undefined) {
      return [
        issue("MISSING_KEY", path, `${displayPath(path)} is required.`, MISSING_HINTS[String(path[path.length - 1])]),
      ];
    }
    return [
      issue(
        "WRONG_TYPE",
        path,
        `${displayPath(path)} must be ${zi.expected === "array" ? "an array" : `a ${zi.expected}`}, not ${describeType(actual)}.`,
      ),
    ];
  }
  if (zi.code === "too_small" && top === "redirectUris" && path.length === 1) return "defer";
  if (zi.code === "too_small" && zi.origin === "string") {
    return [issue("INVALID_VALUE", path, `${displayPath(path)} is empty.`, "Remove the key or give it a value.")];
  }
  if (zi.code === "invalid_value") {
    const actual = valueAt(input, path);
    const allowed = zi.values.map(String);
    const near = typeof actual === "string" ? closestMatch(actual, allowed) : undefined;
    const shown = typeof actual === "string" ? JSON.stringify(actual) : describeType(actual);
    return [
      issue(
        "INVALID_VALUE",
        path,
        `${displayPath(path)} is ${shown}, which is not allowed${near === undefined ? "" : `; did you mean "${near}"?`}`,
        `Use one of: ${allowed.map((v) => JSON.stringify(v)).join(", ")}.`,
      ),
    ];
  }
  return "defer";
}
