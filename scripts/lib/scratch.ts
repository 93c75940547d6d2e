/**
 * Scratch directories for tests: `scratchDir(label)` makes one in the OS temp directory, and the test
 * file that made it removes it when it ends. vitest runs a worker's test files one after another in
 * one process (vitest.config.ts, isolate: false), so this module and its list are shared by every file
 * of a worker; scripts/lib/scratch-setup.ts, a setupFiles entry that vitest evaluates again before it
 * collects each file, hands the list over from one file to the next and registers the afterAll that
 * empties it.
 *
 * A directory is named `xsysgen-test-<run>-<test file>-<label>-XXXXXX`, so that one left behind names
 * the file that made it. <run> is the id `pnpm test` gives its vitest run (scripts/test.ts), which
 * afterwards looks for exactly its own directories left behind, whatever else uses the temp directory;
 * a vitest run started directly has none, and its names no <run>.
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

/** What every scratch directory's name starts with. */
export const scratchPrefix = "xsysgen-test-";

/** The environment variable that carries scripts/test.ts's run id to the test workers. */
export const scratchRunVariable = "XSYSGEN_TEST_RUN";

/** What the names of a run's scratch directories start with. */
export function scratchRunPrefix(run: string): string {
  return `${scratchPrefix}${run}-`;
}

const made: string[] = [];
/** The current test file as a name part: `gen-patched` for gen-patched.test.ts. */
let testFile = "no-file";
let collecting = false;

/**
 * A new empty directory (mode 0700), removed when the current test file ends. Not while the file is
 * being collected (at module level or in a describe body): a file whose tests are all skipped (a -t
 * filter, skipIf) runs no hooks, and the last file of a worker would leave it behind. Make it in
 * beforeAll or in the test.
 */
export function scratchDir(label?: string): string {
  if (collecting)
    throw new Error(`scratchDir(): ${testFile}.test.ts is being collected; call it in beforeAll or in a test`);
  const run = process.env[scratchRunVariable];
  const prefix = `${run === undefined || run === "" ? scratchPrefix : scratchRunPrefix(run)}${testFile}-`;
  const dir = mkdtempSync(join(tmpdir(), label === undefined ? prefix : `${prefix}${label}-`));
  made.push(dir);
  return dir;
}

/** Gives the owner write and search permission on every directory under `dir`, so that it can be removed. */
function openForRemoval(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (lstatSync(path).isDirectory()) openForRemoval(path);
  }
}

/**
 * Removes `dir` and everything under it. A test may leave a directory read-only (`chmod 0555`, the
 * permission tests): root removes through it, any other user only once its mode is opened up again.
 */
export function removeScratchTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    openForRemoval(dir);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Removes every scratch directory made since the last call: what the current test file made. */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) removeScratchTree(dir);
}

/** scratch-setup.ts, before the file at `testPath` is collected: scratchDir is refused until its first beforeAll. */
export function beginTestFile(testPath: string | undefined): void {
  testFile = testPath === undefined ? "no-file" : basename(testPath).replace(/\.test\.ts$/, "");
  collecting = true;
}

/** scratch-setup.ts, in the file's first beforeAll: collection has ended, the hooks and tests run. */
export function endCollection(): void {
  collecting = false;
}
