/** The package under test, plus a test-only tree listing (path → sha256) for comparing directories. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export * from "../src/index.ts";

export function listTreeForTest(root: string, sub: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const r = `${rel}/${name}`;
      if (statSync(join(root, r)).isDirectory()) walk(r);
      else
        out[r] = createHash("sha256")
          .update(readFileSync(join(root, r)))
          .digest("hex");
    }
  };
  walk(sub);
  return out;
}
