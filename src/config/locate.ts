/**
 * A small JSON parser that remembers where each key and value is, so that config issues
 * can point at a line and column (GitHub annotations, editor output).
 *
 * It accepts JSON plus `//` and `/* *\/` comments and trailing commas (the "JSONC"
 * that editors use for config files), and reports syntax errors with line and column.
 * It also records keys written twice in one object, at every level, which `JSON.parse`
 * would drop silently; `validateConfig` reports them.
 *
 * @module
 */

import { type ConfigIssuePath, toJsonPointer } from "./issues.js";

/** A place in the source text. `line` and `column` count from 1; `column` counts UTF-16 code units. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  /** Zero-based index into the text. */
  readonly offset: number;
}

/** Where a path is in the source: its value, and its key when it is an object member. */
export interface SourceLocation {
  /** The start of the key (the opening quote), for object members. */
  readonly key?: SourcePosition;
  /** The start of the value. */
  readonly value: SourcePosition;
  /** `false` when the path itself is absent and this is its nearest ancestor (for example a missing key's object). */
  readonly exact: boolean;
}

/** A successful parse: the value, and a locator for paths in it. */
export interface ParsedConfigSource {
  readonly ok: true;
  readonly value: unknown;
  /**
   * The location of `path` (the form issue paths use), or of its nearest existing
   * ancestor; the root always exists. A key written twice is located at its last
   * occurrence, the one whose value is kept.
   */
  locate(path: ConfigIssuePath): SourceLocation;
  /**
   * Where an issue at `path` is shown: the start of the key of the nearest existing
   * member, or of the value when it has no key (an array entry, the root). The CLI,
   * `loadConfig` and editors' annotations all use this one position.
   */
  position(path: ConfigIssuePath): SourcePosition;
}

/** A syntax error, with where it is. */
export interface ConfigSourceSyntaxError {
  readonly ok: false;
  /** What is wrong, without the position (see `line` and `column`). */
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/**
 * A key written more than once in one object. JSON keeps the last value and drops the
 * others silently, so the config validator reports it. @internal
 */
export interface DuplicateKey {
  /** The key's path, as issue paths write it. */
  readonly path: ConfigIssuePath;
  /** Where each occurrence of the key is, in file order; the last one is the value kept. */
  readonly positions: readonly SourcePosition[];
  /** The values that were dropped, in file order. */
  readonly dropped: readonly unknown[];
}

// The duplicate keys of each parsed value, so that validateConfig(source.value) sees them
// without a second argument (JSON.parse drops them before anyone can).
const DUPLICATES = new WeakMap<object, readonly DuplicateKey[]>();

/** The duplicate keys found when `value` was parsed by {@link parseConfigSource}; empty for any other value. @internal */
export function duplicateKeysOf(value: unknown): readonly DuplicateKey[] {
  return (typeof value === "object" && value !== null && DUPLICATES.get(value)) || [];
}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses a config file's text (JSON, plus comments and trailing commas) and keeps the
 * position of every key and value. A leading byte-order mark is ignored.
 *
 * @param text - the file's contents
 * @returns `{ ok: true, value, locate }`, or `{ ok: false, message, line, column }` for a syntax error
 */
export function parseConfigSource(text: string): ParsedConfigSource | ConfigSourceSyntaxError {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = src.length === text.length ? 0 : 1;
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === "\n") lineStarts.push(i + 1);
  const position = (offset: number): SourcePosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1, offset: offset + shift };
  };

  const locations = new Map<string, { key?: number; value: number }>();
  const duplicates: DuplicateKey[] = [];
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new SyntaxFailure(message, at);
  };
  const describeAt = (at: number): string =>
    at >= src.length ? "end of file" : `character ${JSON.stringify(src[at])}`;

  const skipTrivia = (): void => {
    for (;;) {
      const c = src[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
      else if (c === "/" && src[i + 1] === "/") {
        while (i < src.length && src[i] !== "\n") i++;
      } else if (c === "/" && src[i + 1] === "*") {
        const end = src.indexOf("*/", i + 2);
        if (end === -1) fail("Unterminated /* comment.");
        i = end + 2;
      } else return;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = "";
    for (;;) {
      if (i >= src.length) fail("Unterminated string.", start);
      const c = src[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = src[i + 1];
        if (e === "u") {
          const hex = src.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\u escape in string.");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          i += 2;
        } else {
          fail("Invalid escape in string.");
        }
      } else if (c.charCodeAt(0) < 0x20) {
        fail(
          c === "\n"
            ? "Unterminated string (line break inside a string)."
            : "Control character inside a string; escape it.",
        );
      } else {
        out += c;
        i++;
      }
    }
  };

  const parseValue = (path: ConfigIssuePath, pointer: string, keyAt?: number): unknown => {
    skipTrivia();
    const at = i;
    locations.set(pointer, keyAt === undefined ? { value: at } : { key: keyAt, value: at });
    const c = src[i];
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      // Keys seen twice or more in this object: where each occurrence starts, and the dropped values.
      let repeated: Map<string, { keys: number[]; dropped: unknown[] }> | undefined;
      const finish = (): Record<string, unknown> => {
        i++;
        for (const [key, group] of repeated ?? []) {
          duplicates.push({ path: [...path, key], positions: group.keys.map(position), dropped: group.dropped });
        }
        return obj;
      };
      skipTrivia();
      if (src[i] === "}") return finish();
      for (;;) {
        skipTrivia();
        if (src[i] !== '"') fail(`Expected a property name in double quotes, found ${describeAt(i)}.`);
        const keyStart = i;
        const key = parseString();
        skipTrivia();
        if (src[i] !== ":") fail(`Expected ":" after the property name, found ${describeAt(i)}.`);
        i++;
        const child = `${pointer}${toJsonPointer([key])}`;
        if (Object.hasOwn(obj, key)) {
          repeated ??= new Map();
          const group = repeated.get(key) ?? { keys: [locations.get(child)?.key ?? keyStart], dropped: [] };
          group.keys.push(keyStart);
          group.dropped.push(obj[key]);
          repeated.set(key, group);
        }
        Object.defineProperty(obj, key, {
          value: parseValue([...path, key], child, keyStart),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        skipTrivia();
        if (src[i] === ",") {
          i++;
          skipTrivia();
          if (src[i] === "}") return finish();
          continue;
        }
        if (src[i] === "}") return finish();
        fail(`Expected "," or "}" after a property value, found ${describeAt(i)}.`);
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      skipTrivia();
      if (src[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue([...path, arr.length], `${pointer}/${arr.length}`));
        skipTrivia();
        if (src[i] === ",") {
          i++;
          skipTrivia();
          if (src[i] === "]") {
            i++;
            return arr;
          }
          continue;
        }
        if (src[i] === "]") {
          i++;
          return arr;
        }
        fail(`Expected "," or "]" after an array element, found ${describeAt(i)}.`);
      }
    }
    if (c === '"') return parseString();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(src);
    if (number !== null && number[0] !== "" && number[0] !== "-") {
      i += number[0].length;
      return Number(number[0]);
    }
    if (c === "'") return fail("Strings must use double quotes, not single quotes.");
    return fail(`Unexpected ${describeAt(i)}; expected a JSON value.`);
  };

  try {
    const value = parseValue([], "");
    skipTrivia();
    if (i < src.length) fail(`Unexpected ${describeAt(i)} after the end of the JSON value.`);
    if (duplicates.length > 0 && typeof value === "object" && value !== null) {
      duplicates.sort((a, b) => (a.positions[0]?.offset ?? 0) - (b.positions[0]?.offset ?? 0));
      DUPLICATES.set(value, duplicates);
    }
    const at = (offset: number | undefined): SourcePosition | undefined =>
      offset === undefined ? undefined : position(offset);
    const locate = (path: ConfigIssuePath): SourceLocation => {
      for (let n = path.length; n >= 0; n--) {
        const found = locations.get(toJsonPointer(path.slice(0, n)));
        if (found === undefined) continue;
        const key = at(found.key);
        const valuePosition = position(found.value);
        return key === undefined
          ? { value: valuePosition, exact: n === path.length }
          : { key, value: valuePosition, exact: n === path.length };
      }
      return { value: position(0), exact: false };
    };
    return {
      ok: true,
      value,
      locate,
      position(path: ConfigIssuePath): SourcePosition {
        const where = locate(path);
        return where.key ?? where.value;
      },
    };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: "The JSON is nested too deeply.", ...position(0) };
    if (!(error instanceof SyntaxFailure)) throw error;
    const where = position(Math.min(error.offset, src.length));
    return { ok: false, message: error.message, line: where.line, column: where.column, offset: where.offset };
  }
}
