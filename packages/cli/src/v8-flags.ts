/**
 * V8's tiering budget for the CLI process. Every command is a short process (0.1–0.5 s) except
 * reading a kernel tree or tarball, and V8's default budget sends hundreds of functions to
 * TurboFan that then run a few more milliseconds: those compiles cost more CPU than they save
 * (`gen --kernel 3.10.0 --arch all`: 230 → 150 ms of CPU, median of 11; `--no-opt` gives the same
 * but costs a tarball's tar walk ~1.5 s). main.ts raises the budget ~18× before any command runs;
 * a big input puts the default back (the tarball's walk: ~5 % less CPU with it). Library users and
 * in-process tests never call either.
 */
import { setFlagsFromString } from "node:v8";

/** V8 11.3's (Node 20's) `--interrupt-budget` default. */
const defaultBudget = 66 * 1024;
let raised = false;

export function shortRunBudget(): void {
  setFlagsFromString(`--interrupt-budget=${defaultBudget * 18}`);
  raised = true;
}

/** For inputs that keep the process busy for seconds: the default budget again. */
export function longRunBudget(): void {
  if (!raised) return;
  setFlagsFromString(`--interrupt-budget=${defaultBudget}`);
  raised = false;
}
