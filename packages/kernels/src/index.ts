/**
 * The embedded kernel registry: syscall tables of every vanilla release from 2.6.32 on and of every RHEL minor
 * kernel-data has a tree of, per target, without headers at hand; any distro's `uname -r` resolved to one
 * of them. Pure: the data ships as JSON imported with the code (data.ts), each target parsed on first use.
 */
import { UsageError, findTarget, targets, type SyscallTable, type TargetName } from "@xsysgen/core";
import { registry } from "./data.ts";
import { resolveKernelIn, type KernelRef, type ResolveOptions } from "./resolve.ts";
import { allSeries, newestSeries } from "./series.ts";
import { listIn, showIn, sinceIn, type KernelListing, type ShowResult, type SinceInfo } from "./show.ts";
import { cellStatus, refusalReason, tableFor } from "./table.ts";

export type { KernelRef, ResolveOptions } from "./resolve.ts";
export type { KernelListing, ShowArch, ShowDistro, ShowResult, SinceEvidence, SinceInfo } from "./show.ts";
export type {
  DistroBuild,
  DistroChange,
  RegistryData,
  RegistryRecord,
  RhelMajor,
  RhelMinor,
  Snapshot,
  Span,
  TargetRegistry,
} from "./model.ts";
export { allSeries, compareSeries } from "./series.ts";
export { formatSpan } from "./span.ts";
import { formatSpan as formatSpanText } from "./span.ts";

/** Newest vanilla series in the registry (the default reference kernel). */
export const newestKernel: string = newestSeries;

/**
 * `2.6.32`, `3.10.0`, `6.1.20` → a vanilla series; `3.10.0-1160.99.1.el7.x86_64`, `rhel8.10`, `rocky9` → a RHEL
 * build; `5.15.0-91-generic` and other distros' `uname -r` → their vanilla x.y. `note` says what stands in.
 */
export function resolveKernel(spec: string, options?: ResolveOptions): KernelRef {
  return resolveKernelIn(registry, spec, options);
}

const refOf = (kernel: string | KernelRef): KernelRef => (typeof kernel === "string" ? resolveKernel(kernel) : kernel);

/** The table a parser run on that kernel's installed headers for `target` gives; refuses rather than guesses. */
export function getTable(kernel: string | KernelRef, target: TargetName): SyscallTable {
  if (findTarget(target) === undefined) throw new UsageError(`unknown arch ${String(target)}`);
  const ref = refOf(kernel);
  if (ref.machineTargets !== undefined && !ref.machineTargets.includes(target)) {
    throw new UsageError(
      `kernel ${ref.input.trim()} is a build for a machine that runs ${ref.machineTargets.join(", ")} code, ` +
        `not ${target}`,
    );
  }
  // Memoized per resolved kernel and target: gen asks for a table again when it describes the cell.
  const key = `${ref.kind}\0${ref.name}\0${ref.series}\0${target}`;
  let table = tables.get(key);
  if (table === undefined) tables.set(key, (table = tableFor(registry, ref, target)));
  return table;
}

const tables = new Map<string, SyscallTable>();

/**
 * The newest vanilla series with a table for `target` (what `listKernels()` lists it under last):
 * the default reference of a patch, without building the whole listing.
 */
export function newestSeriesOf(target: TargetName): string | undefined {
  for (let i = allSeries.length - 1; i >= 0; i--) {
    const series = allSeries[i] as string;
    if (refusalReason(registry.targets[target], target, series) === undefined) return series;
  }
  return undefined;
}

/** The targets a distro build covers (as `listKernels().distros` lists them), or undefined for an unknown build. */
export function distroTargets(name: string): TargetName[] | undefined {
  const build = registry.distros.find((d) => d.name === name);
  return build === undefined ? undefined : (Object.keys(build.targets) as TargetName[]);
}

/**
 * The arches a resolved kernel has a table for, in the targets table's order: a distro build its own, a
 * vanilla release every arch Linux had by then — each narrowed to what its machine runs (`machineTargets`).
 */
export function kernelTargets(kernel: string | KernelRef): TargetName[] {
  const ref = refOf(kernel);
  const own = ref.kind === "distro" ? distroTargets(ref.name) : undefined;
  return targets
    .map((t) => t.name)
    .filter((t) => (own === undefined ? servesSeries(t, ref.series) : own.includes(t)))
    .filter((t) => ref.machineTargets?.includes(t) ?? true);
}

const servesSeries = (target: TargetName, series: string) =>
  refusalReason(registry.targets[target], target, series) === undefined;

/** First vanilla kernel having `name` on `target`, with its bounds; undefined when the target never had it. */
export function sinceOf(name: string, target: TargetName): SinceInfo | undefined {
  return sinceIn(registry, name, target);
}

/** Every kernel the registry knows: vanilla series with the targets each covers, RHEL builds, names. */
export function listKernels(): KernelListing {
  return listIn(registry, newestKernel);
}

/** A syscall by name or number: its number and first kernel on each arch, and which distro builds have it. */
export function showSyscall(nameOrNumber: string, targets?: readonly TargetName[]): ShowResult {
  return showIn(registry, nameOrNumber, targets);
}

/**
 * How the registry knows one (release, arch) cell: read from a table of that release, or derived from
 * the tables around it.
 */
export interface CellInfo {
  readonly series: string;
  readonly target: TargetName;
  /**
   * `exact`: a complete table of that release and arch was read and places every entry; `derived`: none was,
   * the table is placed from the tables around it.
   */
  readonly kind: "exact" | "derived";
  /** The sources read at that release (presence tables too, for a derived cell). */
  readonly sources: string;
  /** Entries the evidence brackets around this release without placing them (left out of its table). */
  readonly uncertain: ReadonlyArray<{
    readonly name: string;
    readonly number: number;
    readonly first: string;
    readonly gone?: string;
  }>;
}

/**
 * Exact or derived, and what stays uncertain, for a kernel on one arch. A RHEL build's table is its own
 * tree's (the registry stores it as changes over the vanilla base that give exactly that tree): exact.
 */
export function describeCell(kernel: string | KernelRef, target: TargetName): CellInfo {
  const ref = refOf(kernel);
  getTable(ref, target);
  const build = ref.kind === "distro" ? registry.distros.find((d) => d.name === ref.name) : undefined;
  if (build !== undefined) return { series: ref.series, target, kind: "exact", sources: build.source, uncertain: [] };
  const reg = registry.targets[target];
  if (reg === undefined) throw new UsageError(`unknown arch ${String(target)}`);
  const status = cellStatus(reg, ref.series);
  return {
    series: ref.series,
    target,
    kind: status.kind,
    sources: reg.snapshots.find((s) => s.series === ref.series)?.source ?? "",
    uncertain: status.uncertain.map((r) => ({
      name: r.name,
      number: r.number,
      first: formatSpanText(r.since),
      ...(r.until === undefined ? {} : { gone: formatSpanText(r.until) }),
    })),
  };
}
