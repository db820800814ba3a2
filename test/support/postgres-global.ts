// Vitest global setup for the mutation run (vitest.mutation.config.ts): one throwaway PostgreSQL
// cluster for every test file, handed over through INTERCOM_OAUTH_TEST_PG_URL, stopped at the end.
import { PG_URL_ENV, startPostgres } from "./postgres.js";

export default async function setup(): Promise<() => void> {
  if (process.env[PG_URL_ENV]) return () => {};
  const server = await startPostgres();
  process.env[PG_URL_ENV] = server.url;
  return () => {
    delete process.env[PG_URL_ENV];
    server.stop();
  };
}
