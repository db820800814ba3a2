// Property-based tests: arbitrary input never throws anything but a documented IntercomOAuthError,
// never echoes a secret, and the round trips hold. Seeded, so a failure replays: set FC_SEED to rerun one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAuthorizationUrl,
  createSignedState,
  ERROR_CODES,
  IntercomOAuthError,
  parseCallback,
  REGIONS,
  verifySignedState,
} from "../src/index.js";

const seed = Number(process.env.FC_SEED ?? 20261129);
const runs = (numRuns: number) => ({ seed, numRuns, verbose: 1 as const });
const SECRET = "property-secret-0123456789abcdefXYZ";

/** Calls `fn`; anything thrown must be an IntercomOAuthError with a documented code, free of `secrets`. */
async function onlyDocumentedErrors(
  fn: () => unknown,
  secrets: string[] = [],
): Promise<IntercomOAuthError | undefined> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof IntercomOAuthError)) throw new Error(`threw a non-IntercomOAuthError: ${String(error)}`);
    expect(Object.keys(ERROR_CODES)).toContain(error.code);
    for (const secret of secrets.filter((s) => s.length >= 8)) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
    return error;
  }
}

const queryValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", "=", "%", "%ZZ", "a=b&c", "access_denied"),
);
// Codes carry a marker, so "never echoes the code" cannot be fooled by a code equal to other text.
const CODE_MARK = "c0DeMaRk";
const callbackInput = fc.oneof(
  fc.string({ unit: "binary" }),
  fc
    .record(
      {
        code: queryValue.map((v) => `${CODE_MARK}${v}`),
        state: queryValue,
        error: queryValue,
        error_description: queryValue,
      },
      { requiredKeys: [] },
    )
    .map((d) => `?${new URLSearchParams(d as Record<string, string>)}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

describe("parseCallback", () => {
  it("returns { code, state } or throws a documented error, never echoing the code", async () => {
    await fc.assert(
      fc.asyncProperty(callbackInput, fc.string(), async (input, expectedState) => {
        const error = await onlyDocumentedErrors(() => parseCallback(input, { expectedState }), [CODE_MARK]);
        if (error === undefined) {
          const result = parseCallback(input, { expectedState });
          expect(result.state).toBe(expectedState);
          expect(result.code.length).toBeGreaterThan(0);
        }
      }),
      runs(2000),
    );
  });
});

describe("verifySignedState", () => {
  it("rejects arbitrary strings with STATE_INVALID, STATE_EXPIRED or (empty) STATE_MISSING only, without echoing the secret", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.base64String().map((s) => `v1.${s}.${s}`),
        ),
        async (state) => {
          const error = await onlyDocumentedErrors(() => verifySignedState(state, { secret: SECRET }), [SECRET]);
          expect(error?.code).toMatch(state === "" ? /^STATE_MISSING$/ : /^STATE_(INVALID|EXPIRED)$/);
        },
      ),
      runs(1000),
    );
  });

  it("round-trips any small JSON data, and any single-character change breaks it", async () => {
    const data = fc.dictionary(
      fc.string({ maxLength: 10 }),
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(data, fc.nat(), async (payload, position) => {
        const state = await createSignedState({ secret: SECRET, ttlSeconds: 60, data: payload });
        const verified = await verifySignedState(state, { secret: SECRET });
        expect(verified.data).toEqual(payload);
        const i = position % state.length;
        const swapped = state[i] === "A" ? "B" : "A";
        const tampered = state.slice(0, i) + swapped + state.slice(i + 1);
        const error = await onlyDocumentedErrors(() => verifySignedState(tampered, { secret: SECRET }), [SECRET]);
        // Base64url's last character can carry unused bits; every other change must be caught.
        if (i < state.length - 1) expect(error?.code).toBe("STATE_INVALID");
      }),
      runs(300),
    );
  });
});

describe("createAuthorizationUrl", () => {
  it("round-trips client_id, state and redirect_uri through the URL, and never adds scope or PKCE", () => {
    const state = fc.string({
      minLength: 16,
      maxLength: 64,
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"),
    });
    const redirect = fc.webUrl({ validSchemes: ["https"], withQueryParameters: true }).filter((u) => !u.includes("#"));
    fc.assert(
      fc.property(
        fc.uuid(),
        state,
        fc.option(redirect, { nil: undefined }),
        fc.constantFrom(...REGIONS),
        (clientId, s, redirectUri, region) => {
          let result: ReturnType<typeof createAuthorizationUrl>;
          try {
            result = createAuthorizationUrl({ clientId, state: s, region, ...(redirectUri ? { redirectUri } : {}) });
          } catch (error) {
            // Some generated URLs are not acceptable Redirect URLs (user info, wildcards): that must be a documented refusal.
            expect(error).toBeInstanceOf(IntercomOAuthError);
            expect((error as IntercomOAuthError).code).toBe("INVALID_OPTIONS");
            return;
          }
          const parsed = new URL(result.url.href);
          expect(parsed.searchParams.get("client_id")).toBe(clientId);
          expect(parsed.searchParams.get("state")).toBe(s);
          expect(parsed.searchParams.get("redirect_uri")).toBe(redirectUri ?? null);
          for (const banned of ["scope", "code_challenge", "code_challenge_method", "response_type"]) {
            expect(parsed.searchParams.has(banned)).toBe(false);
          }
        },
      ),
      runs(1000),
    );
  });
});

// The config checks return issues; they must never throw, only use catalogued codes, and never print the secret.
const issueCodes = () => import("../src/config/index.js").then((m) => Object.keys(m.CONFIG_ISSUE_CODES));
const SECRET_MARK = "sEcReTmArK";

describe("config checks", () => {
  it("checkRedirectUri never throws on arbitrary strings and uses only catalogued codes", async () => {
    const { checkRedirectUri } = await import("../src/config/index.js");
    const codes = await issueCodes();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.webUrl({ withFragments: true, withQueryParameters: true }),
        ),
        (uri) => {
          for (const one of checkRedirectUri(uri)) {
            expect(codes).toContain(one.code);
            expect(["error", "warning"]).toContain(one.severity);
          }
        },
      ),
      runs(2000),
    );
  });

  it("checkCredentialShape never throws and never echoes the secret", async () => {
    const { checkCredentialShape } = await import("../src/config/index.js");
    const codes = await issueCodes();
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.string({ unit: "binary" }), (clientId, tail) => {
        const clientSecret = `${SECRET_MARK}${tail}`;
        for (const one of checkCredentialShape({ ...(clientId === undefined ? {} : { clientId }), clientSecret })) {
          expect(codes).toContain(one.code);
          expect(`${one.message} ${one.hint ?? ""}`).not.toContain(SECRET_MARK);
        }
      }),
      runs(2000),
    );
  });

  it("validateConfig never throws on arbitrary JSON and never echoes a literal or resolved secret", async () => {
    const { validateConfig } = await import("../src/config/index.js");
    const codes = await issueCodes();
    const secretValue = fc.string({ unit: "binary" }).map((s) => `${SECRET_MARK}${s}`);
    const configish = fc.record(
      {
        clientId: fc.oneof(fc.string(), fc.constant("env:ID"), fc.anything()),
        clientSecret: fc.oneof(secretValue, fc.constant("env:SECRET"), fc.anything()),
        redirectUris: fc.oneof(fc.array(fc.oneof(fc.webUrl(), fc.string())), fc.anything()),
        region: fc.oneof(fc.constantFrom("us", "eu", "au"), fc.anything()),
        scopes: fc.oneof(fc.constantFrom("user-level", "admin-level"), fc.array(fc.string()), fc.anything()),
        app: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(configish, fc.anything()), secretValue, (input, envSecret) => {
        const result = validateConfig(input, {
          env: { ID: "0f8fad5b-d9cb-469f-a165-70867728950e", SECRET: envSecret },
        });
        for (const one of result.issues) expect(codes).toContain(one.code);
        const printed =
          JSON.stringify(result) + result.issues.map((one) => `${one.message} ${one.hint ?? ""}`).join("\n");
        expect(printed).not.toContain(SECRET_MARK);
      }),
      runs(1000),
    );
  });
});
