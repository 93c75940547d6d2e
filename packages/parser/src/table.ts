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
}

/** A C name that resolves to an entry's number, e.g. asm-generic `__NR_newfstatat` → 79. */
export interface SyscallAlias {
  readonly name: string;
  readonly number: number;
}

export interface SyscallTable {
  readonly target: TargetName;
  /** Kernel release when the input states it, e.g. "6.1.20" or "3.10.0-1160.el7". */
  readonly kernelVersion?: string;
  /** Entries in source order (the order `cc -E -dD` would print them). */
  readonly entries: readonly SyscallEntry[];
  readonly aliases: readonly SyscallAlias[];
  /** Human-readable origin, e.g. "linux-libc-dev_6.1.x.deb:usr/include/x86_64-linux-gnu/asm/unistd_64.h". */
  readonly source: string;
}
