/**
 * The installed `xsysgen` as another user sees it. The permission tests run the CLI as `nobody`
 * (root reads and writes through any mode), and `nobody` cannot reach a checkout under a 0700
 * directory (`/root/xsysgen`, any mkdtemp directory): the bin, its bundle and the packages the bundle
 * loads at run time are copied once per test file into a world-readable scratch directory, laid out
 * as in the checkout (packages/cli/{bin,dist,node_modules}), and run from there. The bundle is the
 * workspace's own (scripts/build-bin.ts), rebuilt first when a source is newer than it; the node
 * binary is copied too when `nobody` cannot run this one.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { freshBundle } from "../bin/bundle-freshness.js";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { binExternals } from "../../../scripts/lib/esbuild.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const cliDir = join(repoRoot, "packages", "cli");

/** `setpriv` arguments that run a command as `nobody`. */
export const asNobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"];

/** A package's directory as `from` would resolve `name`, or undefined. */
function packageDir(name: string, from: string): string | undefined {
  const paths = createRequire(join(from, "package.json")).resolve.paths(name) ?? [];
  const found = paths.map((p) => join(p, name)).find((p) => existsSync(join(p, "package.json")));
  return found === undefined ? undefined : realpathSync(found);
}

/** Copies the package at `src` to `dest`, and what it depends on into `dest/node_modules`, nested. */
function copyPackage(src: string, dest: string, chain: readonly string[]): void {
  cpSync(src, dest, { recursive: true, dereference: true, filter: (p) => basename(p) !== "node_modules" || p === src });
  const manifest = JSON.parse(readFileSync(join(src, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    const dir = packageDir(name, src);
    if (dir === undefined || chain.includes(dir)) continue;
    copyPackage(dir, join(dest, "node_modules", name), [...chain, dir]);
  }
}

/** Directories 0755, files readable by all (executables stay executable). */
function openUp(path: string): void {
  const stats = statSync(path);
  if (stats.isDirectory()) {
    chmodSync(path, 0o755);
    for (const name of readdirSync(path)) openUp(join(path, name));
  } else {
    chmodSync(path, (stats.mode & 0o111) !== 0 ? 0o755 : 0o644);
  }
}

/** The bundle to copy: the workspace's when fresh, else one built for this copy (removed after). */
function bundleDir(): { dir: string; built: boolean } {
  if (freshBundle(cliDir) !== undefined) return { dir: join(cliDir, "dist"), built: false };
  const name = `dist-reachable-${process.pid}`;
  execFileSync(process.execPath, [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/build-bin.ts", name], {
    cwd: repoRoot,
    stdio: "ignore",
  });
  return { dir: join(cliDir, name), built: true };
}

/** The copy the current test file made: a scratch directory, removed when the file ends. */
let copy: readonly string[] | undefined;

/** `node <bin>` of the world-readable copy: prefix the CLI's arguments with it. */
export function reachableXsysgen(): readonly string[] {
  if (copy !== undefined && existsSync(copy[1] as string)) return copy;
  const root = scratchDir("reachable");
  const cli = join(root, "packages", "cli");
  cpSync(join(cliDir, "bin"), join(cli, "bin"), { recursive: true });
  const bundle = bundleDir();
  try {
    cpSync(bundle.dir, join(cli, "dist"), { recursive: true });
  } finally {
    if (bundle.built) rmSync(bundle.dir, { recursive: true, force: true });
  }
  for (const name of binExternals) {
    const dir = packageDir(name, cliDir);
    if (dir === undefined) throw new Error(`${name}: not installed in ${cliDir}`);
    copyPackage(dir, join(cli, "node_modules", name), [dir]);
  }
  let node = process.execPath;
  if (spawnSync(asNobody[0] as string, [...asNobody.slice(1), node, "-e", "0"]).status !== 0) {
    node = join(root, "node");
    copyFileSync(process.execPath, node);
  }
  openUp(root);
  copy = [node, join(cli, "bin", "xsysgen.js")];
  return copy;
}
