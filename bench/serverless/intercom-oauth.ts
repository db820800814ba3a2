// The serverless callback with intercom-oauth: authorize URL, callback check, code exchange.
import { createIntercomOAuth } from "intercom-oauth";

const api = process.env.BENCH_ORIGIN as string;
const intercom = createIntercomOAuth({
  clientId: process.env.BENCH_CLIENT_ID as string,
  clientSecret: process.env.BENCH_CLIENT_SECRET as string,
  redirectUri: process.env.BENCH_REDIRECT_URI as string,
  baseUrls: { api },
});
const { state } = intercom.createAuthorizationUrl();
const callback = new URL(
  `${process.env.BENCH_REDIRECT_URI}?code=${encodeURIComponent(process.env.BENCH_CODE as string)}&state=${state}`,
);
const { code } = intercom.parseCallback(callback, { expectedState: state });
const token = await intercom.exchangeCode(code);
if (token.accessToken.length === 0) process.exit(1);
