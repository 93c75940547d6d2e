import { availableParallelism } from "node:os";
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
    // One worker more than cores: each waits part of its time on go's linker, gcc, xz, npm and the
    // network. On the 2-core CI machine three workers took `pnpm test` from 239 to 214 s on the same
    // clone, for the same CPU; more load each worker's module graph again for little.
    maxWorkers: Math.min(availableParallelism() + 1, 8),
    // A worker runs its test files one after another in one module graph: the workspace's modules (the
    // registry, the grammars) load once per worker instead of once per file, ~20 % of the CPU of the
    // short files. No test file may leave state behind for the next: a file restores what it changes
    // (process.env, the working directory) in afterAll.
    isolate: false,
    // Scratch directories (scripts/lib/scratch.ts) are removed when the test file that made them ends.
    setupFiles: ["scripts/lib/scratch-setup.ts"],
  },
});
