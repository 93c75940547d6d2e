/** Runs the `go` command for the writer and reads go.mod through `go mod edit -json`. */
import { spawn } from "node:child_process";
import { CommandError } from "@xsysgen/core";

export interface GoResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment variables for the `go` commands xsysgen runs: the caller's, passed down (the CLI passes its own). */
export type GoEnv = Readonly<Record<string, string | undefined>>;

/** Runs `go args` in `cwd`, in `env` (undefined: this process's environment, as Node gives any child). */
export function runGo(args: readonly string[], cwd: string, env: GoEnv | undefined): Promise<GoResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("go", args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    // spawn fails (no `go` on PATH: ENOENT) before any exit code: still a failed command, not a bug.
    child.on("error", (e) => reject(new CommandError(`go ${args.join(" ")}`, null, `cannot run go: ${e.message}`)));
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
  });
}

/**
 * A failed `go` run as the error every external tool's failure is: the command as typed, with the
 * directory it ran in (the module the user named), and the first line go printed about why.
 */
export function goFailure(args: readonly string[], cwd: string, r: GoResult, why = r.stderr): CommandError {
  return new CommandError(`go ${args.join(" ")} (in ${cwd})`, r.code, why);
}

export interface GoModModule {
  readonly Path: string;
  readonly Version?: string;
}

/** The shape `go mod edit -json` prints. */
export interface GoModJson {
  readonly Module: GoModModule;
  readonly Go?: string;
  readonly Require?: readonly (GoModModule & { readonly Indirect?: boolean })[] | null;
  readonly Replace?: readonly { readonly Old: GoModModule; readonly New: GoModModule }[] | null;
}

/** Compares dotted Go versions ("1.17", "1.21.0"): negative, zero or positive. */
export function compareGoVersions(a: string, b: string): number {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
