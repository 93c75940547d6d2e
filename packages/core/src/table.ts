import type { TargetName } from "./targets.ts";

/**
 * One syscall number as a compiler for the target sees it. `name` is spelled the way
 * golang.org/x/sys's mksysnum sees it in `cc -E -dD` output: `__NR_read` → `read`,
 * `__NR3264_fstatat` → `fstatat` (asm-generic's 64-bit alias `__NR_newfstatat` is kept in
 * `aliases`). Numbers are final: MIPS `__NR_Linux`, ARM `__NR_SYSCALL_BASE` and x32
 * `__X32_SYSCALL_BIT` already added.
 */
export interface SyscallEntry {
  readonly name: string;
  readonly number: number;
  /**
   * The defining macro when it is not `__NR_<name>`: asm-generic's `__NR3264_fstatat` is not a
   * C name, so C output uses the aliases (`__NR_newfstatat`) for such entries.
   */
  readonly macro?: string;
  /**
   * The header spells the number `(__NR_arch_specific_syscall + N)` (riscv's
   * `__NR_riscv_flush_icache` before 6.11). golang.org/x/sys's mksysnum only learned that form
   * in v0.11.0, so older x/sys files lack such constants.
   */
  readonly archSpecific?: true;
  /**
   * Not a syscall, but a numeric `__NR_` macro golang.org/x/sys prints: arm's
   * `#define __NR_SYSCALL_MASK 0x0fffff` (uapi from Linux 5.15), which mksysnum's `[0-9]+` regex
   * reads as `SYS_SYSCALL_MASK = 0`. C output, diffs and checks skip such entries.
   */
  readonly xsysOnly?: true;
}

/**
 * A `#define __NR_<name>` that a later `#undef` takes back. ARM EABI headers before Linux 4.10
 * define twelve OABI-only calls (`__NR_time` 13, `__NR_umount` 22, … `__NR_ipc` 117) and then
 * `#undef` them under `#if defined(__ARM_EABI__)`: `cc -E -dD` prints both lines, and
 * golang.org/x/sys's mksysnum, which reads only `#define` lines, prints a constant for each (as
 * its arm file of 2016 does). For C the name is not defined: fallback headers, JSON, diffs and
 * checks never see these, only the zsysnum renderer.
 */
export interface UndefEntry {
  readonly name: string;
  readonly number: number;
  /** How many of the table's `entries` precede its `#define` in `cc -E -dD` order. */
  readonly position: number;
}

/** A C name that resolves to an entry's number, e.g. asm-generic `__NR_newfstatat` → 79. */
export interface SyscallAlias {
  readonly name: string;
  readonly number: number;
}

/** One target's syscall table: entries (name → number) in source order and the C aliases beside them. */
export interface SyscallTable {
  readonly target: TargetName;
  /** Kernel release when the input states it, e.g. "6.1.20" or "3.10.0-1160.el7". */
  readonly kernelVersion?: string;
  /** Entries in source order (the order `cc -E -dD` would print them). */
  readonly entries: readonly SyscallEntry[];
  readonly aliases: readonly SyscallAlias[];
  /** Defines a later `#undef` removed, in `cc -E -dD` order (headers only; none when absent). */
  readonly undefEntries?: readonly UndefEntry[];
  /** Human-readable origin, e.g. "linux-libc-dev_6.1.x.deb:usr/include/x86_64-linux-gnu/asm/unistd_64.h". */
  readonly source: string;
}
