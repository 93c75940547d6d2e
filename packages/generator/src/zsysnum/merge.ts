/**
 * The table of a patched zsysnum file: the target headers' syscalls plus whatever a Go module
 * may already reference (the reference table's syscalls, the replaced x/sys file's constants),
 * each addition marked with a trailing comment saying the target headers lack it.
 */
import { ConflictError } from "@xsysgen/core";
import type { SyscallEntry, SyscallTable } from "@xsysgen/core";
import { appendedByMksysnum, entryName, goTarget, isMaskConstant, sysName } from "./rules.ts";

/** Options of {@link mergeForPatch}. */
export interface MergeForPatchOptions {
  /** Which number wins when target and reference disagree; without it a disagreement is a ConflictError. */
  readonly prefer?: "target" | "reference";
  /** Constants of the x/sys file being replaced (`SYS_` or entry names); those missing from both tables are kept. */
  readonly keep?: readonly { readonly name: string; readonly number: number }[];
  /** First Linux release with a syscall (entry name), for the annotation. */
  readonly sinceOf?: (name: string) => string | undefined;
  /** How the annotation names the target headers, e.g. "RHEL 7.9". */
  readonly targetLabel: string;
}

/** The table of a patched zsysnum file, with the annotations that mark what the target lacks. */
export interface MergedForPatch {
  readonly table: SyscallTable;
  /** Entry name → trailing comment, for renderZsysnumGo. */
  readonly annotations: Map<string, string>;
  /** Entry names added to the target's, in table order. */
  readonly added: string[];
}

/**
 * Target entries keep their order; additions follow in reference order, then keep order, so the
 * stable number sort of the renderer places them after target entries of equal number. Names are
 * compared as the `SYS_` constants they become. Each constant keeps its own number: nothing is
 * aliased to another syscall (x/sys's SYS_FSTATAT stays 79 next to the new SYS_NEWFSTATAT).
 */
export function mergeForPatch(
  target: SyscallTable,
  reference: SyscallTable,
  options: MergeForPatchOptions,
): MergedForPatch {
  const row = goTarget(target);
  // Constants the renderer prints whatever the merge does are no additions: the one mksysnum
  // appends (asm-generic's SYS_ARCH_SPECIFIC_SYSCALL = 244) and defines a later #undef removed (arm
  // EABI before 4.10: SYS_TIME = 13, printed with the headers' number). Every other constant is
  // merged like a syscall: arm's SYS_SYSCALL_MASK = 0 (uapi from 5.15) is in x/sys's arm file, so a
  // patched file for older headers adds it rather than drop it.
  const appended = appendedByMksysnum(row);
  const printedAnyway = new Set((target.undefEntries ?? []).map((u) => sysName(u.name)));
  if (appended !== undefined) printedAnyway.add(sysName(appended.name));
  const annotations = new Map<string, string>();
  const added: string[] = [];
  const byConst = new Map<string, number>();
  const entries: SyscallEntry[] = target.entries.map((e) => {
    byConst.set(sysName(e.name), e.number);
    return e;
  });

  for (const ref of reference.entries) {
    const key = sysName(ref.name);
    if (printedAnyway.has(key)) continue;
    const mine = byConst.get(key);
    if (mine === undefined) {
      add(ref.name, ref.number, ref.xsysOnly);
    } else if (mine !== ref.number) {
      if (options.prefer === undefined) {
        throw new ConflictError(
          `syscall ${ref.name}: number ${mine} in ${target.source} but ${ref.number} in ${reference.source}; ` +
            "pass a preference to choose",
        );
      }
      if (options.prefer === "reference") {
        const at = entries.findIndex((e) => sysName(e.name) === key);
        entries[at] = { ...(entries[at] as SyscallEntry), number: ref.number };
        byConst.set(key, ref.number);
        annotations.set((entries[at] as SyscallEntry).name, `${options.targetLabel} headers say ${mine}`);
      }
    }
  }
  for (const k of options.keep ?? []) {
    const name = entryName(k.name);
    const key = sysName(name);
    if (printedAnyway.has(key) || byConst.has(key)) continue;
    add(name, k.number, isMaskConstant(row, name) || undefined);
  }
  return { table: { ...target, entries }, annotations, added };

  function add(name: string, number: number, xsysOnly: true | undefined): void {
    entries.push(xsysOnly === true ? { name, number, xsysOnly } : { name, number });
    byConst.set(sysName(name), number);
    added.push(name);
    const since = options.sinceOf?.(name);
    annotations.set(name, `not in ${options.targetLabel} headers${since === undefined ? "" : `; Linux ${since}`}`);
  }
}
