/**
 * x86 syscall tables laid out as `make headers_install` installs them (asm/unistd.h plus
 * asm/unistd_{32,64,x32}.h), to reproduce an old distribution's build environment — CentOS 7.9's
 * /usr/include/asm from the RHEL 7.9 table — for tests and the CLI.
 */
import { UsageError, targets } from "@xsysgen/core";
import type { SyscallTable, TargetName } from "@xsysgen/core";
import { byNumber, cNames } from "./names.ts";

/** x32 numbers carry `__X32_SYSCALL_BIT`; the header spells it `(__X32_SYSCALL_BIT + nr)`. */
const x32Bit = 0x40000000;

/** x86's per-ABI files, `unistd_{32,64,x32}.h`, by target (the rows' installedHeader). */
const files: ReadonlyMap<TargetName, string> = new Map(
  targets.flatMap((t) => (t.linuxArch === "x86" && t.installedHeader ? [[t.name, t.installedHeader] as const] : [])),
);
const fileOf = (name: TargetName) => files.get(name) as string;

/**
 * The installed asm/unistd.h of kernels 3.x to 5.x: headers_install drops the `__KERNEL__` test
 * and renames the `_UAPI_` guard of arch/x86/include/uapi/asm/unistd.h.
 */
const dispatcher = `#ifndef _ASM_X86_UNISTD_H
#define _ASM_X86_UNISTD_H

/* x32 syscall flag bit */
#define __X32_SYSCALL_BIT	0x40000000

# ifdef __i386__
#  include <asm/${fileOf("386")}>
# elif defined(__ILP32__)
#  include <asm/${fileOf("x32")}>
# else
#  include <asm/${fileOf("amd64")}>
# endif

#endif /* _ASM_X86_UNISTD_H */
`;

/**
 * Paths relative to an include directory (`asm/unistd_64.h`, …) → contents. Each table becomes
 * its arch's file in the form arch/x86/syscalls/syscallhdr.sh writes (guard defined as 1, one
 * `#define __NR_<name> <nr>` per line sorted by number); asm/unistd.h dispatches on __i386__ and
 * __ILP32__ and is always written, as on a real system that has all three files.
 */
export function renderInstalledUnistdHeaders(tables: SyscallTable | readonly SyscallTable[]): Map<string, string> {
  const list: readonly SyscallTable[] = Array.isArray(tables) ? tables : [tables as SyscallTable];
  const out = new Map<string, string>([["asm/unistd.h", dispatcher]]);
  for (const table of list) {
    const file = files.get(table.target);
    if (file === undefined)
      throw new UsageError(`installed header layout is known for x86 only, not ${table.target} (${table.source})`);
    if (out.has(`asm/${file}`)) throw new UsageError(`two ${table.target} tables given`);
    out.set(`asm/${file}`, renderArchFile(table, file));
  }
  return out;
}

function renderArchFile(table: SyscallTable, file: string): string {
  const guard = `_ASM_X86_${file.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;
  const rows = [...cNames(table)].map(([name, number]) => ({ name, number })).sort(byNumber);
  const lines = rows.map(({ name, number }) => {
    if (table.target !== "x32") return `#define __NR_${name} ${number}`;
    if (number < x32Bit) throw new UsageError(`${table.source}: x32 __NR_${name} = ${number} lacks __X32_SYSCALL_BIT`);
    return `#define __NR_${name} (__X32_SYSCALL_BIT + ${number - x32Bit})`;
  });
  return `#ifndef ${guard}\n#define ${guard} 1\n\n${lines.map((l) => `${l}\n`).join("")}\n#endif /* ${guard} */\n`;
}
