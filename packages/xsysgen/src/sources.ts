/**
 * Where tables come from: the embedded registry (`--kernel 3.10.0`, `centos7`) or real headers
 * (`--headers <dir|file|archive>`). Both give one SyscallTable per served target, so every
 * command treats them alike.
 */
import { existsSync } from "node:fs";
import { InputError, UsageError, goTargets, type SyscallTable, type TargetName } from "@xsysgen/core";
import type * as Kernels from "@xsysgen/kernels";
import type { KernelRef } from "@xsysgen/kernels";
import type { ReadOptions } from "@xsysgen/reader";
import type { Notes } from "./notes.ts";
import type { HostMachine } from "./options.ts";
import { portablePath } from "./regenerate.ts";

/** How a source is loaded: the reader's options, where notes go, and what `host` means. */
export interface LoadContext {
  readonly read: ReadOptions;
  readonly notes: Notes;
  readonly host?: HostMachine | undefined;
}

export type SourceSpec =
  { readonly kind: "kernel"; readonly version: string } | { readonly kind: "headers"; readonly path: string };

export interface LoadedSource {
  readonly spec: SourceSpec;
  /** The registry's resolution of a `--kernel` spec (what table stands in for it, and the note saying so). */
  readonly kernel?: KernelRef;
  /** How messages and generated comments name it: the kernel release or the input's base name. */
  readonly label: string;
  readonly kernelVersion: string | undefined;
  readonly served: readonly TargetName[];
  readonly tables: ReadonlyMap<TargetName, SyscallTable>;
}

/**
 * A diff side or --reference: an existing path is headers, anything else a kernel version or
 * alias — unless it can only be a path (a slash, or a headers or archive file name), which then
 * does not exist: that is said as such, not as a malformed kernel version.
 */
export function sourceSpecFromWord(word: string): SourceSpec {
  if (existsSync(word)) return { kind: "headers", path: word };
  if (word.includes("/") || /\.(h|tbl|tar|gz|tgz|xz|bz2|zst|deb|rpm)$/i.test(word)) {
    throw new InputError(word, "no such file or directory (expected a headers path, or a kernel version or alias)");
  }
  return { kind: "kernel", version: word };
}

/**
 * Loads the tables for `wanted` targets ("all" or undefined = every target the source serves; then
 * only those with a Go port when `goPortsOnly`: gen --exact writes nothing else). Headers are read
 * with `read` (the limits and decompressors the environment sets). Asking for a target the source
 * cannot serve is an error naming the source.
 */
export async function loadSource(
  spec: SourceSpec,
  wanted: readonly TargetName[] | "all" | undefined,
  context: LoadContext,
  { goPortsOnly = false }: { goPortsOnly?: boolean } = {},
): Promise<LoadedSource> {
  const { read, notes } = context;
  const every = wanted === undefined || wanted === "all";
  if (spec.kind === "headers") {
    // Loaded here, not at start-up: registry-only commands never need the reader or tree-sitter,
    // and reading headers never needs the registry (below: ~500 KB to decode).
    const [{ readHeaderBundle }, { parseBundle }] = await Promise.all([
      import("@xsysgen/reader"),
      import("@xsysgen/parser"),
    ]);
    // parseBundle loads tree-sitter's C grammar only for headers its line engine declines.
    const bundle = await readHeaderBundle(spec.path, read);
    const parsed = await parseBundle(bundle, every ? (goPortsOnly ? { only: goPorts } : {}) : { targets: wanted });
    const tables = new Map(parsed.tables.map((t) => [t.target, t] as const));
    if (tables.size === 0) {
      // Only on the way to an error: what the input serves when every arch is looked at.
      const served = goPortsOnly && every ? (await parseBundle(bundle)).served : [];
      throw new InputError(
        spec.path,
        served.length > 0
          ? `only Go files were asked for (--exact), and this input serves no arch with a golang.org/x/sys ` +
              `port: it serves ${served.join(", ")}`
          : "no syscall table in it: no arch's __NR_ definitions or syscall_*.tbl rows",
      );
    }
    const label = parsed.kernelVersion ?? portablePath(spec.path);
    return { spec, label, kernelVersion: parsed.kernelVersion, served: [...tables.keys()], tables };
  }
  const registry = await loadRegistry();
  const kernel = resolveSpec(registry, spec.version, context.host);
  if (kernel.note !== undefined) notes.add(kernel.note);
  const tables = new Map<TargetName, SyscallTable>();
  // Every arch the kernel has: a vanilla release every arch Linux had by then, a distro build the
  // arches it is built for, each narrowed to what its machine runs. Each is written or the command
  // fails: none is dropped in silence. (`xsysgen kernels` lists which arches each release and build has.)
  const candidates = every ? registry.kernelTargets(kernel).filter((t) => !goPortsOnly || goPorts.includes(t)) : wanted;
  for (const target of candidates) tables.set(target, registry.getTable(kernel, target));
  for (const target of candidates) {
    const why = derivedNote(registry, kernel, target);
    if (why !== undefined) notes.add(why);
  }
  return { spec, kernel, label: kernel.name, kernelVersion: kernel.name, served: [...tables.keys()], tables };
}

/**
 * `host` is the caller's machine: its `uname -r` and `uname -m`, which the caller passes (the CLI reads
 * them); any other spec goes to the registry as typed.
 */
function resolveSpec(registry: Registry, version: string, host: HostMachine | undefined): KernelRef {
  if (!isHost(version)) return registry.resolveKernel(version);
  if (host === undefined) throw new UsageError("kernel host: the caller passes no host machine (release, machine)");
  return registry.resolveKernel(host.release, {
    machine: host.machine,
    label: `host kernel ${host.release} (${host.machine})`,
  });
}

const isHost = (kernel: string | undefined): boolean => kernel?.trim().toLowerCase() === "host";

/**
 * What a regenerate command records for a `--kernel` spec: `host` becomes that machine's `uname -r`, with
 * the arches it resolved to when `--arch` was not given, so the command means the same elsewhere.
 */
export function recordedKernel(
  kernel: string | undefined,
  arches: TargetName[] | "all" | undefined,
  source: LoadedSource,
): { kernel: string | undefined; arches: TargetName[] | "all" | undefined } {
  if (!isHost(kernel) || source.kernel === undefined) return { kernel, arches };
  return { kernel: source.kernel.input, arches: arches ?? [...source.served] };
}

/** The targets golang.org/x/sys has a port for (every one but x32). */
const goPorts: readonly TargetName[] = goTargets.map((t) => t.name as TargetName);

type Registry = typeof Kernels;

/** The embedded registry's module, imported by the sources that need it. */
const loadRegistry = (): Promise<Registry> => import("@xsysgen/kernels");

/** A one-line note for a derived cell whose table leaves out entries the evidence cannot place. */
function derivedNote({ describeCell }: Registry, kernel: KernelRef, target: TargetName): string | undefined {
  const cell = describeCell(kernel, target);
  if (cell.kind === "exact" || cell.uncertain.length === 0) return undefined;
  const shown = cell.uncertain
    .slice(0, 3)
    .map((u) => `${u.name} (first ${u.first})`)
    .join(", ");
  const more = cell.uncertain.length > 3 ? ` and ${cell.uncertain.length - 3} more` : "";
  return (
    `${target} ${cell.series} is derived from the tables around it (no complete table of it was read): ` +
    `${shown}${more} cannot be placed ` +
    `relative to ${cell.series}, so the table leaves them out (their numbers stay in the generated files)`
  );
}

/**
 * The reference a patch is made against: `--reference` when given, else per target the newest
 * series the registry can produce for it (the registry's newest release, read from a real table on
 * every arch; never a guess).
 */
export async function loadReference(
  word: string | undefined,
  needed: readonly TargetName[],
  context: LoadContext,
): Promise<LoadedSource> {
  if (word !== undefined) return loadSource(sourceSpecFromWord(word), "all", context);
  const { getTable, newestKernel, newestSeriesOf } = await loadRegistry();
  const tables = new Map<TargetName, SyscallTable>();
  const series = new Set<string>();
  for (const target of needed) {
    const newest = newestSeriesOf(target);
    if (newest === undefined) continue;
    tables.set(target, getTable(newest, target));
    series.add(newest);
  }
  const label = [...series].join("/") || newestKernel;
  return { spec: { kind: "kernel", version: label }, label, kernelVersion: label, served: [...tables.keys()], tables };
}
