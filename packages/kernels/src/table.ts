/**
 * Tables out of the registry: the records a target has at one series, or a refusal that says
 * which syscalls the data cannot place (an UnknownKernelError, never a guess).
 */
import {
  UnknownKernelError,
  UsageError,
  findTarget,
  type SyscallAlias,
  type SyscallEntry,
  type SyscallTable,
  type TargetName,
  type UndefEntry,
} from "@xsysgen/core";
import type { DistroBuild, RegistryData, RegistryRecord, TargetRegistry } from "./model.ts";
import type { KernelRef } from "./resolve.ts";
import { compareSeries } from "./series.ts";
import { reached } from "./span.ts";

type Presence = "present" | "absent" | "unknown";

function presenceAt(record: RegistryRecord, series: string): Presence {
  const started = reached(record.since, series);
  const ended = record.until === undefined ? "no" : reached(record.until, series);
  if (started === "no" || ended === "yes") return "absent";
  if (started === "yes" && ended === "no") return "present";
  return "unknown";
}

/** Why `series` cannot be produced for the target, or undefined when it can. */
export function refusalReason(reg: TargetRegistry | undefined, target: TargetName, series: string): string | undefined {
  const t = findTarget(target);
  if (t !== undefined && compareSeries(series, t.firstKernel) < 0) {
    return `${target} did not exist before Linux ${t.firstKernel}`;
  }
  if (reg === undefined || reg.snapshots.length === 0) return `no ${target} data in the registry`;
  const first = reg.snapshots[0]?.series as string;
  const last = reg.snapshots[reg.snapshots.length - 1]?.series as string;
  if (compareSeries(series, first) < 0 || compareSeries(series, last) > 0) {
    return `the registry's ${target} data spans ${first}..${last} (${reg.limits})`;
  }
  return undefined;
}

/**
 * How a cell is known. `exact`: a real table of that release and arch was read. `derived`: the
 * nearest tables before and after it agree on every entry's presence, or an entry's arrival is
 * placed by evidence. `uncertain` lists the entries whose arrival (or departure) the evidence
 * brackets around this release without placing it: the table leaves such an entry out (the
 * generated files still carry its real number, and a kernel without it answers ENOSYS).
 */
export interface CellStatus {
  readonly kind: "exact" | "derived";
  readonly uncertain: readonly RegistryRecord[];
}

/**
 * A snapshot read only from presence tables — hrw's and PyPI's (`hrw/…`, `pypi/…`), which leave out removed
 * syscalls, and the `syscalls` crate's (`crates/syscalls@…`), which has no aliases — or from what an -rc
 * table says of the release before it (`… lacked before 5.19`) places arrivals but is no complete table of
 * the release: its cell stays derived.
 */
export function presenceOnly(source: string): boolean {
  return source
    .split("; ")
    .every((label) => /^(hrw\/|pypi\/|crates\/syscalls@)/.test(label) || / lacked before [0-9.]+\)$/.test(label));
}

/**
 * Exact: a complete table of that release was read and decides every entry (a reading through an
 * unknown port wrapper, riscv64 4.15-4.18, leaves some undecided: derived).
 */
/**
 * Whether a snapshot can show a name absent: a complete table, or a presence table of a release (not an -rc:
 * `(Linux 4.10-rc)`), which shows that no number past its last one is there yet.
 */
export function showsAbsence(source: string): boolean {
  return source.split("; ").some((label) => !presenceOnly(label) || !/-rc\d*\)$/.test(label));
}

export function cellStatus(reg: TargetRegistry, series: string): CellStatus {
  const uncertain = reg.records.filter((r) => presenceAt(r, series) === "unknown");
  const read = reg.snapshots.some((s) => s.series === series && !presenceOnly(s.source));
  return { kind: read && uncertain.length === 0 ? "exact" : "derived", uncertain };
}

type Item = {
  name: string;
  number: number;
  macro?: string;
  alias?: true;
  archSpecific?: true;
  xsysOnly?: true;
  undef?: true;
};

/** Distro additions go before the first base item with a higher number (RHEL tables are by number). */
function insertByNumber(base: Item[], added: readonly Item[]): Item[] {
  const out = [...base];
  for (const a of added) {
    const at = out.findIndex((x) => x.number > a.number);
    out.splice(at < 0 ? out.length : at, 0, a);
  }
  return out;
}

function toEntry(r: {
  name: string;
  number: number;
  macro?: string;
  archSpecific?: true;
  xsysOnly?: true;
}): SyscallEntry {
  // Assigned, not spread: gen builds ~13,000 entries per run, before any of this code is optimized.
  const entry: { name: string; number: number; macro?: string; archSpecific?: true; xsysOnly?: true } = {
    name: r.name,
    number: r.number,
  };
  if (r.macro !== undefined) entry.macro = r.macro;
  if (r.archSpecific === true) entry.archSpecific = true;
  if (r.xsysOnly === true) entry.xsysOnly = true;
  return entry;
}

/**
 * The records of a vanilla table at `series`: an entry whose departure is unplaced stays (its arrival is
 * certain); one whose arrival is unplaced is left out. RHEL builds are stored as changes over exactly this.
 */
export function recordsAt(reg: TargetRegistry, series: string): RegistryRecord[] {
  return reg.records.filter((r) => {
    const presence = presenceAt(r, series);
    return presence === "present" || (presence === "unknown" && reached(r.since, series) === "yes");
  });
}

function vanillaRecords(data: RegistryData, target: TargetName, series: string, label: string): RegistryRecord[] {
  const reg = data.targets[target];
  const why = refusalReason(reg, target, series);
  if (why !== undefined || reg === undefined)
    throw new UnknownKernelError(`no ${target} table for kernel ${label}: ${why ?? "no data"}`);
  return recordsAt(reg, series);
}

/**
 * Why a RHEL build has no `target` table: Red Hat never built that major for it (a usage error naming
 * the arches it did), or kernel-data saved no files of this build for it (naming an older build that has one).
 */
function distroRefusal(data: RegistryData, build: DistroBuild, target: TargetName): Error {
  const majorOf = (minor: string) => Number(minor.split(".")[0]);
  const major = data.rhelMajors.find((m) => m.major === majorOf(build.minor));
  const covered = Object.keys(build.targets).join(", ");
  if (major !== undefined && !major.builtFor.includes(target))
    return new UsageError(
      `no ${target} table for ${build.name} (${build.release}): Red Hat builds RHEL ${major.major} for ` +
        `${major.builtFor.join(", ")}; ${major.others}`,
    );
  const older = data.distros
    .filter((d) => majorOf(d.minor) === majorOf(build.minor) && d.targets[target] !== undefined)
    .filter((d) => Number(d.minor.split(".")[1]) < Number(build.minor.split(".")[1]))
    .pop();
  return new UnknownKernelError(
    `no ${target} table for ${build.name} (${build.release}): kernel-data saved only its ${covered} files` +
      `${older === undefined ? "" : `; ${older.release} (${older.name}) has a ${target} table`}`,
  );
}

function applyDistro(data: RegistryData, build: DistroBuild, target: TargetName, base: RegistryRecord[]): Item[] {
  const changes = build.targets[target];
  if (changes === undefined) throw distroRefusal(data, build, target);
  const key = (r: { name: string; number: number; alias?: true }) =>
    `${r.alias === true ? "a" : "e"}:${r.name}:${r.number}`;
  const removed = new Set(changes.filter((c) => c.op === "-").map(key));
  const kept: Item[] = base.filter((r) => !removed.has(key(r)));
  const added = changes.filter((c) => c.op === "+");
  return [
    ...insertByNumber(
      kept.filter((r) => r.alias !== true),
      added.filter((c) => c.alias !== true),
    ),
    ...insertByNumber(
      kept.filter((r) => r.alias === true),
      added.filter((c) => c.alias === true),
    ),
  ];
}

export function tableFor(data: RegistryData, ref: KernelRef, target: TargetName): SyscallTable {
  const build = ref.kind === "distro" ? data.distros.find((d) => d.name === ref.name) : undefined;
  if (ref.kind === "distro" && build === undefined) throw new UnknownKernelError(`unknown distro kernel ${ref.input}`);
  if (build !== undefined && build.targets[target] === undefined) throw distroRefusal(data, build, target);
  const base = vanillaRecords(data, build?.baseTargets?.[target] ?? target, ref.series, ref.input);
  let records: Item[] = base;
  let source = `xsysgen kernel registry: Linux ${ref.series} ${target}`;
  if (build !== undefined) {
    records = applyDistro(data, build, target, base);
    source = `xsysgen kernel registry: ${build.name} (${build.release}) ${target}`;
  }
  const entries: SyscallEntry[] = [];
  // arm's OABI-only defines that a later #undef removes (before 4.10), in their place among the entries.
  const undefEntries: UndefEntry[] = [];
  for (const r of records) {
    if (r.alias === true) continue;
    if (r.undef === true) undefEntries.push({ name: r.name, number: r.number, position: entries.length });
    else entries.push(toEntry(r));
  }
  const aliases: SyscallAlias[] = records
    .filter((r) => r.alias === true)
    .map((r) => ({ name: r.name, number: r.number }));
  const table = { target, kernelVersion: ref.name, entries, aliases, source };
  return undefEntries.length === 0 ? table : { ...table, undefEntries };
}
