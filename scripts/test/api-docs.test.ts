/**
 * The API reference (`pnpm docs:api`, TypeDoc over packages/xsysgen/src/api.ts) generates, and
 * every function, class, interface, constant and type alias the package exports has a TSDoc comment:
 * packages/xsysgen/typedoc.json treats a missing one as an error.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../lib/debian.ts";
import { scratchDir } from "../lib/scratch.ts";

describe("pnpm docs:api", () => {
  it("generates the reference with every public function, class, interface, constant and type alias documented", () => {
    const out = scratchDir();
    const typedoc = join(repoRoot, "node_modules/typedoc/bin/typedoc");
    const r = spawnSync(
      process.execPath,
      [typedoc, "--options", "packages/xsysgen/typedoc.json", "--out", out, "--logLevel", "Warn"],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const page of [
      "index.html",
      "functions/generate.html",
      "functions/check.html",
      "interfaces/GenerateOptions.html",
      "functions/getTable.html",
      "classes/InputError.html",
    ]) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
  });
});
