/**
 * The two test tiers, in one place for vitest.config.ts and scripts/test.ts. `pnpm test` runs every
 * test; `pnpm test:fast` leaves out those tagged with what the inner loop goes without. A test file's
 * header comment tags all of its tests (` * @module-tag go`, one line per tag, as vitest reads it); a
 * `describe` or test tags its own (`{ tags: ["go"] }`). Untagged tests need only Node, the repository
 * and the system tools install.sh sets up (xz, zstd, rpm, chromium, gcc -E as an oracle): they run on a
 * fresh clone with no network.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "./debian.ts";

/** vitest's tag definitions (`test.tags`); a tag not listed here is an error in a test. */
export const testTags = [
  {
    name: "network",
    description:
      "reads inputs downloaded from a registry (Debian, the Go module proxy, npm, PyPI, crates.io) into .cache/, " +
      "fetched when missing, or asks a registry",
  },
  { name: "go", description: "runs the go command: build, vet, list, mod, run" },
  { name: "gcc", description: "compiles or links with gcc or g++ (a gcc -E oracle alone is not tagged)" },
] as const;

/** What `pnpm test:fast` leaves out. */
export const slowTags: readonly string[] = testTags.map((t) => t.name);

/** vitest's --tags-filter for the fast tier. */
export const fastTagsFilter = slowTags.map((t) => `!${t}`).join(" && ");

/** The test files vitest runs (its `include`). */
export const testInclude = ["packages/*/test/**/*.test.ts", "scripts/test/**/*.test.ts"];

/** vitest's own reading of a file's module tags (`// @module-tag x` or ` * @module-tag x`). */
const moduleTag = /(\/\/|\*)\s*@module-tag\s+([\w\-/]+)\b/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : testFiles(path);
    return e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Test files (relative to the repository) whose module tags include any of `tags`. */
export function filesWithModuleTag(tags: readonly string[]): string[] {
  const packages = readdirSync(join(repoRoot, "packages")).map((pkg) => join(repoRoot, "packages", pkg, "test"));
  const files = [...packages.filter((dir) => existsSync(dir)), join(repoRoot, "scripts", "test")].flatMap(testFiles);
  return files
    .filter((file) => [...readFileSync(file, "utf8").matchAll(moduleTag)].some((m) => tags.includes(m[2] as string)))
    .map((file) => relative(repoRoot, file))
    .sort();
}
