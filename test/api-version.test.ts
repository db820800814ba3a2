// apiVersion: the published versions autocomplete, any sendable string is sent as is, and
// only what cannot be a header value is refused (issue 8, intercom-facts §4).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LiteralUnion } from "type-fest";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createIntercomOAuth,
  DEFAULT_API_VERSION,
  type IntercomOAuthOptions,
  IntercomOAuthError,
  type KnownVersion,
} from "../src/index.js";
import { expectNoSecrets } from "./support/expect-no-secrets.js";

const SECRET = "cs_api_version_0123456789_SECRET";
const TOKEN = "dG9rOmFwaS12ZXJzaW9uLXRlc3QtdG9rZW4=";
const ME = {
  type: "admin",
  id: "1",
  email: "ada@example.com",
  name: "Ada",
  email_verified: true,
  app: { type: "app", id_code: "abc123", name: "Acme", region: "US", timezone: "UTC" },
};

let server: Server;
let api: string;
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const version = request.headers["intercom-version"];
    seen.push(Array.isArray(version) ? version[0] : version);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(ME));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function sentVersion(apiVersion?: string): Promise<string | undefined> {
  const client = createIntercomOAuth({
    clientId: "cid",
    clientSecret: SECRET,
    baseUrls: { api },
    ...(apiVersion === undefined ? {} : { apiVersion }),
  });
  seen.length = 0;
  await client.getIdentity(TOKEN);
  return seen[0];
}

describe("regression: issue 8 — apiVersion accepts any version Intercom may publish", () => {
  it("is typed as the known versions plus any string, so editors autocomplete the known ones", () => {
    expectTypeOf<IntercomOAuthOptions["apiVersion"]>().toEqualTypeOf<LiteralUnion<KnownVersion, string> | undefined>();
    expectTypeOf<"1.0" | "1.4" | "2.0" | "2.14" | "2.17" | "Preview" | "Unstable">().toExtend<KnownVersion>();
    expectTypeOf<"1.5">().not.toExtend<KnownVersion>();
    expectTypeOf<"2.18">().not.toExtend<KnownVersion>();
    expectTypeOf<"unstable">().not.toExtend<KnownVersion>();
    // A version this package does not know still type-checks.
    const options: IntercomOAuthOptions = { clientId: "cid", clientSecret: SECRET, apiVersion: "2.99" };
    expectTypeOf(options.apiVersion).toEqualTypeOf<LiteralUnion<KnownVersion, string> | undefined>();
  });

  it("still sends 2.14 by default", async () => {
    expect(DEFAULT_API_VERSION).toBe("2.14");
    expect(await sentVersion()).toBe("2.14");
  });

  it.each(["2.17", "Unstable", "Preview", "1.0", "2.99", "3.0-beta+build.7", "v3/experimental", "Versión-2"])(
    "sends %j as is, never refusing an unknown version client-side",
    async (version) => {
      expect(await sentVersion(version)).toBe(version);
    },
  );

  it.each([
    ["empty", ""],
    ["leading space", " 2.14"],
    ["trailing newline", "2.14\n"],
    ["inner space", "2 14"],
    ["tab", "2.14\t"],
    ["NUL", "2.14\u0000"],
    ["DEL", "2.14\u007f"],
    ["C1 control", "2.14\u0085"],
    ["no-break space", "2.14\u00a0"],
    ["line separator", "2.14\u2028"],
    ["beyond Latin-1", "版本"],
  ])("refuses a value that cannot be a header (%s) with INVALID_OPTIONS", (_name, apiVersion) => {
    let error: unknown;
    try {
      createIntercomOAuth({ clientId: "cid", clientSecret: SECRET, apiVersion });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IntercomOAuthError);
    expect((error as IntercomOAuthError).code).toBe("INVALID_OPTIONS");
    expect((error as IntercomOAuthError).problems).toEqual([expect.stringMatching(/^apiVersion /)]);
    expectNoSecrets(error, [SECRET]);
  });
});
