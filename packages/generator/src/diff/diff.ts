/**
 * What changed between two syscall tables of one target: added and removed names, names whose
 * number changed (renumbered) and numbers whose name changed (renamed, e.g. arm64 `fstatat` →
 * `newfstatat` in the 6.11 headers).
 */
import { findTarget, type SyscallTable, type TargetName } from "@xsysgen/core";

/** First kernel of a name on a target, as text ("4.11", "6.18 or 6.19"), or an object carrying it. */
export type SinceLookup = (name: string, target: TargetName) => string | { readonly text: string } | undefined;

/** A syscall in a {@link TableDiff}: name, number and first kernel. */
export interface DiffEntry {
  readonly name: string;
  readonly number: number;
  /** First vanilla kernel with it on this arch, when the lookup knows it. */
  readonly since?: string;
}

/** The changes between two tables of one arch (see {@link diffTables}). */
export interface TableDiff {
  readonly target: TargetName;
  readonly added: readonly DiffEntry[];
  readonly removed: readonly DiffEntry[];
  readonly renumbered: ReadonlyArray<{ readonly name: string; readonly from: number; readonly to: number }>;
  readonly renamed: ReadonlyArray<{ readonly number: number; readonly from: string; readonly to: string }>;
}

/** Several targets' diffs between two labelled sides, the input of every renderer. */
export interface DiffReport {
  readonly from: string;
  readonly to: string;
  readonly arches: readonly TableDiff[];
  /** Arches only one side has a table for (not compared): e.g. riscv64 in 6.1 but not in 3.10. */
  readonly onlyFrom?: readonly TargetName[];
  readonly onlyTo?: readonly TargetName[];
}

/** The JSON key of a target: its GOARCH, or the target name for x32. */
export function archKey(target: TargetName): string {
  return findTarget(target)?.goarch ?? target;
}

function firstByName(table: SyscallTable): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of table.entries) if (!m.has(e.name) && e.xsysOnly !== true) m.set(e.name, e.number);
  return m;
}

/** What changes from one table to another of the same arch: syscalls added, removed, renumbered and renamed. */
export function diffTables(from: SyscallTable, to: SyscallTable, sinceOf?: SinceLookup): TableDiff {
  const target = to.target;
  const a = firstByName(from);
  const b = firstByName(to);
  const since = (name: string): string | undefined => {
    const s = sinceOf?.(name, target);
    return s === undefined ? undefined : typeof s === "string" ? s : s.text;
  };
  const entry = (name: string, number: number): DiffEntry => {
    const s = since(name);
    return s === undefined ? { name, number } : { name, number, since: s };
  };
  const renumbered = [...a]
    .filter(([name, n]) => b.has(name) && b.get(name) !== n)
    .map(([name, n]) => ({ name, from: n, to: b.get(name) as number }));
  const onlyFrom = [...a].filter(([name]) => !b.has(name));
  const onlyTo = [...b].filter(([name]) => !a.has(name));
  // A number that lost one name and gained another is a spelling change, not a removal plus an addition.
  const renamed: Array<{ number: number; from: string; to: string }> = [];
  const pairedFrom = new Set<string>();
  const pairedTo = new Set<string>();
  for (const [toName, n] of onlyTo) {
    const match = onlyFrom.find(([fromName, m]) => m === n && !pairedFrom.has(fromName));
    if (match === undefined) continue;
    pairedFrom.add(match[0]);
    pairedTo.add(toName);
    renamed.push({ number: n, from: match[0], to: toName });
  }
  const byNumber = (x: DiffEntry, y: DiffEntry) => x.number - y.number || (x.name < y.name ? -1 : 1);
  return {
    target,
    added: onlyTo
      .filter(([name]) => !pairedTo.has(name))
      .map(([name, n]) => entry(name, n))
      .sort(byNumber),
    removed: onlyFrom
      .filter(([name]) => !pairedFrom.has(name))
      .map(([name, n]) => entry(name, n))
      .sort(byNumber),
    renumbered: renumbered.sort((x, y) => x.to - y.to),
    renamed: renamed.sort((x, y) => x.number - y.number),
  };
}

/** True when a {@link TableDiff} has no change at all. */
export function isEmptyDiff(d: TableDiff): boolean {
  return d.added.length + d.removed.length + d.renumbered.length + d.renamed.length === 0;
}
