/**
 * The committed kernel registry's tables (getTable of @xsysgen/kernels, the project's own facts)
 * written in the file formats of kernel source trees, for tests that need a tree of an era no
 * registry serves as source (3.10, the RHEL builds, 2.6.32, 7.1). Nothing here is copied from a
 * kernel: the rows are the registry's numbers and names, the layout is the format's.
 */
import type { SyscallTable, TargetName } from "../../packages/core/src/index.ts";
import { getTable, kernelTargets } from "../../packages/kernels/src/index.ts";

const X32_BIT = 0x40000000;
const row = (n: number, abi: string, name: string) => `${n}\t${abi}\t${name}\tsys_${name}\n`;

function table(kernel: string, target: TargetName): SyscallTable {
  return getTable(kernel, target);
}

/**
 * `arch/x86/…/syscall_64.tbl` from the amd64 and x32 tables: a name both ABIs have at the same
 * number is `common`, an amd64-only row `64`, an x32-only row `x32` (the 512+ compat entries).
 * A RHEL build has no x32 table (no RHEL kernel runs x32 programs): every row is then `64`.
 */
export function x86Tbl64(kernel: string): string {
  const amd64 = table(kernel, "amd64").entries;
  const x32 = (kernelTargets(kernel).includes("x32") ? table(kernel, "x32").entries : []).map((e) => ({
    name: e.name,
    number: e.number - X32_BIT,
  }));
  const x32Keys = new Set(x32.map((e) => `${e.number} ${e.name}`));
  const amd64Keys = new Set(amd64.map((e) => `${e.number} ${e.name}`));
  return (
    "# syscall_64.tbl written by xsysgen's tests from its kernel registry\n" +
    amd64.map((e) => row(e.number, x32Keys.has(`${e.number} ${e.name}`) ? "common" : "64", e.name)).join("") +
    x32
      .filter((e) => !amd64Keys.has(`${e.number} ${e.name}`))
      .map((e) => row(e.number, "x32", e.name))
      .join("")
  );
}

/** `arch/x86/…/syscall_32.tbl` from the 386 table (every row `i386`). */
export function x86Tbl32(kernel: string): string {
  return (
    "# syscall_32.tbl written by xsysgen's tests from its kernel registry\n" +
    table(kernel, "386")
      .entries.map((e) => row(e.number, "i386", e.name))
      .join("")
  );
}

/** ABIs arm64's Makefile.syscalls adds to `common` and `64` (6.11+), by the syscall they tag. */
const arm64Abis: Readonly<Record<string, string>> = {
  renameat: "renameat",
  getrlimit: "rlimit",
  setrlimit: "rlimit",
  memfd_secret: "memfd_secret",
};

/**
 * `scripts/syscall.tbl` (6.11+) from the arm64 table: its rows `common` or their own ABI, and for
 * every tenth syscall a `32` row (`<name>64`) that a 64-bit arch must not select.
 */
export function genericSyscallTbl(kernel: string): string {
  return (
    "# scripts/syscall.tbl written by xsysgen's tests from its kernel registry\n" +
    table(kernel, "arm64")
      .entries.map(
        (e, i) =>
          (i % 10 === 0 ? row(e.number, "32", `${e.name}64`) : "") +
          row(e.number, arm64Abis[e.name] ?? "common", e.name),
      )
      .join("")
  );
}

/** `arch/arm64/kernel/Makefile.syscalls` (6.11+): the ABIs arm64 selects besides common and 64. */
export const arm64MakefileSyscalls = `syscall_abis_64 += ${[...new Set(Object.values(arm64Abis))].join(" ")}\n`;

/**
 * A 2.6-era x86 `asm/unistd_{32,64}.h`: the numbers in the header itself (64-bit: each followed by
 * `__SYSCALL(__NR_x, sys_x)`), a `__KERNEL__` section user space never sees, one include guard.
 */
export function inHeaderTable(kernel: string, target: "amd64" | "386"): string {
  const bits = target === "amd64" ? "64" : "32";
  const guard = `_ASM_X86_UNISTD_${bits}_H`;
  const entries = table(kernel, target).entries;
  // amd64's in-tree unistd_64.h before 3.3 (2.6.32 ...) follows each define with its __SYSCALL line.
  const sysCall = (name: string) => (target === "amd64" ? `__SYSCALL(__NR_${name}, sys_${name})\n` : "");
  const body = entries.map((e) => `#define __NR_${e.name}\t\t${e.number}\n${sysCall(e.name)}`).join("");
  return [
    `/* ${kernel} ${target}: written by xsysgen's tests from its kernel registry, in the 2.6 layout */`,
    `#ifndef ${guard}`,
    `#define ${guard}`,
    "",
    ...(target === "amd64" ? ["#ifndef __SYSCALL", "#define __SYSCALL(a, b)", "#endif", ""] : []),
    body,
    "#ifdef __KERNEL__",
    `#define NR_syscalls ${(entries.at(-1)?.number ?? -1) + 1}`,
    "#define __ARCH_WANT_SYS_GETPGRP",
    "#define __NR_kernel_only_marker 9999",
    "#endif /* __KERNEL__ */",
    "",
    `#endif /* ${guard} */`,
    "",
  ].join("\n");
}

/** A kernel's top-level Makefile, only its version lines (`3.10.4`, `2.6.32-641.el6` style versions). */
export function kernelMakefile(version: string, extra = ""): string {
  const m = /^(\d+)\.(\d+)\.?(\d+)?(.*)$/.exec(version);
  if (m === null) throw new Error(`kernelMakefile: ${version}`);
  const lines = [
    `VERSION = ${m[1]}`,
    `PATCHLEVEL = ${m[2]}`,
    `SUBLEVEL = ${m[3] ?? "0"}`,
    `EXTRAVERSION = ${m[4] ?? ""}`,
  ];
  return `${lines.join("\n")}\nNAME = xsysgen test tree\n${extra}`;
}
