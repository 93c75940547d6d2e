import { defineConfig } from "vitest/config";
import { testInclude, testTags } from "./scripts/lib/test-tiers.ts";

export default defineConfig({
  test: {
    include: testInclude,
    // `pnpm test:fast` leaves out the tests tagged with what the inner loop goes without (test-tiers.ts).
    tags: [...testTags],
    // Real go, gcc and decompressors run inside tests; two cores here.
    testTimeout: 240_000,
    hookTimeout: 600_000,
    pool: "forks",
    maxWorkers: 2,
    // A worker runs its test files one after another in one module graph: the workspace's modules (the
    // registry, the grammars) load once per worker instead of once per file, ~20 % of the CPU of the
    // short files. No test file may leave state behind for the next: a file restores what it changes
    // (process.env, the working directory) in afterAll.
    isolate: false,
    // Scratch directories (scripts/lib/scratch.ts) are removed when the test file that made them ends.
    setupFiles: ["scripts/lib/scratch-setup.ts"],
  },
});
