/**
 * The bundle the installed bin runs (packages/cli/dist, scripts/build-bin.ts): built before the
 * bench, and checked for staleness with the bin's own test (packages/cli/bin/bundle-freshness.js).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { freshBundle } from "../../packages/cli/bin/bundle-freshness.js";
import { repoRoot } from "../lib/debian.ts";

const packagesDir = join(repoRoot, "packages");

export function buildBin(): void {
  execFileSync(
    process.execPath,
    [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), join(repoRoot, "scripts/build-bin.ts")],
    { stdio: "ignore" },
  );
}

/** Whether the repository's bin runs the bundle (not the sources through tsx), as the bin decides it. */
export function bundleIsFresh(): boolean {
  return freshBundle(join(packagesDir, "cli")) !== undefined;
}

/**
 * A copy of the bin and its bundle under `dir` (node_modules linked to packages/cli's), as an
 * installed package would have them: the bin finds no sources next to it, so an edit to the
 * working tree during a long run cannot send it to the tsx fallback. Returns the bin's path.
 */
export function installedCopy(dir: string): string {
  const cli = join(dir, "packages", "cli");
  mkdirSync(join(cli, "bin"), { recursive: true });
  cpSync(join(packagesDir, "cli", "dist"), join(cli, "dist"), { recursive: true });
  for (const file of ["xsysgen.js", "bundle-freshness.js", "run-bundle.js"])
    copyFileSync(join(packagesDir, "cli", "bin", file), join(cli, "bin", file));
  symlinkSync(join(packagesDir, "cli", "node_modules"), join(cli, "node_modules"));
  return join(cli, "bin", "xsysgen.js");
}
