/**
 * What golang.org/x/sys `unix/linux/mksysnum.go` keeps of a syscall table and in which order:
 * the constants of a zsysnum file, before formatting.
 */
import { UsageError, findTarget } from "@xsysgen/core";
import type { SyscallEntry, SyscallTable, Target, UndefEntry } from "@xsysgen/core";

/** One `SYS_` constant; `entry` is the table entry name it comes from. */
export interface SysConstant {
  readonly entry: string;
  readonly name: string;
  readonly number: number;
}

/** mksysnum's constant name: `SYS_` + strings.ToUpper(name). */
export function sysName(entryName: string): string {
  let name = sysNames.get(entryName);
  if (name === undefined) sysNames.set(entryName, (name = `SYS_${entryName.toUpperCase()}`));
  return name;
}

/** ~600 distinct names, asked for ~40,000 times by gen --arch all (merge, constants, annotations). */
const sysNames = new Map<string, string>();

/** A table entry name for a constant or entry name (`SYS_FSTATAT` → `fstatat`, `fstatat` unchanged). */
export function entryName(name: string): string {
  return name.startsWith("SYS_") ? name.slice(4).toLowerCase() : name;
}

/** The Go target of a table, or a UsageError for ABIs x/sys has no port for (x32). */
export function goTarget(table: SyscallTable): Target & { readonly goarch: string } {
  const target = findTarget(table.target);
  if (target?.goarch === undefined) {
    throw new UsageError(`no golang.org/x/sys port for target ${table.target}: expected one with a GOARCH`);
  }
  return target as Target & { readonly goarch: string };
}

/**
 * Macros mksysnum's regexes consume or skip instead of printing: `__NR_syscalls`, MIPS
 * `__NR_Linux` (the offset) and `__NR_*Linux_syscalls`, ARM `__NR_SYSCALL_BASE` and
 * `__NR_OABI_SYSCALL_BASE` (matched as offsets before the generic `__NR_(\w+) ([0-9]+)` rule).
 */
function consumedByMksysnum(name: string): boolean {
  return (
    name === "syscalls" ||
    name === "Linux" ||
    name.endsWith("Linux_syscalls") ||
    (name.endsWith("SYSCALL_BASE") && /^(\w*_)?SYSCALL_BASE$/.test(name))
  );
}

/** The MIPS `__NR_Linux` offset (0 elsewhere): `format()` drops numbers above 999 before adding it. */
function printedOffset(target: Target): number {
  return target.linuxArch === "mips" ? (target.tbl?.offset ?? 0) : 0;
}

/**
 * The entry mksysnum appends to the cpp output of arm64/riscv64/loong64 whatever the headers say:
 * `#define __NR_arch_specific_syscall 244` (from Linux 6.11 the generated headers lack it).
 */
export function appendedByMksysnum(target: Target): SyscallEntry | undefined {
  return target.quirks.archSpecificSyscall ? { name: "arch_specific_syscall", number: 244 } : undefined;
}

/**
 * Whether an entry or constant name is ARM's `__NR_SYSCALL_MASK` (uapi `asm/unistd.h` from Linux
 * 5.15): a mask for decoding OABI swi immediates, no syscall, printed by x/sys (SyscallEntry.xsysOnly).
 */
export function isMaskConstant(target: Target, name: string): boolean {
  return target.quirks.syscallMaskZero === true && sysName(entryName(name)) === "SYS_SYSCALL_MASK";
}

/**
 * The number mksysnum prints for an entry: ARM `#define __NR_SYSCALL_MASK 0x0fffff` prints as 0,
 * since the `[0-9]+` regex reads its leading `0`.
 */
export function printedNumber(target: Target, entry: Pick<SyscallEntry, "name" | "number">): number {
  return isMaskConstant(target, entry.name) ? 0 : entry.number;
}

/**
 * Whether mksysnum prints a `SYS_` constant for a name of `target`'s headers (an entry, or an
 * alias where `alias` says so):
 * - never for an alias (`#define __NR_newfstatat __NR3264_fstatat` is not a number), nor for the
 *   macros its regexes consume;
 * - not when the printed number, less the MIPS `__NR_Linux` offset, is above 999;
 * - `(__NR_arch_specific_syscall + N)` lines only when it reads them (x/sys v0.11.0 and later).
 */
export function mksysnumPrints(
  target: Target,
  entry: Pick<SyscallEntry, "name" | "number" | "archSpecific"> & { readonly alias?: true },
  readsArchSpecific: boolean,
): boolean {
  return (
    entry.alias !== true &&
    !consumedByMksysnum(entry.name) &&
    printedNumber(target, entry) - printedOffset(target) <= 999 &&
    (readsArchSpecific || entry.archSpecific !== true)
  );
}

/**
 * The constants mksysnum prints for a table, in its order.
 * - ARM `SYS_SYSCALL_MASK = 0` comes first (`printedNumber`); headers before Linux 5.15
 *   lack it, and so do the x/sys files made from them.
 * - arm64/riscv64/loong64 get `SYS_ARCH_SPECIFIC_SYSCALL = 244` (`appendedByMksysnum`).
 * - Insertion keeps preprocessor order among equal numbers: a stable sort by number.
 * - `(__NR_arch_specific_syscall + N)` lines are read only by x/sys v0.11.0 and later.
 * - A define a later `#undef` removed is printed all the same (arm EABI before 4.10: SYS_TIME = 13…).
 */
export function mksysnumConstants(table: SyscallTable, options: { archSpecificOffsets?: boolean } = {}): SysConstant[] {
  const target = goTarget(table);
  const readsArchSpecific = options.archSpecificOffsets ?? true;
  const entries: SyscallEntry[] = definesInCppOrder(table)
    .filter((e) => mksysnumPrints(target, e, readsArchSpecific))
    .map((e) => ({ name: e.name, number: printedNumber(target, e) }));
  const appended = appendedByMksysnum(target);
  if (appended !== undefined && !entries.some((e) => sysName(e.name) === sysName(appended.name))) {
    entries.push(appended);
  }
  return entries
    .map((e, index) => ({ e, index }))
    .sort((a, b) => a.e.number - b.e.number || a.index - b.index)
    .map(({ e }) => ({ entry: e.name, name: sysName(e.name), number: e.number }));
}

/**
 * Every `#define __NR_` line mksysnum reads in `cc -E -dD` output: the table's entries with the
 * defines a later `#undef` removed (SyscallTable.undefEntries) back in their places.
 */
function definesInCppOrder(table: SyscallTable): readonly Pick<SyscallEntry, "name" | "number" | "archSpecific">[] {
  const removed = table.undefEntries ?? [];
  if (removed.length === 0) return table.entries;
  const out: Pick<SyscallEntry, "name" | "number" | "archSpecific">[] = [];
  let next = 0;
  const putBack = (upTo: number) => {
    for (; next < removed.length && (removed[next] as UndefEntry).position <= upTo; next++) {
      const { name, number } = removed[next] as UndefEntry;
      out.push({ name, number });
    }
  };
  table.entries.forEach((entry, i) => {
    putBack(i);
    out.push(entry);
  });
  putBack(Infinity);
  return out;
}
