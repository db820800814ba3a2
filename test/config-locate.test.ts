import { describe, expect, it } from "vitest";
import { loadConfig, parseConfigSource, validateConfig } from "../src/config/index.js";
import { IntercomOAuthError } from "../src/index.js";

function ok(text: string) {
  const parsed = parseConfigSource(text);
  if (!parsed.ok) throw new Error(`unexpected syntax error: ${parsed.message} at ${parsed.line}:${parsed.column}`);
  return parsed;
}

describe("parseConfigSource", () => {
  it("parses what JSON.parse parses, to the same value", () => {
    const samples = [
      '{"a":1,"b":[true,false,null],"c":{"d":"e\\n\\u00e9\\"\\\\\\/"}}',
      "[]",
      '"x"',
      "-1.5e3",
      " 0 ",
      '{"__proto__": {"x": 1}}',
    ];
    for (const text of samples) expect(ok(text).value).toEqual(JSON.parse(text));
  });

  it("keeps __proto__ as an own key, not a prototype", () => {
    const value = ok('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("accepts // and /* */ comments and trailing commas", () => {
    const text = `{
  // the app's id
  "clientId": "env:X", /* inline */
  "redirectUris": ["https://a.dev/cb",],
}`;
    expect(ok(text).value).toEqual({ clientId: "env:X", redirectUris: ["https://a.dev/cb"] });
  });

  it("ignores a leading byte-order mark", () => {
    expect(ok('\ufeff{"a": 1}').value).toEqual({ a: 1 });
  });

  it("locates keys and values by path, with 1-based lines and columns", () => {
    const text =
      '{\n  "clientId": "x",\n  "redirectUris": [\n    "https://a.dev/cb",\n    "https://b.dev/cb"\n  ],\n  "app": { "name": "A" }\n}\n';
    const parsed = ok(text);
    expect(parsed.locate(["clientId"])).toMatchObject({
      key: { line: 2, column: 3 },
      value: { line: 2, column: 15 },
      exact: true,
    });
    expect(parsed.locate(["redirectUris", 1])).toMatchObject({ value: { line: 5, column: 5 }, exact: true });
    expect(parsed.locate(["redirectUris", 1]).key).toBeUndefined();
    expect(parsed.locate(["app", "name"])).toMatchObject({ key: { line: 7, column: 12 }, exact: true });
    expect(parsed.locate([])).toMatchObject({ value: { line: 1, column: 1 }, exact: true });
  });

  it("falls back to the nearest ancestor for a missing path", () => {
    const parsed = ok('{\n  "app": {\n    "name": "A"\n  }\n}');
    expect(parsed.locate(["app", "listing"])).toMatchObject({ key: { line: 2, column: 3 }, exact: false });
    expect(parsed.locate(["scopes"])).toMatchObject({ value: { line: 1, column: 1 }, exact: false });
  });

  it("escapes / and ~ in keys when locating", () => {
    const parsed = ok('{"a/b": {"c~d": 1}}');
    expect(parsed.locate(["a/b", "c~d"])).toMatchObject({ exact: true, value: { column: 17 } });
  });

  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, '","'],
    ['{\n  "a": 1,\n  b: 2\n}', 3, 3, "property name"],
    ["{\"a\": 'x'}", 1, 7, "double quotes"],
    ['{"a": "x', 1, 7, "Unterminated string"],
    ['{"a": "x\ny"}', 1, 9, "line break"],
    ["", 1, 1, "end of file"],
    ["{} {}", 1, 4, "after the end"],
    ['{"a": tru}', 1, 7, "expected a JSON value"],
    ['{"a": 1 /* open', 1, 9, "comment"],
    ['{"a": "\\x"}', 1, 8, "escape"],
    ["[1,,2]", 1, 4, "JSON value"],
    ["[1 2]", 1, 4, 'Expected "," or "]" after an array element'],
  ])("reports %j at line %i, column %i", (text, line, column, words) => {
    const parsed = parseConfigSource(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect([parsed.line, parsed.column]).toEqual([line, column]);
    expect(parsed.message).toContain(words);
  });

  it("reports deep nesting instead of crashing", () => {
    const parsed = parseConfigSource("[".repeat(100_000));
    expect(parsed.ok).toBe(false);
  });
});

describe("regression: issue 9 — one position(path) for every located issue", () => {
  const text =
    '{\n  "clientId": "env:INTERCOM_CLIENT_ID",\n  "clientSecret": "env:INTERCOM_CLIENT_SECRET",\n  "redirectUris": [\n    "https://a.dev/cb",\n    "http://b.dev/cb"\n  ],\n  "scopes": { "preset": "user-level", "add": ["read_tagz"] }\n}\n';

  it("is the key of a member, the value of an array entry, and the nearest ancestor's key for a missing path", () => {
    const parsed = ok(text);
    expect(parsed.position(["clientId"])).toEqual({ line: 2, column: 3, offset: 4 });
    expect(parsed.position(["redirectUris", 1])).toMatchObject({ line: 6, column: 5 });
    expect(parsed.position(["scopes", "add", 0])).toMatchObject({ line: 8, column: 47 });
    expect(parsed.position(["scopes", "remove"])).toEqual(parsed.position(["scopes"]));
    expect(parsed.position([])).toMatchObject({ line: 1, column: 1 });
  });

  it("is the line and column loadConfig reports for each error", () => {
    const parsed = ok(text);
    const errors = validateConfig(parsed.value).issues.filter((one) => one.severity === "error");
    expect(errors.length).toBe(2);
    let thrown: unknown;
    try {
      loadConfig(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IntercomOAuthError);
    const expected = errors.map((one) => {
      const { line, column } = parsed.position(one.path);
      return `line ${line}, column ${column}: ${one.code}`;
    });
    expect((thrown as IntercomOAuthError).problems?.map((problem) => problem.split(" at ")[0])).toEqual(expected);
  });
});
