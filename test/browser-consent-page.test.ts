// The stand-in's HTML consent page (`decision: "prompt"`, issue 11 §5) without a browser: what
// it holds, what its form may do, and every bad post. test/browser-connect.test.ts clicks it.
import { describe, expect, it } from "vitest";
import { createIntercomStandInCore } from "../src/testing/index.js";
import { caught } from "./support/expect-no-secrets.js";

const CLIENT_SECRET = "consent-page-secret-must-not-leak";
const REDIRECT = "http://localhost:3000/intercom/callback";
const US = "https://app.intercom.com/oauth";

function prompting(now: () => number = Date.now) {
  return createIntercomStandInCore({
    clientId: "page-client",
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT],
    workspace: { name: `<script>alert("x")</script> & Co` },
    decision: "prompt",
    codeTtlMs: 60_000,
    now,
  });
}

const authorizeUrl = (base = US, state = "state-value-xyz") =>
  `${base}?${new URLSearchParams({ client_id: "page-client", redirect_uri: REDIRECT, state })}`;

/** Opens the page and returns it with its ticket. */
async function open(standIn: ReturnType<typeof prompting>, base = US) {
  const response = await standIn.fetch(authorizeUrl(base));
  const html = await response.text();
  const ticket = /name="ticket" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { response, html, ticket };
}

const post = (standIn: ReturnType<typeof prompting>, fields: Record<string, string>, base = US) =>
  standIn.fetch(base, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

describe('stand-in decision: "prompt" — the consent page', () => {
  it("answers 200 HTML with Connect and Cancel, escaped, with no state, code or secret", async () => {
    const { response, html, ticket } = await open(prompting());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html).toContain('<button type="submit" name="decision" value="allow">Connect</button>');
    expect(html).toContain('<button type="submit" name="decision" value="deny">Cancel</button>');
    expect(html).toContain('<form method="post" action="/oauth">');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(html).not.toContain("<script>");
    expect(html).toContain("http://localhost:3000");
    for (const absent of ["state-value-xyz", CLIENT_SECRET, "code="]) expect(html).not.toContain(absent);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("keeps the page out of caches and frames; its form may post only to the stand-in and the Redirect URL", async () => {
    const { response } = await open(prompting());
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; form-action 'self' http://localhost:3000; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it("Connect: 303 to the Redirect URL with a code and the state; the code exchanges once", async () => {
    const standIn = prompting();
    const { ticket } = await open(standIn);
    const answer = await post(standIn, { ticket, decision: "allow" });
    expect(answer.status).toBe(303);
    const callback = new URL(answer.headers.get("location") ?? "");
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get("state")).toBe("state-value-xyz");
    const code = callback.searchParams.get("code") ?? "";
    const exchange = () =>
      standIn.fetch("https://api.intercom.io/auth/eagle/token", {
        method: "POST",
        body: new URLSearchParams({ code, client_id: "page-client", client_secret: CLIENT_SECRET }),
      });
    expect((await exchange()).status).toBe(200);
    expect((await exchange()).status).toBe(401);
  });

  it("Cancel: 303 to the Redirect URL with error=access_denied and the state, no code", async () => {
    const standIn = prompting();
    const { ticket } = await open(standIn);
    const callback = new URL((await post(standIn, { ticket, decision: "deny" })).headers.get("location") ?? "");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("state-value-xyz");
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("answers a second post of the same page 400 consent_expired: one page, one decision", async () => {
    const standIn = prompting();
    const { ticket } = await open(standIn);
    expect((await post(standIn, { ticket, decision: "deny" })).status).toBe(303);
    const again = await post(standIn, { ticket, decision: "allow" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('data-error-code="consent_expired"');
  });

  it.each([
    ["no ticket", { decision: "allow" }],
    ["an unknown ticket", { ticket: "A".repeat(32), decision: "allow" }],
  ])("answers %s 400 consent_expired, with no code", async (_, fields) => {
    const standIn = prompting();
    const answer = await post(standIn, fields);
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
    expect(await answer.text()).toContain('data-error-code="consent_expired"');
  });

  it("answers a bad decision 400 parameter_invalid and keeps the ticket for a good one", async () => {
    const standIn = prompting();
    const { ticket } = await open(standIn);
    for (const decision of ["", "yes", "ALLOW"]) {
      const answer = await post(standIn, { ticket, decision });
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('data-error-field="decision"');
    }
    expect((await post(standIn, { ticket, decision: "allow" })).status).toBe(303);
  });

  it("refuses a page older than codeTtlMs", async () => {
    let clock = 1_767_225_600_000;
    const standIn = prompting(() => clock);
    const { ticket } = await open(standIn);
    clock += 60_000;
    expect((await post(standIn, { ticket, decision: "allow" })).status).toBe(400);
  });

  it("refuses a page opened on one region's host and posted to another's", async () => {
    const standIn = prompting();
    const { ticket } = await open(standIn, US);
    expect((await post(standIn, { ticket, decision: "allow" }, "https://app.eu.intercom.com/oauth")).status).toBe(400);
  });

  it("reset() forgets open pages", async () => {
    const standIn = prompting();
    const { ticket } = await open(standIn);
    standIn.reset();
    expect((await post(standIn, { ticket, decision: "allow" })).status).toBe(400);
  });

  it("lets a queued decision win over the prompt: 302 straight to the callback", async () => {
    const standIn = prompting();
    standIn.nextDecision("deny");
    const response = await standIn.fetch(authorizeUrl(), { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("error")).toBe("access_denied");
    expect((await standIn.fetch(authorizeUrl())).status).toBe(200);
  });

  it("shows the usual 400 page, not a consent page, for an unregistered redirect_uri", async () => {
    const standIn = prompting();
    const url = `${US}?${new URLSearchParams({ client_id: "page-client", redirect_uri: "https://evil.example/cb" })}`;
    const response = await standIn.fetch(url);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("ticket");
  });

  it("answers PUT on the authorize path 405 with Allow: GET, POST", async () => {
    const response = await prompting().fetch(US, { method: "PUT" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });

  it("makes consent(url) ask for an explicit decision on a prompting stand-in", async () => {
    const standIn = prompting();
    const error = await caught(() => standIn.consent(authorizeUrl()));
    expect(error).toMatchObject({ code: "INVALID_OPTIONS" });
    expect((error as Error).message).toContain('pass { decision: "allow" }');
    expect(standIn.consent(authorizeUrl(), { decision: "allow" }).searchParams.has("code")).toBe(true);
  });

  it("refuses an unknown decision option, naming the three values", async () => {
    const error = await caught(() =>
      createIntercomStandInCore({ clientId: "a", clientSecret: "b", decision: "maybe" as unknown as "prompt" }),
    );
    expect(error).toMatchObject({ code: "INVALID_OPTIONS" });
    expect((error as Error).message).toContain('decision must be "allow", "deny" or "prompt"');
  });
});
