/**
 * `pnpm bench [case …]`: whole-process timings of xsysgen against the physical limit of each job
 * (process start-up, the decompressor, dpkg-deb/rpm2cpio), each the median of BENCH_RUNS runs
 * (default 5; 3 for the slow cases) with the baseline run alternately in the same invocation.
 * Prints a markdown table for BENCHMARKS.md. Not part of `pnpm test`; downloads what it needs
 * (linux-source-6.1, linux-libc-dev) into .cache/.
 *
 * xsysgen is launched as `node packages/cli/bin/xsysgen.js`, what the installed `xsysgen` bin
 * (`pnpm exec xsysgen`) runs: one process running the esbuild bundle scripts/install.sh builds
 * (`pnpm build:bin`; the bench builds it first so it is never stale).
 * The `tsx CLI` row is `pnpm xsysgen`'s way (`tsx packages/cli/src/main.ts`, which starts a
 * second node process), without pnpm's own start-up.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./lib/debian.ts";
import { libcDevDeb, libcDevRpm, rpmPayloadCompressor, sourceTarball } from "./bench/inputs.ts";
import { describeMachine, loadAverage } from "./bench/machine.ts";
import { haveTime, measurePair, median, type Command, type Pair, type Sample } from "./bench/measure.ts";

interface Case {
  readonly name: string;
  readonly target: string;
  readonly runs: number;
  readonly setup: () => { subject: Command; baseline: Command; baselineLabel: string };
}

const runs = Number(process.env["BENCH_RUNS"] ?? 5);
const slowRuns = Number(process.env["BENCH_RUNS"] ?? 3);
const scratch = mkdtempSync(join(tmpdir(), "xsysgen-bench-"));
execFileSync(process.execPath, [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), join(repoRoot, "scripts/build-bin.ts")], { stdio: "ignore" });
const node = process.execPath;
const xsysgen = (...args: string[]): string[] => [node, join(repoRoot, "packages/cli/bin/xsysgen.js"), ...args];
const tsxCli = (...args: string[]): string[] => [node, join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "packages/cli/src/main.ts", ...args];
const nodeNothing: Command = { argv: [node, "-e", "0"] };

function freshDir(name: string): { dir: string; before: () => void } {
  const dir = join(scratch, name);
  return {
    dir,
    before: () => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    },
  };
}

/** Kernels with at least one table: vanilla series in order, then each distro build after its base. */
function diffPairs(): [string, string][] {
  const listing = JSON.parse(execFileSync(xsysgen("kernels", "--json")[0] as string, xsysgen("kernels", "--json").slice(1), { cwd: repoRoot, encoding: "utf8" })) as {
    vanilla: { series: string; targets: string[] }[];
    distros: { name: string; base: string }[];
  };
  const vanilla = listing.vanilla.filter((v) => v.targets.length > 0).map((v) => v.series);
  const pairs: [string, string][] = vanilla.slice(1).map((v, i) => [vanilla[i] as string, v]);
  for (const d of listing.distros) pairs.push([d.base, d.name]);
  return pairs;
}

const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

const cases: Case[] = [
  {
    name: "gen --kernel 3.10.0 --arch all",
    target: "≤ 3× node -e 0",
    runs,
    setup: () => {
      const out = freshDir("gen");
      return { subject: { argv: xsysgen("gen", "--kernel", "3.10.0", "--arch", "all", "--out", out.dir), cwd: repoRoot, before: out.before }, baseline: nodeNothing, baselineLabel: "node -e 0" };
    },
  },
  {
    name: "gen --kernel 3.10.0 --arch all (tsx CLI)",
    target: "(launcher cost)",
    runs,
    setup: () => {
      const out = freshDir("gen-tsx");
      return { subject: { argv: tsxCli("gen", "--kernel", "3.10.0", "--arch", "all", "--out", out.dir), cwd: repoRoot, before: out.before }, baseline: nodeNothing, baselineLabel: "node -e 0" };
    },
  },
  {
    name: "diff oldest newest --arch all --format json",
    target: "≤ 3× node -e 0",
    runs,
    setup: () => ({ subject: { argv: xsysgen("diff", "2.6.32", "7.1", "--arch", "all", "--format", "json"), cwd: repoRoot }, baseline: nodeNothing, baselineLabel: "node -e 0" }),
  },
  {
    name: "diff every consecutive kernel pair --arch all --format json",
    target: "≤ 3× node -e 0 each",
    runs: Number(process.env["BENCH_RUNS"] ?? 3),
    setup: () => {
      const pairs = diffPairs();
      const one = xsysgen("diff", "A", "B", "--arch", "all", "--format", "json").map(quote).join(" ").replace("'A' 'B'", '"$1" "$2"');
      const loop = pairs.map(([a, b]) => `set -- ${quote(a)} ${quote(b)}; ${one} > /dev/null`).join("\n");
      const base = pairs.map(() => `${quote(node)} -e 0`).join("\n");
      return {
        subject: { argv: ["sh", "-ec", loop], cwd: repoRoot },
        baseline: { argv: ["sh", "-ec", base] },
        baselineLabel: `${pairs.length} × node -e 0`,
      };
    },
  },
  {
    // The fixed cost of reading any headers: start-up, tree-sitter's wasm, one header's evaluation.
    name: "one unistd_64.h (fixed cost of --headers) gen --headers --exact",
    target: "(floor of the rows below)",
    runs,
    setup: () => {
      const header = join(repoRoot, "packages/kernels/data/source/headers/debian-5.10/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
      const out = freshDir("header");
      return { subject: { argv: xsysgen("gen", "--headers", header, "--exact", "--out", out.dir), cwd: repoRoot, before: out.before }, baseline: nodeNothing, baselineLabel: "node -e 0" };
    },
  },
  {
    name: "linux-source-6.1.tar.xz (139 MB) gen --headers --exact",
    target: "≤ 1.10× xz -dc, ≤ 200 MB",
    runs: slowRuns,
    setup: () => {
      const tarball = sourceTarball();
      const out = freshDir("source");
      return {
        subject: { argv: xsysgen("gen", "--headers", tarball, "--exact", "--out", out.dir), cwd: repoRoot, before: out.before },
        baseline: { argv: ["sh", "-c", `xz -dc ${quote(tarball)} > /dev/null`] },
        baselineLabel: "xz -dc > /dev/null",
      };
    },
  },
  {
    name: "linux-libc-dev 6.1 .deb gen --headers --exact",
    target: "≤ 1.5× dpkg-deb",
    runs,
    setup: () => {
      const deb = libcDevDeb();
      const out = freshDir("deb");
      const unpack = freshDir("deb-unpack");
      return {
        subject: { argv: xsysgen("gen", "--headers", deb, "--exact", "--out", out.dir), cwd: repoRoot, before: out.before },
        baseline: { argv: ["sh", "-ec", `dpkg-deb --fsys-tarfile ${quote(deb)} | tar -x -C ${quote(unpack.dir)}`], before: unpack.before },
        baselineLabel: "dpkg-deb --fsys-tarfile | tar x",
      };
    },
  },
  {
    name: "linux-libc-dev 6.1 .rpm gen --headers --exact",
    target: "≤ 1.5× rpm2cpio",
    runs,
    setup: () => {
      const rpm = libcDevRpm();
      const out = freshDir("rpm");
      const unpack = freshDir("rpm-unpack");
      const haveCpio = existsSync("/usr/bin/cpio") || existsSync("/bin/cpio");
      return {
        subject: { argv: xsysgen("gen", "--headers", rpm, "--exact", "--out", out.dir), cwd: repoRoot, before: out.before },
        baseline: haveCpio
          ? { argv: ["sh", "-ec", `rpm2cpio ${quote(rpm)} | cpio -idm --quiet`], cwd: unpack.dir, before: unpack.before }
          : { argv: ["sh", "-ec", `rpm2cpio ${quote(rpm)} > /dev/null`] },
        baselineLabel: `${haveCpio ? "rpm2cpio | cpio -idm" : "rpm2cpio > /dev/null (no cpio)"} [${rpmPayloadCompressor(rpm)} payload]`,
      };
    },
  },
];

const ms = (v: number): string => `${v >= 1000 ? (v / 1000).toFixed(2) + " s" : Math.round(v) + " ms"}`;
const mb = (kb: number): string => `${Math.round(kb / 1024)} MB`;

function stats(samples: readonly Sample[]) {
  const cpu = samples.map((s) => s.cpuMs).filter((c): c is number => c !== undefined);
  return { wall: median(samples.map((s) => s.wallMs)), cpu: cpu.length > 0 ? median(cpu) : undefined, rss: Math.max(...samples.map((s) => s.treeRssKb)) };
}

function row(c: Case, baselineLabel: string, pair: Pair): string {
  const s = stats(pair.subject);
  const b = stats(pair.baseline);
  const cpu = s.cpu !== undefined && b.cpu !== undefined ? `${ms(s.cpu)} / ${ms(b.cpu)} = ${(s.cpu / b.cpu).toFixed(2)}×` : "n/a";
  return `| ${c.name} | ${baselineLabel.replace(/\|/g, "\\|")} | ${ms(s.wall)} / ${ms(b.wall)} = **${(s.wall / b.wall).toFixed(2)}×** | ${cpu} | ${mb(s.rss)} / ${mb(b.rss)} | ${c.target} | ${pair.subject.length} |`;
}

const filters = process.argv.slice(2);
const selected = cases.filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f)));
if (selected.length === 0) {
  process.stderr.write(`bench: no case matches ${filters.join(", ")}; cases:\n${cases.map((c) => `  ${c.name}`).join("\n")}\n`);
  process.exit(2);
}

process.stdout.write(`${describeMachine().map((l) => `- ${l}`).join("\n")}\n${haveTime ? "" : "- /usr/bin/time missing: no CPU column (apt-get install time)\n"}\n`);
const rows: string[] = [];
try {
  for (const c of selected) {
    process.stderr.write(`${c.name} `);
    const { subject, baseline, baselineLabel } = c.setup();
    const pair = await measurePair(subject, baseline, c.runs, (t) => process.stderr.write(t));
    process.stderr.write("\n");
    rows.push(row(c, baselineLabel, pair));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(
  [
    "| case | baseline | wall: xsysgen / baseline (median) | CPU user+sys (median) | peak RSS, process tree | target | runs |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n") + `\n\nload average at end: ${loadAverage()}\n`,
);
