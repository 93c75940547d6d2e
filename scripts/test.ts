/**
 * The test command (`pnpm test`): typecheck, lint, format, unused code, then every vitest suite.
 * Ends with the line CI reads, `N passed, N failed[, N skipped]`, where each of the four checks
 * before vitest counts as one.
 *
 *   pnpm test [vitest filters…]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

function run(label: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n== ${label}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  return result.status === 0;
}

const filters = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (filters.length === 0) {
  for (const [label, args] of [
    ["typecheck", ["exec", "tsc", "-p", "tsconfig.json"]],
    // eslint.config.js also holds lines to 120 characters (max-len), comments and strings included.
    ["lint", ["exec", "eslint", "--max-warnings", "0", "."]],
    ["format", ["exec", "prettier", "--check", "--log-level", "warn", "."]],
    // Unused files, exports and dependencies (knip.jsonc).
    ["unused", ["exec", "knip", "--no-progress"]],
  ] as const) {
    if (run(label, "pnpm", [...args])) passed += 1;
    else failed += 1;
  }
}

const outDir = mkdtempSync(join(tmpdir(), "xsysgen-vitest-"));
const jsonFile = join(outDir, "result.json");
run("vitest", "pnpm", [
  "exec",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${jsonFile}`,
  ...filters,
]);
try {
  const result = JSON.parse(readFileSync(jsonFile, "utf8")) as VitestJson;
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  // A suite that fails to load (import error) has no failed test of its own.
  if (result.numFailedTests === 0 && result.numFailedTestSuites > 0) failed += result.numFailedTestSuites;
} catch {
  failed += 1;
  process.stdout.write("vitest wrote no result file\n");
}
rmSync(outDir, { recursive: true, force: true });

process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed === 0 ? 0 : 1);
