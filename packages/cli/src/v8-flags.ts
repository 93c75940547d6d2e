/**
 * V8 flags for the CLI process. Every command is a short process (0.1–0.5 s) except reading a
 * kernel tree or tarball; main.ts sets the short-run flags before any command runs, and a big
 * input puts V8's defaults back. Library users and in-process tests never call either.
 *
 * - The tiering budget, raised ~18×: V8's default sends hundreds of functions to TurboFan that
 *   then run a few more milliseconds; those compiles cost more CPU than they save
 *   (`gen --kernel 3.10.0 --arch all`: 230 → 150 ms of CPU, median of 11; `--no-opt` gives the
 *   same but costs a tarball's tar walk ~1.5 s). The tarball's walk takes ~5 % less CPU with the
 *   default again.
 * - No incremental marking: once the old generation passes its first soft limit (gen's 2.2 MB of
 *   output does), V8 starts marking it concurrently on the worker threads, and Node waits for those
 *   tasks before it exits; a process that ends a few milliseconds later gains nothing from the
 *   collection (`gen --kernel 3.10.0 --arch all`: ~8 ms between the last write and exit, ~0.1
 *   without). Without it V8 still collects in full when the old generation reaches its hard limit.
 */
import { setFlagsFromString } from "node:v8";

/** V8 11.3's (Node 20's) `--interrupt-budget` default. */
const defaultBudget = 66 * 1024;
let shortRun = false;

export function shortRunFlags(): void {
  setFlagsFromString(`--interrupt-budget=${defaultBudget * 18}`);
  setFlagsFromString("--no-incremental-marking");
  shortRun = true;
}

/** For inputs that keep the process busy for seconds: V8's defaults again. */
export function longRunFlags(): void {
  if (!shortRun) return;
  setFlagsFromString(`--interrupt-budget=${defaultBudget}`);
  setFlagsFromString("--incremental-marking");
  shortRun = false;
}
