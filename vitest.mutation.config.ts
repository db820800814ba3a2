import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// The test files that StrykerJS runs against each mutant (npm run mutation; docs/quality.md): the
// ones that exercise the security-critical modules in-process. Tests of the built package, the
// CLI binary, the docs, types and the browser run on dist/ or only compile, so they cannot see a
// mutant of src/ and would only slow every run.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Globs by prefix, so that a new test file of a module (state-*.test.ts, webhooks-*.test.ts,
    // connections-*.test.ts, …) is picked up without an edit here.
    include: [
      "test/{authorize,api-version,body-limits,disconnect,flow,identity,identity-check,redirects,retry-after,revoke,timeout-cancel,verify-credentials,properties}.test.ts",
      "test/{state,handlers,callback,exchange,http,error,errors,intercom-error,secret,redact,regions}*.test.ts",
      "test/{config-redirect-uri,config-placeholders,config-validate,redirect-uri}*.test.ts",
      "test/{webhooks,connections,sealer,sql,lifecycle-postgres}*.test.ts",
    ],
    // It bundles src/connections from disk, and would see StrykerJS's instrumented copies.
    exclude: [...(base.test?.exclude ?? []), "test/connections-entry.test.ts"],
    // One PostgreSQL cluster for the whole run, instead of one per test file and mutant.
    globalSetup: ["test/support/postgres-global.ts"],
    coverage: { enabled: false },
    // Modules stay loaded between test files and mutants: StrykerJS switches mutants at run
    // time, so only static mutants (module-level code) would need a reload, and those are
    // ignored (stryker.config.mjs).
    isolate: false,
  },
});
