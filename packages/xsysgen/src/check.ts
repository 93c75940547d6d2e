/**
 * `check`: what in a Go module fails on the target kernel, on every arch the target serves (as
 * `apply` patches them) unless `arch` narrows it. Two kinds: compile (a name the build lacks) and
 * runtime (a call whose syscall the kernel lacks, through a number or a wrapper: ENOSYS there), each
 * with advice true for the module; a runtime finding whose function compares the error with ENOSYS
 * is listed as handled.
 */
import type { TargetName } from "@xsysgen/core";
import { checkModule, lacksFromTables, renderFindingLine, type GoEnv } from "@xsysgen/writer";
import { kernelJson, type KernelJson } from "./kernel-json.ts";
import { Notes } from "./notes.ts";
import { resolveArches, targetSpecOf, type TargetOptions } from "./options.ts";
import { SCHEMA_VERSION } from "./schema-version.ts";
import { sinceLabel } from "./since.ts";
import { loadReference, loadSource } from "./sources.ts";

/** Options of {@link check}: `xsysgen check`'s flags. */
export interface CheckOptions extends TargetOptions {
  /** The Go module's root (default: the current directory). */
  readonly module?: string;
  /** Where first kernels and reference numbers come from (default: the registry's newest table per arch). */
  readonly reference?: string;
  /** Also scan the module's dependencies (a complete vendor/, else the module cache as `go list -deps` resolves). */
  readonly includeDeps?: boolean;
  /** The environment the `go` commands run in (the CLI passes its own). */
  readonly env: GoEnv;
}

/** One finding of {@link check}, as `check --json` prints it. */
export interface CheckFinding {
  /** Module-relative, '/'-separated; a dependency from the module cache is `<module>@<version>/<path>`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `SYS_OPENAT2`, `__NR_preadv2`, or the wrapper called (`Openat2`). */
  readonly symbol: string;
  readonly syscall: string;
  /** The language of the use. */
  readonly kind: "go" | "c";
  /** What it goes through: golang.org/x/sys, the standard library's syscall, or C. */
  readonly api: "x/sys" | "syscall" | "c";
  /** `compile`: a name the build lacks; `runtime`: a call the kernel lacks (ENOSYS there). */
  readonly failsAt: "compile" | "runtime";
  /** For a wrapper: the functions from it to the one making the syscall; else empty. */
  readonly via: readonly string[];
  /** Whether its ENOSYS is handled (a runtime finding only). */
  readonly handled: boolean;
  readonly handledBy: "caller" | "wrapper" | null;
  /** The arches checked that lack it. */
  readonly arches: readonly TargetName[];
  /** Its first kernel when the same on every arch listed; else null (see missing). */
  readonly since: string | null;
  readonly missing: readonly {
    readonly arch: TargetName;
    readonly since: string | null;
    readonly number: number | null;
  }[];
  /** What fixes it, in this module. */
  readonly fix: { readonly kind: string; readonly text: string };
  /** The finding as one line: `file:line:column: <kind>: <use>: <syscall> is not in <target> (…): <advice>`. */
  readonly message: string;
}

/** What {@link check} returns: `check --json`'s document. */
export interface CheckDocument {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly command: "check";
  /** The target's label (a kernel name or the headers' version). */
  readonly target: string;
  readonly kernel: KernelJson | null;
  readonly reference: string;
  readonly arches: readonly TargetName[];
  /** The module's golang.org/x/sys as its build sees it, when go.mod requires it. */
  readonly xsys: string | null;
  /** The toolchain's syscall package, when Go code was checked. */
  readonly syscallPackage: string | null;
  readonly filesScanned: number;
  readonly findings: readonly CheckFinding[];
  /** How many findings are not handled (the CLI exits 1 when any is). */
  readonly unhandled: number;
  readonly notes: readonly string[];
}

/** `xsysgen check` as one call. Reads the module's files and runs `go` (to find its golang.org/x/sys). */
export async function check(options: CheckOptions): Promise<CheckDocument> {
  const notes = new Notes();
  const context = { read: options.read ?? {}, notes, host: options.host };
  const target = await loadSource(targetSpecOf(options, "check"), resolveArches(options.arch), context);
  const reference = await loadReference(options.reference, target.served, context);
  const result = await checkModule({
    moduleDir: options.module ?? ".",
    includeDeps: options.includeDeps === true,
    env: options.env,
    arches: [...target.served],
    lacks: lacksFromTables(target.tables.values(), reference.tables.values(), sinceLabel),
  });
  const findings = result.findings.map((f): CheckFinding => {
    const sinces = new Set(f.missing.map((m) => m.since ?? null));
    return {
      file: f.file,
      line: f.line,
      column: f.column,
      symbol: f.symbol,
      syscall: f.syscall,
      kind: f.kind,
      api: f.api,
      failsAt: f.failsAt,
      via: f.via,
      handled: f.handledBy !== undefined,
      handledBy: f.handledBy ?? null,
      arches: f.missing.map((m) => m.arch),
      since: sinces.size === 1 ? [...sinces][0]! : null,
      missing: f.missing.map((m) => ({ arch: m.arch, since: m.since ?? null, number: m.number ?? null })),
      fix: { kind: f.fix, text: f.advice },
      message: renderFindingLine(f, target.label),
    };
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    command: "check",
    target: target.label,
    kernel: kernelJson(target),
    reference: reference.label,
    arches: result.arches,
    xsys: result.xsys ?? null,
    syscallPackage: result.std ?? null,
    filesScanned: result.files.length,
    findings,
    unhandled: findings.filter((f) => !f.handled).length,
    notes: notes.list(),
  };
}
