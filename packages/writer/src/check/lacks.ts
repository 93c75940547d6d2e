/**
 * The `lacks` answer of checkModule built from syscall tables: a name the reference table of an
 * arch has (as an entry or a C alias, e.g. asm-generic `newfstatat` next to `fstatat`) and the
 * target table of that arch does not. Arches without both tables lack nothing.
 */
import type { SyscallTable, TargetName } from "@xsysgen/core";
import { cDefines } from "@xsysgen/generator";
import type { Lack } from "./check.ts";

/**
 * The names a use may mean, lower-cased as uses are: Go's `SYS_*` constants are the entries (x/sys
 * has `SYS_FSTATAT` where C has only `__NR_newfstatat`), C's `__NR_*` the table's C names
 * ({@link cDefines}). A C name that is no entry (an alias) comes without a number.
 */
function numbers(table: SyscallTable): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>(
    table.entries.filter((e) => e.xsysOnly !== true).map((e) => [e.name.toLowerCase(), e.number]),
  );
  for (const define of cDefines(table)) {
    const name = define.name.toLowerCase();
    if (!out.has(name)) out.set(name, undefined);
  }
  return out;
}

/**
 * The `lacks` lookup {@link checkModule} needs, built from per-arch target and reference tables: a
 * syscall the reference has and the target lacks, with its number and first kernel.
 */
export function lacksFromTables(
  target: Iterable<SyscallTable>,
  reference: Iterable<SyscallTable>,
  sinceOf?: (syscall: string, arch: TargetName) => string | undefined,
): (syscall: string, arch: TargetName) => Lack | undefined {
  const have = new Map([...target].map((t) => [t.target, numbers(t)] as const));
  const ref = new Map([...reference].map((t) => [t.target, numbers(t)] as const));
  return (syscall, arch) => {
    const h = have.get(arch);
    const r = ref.get(arch);
    if (h === undefined || r === undefined || h.has(syscall) || !r.has(syscall)) return undefined;
    const since = sinceOf?.(syscall, arch);
    const number = r.get(syscall);
    return { ...(since === undefined ? {} : { since }), ...(number === undefined ? {} : { number }) };
  };
}
