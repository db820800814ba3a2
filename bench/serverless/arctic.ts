// The same serverless callback with arctic's generic OAuth2Client.
import { OAuth2Client, generateState } from "arctic";

const api = process.env.BENCH_ORIGIN as string;
const redirectUri = process.env.BENCH_REDIRECT_URI as string;
const client = new OAuth2Client(
  process.env.BENCH_CLIENT_ID as string,
  process.env.BENCH_CLIENT_SECRET as string,
  redirectUri,
);
const state = generateState();
client.createAuthorizationURL("https://app.intercom.com/oauth", state, []);
const callback = new URL(`${redirectUri}?code=${encodeURIComponent(process.env.BENCH_CODE as string)}&state=${state}`);
// arctic leaves the state check to the caller.
if (callback.searchParams.get("state") !== state) process.exit(1);
const tokens = await client.validateAuthorizationCode(
  `${api}/auth/eagle/token`,
  callback.searchParams.get("code") as string,
  null,
);
if (tokens.accessToken().length === 0) process.exit(1);
