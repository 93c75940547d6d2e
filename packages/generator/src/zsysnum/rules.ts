/**
 * What golang.org/x/sys `unix/linux/mksysnum.go` keeps of a syscall table and in which order:
 * the constants of a zsysnum file, before formatting.
 */
import { UsageError, findTarget } from "@xsysgen/core";
import type { SyscallEntry, SyscallTable, Target } from "@xsysgen/core";

/** One `SYS_` constant; `entry` is the table entry name it comes from. */
export interface SysConstant {
  readonly entry: string;
  readonly name: string;
  readonly number: number;
}

/** mksysnum's constant name: `SYS_` + strings.ToUpper(name). */
export function sysName(entryName: string): string {
  return `SYS_${entryName.toUpperCase()}`;
}

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
  return name === "syscalls" || name === "Linux" || /Linux_syscalls$/.test(name) || /^(\w*_)?SYSCALL_BASE$/.test(name);
}

/** The two names mksysnum prints for reasons other than the kernel headers (target quirks). */
export function quirkNames(target: Target): string[] {
  const names: string[] = [];
  if (target.quirks.syscallMaskZero) names.push("SYSCALL_MASK");
  if (target.quirks.archSpecificSyscall) names.push("arch_specific_syscall");
  return names;
}

/**
 * The constants mksysnum prints for a table, in its order.
 * - ARM `#define __NR_SYSCALL_MASK 0x0fffff` (uapi `asm/unistd.h` from Linux 5.15) precedes every
 *   syscall; the `[0-9]+` regex reads its leading `0`, so `SYS_SYSCALL_MASK = 0` comes first.
 *   Older headers lack it, and so do the x/sys files made from them.
 * - arm64/riscv64/loong64: from Linux 6.11 the generated headers lack `__NR_arch_specific_syscall`
 *   and mksysnum appends `#define __NR_arch_specific_syscall 244` to the cpp output.
 * - `format()` drops numbers above 999 before adding the MIPS `__NR_Linux` offset, so the test
 *   applies to the number without it.
 * - Insertion keeps preprocessor order among equal numbers: a stable sort by number.
 * - `(__NR_arch_specific_syscall + N)` lines are read only by x/sys v0.11.0 and later.
 */
export function mksysnumConstants(table: SyscallTable, options: { archSpecificOffsets?: boolean } = {}): SysConstant[] {
  const target = goTarget(table);
  const offset = target.linuxArch === "mips" ? (target.tbl?.offset ?? 0) : 0;
  const readsArchSpecific = options.archSpecificOffsets ?? true;
  let entries: SyscallEntry[] = table.entries.filter(
    (e) => !consumedByMksysnum(e.name) && (readsArchSpecific || e.archSpecific !== true),
  );
  if (target.quirks.syscallMaskZero) {
    const at = entries.findIndex((e) => sysName(e.name) === "SYS_SYSCALL_MASK");
    if (at >= 0) entries[at] = { name: (entries[at] as SyscallEntry).name, number: 0 };
  }
  if (target.quirks.archSpecificSyscall && !entries.some((e) => sysName(e.name) === "SYS_ARCH_SPECIFIC_SYSCALL")) {
    entries = [...entries, { name: "arch_specific_syscall", number: 244 }];
  }
  return entries
    .filter((e) => e.number - offset <= 999)
    .map((e, index) => ({ e, index }))
    .sort((a, b) => a.e.number - b.e.number || a.index - b.index)
    .map(({ e }) => ({ entry: e.name, name: sysName(e.name), number: e.number }));
}
