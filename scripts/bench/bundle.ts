/**
 * The bundle the installed bin runs (packages/cli/dist, scripts/build-bin.ts): built before the
 * bench, and checked for staleness the way packages/cli/bin/xsysgen.js checks it (any
 * packages/<pkg>/src/**.ts newer than dist/main.mjs makes the bin run the sources through tsx).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../lib/debian.ts";

const packagesDir = join(repoRoot, "packages");
const bundle = join(packagesDir, "cli", "dist", "main.mjs");

export function buildBin(): void {
  execFileSync(
    process.execPath,
    [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), join(repoRoot, "scripts/build-bin.ts")],
    { stdio: "ignore" },
  );
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function bundleIsFresh(): boolean {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return readdirSync(packagesDir).every((pkg) => {
    const src = join(packagesDir, pkg, "src");
    return !existsSync(src) || newestSource(src) <= built;
  });
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
  copyFileSync(join(packagesDir, "cli", "bin", "xsysgen.js"), join(cli, "bin", "xsysgen.js"));
  symlinkSync(join(packagesDir, "cli", "node_modules"), join(cli, "node_modules"));
  return join(cli, "bin", "xsysgen.js");
}
