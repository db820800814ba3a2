// The free names that the examples in README.md and docs/ use, declared for
// test/docs-examples.test.ts only. tsconfig.json excludes this file, so that these
// globals never reach the project's own code and tests.
// Keep it small: an example that can declare what it uses in a line or two should.

/** The client of docs/flow.md step 1. */
declare const intercom: import("intercom-oauth").IntercomOAuthClient;
/** The code from the callback. */
declare const code: string;
/** What `exchangeCode` returned. */
declare const token: import("intercom-oauth").IntercomToken;
/** A stored token. */
declare const accessToken: string;
/** What `getIdentity` returned. */
declare const admin: import("intercom-oauth").IntercomIdentity["admin"];
declare const workspace: import("intercom-oauth").IntercomIdentity["workspace"];
/** The request Intercom's redirect brought to your callback route. */
declare const callbackRequest: Request;
/** An authorize URL built by the client. */
declare const authorizeUrl: URL;
/** The stand-in of docs/testing.md's setup. */
declare const standIn: import("intercom-oauth/testing/msw").IntercomStandIn;
/** A test's fake clock, in Unix milliseconds. */
declare let clock: number;
/** The reader's own database, secret store and tenancy. */
declare const db: {
  intercomConnections: {
    upsert(row: { workspaceId: string; accessToken: string; connectedBy: string }): Promise<void>;
  };
  saveWorkspace(tenantId: string, workspaceId: string, encryptedToken: string): Promise<void>;
};
declare function encrypt(plaintext: string): string;
declare function tenantOf(request: Request): string;
/** The OAuth handlers and webhook handlers of docs/frameworks.md's setup. */
declare const start: (request: Request) => Promise<Response>;
declare const callback: (request: Request) => Promise<Response>;
declare const hooks: import("intercom-oauth").IntercomWebhookHandlers;
