/**
 * The Node.js lines the published package supports, the one place that says so: `engines` in
 * packages/xsysgen/package.json and the workspace's package.json is rendered from this table
 * (scripts/test/node-lines.test.ts compares them), and that test runs the packed package on a
 * binary of each line.
 *
 * Each line is claimed from its `floor` (within a line Node keeps to semver, so later releases of
 * it stay compatible); the test runs `tested`, the newest release of the line when it was pinned.
 * 20's floor is the API level the sources are typed against (@types/node ^20.19); the odd lines
 * (21, 23, 25: six months of support each) and lines after 26 are not claimed until tested.
 *
 * Binaries: this machine's `node` when it is of the line (Node 20 here), else the npm registry's
 * `node` package at the pinned version (its install script fetches the platform's
 * `node-<os>-<cpu>` package, also from the registry), installed once into `.cache/node/<version>/`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./debian.ts";
import { npmEnv } from "./npm.ts";

export interface NodeLine {
  readonly major: number;
  /** The oldest release `engines` admits. */
  readonly floor: string;
  /** The release the tests run when this machine's node is of another line. */
  readonly tested: string;
}

export const nodeLines: readonly NodeLine[] = [
  { major: 20, floor: "20.19.0", tested: "20.20.2" },
  { major: 22, floor: "22.0.0", tested: "22.23.3" },
  { major: 24, floor: "24.0.0", tested: "24.21.0" },
  { major: 26, floor: "26.0.0", tested: "26.10.0" },
];

/** `engines.node` of the published package and the workspace. */
export function renderEnginesRange(lines: readonly NodeLine[] = nodeLines): string {
  return lines.map((l) => `^${l.floor}`).join(" || ");
}

const nodeCache = join(repoRoot, ".cache", "node");

function versionOf(binary: string): string {
  return execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
}

/**
 * A node binary of `line`: this process's own when it is of that line, else the pinned release,
 * npm-installed into .cache/node/<version>/ when missing (into a temp directory renamed into place,
 * so two processes fetching at once never see half an install).
 */
export function nodeBinary(line: NodeLine): string {
  if (Number(process.versions.node.split(".")[0]) === line.major) return process.execPath;
  const dir = join(nodeCache, line.tested);
  const binary = join(dir, "node_modules", "node", "bin", "node");
  if (!existsSync(binary)) {
    mkdirSync(nodeCache, { recursive: true });
    const temp = mkdtempSync(join(nodeCache, `.${line.tested}-`));
    try {
      execFileSync(
        "npm",
        [
          "install",
          "--prefix",
          temp,
          "--no-save",
          "--no-audit",
          "--no-fund",
          "--loglevel=error",
          `node@${line.tested}`,
        ],
        { stdio: ["ignore", "ignore", "pipe"], env: npmEnv() },
      );
      const got = join(temp, "node_modules", "node", "bin", "node");
      if (!existsSync(got)) throw new Error(`npm install node@${line.tested} left no ${got}`);
      if (!existsSync(binary)) renameSync(temp, dir);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }
  const version = versionOf(binary);
  if (version !== `v${line.tested}`) throw new Error(`${binary}: ${version}, expected v${line.tested}`);
  return binary;
}
