// Issue 11 §5: the whole connect flow in a real browser. The app on http://localhost:PORT, the
// stand-in Intercom on http://127.0.0.1:PORT2 (two sites), its HTML consent page clicked in
// headless Chromium. The state cookie must survive the cross-site redirect back, and a missing
// or replayed callback must be refused.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConnectedWorkspace, createIntercomOAuth, type IntercomOAuthHandlers } from "../src/index.js";
import { createIntercomStandInCore, type IntercomStandInCore } from "../src/testing/index.js";
import { launchChromium, serveWeb } from "./support/browser.js";
import { encodedForms } from "./support/expect-no-secrets.js";

const CLIENT_ID = "browser-client-id";
const CLIENT_SECRET = "browser-client-secret-must-not-leak";
const SIGNING_SECRET = "browser-signing-secret-must-not-leak-0123456789";
const COOKIE = "__Host-intercom_oauth_state";
const MODES = ["cookie", "signed"] as const;
type Mode = (typeof MODES)[number];

let browser: Browser | undefined;
let standIn: IntercomStandInCore;
let app: { origin: string; close(): Promise<void> } | undefined;
let intercom: { origin: string; close(): Promise<void> } | undefined;
const handlers = new Map<Mode, IntercomOAuthHandlers>();
const tokens: string[] = [];
/** Every callback URL the app received, as the browser sent it. */
const callbacks: string[] = [];
/** For each callback, whether the browser sent the state cookie with it. */
const cookieSent: boolean[] = [];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  new Response(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
    {
      headers: { "content-type": "text/html; charset=utf-8" },
    },
  );

async function appHandle(request: Request): Promise<Response> {
  const { pathname, searchParams } = new URL(request.url);
  const [, mode, action] = pathname.split("/") as [string, Mode, string];
  const flow = handlers.get(mode);
  if (flow === undefined) return new Response("not found", { status: 404 });
  if (action === "") return page("Settings", `<a href="/${mode}/connect">Connect intercom</a>`);
  if (action === "connect") return flow.start(request);
  if (action === "callback") {
    callbacks.push(request.url);
    cookieSent.push((request.headers.get("cookie") ?? "").includes(`${COOKIE}=`));
    return flow.callback(request);
  }
  if (action === "connected")
    return page("Connected", `<h1>Connected ${escapeHtml(searchParams.get("workspace") ?? "?")}</h1>`);
  return new Response("not found", { status: 404 });
}

beforeAll(async () => {
  // Servers first (ports decide the URLs), then the clients and the stand-in that delegate to them.
  intercom = await serveWeb(
    (port) => `http://127.0.0.1:${port}`,
    (request) => standIn.handle(request),
  );
  app = await serveWeb((port) => `http://localhost:${port}`, appHandle);
  const baseUrls = { app: intercom.origin, api: intercom.origin };
  standIn = createIntercomStandInCore({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: MODES.map((mode) => `${app?.origin}/${mode}/callback`),
    workspace: { id: "ws_browser", name: "Browser <b>Co</b>" },
    baseUrls,
    decision: "prompt",
  });
  for (const mode of MODES) {
    const client = createIntercomOAuth({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${app.origin}/${mode}/callback`,
      baseUrls,
    });
    const onSuccess = ({ token, identity }: ConnectedWorkspace) => {
      tokens.push(token.accessToken);
      const to = `/${mode}/connected?workspace=${encodeURIComponent(identity.workspace.name ?? "")}`;
      return new Response(null, { status: 303, headers: { location: to } });
    };
    handlers.set(
      mode,
      mode === "signed"
        ? client.handlers({ signingSecret: SIGNING_SECRET, onSuccess })
        : client.handlers({ onSuccess }),
    );
  }
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  // Every path: whatever started is stopped, the browser first (it holds connections open).
  await browser?.close();
  await Promise.all([app?.close(), intercom?.close()]);
});

/** Opens the app's settings page in a fresh browser profile and clicks "Connect intercom". */
async function toConsent(mode: Mode): Promise<{ context: BrowserContext; tab: Page }> {
  const context = await (browser as Browser).newContext();
  const tab = await context.newPage();
  await tab.goto(`${app?.origin}/${mode}/`);
  await tab.getByText("Connect intercom").click();
  await tab.waitForURL(`${intercom?.origin}/oauth?**`);
  await expect(tab.locator("[data-consent-page]").isVisible()).resolves.toBe(true);
  return { context, tab };
}

function expectSecretFree(text: string): void {
  for (const secret of [CLIENT_SECRET, SIGNING_SECRET]) {
    for (const form of encodedForms(secret)) expect(text).not.toContain(form);
  }
}

// A browser under a loaded CI machine: a minute per test, not the suite's 20 s.
describe("headless Chromium: connect through the stand-in's consent page", { timeout: 60_000 }, () => {
  it.each(MODES)("%s mode: Connect intercom → Connect → the app's success page", async (mode) => {
    const { context, tab } = await toConsent(mode);
    try {
      const html = await tab.content();
      expectSecretFree(html);
      // The workspace name is shown escaped: its <b> is text, not markup.
      await expect(tab.locator("[data-workspace]").textContent()).resolves.toBe("Browser <b>Co</b>");
      const cookies = await context.cookies(app?.origin);
      if (mode === "cookie") {
        // Chromium kept the __Host- cookie although the app is plain http: localhost is a secure context.
        expect(cookies).toEqual([
          expect.objectContaining({ name: COOKIE, secure: true, httpOnly: true, sameSite: "Lax", path: "/" }),
        ]);
      } else {
        expect(cookies).toEqual([]);
      }
      const before = callbacks.length;
      await tab.getByRole("button", { name: "Connect" }).click();
      await tab.waitForURL(`${app?.origin}/${mode}/connected?**`);
      await expect(tab.locator("h1").textContent()).resolves.toBe("Connected Browser <b>Co</b>");
      expect(callbacks.length).toBe(before + 1);
      expect(new URL(callbacks.at(-1) as string).searchParams.has("code")).toBe(true);
      // The cookie crossed the cross-site hop back (127.0.0.1 → localhost, a POST then a 303 GET).
      expect(cookieSent.at(-1)).toBe(mode === "cookie");
      expect(standIn.tokenState(tokens.at(-1) as string)).toBe("active");
      // The callback cleared the cookie.
      expect(await context.cookies(app?.origin)).toEqual([]);

      // A second tab replays the callback URL: refused, and no second token is issued.
      const exchanges = standIn.counts.token;
      const tokensBefore = tokens.length;
      const replay = await context.newPage();
      const answer = await replay.goto(callbacks.at(-1) as string);
      // 400 for the missing cookie; 502 for Intercom's refusal (defaultOnError's status for Intercom-side errors).
      expect(answer?.status()).toBe(mode === "cookie" ? 400 : 502);
      // Cookie mode: the state cookie is gone, so no exchange is tried. Signed mode: the signed
      // state still verifies (it is not single-use, docs/flow.md); Intercom's used code is refused.
      const refusal = mode === "cookie" ? "STATE_MISSING" : "INVALID_GRANT";
      await expect(replay.locator("body").textContent()).resolves.toContain(`Connecting Intercom failed (${refusal})`);
      expect(standIn.counts.token).toBe(exchanges + (mode === "cookie" ? 0 : 1));
      expect(tokens.length).toBe(tokensBefore);
      expectSecretFree(await replay.content());
    } finally {
      await context.close();
    }
  });

  it.each(MODES)("%s mode: Cancel shows the deny path", async (mode) => {
    const { context, tab } = await toConsent(mode);
    try {
      const exchanges = standIn.counts.token;
      await tab.getByRole("button", { name: "Cancel" }).click();
      await tab.waitForURL(`${app?.origin}/${mode}/callback?**`);
      const url = new URL(tab.url());
      expect(url.searchParams.get("error")).toBe("access_denied");
      expect(url.searchParams.has("code")).toBe(false);
      await expect(tab.locator("body").textContent()).resolves.toContain("Connecting Intercom failed (ACCESS_DENIED)");
      expect(standIn.counts.token).toBe(exchanges);
    } finally {
      await context.close();
    }
  });

  it("refuses a callback in a browser without the state cookie (cookie mode): STATE_MISSING, no exchange", async () => {
    const { context, tab } = await toConsent("cookie");
    try {
      await context.clearCookies();
      const exchanges = standIn.counts.token;
      await tab.getByRole("button", { name: "Connect" }).click();
      await tab.waitForURL(`${app?.origin}/cookie/callback?**`);
      await expect(tab.locator("body").textContent()).resolves.toContain("Connecting Intercom failed (STATE_MISSING)");
      expect(standIn.counts.token).toBe(exchanges);
    } finally {
      await context.close();
    }
  });

  it("answers a second post of the same consent page with an error page, not a second code", async () => {
    const { context, tab } = await toConsent("signed");
    try {
      const form = await tab.locator("input[name=ticket]").getAttribute("value");
      await tab.getByRole("button", { name: "Cancel" }).click();
      await tab.waitForURL(`${app?.origin}/signed/callback?**`);
      const again = await context.request.post(`${intercom?.origin}/oauth`, {
        form: { ticket: form ?? "", decision: "allow" },
        maxRedirects: 0,
      });
      expect(again.status()).toBe(400);
      expect(await again.text()).toContain('data-error-code="consent_expired"');
    } finally {
      await context.close();
    }
  });
});
