/**
 * Two spellings of a path into a JSON value (keys and indexes from the root), shared by the
 * config validator and the CLI: one for people, one for machines.
 *
 * @module
 */

/** A path into a JSON value: `["redirectUris", 0]` is the root's redirectUris, first item. */
type JsonPath = readonly (string | number)[];

/** `["redirectUris", 0]` → `redirectUris[0]`, `[]` → `the config`, for messages. @internal */
export function displayPath(path: JsonPath): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out === "" ? "the config" : out;
}

/**
 * The RFC 6901 JSON Pointer for a path: `["redirectUris", 0]` → `"/redirectUris/0"`,
 * `[]` → `""`. @internal
 */
export function toJsonPointer(path: JsonPath): string {
  return path.map((part) => `/${String(part).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
