import { defineConfig } from "vitest/config";

// Type-level tests (expectTypeOf) are checked by `tsc --noEmit`, which covers test/.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
