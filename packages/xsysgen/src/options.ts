/**
 * What every verb's options share: the target (a registry kernel or a headers path), the arches as
 * the command line takes them, how inputs are read, and the machine `--kernel host` means. The API
 * reads no environment and no machine state itself: callers pass what the CLI reads from the world.
 */
import { UsageError, archWords, didYouMean, resolveArch, targets, type TargetName } from "@xsysgen/core";
import type { ReadOptions } from "@xsysgen/reader";

/** Arches as the command line takes them: names or aliases (`x86_64`, `ppc64el`), a list, or `all`. */
export type ArchSpec = string | readonly string[];

/** `kernel: "host"`'s machine: its `uname -r` and `uname -m` (the CLI passes `os.release()`, `os.machine()`). */
export interface HostMachine {
  readonly release: string;
  readonly machine: string;
}

/** The options every verb that reads a target takes. */
export interface TargetOptions {
  /** A kernel from the embedded registry: `3.10`, `3.10.0-1160.el7`, a `uname -r`, `centos7`, `host`. */
  readonly kernel?: string;
  /** Headers instead: a directory, `unistd*.h`, `syscall_*.tbl`, a kernel tree, tarball, `.deb` or `.rpm`. */
  readonly headers?: string;
  /** The arches to cover (default: every arch the target serves). */
  readonly arch?: ArchSpec;
  /** Reading `headers`: byte budgets, decompressors, the environment the decompressors run in. */
  readonly read?: ReadOptions;
  /** What `kernel: "host"` means; required for it. */
  readonly host?: HostMachine;
}

/**
 * Arch words → targets, each once, in the order given (`amd64,x86_64` is one); `all` or nothing →
 * undefined-like "all"/undefined. An unknown word is a UsageError naming it (and the likely one).
 */
export function resolveArches(value: ArchSpec | undefined): TargetName[] | "all" | undefined {
  if (value === undefined) return undefined;
  const words = (typeof value === "string" ? value.split(",") : [...value])
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (words.length === 1 && words[0]?.toLowerCase() === "all") return "all";
  if (words.length === 0) throw new UsageError("--arch needs at least one arch");
  const names: TargetName[] = [];
  for (const word of words) {
    const name = resolveArch(word);
    if (name === undefined)
      throw new UsageError(
        `--arch: unknown arch "${word}"; ${didYouMean(word, archWords)}` +
          `expected one of ${targets.map((t) => t.name).join(", ")} ` +
          "(or an alias: `xsysgen --help` lists them) or all",
      );
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** `--kernel` or `--headers`: exactly one. */
export function targetSpecOf(
  options: Pick<TargetOptions, "kernel" | "headers">,
  verb: string,
): { kind: "kernel"; version: string } | { kind: "headers"; path: string } {
  const { kernel, headers } = options;
  if (kernel !== undefined && headers !== undefined)
    throw new UsageError(`${verb}: give --kernel or --headers, not both`);
  if (kernel !== undefined) return { kind: "kernel", version: kernel };
  if (headers !== undefined) return { kind: "headers", path: headers };
  throw new UsageError(`${verb}: --kernel <version|alias> or --headers <path> is required`);
}

/** `prefer`: "target" or "reference". */
export function preferOf(value: string | undefined, verb: string): "target" | "reference" | undefined {
  if (value === undefined || value === "target" || value === "reference") return value;
  throw new UsageError(`${verb}: --prefer takes "target" or "reference", not "${value}"`);
}
