/**
 * The test commands. `pnpm test` (what CI runs) is everything: typecheck, lint, format and unused
 * code, and every vitest suite. `pnpm test:fast` is the inner loop: the same four checks and the tests
 * that need no network, no go and no gcc or g++ — those carry a vitest tag saying so (vitest.config.ts
 * defines `network`, `go` and `gcc`; a file's header comment tags all of its tests with `@module-tag`,
 * a test or describe its own with `{ tags: […] }`). Both end with the line CI reads,
 * `N passed, N failed, N skipped`, where each of the four checks counts as one.
 *
 *   pnpm test [vitest filters…]        with filters: only those vitest files, no checks
 *   pnpm test:fast [vitest filters…]   (tsx scripts/test.ts --fast)
 *   pnpm test:checks                   the four checks alone (tsx scripts/test.ts --checks)
 *
 * Where the time goes, and why it is spent this way (CONTRIBUTING.md, "Tests"):
 * - The four checks run beside vitest, not before it, their output held and printed whole when each
 *   ends. Each keeps a cache in node_modules/.cache (content-keyed: a file that changed is checked
 *   again). On a fresh clone they would cost ~35 s of CPU that the two cores share with vitest, so
 *   install.sh runs them once (`--checks`) and `pnpm test` then checks only what changed since.
 * - The CLI's bundle is rebuilt first when a source is newer (`pnpm build:bin`, ~1 s): tests that run
 *   the real `xsysgen` process run packages/cli/bin/xsysgen.js, which falls back to the TypeScript
 *   sources through tsx when the bundle is stale — half a second of CPU more per process.
 *
 * After vitest, a scratch directory of this run's tests still in the temp directory (scripts/lib/scratch.ts)
 * fails the run as one more check, and is removed.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { freshBundle } from "../packages/cli/bin/bundle-freshness.js";
import { repoRoot } from "./lib/debian.ts";
import { removeScratchTree, scratchPrefix, scratchRunPrefix, scratchRunVariable } from "./lib/scratch.ts";
import { fastTagsFilter, filesWithModuleTag, slowTags } from "./lib/test-tiers.ts";

interface VitestJson {
  testResults?: readonly { name: string; startTime: number; endTime: number }[];
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

interface Finished {
  readonly ok: boolean;
  readonly seconds: number;
}

// Everything but --fast and --checks goes to vitest as it is (file filters, -t <pattern>, …).
const fast = process.argv.includes("--fast");
const checksOnly = process.argv.includes("--checks");
const filters = process.argv.slice(2).filter((a) => a !== "--fast" && a !== "--checks");

const started = Date.now();
const seconds = (since: number) => (Date.now() - since) / 1000;

/** A check, its output held until it ends and then printed under its label. */
function check(label: string, args: readonly string[]): Promise<Finished> {
  const since = Date.now();
  return new Promise((resolve) => {
    const child = spawn("pnpm", ["exec", ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stderr.on("data", (d: Buffer) => chunks.push(d));
    const done = (ok: boolean, extra = "") => {
      const took = seconds(since);
      const output = Buffer.concat(chunks).toString("utf8") + extra;
      process.stdout.write(`\n== ${label} (${ok ? "passed" : "FAILED"}, ${took.toFixed(1)} s): ${args.join(" ")}\n`);
      if (output !== "") process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
      resolve({ ok, seconds: took });
    };
    child.on("error", (error) => done(false, `${error.message}\n`));
    child.on("close", (code) => done(code === 0));
  });
}

// Rebuilt before any test starts, so no test process sees a half-written bundle.
if (freshBundle(join(repoRoot, "packages", "cli")) === undefined) {
  process.stdout.write("== the CLI bundle is older than its sources: pnpm build:bin\n");
  const built = spawnSync("pnpm", ["build:bin"], { cwd: repoRoot, stdio: "inherit" });
  if (built.status !== 0) process.stdout.write("pnpm build:bin failed: process tests run the sources\n");
}

const cacheDir = join(repoRoot, "node_modules", ".cache", "xsysgen-checks");
mkdirSync(cacheDir, { recursive: true });
const checks: Promise<Finished>[] =
  filters.length > 0
    ? []
    : [
        check("typecheck", [
          "tsc",
          "-p",
          "tsconfig.json",
          "--incremental",
          "--tsBuildInfoFile",
          join(cacheDir, "tsconfig.tsbuildinfo"),
        ]),
        // eslint.config.js also holds lines to 120 characters (max-len), comments and strings included.
        check("lint", [
          "eslint",
          "--max-warnings",
          "0",
          "--cache",
          "--cache-strategy",
          "content",
          "--cache-location",
          join(cacheDir, "eslint"),
          ".",
        ]),
        check("format", [
          "prettier",
          "--check",
          "--log-level",
          "warn",
          "--cache",
          "--cache-strategy",
          "content",
          "--cache-location",
          join(cacheDir, "prettier"),
          ".",
        ]),
        // Unused files, exports and dependencies (knip.jsonc).
        check("unused", ["knip", "--no-progress", "--cache", "--cache-location", join(cacheDir, "knip")]),
      ];

// install.sh runs the checks once, so that their caches are there when a fresh clone's first
// `pnpm test` runs them again: they then look only at files that changed since.
if (checksOnly) {
  const done = await Promise.all(checks);
  const failedChecks = done.filter((c) => !c.ok).length;
  process.stdout.write(`\n${done.length - failedChecks} passed, ${failedChecks} failed, 0 skipped\n`);
  process.exit(failedChecks === 0 ? 0 : 1);
}

const outDir = mkdtempSync(join(tmpdir(), "xsysgen-vitest-"));
// The tests' scratch directories (scripts/lib/scratch.ts) carry this run's id in their names.
const scratchRun = randomBytes(4).toString("hex");
const tempBefore = new Set(readdirSync(tmpdir()));
const jsonFile = join(outDir, "result.json");
// test:fast leaves out the files tagged as a whole before vitest imports them (an import may fetch
// what a test reads); the tags filter then leaves out the single tests tagged so in the other files.
const tier = fast
  ? [`--tags-filter=${fastTagsFilter}`, ...filesWithModuleTag(slowTags).flatMap((file) => ["--exclude", file])]
  : [];
/** The slowest test files (wall time in their worker), so a CI log shows where the time went. */
function printSlowest(result: VitestJson): void {
  const files = (result.testResults ?? [])
    .map((f) => ({ file: relative(repoRoot, f.name), seconds: (f.endTime - f.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds);
  if (files.length < 2) return;
  const total = files.reduce((sum, f) => sum + f.seconds, 0);
  process.stdout.write(`\n== slowest test files (${total.toFixed(0)} s of file time in all)\n`);
  for (const f of files.slice(0, 12)) process.stdout.write(`${f.seconds.toFixed(1).padStart(7)} s  ${f.file}\n`);
}

const vitestArgs = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${jsonFile}`];
process.stdout.write(`\n== vitest: pnpm exec ${[...vitestArgs, ...tier, ...filters].join(" ")}\n`);
const vitestSince = Date.now();
const vitest = await new Promise<number | null>((resolve) => {
  const child = spawn("pnpm", ["exec", ...vitestArgs, ...tier, ...filters], {
    cwd: repoRoot,
    env: { ...process.env, [scratchRunVariable]: scratchRun },
    stdio: "inherit",
  });
  child.on("error", () => resolve(null));
  child.on("close", (code) => resolve(code));
});
const vitestSeconds = seconds(vitestSince);
const finished = await Promise.all(checks);

let passed = finished.filter((c) => c.ok).length;
let failed = finished.length - passed;
let skipped = 0;
try {
  const result = JSON.parse(readFileSync(jsonFile, "utf8")) as VitestJson;
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  // A suite that fails to load (import error) has no failed test of its own.
  if (result.numFailedTests === 0 && result.numFailedTestSuites > 0) failed += result.numFailedTestSuites;
  // vitest also fails a run for errors outside any test (a worker that crashed, an unhandled
  // rejection), which its counts leave out: its exit code is the one sign of those.
  else if (vitest !== 0 && result.numFailedTests === 0) {
    failed += 1;
    process.stdout.write(`vitest exited ${String(vitest)} with no failed test: an error outside the tests\n`);
  }
  printSlowest(result);
} catch {
  failed += 1;
  process.stdout.write(`vitest wrote no result file (exit ${String(vitest)})\n`);
}
rmSync(outDir, { recursive: true, force: true });
if (!leftInTemp()) failed += 1;

/**
 * What the run left in the temp directory. Its own scratch directories are known exactly by name (no
 * other process makes a name with this run's id), so any still there fails the run as one check, and
 * is removed. Other new entries named like the temp directories of the scripts tests run (`xsysgen-…`:
 * release-pack, build-bin, the examples) are only listed: another run or program on the machine may
 * have made them meanwhile, so a failure on them would not be exact.
 */
function leftInTemp(): boolean {
  const entries = readdirSync(tmpdir());
  const ours = entries.filter((name) => name.startsWith(scratchRunPrefix(scratchRun))).sort();
  const others = entries
    .filter((n) => n.startsWith("xsysgen-") && !n.startsWith(scratchPrefix) && n !== basename(outDir))
    .filter((n) => !tempBefore.has(n))
    .sort();
  if (others.length > 0) {
    const shown = others.slice(0, 10).join(" ");
    const more = others.length > 10 ? ` and ${others.length - 10} more` : "";
    process.stdout.write(`\n== new in ${tmpdir()} during the run, maybe not from it: ${shown}${more}\n`);
  }
  if (ours.length === 0) return true;
  process.stdout.write(`\n== scratch directories left behind (FAILED), now removed, in ${tmpdir()}:\n`);
  for (const name of ours) {
    process.stdout.write(`${name}\n`);
    removeScratchTree(join(tmpdir(), name));
  }
  return false;
}

const checksSeconds = Math.max(0, ...finished.map((c) => c.seconds));
const took = `vitest ${vitestSeconds.toFixed(0)} s, checks ${checksSeconds.toFixed(0)} s`;
process.stdout.write(`\n${fast ? "test:fast" : "test"}: ${seconds(started).toFixed(0)} s (${took})\n`);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed === 0 ? 0 : 1);
