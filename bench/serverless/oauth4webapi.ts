// The same serverless callback with oauth4webapi's authorization-code helpers.
import * as oauth from "oauth4webapi";

const api = process.env.BENCH_ORIGIN as string;
const redirectUri = process.env.BENCH_REDIRECT_URI as string;
const as: oauth.AuthorizationServer = {
  issuer: "https://app.intercom.com",
  authorization_endpoint: "https://app.intercom.com/oauth",
  token_endpoint: `${api}/auth/eagle/token`,
};
const client: oauth.Client = { client_id: process.env.BENCH_CLIENT_ID as string };
const clientAuth = oauth.ClientSecretPost(process.env.BENCH_CLIENT_SECRET as string);
const state = oauth.generateRandomState();
const authorize = new URL(as.authorization_endpoint as string);
authorize.searchParams.set("client_id", client.client_id);
authorize.searchParams.set("redirect_uri", redirectUri);
authorize.searchParams.set("state", state);
const callback = new URL(`${redirectUri}?code=${encodeURIComponent(process.env.BENCH_CODE as string)}&state=${state}`);
const params = oauth.validateAuthResponse(as, client, callback, state);
const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, oauth.nopkce, {
  [oauth.allowInsecureRequests]: true,
});
const result = await oauth.processAuthorizationCodeResponse(as, client, response);
if (result.access_token.length === 0) process.exit(1);
