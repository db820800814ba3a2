import { describe, expect, expectTypeOf, it } from "vitest";
import {
  IntercomOAuthError,
  SCOPES,
  SCOPE_PRESETS,
  type Scope,
  type ScopeId,
  type ScopePresetName,
  type ScopeSpec,
  diffScopes,
  findScope,
  formatScopeChecklist,
  isIntercomOAuthError,
  isScopeId,
  resolveScopes,
} from "../src/index.js";

// The setup guide's lists, word for word in its own casing (seed/intercom-partner-credentials-setup.txt).
const SEED_USER_LEVEL = [
  "Read and list users and companies",
  "Read one user and one company",
  "Read conversations",
  "Read tickets",
  "Read admins",
];
const SEED_ADMIN_LEVEL = [
  "Read and list users and companies",
  "Read and write users",
  "Read events",
  "Read conversations",
  "Write tags",
  "Read counts",
  "Write users and companies",
  "Read one user and one company",
  "Write events",
  "Write conversations",
  "Read tags",
  "Write data attributes",
  "Read admins",
  "Read one admin",
  "Read and list articles",
  "Update admins",
  "Read admin activity logs",
  "Read and write articles",
];

// Runs `fn`, which must throw an IntercomOAuthError, and returns it.
function catchError(fn: () => unknown): IntercomOAuthError {
  try {
    fn();
  } catch (error) {
    expect(isIntercomOAuthError(error)).toBe(true);
    return error as IntercomOAuthError;
  }
  throw new Error("expected an IntercomOAuthError, nothing was thrown");
}

// Bypasses the types, as a JavaScript caller or a JSON config would.
const untyped = (value: unknown) => value as ScopeSpec;

describe("SCOPES catalogue", () => {
  const all = SCOPES as readonly Scope[];

  it("has every Developer Hub permission: 33, 20 standard and 13 extended", () => {
    expect(all).toHaveLength(33);
    expect(all.filter((s) => s.tier === "standard")).toHaveLength(20);
    expect(all.filter((s) => s.tier === "extended")).toHaveLength(13);
  });

  it("has unique ids and unique labels (case-insensitively)", () => {
    expect(new Set(all.map((s) => s.id)).size).toBe(33);
    expect(new Set(all.map((s) => s.label.toLowerCase())).size).toBe(33);
  });

  it("uses snake_case ids, and Intercom's machine name as the id where one is known", () => {
    for (const scope of all) {
      expect(scope.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      if (scope.intercomName !== undefined) expect(scope.id).toBe(scope.intercomName);
      expect(["read", "write"]).toContain(scope.access);
      expect(scope.description.length).toBeGreaterThan(0);
    }
    const named = all.filter((s) => s.intercomName !== undefined).map((s) => s.id);
    expect(named.sort()).toEqual(
      [
        "delete_conversations_and_metrics",
        "read_articles_scope",
        "read_content",
        "read_conversations",
        "read_single_admin",
        "read_write_articles_scope",
        "read_write_users",
        "write_conversations",
        "write_tickets",
      ].sort(),
    );
  });

  it("keeps Developer Hub's labels word for word", () => {
    expect(findScope("read_articles_scope")?.label).toBe("Read and List articles");
    expect(findScope("read_write_articles_scope")?.label).toBe("Read and Write Articles");
    expect(findScope("read_news")?.label).toBe("Read and List news items and newsfeeds");
    expect(findScope("gather_app_data")?.label).toBe("Read data when entered into the app");
  });

  it("marks anything that creates, updates or deletes as write, and 'Read and write' as write", () => {
    const byId = (id: ScopeId) => findScope(id)?.access;
    expect(byId("read_write_users")).toBe("write");
    expect(byId("read_write_custom_objects")).toBe("write");
    expect(byId("delete_conversations_and_metrics")).toBe("write");
    expect(byId("update_admins")).toBe("write");
    expect(byId("create_phone_call_redirects")).toBe("write");
    expect(byId("read_tags")).toBe("read");
    expect(byId("export_messages")).toBe("read");
    for (const scope of all) {
      if (/^(read and write|write|update|delete|create)/i.test(scope.label)) expect(scope.access).toBe("write");
    }
  });

  it("is deeply frozen at runtime", () => {
    expect(Object.isFrozen(SCOPES)).toBe(true);
    expect(Object.isFrozen(SCOPES[0])).toBe(true);
    expect(Object.isFrozen(findScope("gather_app_data")?.otherLabels)).toBe(true);
    expect(Object.isFrozen(SCOPE_PRESETS)).toBe(true);
    expect(Object.isFrozen(SCOPE_PRESETS["admin-level"].scopes)).toBe(true);
    expect(Object.isFrozen(SCOPE_PRESETS["admin-level"].scopes[0])).toBe(true);
    expect(Object.isFrozen(SCOPE_PRESETS["user-level"].notes)).toBe(true);
    expect(() => {
      (SCOPES[0] as { label: string }).label = "changed";
    }).toThrow(TypeError);
    expect(() => {
      (SCOPE_PRESETS["user-level"].scopes as unknown as unknown[]).push({ id: "write_tags", reason: "x" });
    }).toThrow(TypeError);
    expect(SCOPES[0].label).toBe("Read and list users and companies");
  });
});

describe("SCOPE_PRESETS", () => {
  it.each([
    ["user-level", SEED_USER_LEVEL],
    ["admin-level", SEED_ADMIN_LEVEL],
  ] as const)("%s matches the setup guide's list exactly", (name, seedLabels) => {
    const preset = SCOPE_PRESETS[name];
    expect(preset.name).toBe(name);
    const seedIds = seedLabels.map((label) => {
      const scope = findScope(label);
      expect(scope, `seed label "${label}"`).toBeDefined();
      return scope?.id;
    });
    expect(preset.scopes.map((entry) => entry.id)).toEqual(seedIds);
    expect(resolveScopes(name)).toEqual([...new Set(seedIds)].sort());
  });

  it("has 5 and 18 permissions, each with a reason", () => {
    expect(resolveScopes("user-level")).toHaveLength(5);
    expect(resolveScopes("admin-level")).toHaveLength(18);
    for (const preset of Object.values(SCOPE_PRESETS)) {
      for (const entry of preset.scopes) expect(entry.reason.length).toBeGreaterThan(0);
    }
  });

  it("keeps the setup guide's reasons per scope, and the ticketing mapping in the notes", () => {
    const reason = (name: ScopePresetName, id: ScopeId) =>
      SCOPE_PRESETS[name].scopes.find((entry) => entry.id === id)?.reason;
    expect(reason("user-level", "read_users_companies")).toBe(
      "Read users and companies (including external users, i.e. contacts and accounts).",
    );
    expect(reason("admin-level", "update_admins")).toBe("Update away mode for admins.");
    expect(reason("admin-level", "read_write_users")).toBe("List all users and execute bulk actions.");
    for (const name of ["user-level", "admin-level"] as const) {
      const notes = SCOPE_PRESETS[name].notes.join("\n");
      expect(notes).toMatch(/conversations and tickets/);
      expect(notes).toMatch(/admins/);
    }
    // The guide's admin-level list has no ticket permission: the note says how to add them.
    expect(resolveScopes("admin-level")).not.toContain("read_tickets");
    expect(SCOPE_PRESETS["admin-level"].notes.join("\n")).toContain("read_tickets");
  });
});

describe("findScope and isScopeId", () => {
  it("finds by exact id", () => {
    expect(findScope("read_conversations")?.label).toBe("Read conversations");
    expect(findScope("READ_CONVERSATIONS")).toBeUndefined();
  });

  it("finds labels case-insensitively, ignoring surrounding whitespace", () => {
    expect(findScope("Read and list articles")?.id).toBe("read_articles_scope");
    expect(findScope("read and write articles")?.id).toBe("read_write_articles_scope");
    expect(findScope("  READ TAGS \n")?.id).toBe("read_tags");
    expect(findScope("Gather App data")?.id).toBe("gather_app_data");
  });

  it("returns undefined for what is not a permission", () => {
    expect(findScope("Read everything")).toBeUndefined();
    expect(findScope("")).toBeUndefined();
    expect(findScope(42 as unknown as string)).toBeUndefined();
  });

  it("isScopeId accepts ids only", () => {
    expect(isScopeId("read_tags")).toBe(true);
    expect(isScopeId("Read tags")).toBe(false);
    expect(isScopeId("read_tags ")).toBe(false);
    expect(isScopeId(undefined)).toBe(false);
    expect(isScopeId(["read_tags"])).toBe(false);
  });
});

describe("resolveScopes", () => {
  it("resolves a list: sorted and de-duplicated", () => {
    expect(resolveScopes(["write_tags", "read_tags", "write_tags", "read_admins"])).toEqual([
      "read_admins",
      "read_tags",
      "write_tags",
    ]);
  });

  it("resolves an empty list to an empty list", () => {
    expect(resolveScopes([])).toEqual([]);
  });

  it("returns a fresh array each time", () => {
    const a = resolveScopes("user-level");
    a.pop();
    expect(resolveScopes("user-level")).toHaveLength(5);
  });

  it("tailors a preset with add and remove", () => {
    const scopes = resolveScopes({ preset: "user-level", add: ["write_tickets"], remove: ["read_admins"] });
    expect(scopes).toEqual([
      "read_conversations",
      "read_single_user_company",
      "read_tickets",
      "read_users_companies",
      "write_tickets",
    ]);
  });

  it("treats adding a present id and removing an absent one as no-ops", () => {
    const base = resolveScopes("admin-level");
    expect(resolveScopes({ preset: "admin-level", add: ["read_tags"] })).toEqual(base);
    expect(resolveScopes({ preset: "admin-level", remove: ["read_tickets"] })).toEqual(base);
  });

  it("accepts an object without a preset, and an empty object", () => {
    expect(resolveScopes({ add: ["read_tags", "read_conversations"] })).toEqual(["read_conversations", "read_tags"]);
    expect(resolveScopes({})).toEqual([]);
  });

  describe("unknown ids (UNKNOWN_SCOPE)", () => {
    it("suggests the closest id", () => {
      // @ts-expect-error -- "read_tagz" is not a ScopeId
      const error = catchError(() => resolveScopes(["read_tagz"]));
      expect(error.code).toBe("UNKNOWN_SCOPE");
      expect(error.message).toContain('"read_tagz"');
      expect(error.message).toContain('did you mean "read_tags"');
      expect(error.message).toContain("docs/scopes.md");
      expect(error.problems).toEqual([
        '"read_tagz" is not an Intercom scope id; did you mean "read_tags" (Read tags)?',
      ]);
    });

    it("names the id when a Developer Hub label is given instead (ids only in specs)", () => {
      const error = catchError(() => resolveScopes(untyped(["read and list ARTICLES"])));
      expect(error.code).toBe("UNKNOWN_SCOPE");
      expect(error.message).toContain('use "read_articles_scope"');
      expect(error.problems).toHaveLength(1);
    });

    it("suggests an id when the typo is closer to a label", () => {
      const error = catchError(() => resolveScopes(untyped(["Read conversation"])));
      expect(error.message).toContain('did you mean "read_conversations"');
    });

    it("reports every unknown id, in add and remove too, one problem each", () => {
      const error = catchError(() =>
        resolveScopes(untyped({ preset: "user-level", add: ["read_convs", "zzzzzzzzzz"], remove: ["read_admin"] })),
      );
      expect(error.code).toBe("UNKNOWN_SCOPE");
      expect(error.problems).toHaveLength(3);
      expect(error.problems[0]).toMatch(/^add: "read_convs"/);
      expect(error.problems[1]).toBe('add: "zzzzzzzzzz" is not an Intercom scope id.');
      expect(error.problems[2]).toMatch(/^remove: "read_admin".*did you mean "read_admins"/);
      expect(error.message).toContain("3 unknown scopes");
    });

    it("does not suggest anything for a far-off string", () => {
      const error = catchError(() => resolveScopes(untyped(["completely_unrelated_permission_name"])));
      expect(error.message).not.toContain("did you mean");
    });
  });

  describe("malformed specs (INVALID_SCOPE_SPEC)", () => {
    it.each([
      ["a number", 42],
      ["null", null],
      ["undefined", undefined],
      ["a boolean", true],
    ])("rejects %s", (_name, spec) => {
      const error = catchError(() => resolveScopes(untyped(spec)));
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
      expect(error.message).toContain("preset name");
      expect(error.problems).toHaveLength(1);
    });

    it("rejects an unknown preset name, suggesting the closest", () => {
      const error = catchError(() => resolveScopes(untyped("admin_level")));
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
      expect(error.message).toContain('did you mean "admin-level"');
    });

    it("rejects a bare scope id as a spec, showing the list form", () => {
      const error = catchError(() => resolveScopes(untyped("read_tags")));
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
      expect(error.message).toContain('["read_tags"]');
    });

    it("rejects a bare label as a spec, naming its id", () => {
      const error = catchError(() => resolveScopes(untyped("Read one admin")));
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
      expect(error.message).toContain('["read_single_admin"]');
    });

    it("rejects non-string entries", () => {
      const error = catchError(() => resolveScopes(untyped(["read_tags", 3, null])));
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
      expect(error.problems).toEqual([
        "the list[1] must be a scope id string, got a number.",
        "the list[2] must be a scope id string, got null.",
      ]);
    });

    it("rejects unknown keys, a bad preset, and add/remove that are not arrays", () => {
      const error = catchError(() =>
        resolveScopes(untyped({ presets: "user-level", preset: "owner", add: "read_tags", remove: [1] })),
      );
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
      expect(error.problems).toHaveLength(4);
      expect(error.message).toContain('did you mean "preset"');
      expect(error.message).toContain("add must be an array");
      expect(error.message).toContain("remove[0]");
    });

    it("rejects an id that is both added and removed", () => {
      const error = catchError(() => resolveScopes({ add: ["read_tags"], remove: ["read_tags"] }));
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
      expect(error.message).toContain('"read_tags" is in both add and remove');
    });

    it("reports malformed structure before unknown ids", () => {
      const error = catchError(() => resolveScopes(untyped({ add: ["read_tagz", 7] })));
      expect(error.code).toBe("INVALID_SCOPE_SPEC");
    });
  });
});

describe("diffScopes", () => {
  it("finds missing and extra scopes, sorted", () => {
    expect(diffScopes("admin-level", ["write_tickets", "read_tags", "read_conversations"])).toEqual({
      missing: resolveScopes("admin-level").filter((id) => id !== "read_tags" && id !== "read_conversations"),
      extra: ["write_tickets"],
    });
  });

  it("is empty both ways for equal specs written differently", () => {
    expect(diffScopes("user-level", [...resolveScopes("user-level")].reverse())).toEqual({ missing: [], extra: [] });
  });

  it("spots over-privilege against a preset", () => {
    expect(diffScopes("user-level", "admin-level").missing).toEqual(["read_tickets"]);
    expect(diffScopes("user-level", "admin-level").extra).toHaveLength(14);
  });

  it("accepts { preset, add, remove } on either side", () => {
    expect(diffScopes({ preset: "user-level", remove: ["read_tickets"] }, "user-level")).toEqual({
      missing: [],
      extra: ["read_tickets"],
    });
  });

  it("validates both arguments", () => {
    expect(catchError(() => diffScopes(untyped(["nope_scope"]), "user-level")).code).toBe("UNKNOWN_SCOPE");
    expect(catchError(() => diffScopes("user-level", untyped(5))).code).toBe("INVALID_SCOPE_SPEC");
  });
});

describe("formatScopeChecklist", () => {
  it("markdown: the 5 user-level labels as checkboxes, with reasons and notes", () => {
    const md = formatScopeChecklist("user-level", { format: "markdown" });
    for (const label of SEED_USER_LEVEL) expect(md).toContain(`- [ ] **${label}** — `);
    expect(md.match(/^- \[ \] /gm)).toHaveLength(5);
    expect(md).toContain("Settings > Integrations > Developer Hub > your app > Authentication > Edit > Permissions");
    expect(md).toContain("Why: Read users and companies (including external users, i.e. contacts and accounts).");
    expect(md).toContain("### Notes");
    expect(md).toContain("conversations and tickets");
    expect(md).toContain("user-level preset, 5 permissions");
  });

  it("defaults to markdown", () => {
    expect(formatScopeChecklist("user-level")).toBe(formatScopeChecklist("user-level", { format: "markdown" }));
  });

  it("groups standard before extended, each in Developer Hub's order", () => {
    const md = formatScopeChecklist(["read_single_admin", "read_tags", "read_conversations", "update_admins"]);
    const standard = md.indexOf("### Standard permissions");
    const extended = md.indexOf("### Extended permissions");
    expect(standard).toBeGreaterThan(-1);
    expect(extended).toBeGreaterThan(standard);
    const order = ["Read tags", "Read conversations", "Read one admin", "Update admins"].map((l) =>
      md.indexOf(`**${l}**`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md.indexOf("**Read conversations**")).toBeLessThan(extended);
    expect(md.indexOf("**Read one admin**")).toBeGreaterThan(extended);
  });

  it("omits an empty group, reasons and notes for a plain list", () => {
    const md = formatScopeChecklist(["read_tags"]);
    expect(md).not.toContain("Extended permissions");
    expect(md).not.toContain("Why:");
    expect(md).not.toContain("Notes");
    expect(md).toContain("(1 permission)");
    expect(md).toContain("- [ ] **Read tags** — List the workspace's tags. (`read_tags`)");
  });

  it("text: plain lines with labels, ids, descriptions, reasons and notes", () => {
    const text = formatScopeChecklist("admin-level", { format: "text" });
    expect(text).not.toContain("**");
    expect(text).not.toContain("- [ ]");
    expect(text.match(/^ {2}\[ \] /gm)).toHaveLength(18);
    expect(text).toContain("  [ ] Read and List articles (read_articles_scope)");
    expect(text).toContain("Why: Update away mode for admins.");
    expect(text).toContain("Standard permissions:");
    expect(text).toContain("Extended permissions:");
    expect(text).toContain("Notes:");
    expect(text).toContain("admin-level preset, 18 permissions");
  });

  it("shows reasons only for the preset's own scopes when tailoring it", () => {
    const text = formatScopeChecklist({ preset: "user-level", add: ["write_tickets"] }, { format: "text" });
    expect(text).toContain("  [ ] Write tickets (write_tickets)\n      Create and update tickets.\n");
    expect(text).not.toMatch(/write_tickets\)\n.*\n\s+Why:/);
    expect(text.match(/Why:/g)).toHaveLength(5);
  });

  it("says so when there is nothing to tick", () => {
    expect(formatScopeChecklist([], { format: "text" })).toContain("No permissions.");
  });

  it("rejects an unknown format with INVALID_OPTIONS", () => {
    const error = catchError(() => formatScopeChecklist("user-level", { format: "html" as "text" }));
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.message).toContain('"markdown" or "text"');
  });

  it("validates the spec like resolveScopes", () => {
    expect(catchError(() => formatScopeChecklist(untyped(["Read tags"]))).code).toBe("UNKNOWN_SCOPE");
  });
});

describe("types", () => {
  it("ScopeId and ScopePresetName are literal unions", () => {
    expectTypeOf<"read_conversations">().toExtend<ScopeId>();
    expectTypeOf<"read_single_admin">().toExtend<ScopeId>();
    expectTypeOf<"read_tagz">().not.toExtend<ScopeId>();
    expectTypeOf<ScopeId>().not.toEqualTypeOf<string>();
    expectTypeOf<ScopePresetName>().toEqualTypeOf<"user-level" | "admin-level">();
  });

  it("resolveScopes keeps literal ids where it can", () => {
    expectTypeOf(resolveScopes(["read_tags", "read_conversations"] as const)).toEqualTypeOf<
      ("read_tags" | "read_conversations")[]
    >();
    expectTypeOf(resolveScopes(["read_tags", "read_conversations"])).toEqualTypeOf<
      ("read_tags" | "read_conversations")[]
    >();
    expectTypeOf(resolveScopes("user-level")).toEqualTypeOf<
      ("read_users_companies" | "read_single_user_company" | "read_conversations" | "read_tickets" | "read_admins")[]
    >();
    expectTypeOf(
      resolveScopes({ preset: "user-level", add: ["write_tickets"], remove: ["read_admins"] }),
    ).toEqualTypeOf<
      ("read_users_companies" | "read_single_user_company" | "read_conversations" | "read_tickets" | "write_tickets")[]
    >();
  });

  it("falls back to ScopeId[] for a wide spec", () => {
    const spec = "user-level" as ScopeSpec;
    expectTypeOf(resolveScopes(spec)).toEqualTypeOf<ScopeId[]>();
    const ids: ScopeId[] = ["read_tags"];
    expectTypeOf(resolveScopes(ids)).toEqualTypeOf<ScopeId[]>();
    // A remove list of unknown length cannot narrow the result.
    expectTypeOf(resolveScopes({ preset: "user-level", remove: ids })).toEqualTypeOf<
      ("read_users_companies" | "read_single_user_company" | "read_conversations" | "read_tickets" | "read_admins")[]
    >();
  });

  it("rejects bad ids and presets at compile time", () => {
    // @ts-expect-error -- not a preset
    expect(() => resolveScopes("owner-level")).toThrow(IntercomOAuthError);
    // @ts-expect-error -- a label is not an id
    expect(() => resolveScopes({ add: ["Read tags"] })).toThrow(IntercomOAuthError);
    // @ts-expect-error -- not an id
    expect(() => diffScopes(["read_tagz"], "user-level")).toThrow(IntercomOAuthError);
    expectTypeOf(isScopeId).guards.toEqualTypeOf<ScopeId>();
    expectTypeOf(findScope).returns.toEqualTypeOf<Scope | undefined>();
  });
});
