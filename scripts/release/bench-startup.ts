/**
 * Start-up of the installed package against the workspace bin, for BENCHMARKS.md:
 *
 *   pnpm exec tsx scripts/release/bench-startup.ts [runs]
 *
 * Packs the tarball (scripts/release-pack.ts), npm installs it into a temp project, then times
 * `xsysgen kernels --json` and `xsysgen gen --kernel 3.10.0` through the installed bin
 * (node_modules/.bin/xsysgen, what `npx xsysgen` runs after npx's own start-up) and through the
 * workspace's bundle (scripts/build-bin.ts, built afresh into packages/cli/dist-startup and removed
 * after: the workspace bin falls back to tsx while sources are newer than its bundle, and adds a
 * scan of the sources), alternating the two; prints medians and the tarball's and the
 * installation's sizes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../lib/debian.ts";

const runs = Number(process.argv[2] ?? "15");
const tsx = join(repoRoot, "node_modules/tsx/dist/cli.mjs");
const scratch = mkdtempSync(join(tmpdir(), "xsysgen-startup-"));
const packed = JSON.parse(
  execFileSync(
    process.execPath,
    [tsx, join(repoRoot, "scripts/release-pack.ts"), "--out", join(scratch, "tarball"), "--json"],
    { encoding: "utf8" },
  ),
) as { tarball: string; size: number; unpackedSize: number };
const project = join(scratch, "project");
mkdirSync(project);
writeFileSync(join(project, "package.json"), '{ "name": "startup", "private": true }\n');
execFileSync("npm", ["install", "--no-audit", "--no-fund", packed.tarball], { cwd: project, stdio: "ignore" });

function bytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

function time(argv: readonly string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: scratch, stdio: "ignore" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")}: exit ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const installed = join(project, "node_modules/.bin/xsysgen");
const bundleDir = "dist-startup";
execFileSync(process.execPath, [tsx, join(repoRoot, "scripts/build-bin.ts"), bundleDir], { stdio: "ignore" });
// The bin's way of running the bundle (its loader, with the code cache the build trained).
const runner = join(scratch, "workspace-bin.mjs");
writeFileSync(
  runner,
  `import { loadBundle } from ${JSON.stringify(join(repoRoot, "packages/cli/bin/run-bundle.js"))};\n` +
    `loadBundle(${JSON.stringify(join(repoRoot, "packages/cli", bundleDir, "xsysgen.cjs"))});\n`,
);
const workspace = [process.execPath, runner];
try {
  for (const args of [
    ["kernels", "--json"],
    ["gen", "--kernel", "3.10.0", "--out", join(scratch, "out")],
  ]) {
    const a: number[] = [];
    const b: number[] = [];
    time([installed, ...args]);
    time([...workspace, ...args]);
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        a.push(time([installed, ...args]));
        b.push(time([...workspace, ...args]));
      } else {
        b.push(time([...workspace, ...args]));
        a.push(time([installed, ...args]));
      }
    }
    process.stdout.write(
      `${args.slice(0, 3).join(" ")}: installed ${median(a).toFixed(0)} ms, ` +
        `workspace bundle ${median(b).toFixed(0)} ms (median of ${runs})\n`,
    );
  }
} finally {
  rmSync(join(repoRoot, "packages/cli", bundleDir), { recursive: true, force: true });
}
const megabytes = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
process.stdout.write(
  `tarball ${megabytes(packed.size)} (${megabytes(packed.unpackedSize)} unpacked); ` +
    `installed: node_modules/xsysgen ${megabytes(bytes(join(project, "node_modules/xsysgen")))}, ` +
    `node_modules ${megabytes(bytes(join(project, "node_modules")))}\n`,
);
rmSync(scratch, { recursive: true, force: true });
