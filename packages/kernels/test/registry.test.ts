/**
 * Regenerate-and-diff: `pnpm regen:registry` reproduces every committed registry file byte for byte
 * from its inputs — kernel-data (../shared/kernel-data beside the clone, as CI lays it out) and the
 * Debian packages, golang.org/x/sys modules and PyPI system-calls wheel it downloads into
 * .cache/registry. This is the one test that reads kernel-data; a clone without it skips it.
 */
import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { buildRegistryFiles } from "../../../scripts/build-registry.ts";
import { kernelDataRoot } from "../../../scripts/registry/inputs.ts";

test.skipIf(!existsSync(kernelDataRoot()))(
  "registry files regenerate from their pinned inputs without a difference",
  async () => {
    const files = await buildRegistryFiles();
    expect(files.size).toBe(22);
    for (const [path, text] of files) {
      expect(readFileSync(path, "utf8"), `${path} is stale: run pnpm regen:registry`).toBe(text);
    }
  },
  1_200_000,
);
