import { defineConfig } from "vitest/config";

// Type-level tests (expectTypeOf) are checked by `tsc --noEmit`, which covers test/.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    coverage: {
      // The gate of issue 5: `vitest run --coverage` (npm test) fails below these totals for src/.
      provider: "v8",
      include: ["src/**"],
      // Files with no runtime code: re-exports and type declarations only.
      exclude: ["src/**/index.ts", "src/testing/types.ts"],
      thresholds: { lines: 95, branches: 90 },
      reporter: ["text-summary"],
    },
  },
});
