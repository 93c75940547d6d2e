import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "scripts/test/**/*.test.ts"],
    // Real go, gcc and decompressors run inside tests; two cores here.
    testTimeout: 240_000,
    hookTimeout: 600_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
