// The public types built on type-fest (issue 9): LiteralUnion for apiVersion and findScope, a
// Tagged WorkspaceId from getIdentity, Simplify for AccessTokenInput. Type assertions are checked
// by `tsc --noEmit` (npm test's typecheck covers test/); the runtime lines check the values behind
// them through the public API, against the stand-in. test/editor-types.test.ts asks the language
// service what an editor shows; test/package.test.ts checks the published declarations.
import type { LiteralUnion, Tagged } from "type-fest";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type AccessTokenInput,
  type ConnectedWorkspace,
  createIntercomOAuth,
  findScope,
  type IntercomIdentity,
  type IntercomOAuthOptions,
  type IntercomToken,
  type KnownVersion,
  SCOPES,
  type ScopeId,
  type ScopeLabel,
  type WorkspaceId,
} from "../src/index.js";
import { createIntercomStandIn, type StandInWorkspace } from "../src/testing/msw.js";

const clientId = "types-client";
const clientSecret = "types-client-secret-0123456789";

describe("regression: issue 9 — apiVersion is type-fest's LiteralUnion of the published versions", () => {
  it("takes a known version and any other string, and keeps the known ones as literals", () => {
    type ApiVersion = NonNullable<IntercomOAuthOptions["apiVersion"]>;
    expectTypeOf<ApiVersion>().toEqualTypeOf<LiteralUnion<KnownVersion, string>>();
    expectTypeOf<"2.14">().toExtend<ApiVersion>();
    expectTypeOf<"2.99-unreleased">().toExtend<ApiVersion>();
    expectTypeOf<string>().toExtend<ApiVersion>();
    // Not collapsed into `string`: the literals are still there for editors to suggest.
    expectTypeOf<Extract<ApiVersion, KnownVersion>>().toEqualTypeOf<KnownVersion>();
    expectTypeOf<ApiVersion>().not.toEqualTypeOf<string>();
    // @ts-expect-error: not a string
    const wrong: IntercomOAuthOptions = { clientId, clientSecret, apiVersion: 2.14 };
    expect(wrong).toBeDefined();
  });
});

describe("regression: issue 9 — findScope suggests ids and Developer Hub labels, and takes any string", () => {
  it("types its argument as LiteralUnion<ScopeId | ScopeLabel, string>", () => {
    expectTypeOf(findScope).parameter(0).toEqualTypeOf<LiteralUnion<ScopeId | ScopeLabel, string>>();
    expectTypeOf<"Read tags" | "Read and List articles" | "Gather App data">().toExtend<ScopeLabel>();
    expectTypeOf<"read_tags">().not.toExtend<ScopeLabel>();
    expectTypeOf<"read tags">().not.toExtend<ScopeLabel>();
  });

  it("lists every label of the catalogue, other labels included, and finds each", () => {
    const labels: ScopeLabel[] = SCOPES.flatMap((scope) => [
      scope.label,
      ...("otherLabels" in scope ? scope.otherLabels : []),
    ]);
    expect(labels).toHaveLength(SCOPES.length + 1);
    for (const label of labels) expect(findScope(label)?.label, label).toBeDefined();
    expect(findScope("read and list ARTICLES")?.id).toBe("read_articles_scope");
    expect(findScope("not a permission")).toBeUndefined();
  });
});

describe("regression: issue 9 — the workspace id from getIdentity is a Tagged WorkspaceId", () => {
  it("tags identity.workspace.id (and so onSuccess's), not the admin id", () => {
    expectTypeOf<WorkspaceId>().toEqualTypeOf<Tagged<string, "IntercomWorkspaceId">>();
    expectTypeOf<IntercomIdentity["workspace"]["id"]>().toEqualTypeOf<WorkspaceId>();
    expectTypeOf<ConnectedWorkspace["identity"]["workspace"]["id"]>().toEqualTypeOf<WorkspaceId>();
    expectTypeOf<IntercomIdentity["admin"]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<IntercomIdentity["admin"]["id"]>().not.toExtend<WorkspaceId>();
    expectTypeOf<string>().not.toExtend<WorkspaceId>();
  });

  it("goes wherever a string goes, the testing kit's inputs included", async () => {
    const standIn = createIntercomStandIn({ clientId, clientSecret, workspace: { id: "tagged01" } });
    const intercom = createIntercomOAuth({ clientId, clientSecret, fetch: standIn.fetch });
    const identity = await intercom.getIdentity(standIn.issueToken());
    const id = identity.workspace.id;
    expectTypeOf(id).toEqualTypeOf<WorkspaceId>();
    const asString: string = id;
    const seeded: StandInWorkspace = { id };
    // The tag is types only: at run time the id is the string Intercom sent.
    expect(typeof id).toBe("string");
    expect([asString, seeded.id, JSON.parse(JSON.stringify({ id })).id]).toEqual(["tagged01", "tagged01", "tagged01"]);
    const again = await intercom.getIdentity(standIn.issueToken({ workspace: seeded }));
    expect(again.workspace.id).toBe(id);
  });

  it("refuses an admin id or a plain string where your code asks for a WorkspaceId", async () => {
    const saved: WorkspaceId[] = [];
    const saveToken = (workspaceId: WorkspaceId) => saved.push(workspaceId);
    const standIn = createIntercomStandIn({ clientId, clientSecret });
    const intercom = createIntercomOAuth({ clientId, clientSecret, fetch: standIn.fetch });
    const { admin, workspace } = await intercom.getIdentity(standIn.issueToken());
    saveToken(workspace.id);
    // @ts-expect-error: the admin id is not the workspace id
    saveToken(admin.id);
    // @ts-expect-error: a plain string is not a WorkspaceId until you assert it
    saveToken("drzzt019");
    saveToken("drzzt019" as WorkspaceId); // read back from your own store
    expect(saved).toEqual([workspace.id, admin.id, "drzzt019", "drzzt019"]);
  });
});

describe("regression: issue 9 — AccessTokenInput reads as what it takes (Simplify)", () => {
  it("is a string or an object with accessToken, which an IntercomToken is", () => {
    expectTypeOf<AccessTokenInput>().toEqualTypeOf<string | { readonly accessToken: string }>();
    expectTypeOf<IntercomToken>().toExtend<AccessTokenInput>();
    expectTypeOf<{ accessToken: string }>().toExtend<AccessTokenInput>();
    expectTypeOf<{ token: string }>().not.toExtend<AccessTokenInput>();
  });
});
