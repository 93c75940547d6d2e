/**
 * Imported first by main.ts, so it runs before any other module of the CLI: every command is a
 * short process (0.1–0.5 s) except the reading of a kernel tarball, and V8's default budget sends
 * hundreds of functions to TurboFan that then run a few more milliseconds. Those compiles cost
 * more CPU than they save (`gen --kernel 3.10.0 --arch all`: 230 → 150 ms of CPU, median of 11;
 * `--no-opt` gives the same but costs the tarball's tar walk ~1.5 s). At ~18× the default budget
 * only code that runs long, as that walk does, is still optimized (tarball CPU unchanged).
 * Not set for library users: only the CLI's entry point imports this.
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--interrupt-budget=1200000");
