import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { buildRegistryFiles } from "../../../scripts/build-registry.ts";

// The committed TSV data and registry.generated.ts are exactly what `pnpm regen:registry` makes.
test("registry files regenerate without a difference", async () => {
  const files = await buildRegistryFiles();
  expect(files.size).toBeGreaterThan(10);
  for (const [path, text] of files) {
    expect(readFileSync(path, "utf8"), `${path} is stale: run pnpm regen:registry`).toBe(text);
  }
});
