/**
 * renderZsysnumGo against golang.org/x/sys's own generator: upstream `unix/linux/mksysnum.go`
 * (x/sys v0.50.0) is built and run on `cc -E -dD` texts in each define form it handles, its
 * output piped through gofmt as mkall does, and compared with what we render for the table a
 * compiler sees in the same text (final numbers, source order).
 *
 * @module-tag network
 * @module-tag go
 */
import { execFileSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SyscallEntry, SyscallTable, TargetName } from "@xsysgen/core";
import { modernEra, renderZsysnumGo } from "@xsysgen/generator";
import { goEnv, xsysUnixDir } from "./_xsys.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let work = "";
let mksysnum = "";
beforeAll(() => {
  work = scratchDir();
  mksysnum = join(work, "mksysnum");
  execFileSync("go", ["build", "-o", mksysnum, "./linux/mksysnum.go"], { cwd: xsysUnixDir("v0.50.0"), env: goEnv() });
  writeFileSync(join(work, "cc"), '#!/bin/sh\nexec cat "$CPP_OUT"\n');
  chmodSync(join(work, "cc"), 0o755);
});

/** What upstream prints (after gofmt) for this preprocessor output. */
function upstream(goarch: string, cppOut: string): string {
  const file = join(work, `${goarch}.i`);
  writeFileSync(file, cppOut);
  const env = goEnv({
    GOOS: "linux",
    GOARCH_TARGET: goarch,
    GOLANG_SYS_BUILD: "docker",
    CC: join(work, "cc"),
    CPP_OUT: file,
  });
  const raw = execFileSync(mksysnum, [`/tmp/${goarch}/include/asm/unistd.h`], { env, encoding: "utf8" });
  return execFileSync("gofmt", [], { input: raw, encoding: "utf8" });
}

function ours(target: TargetName, entries: SyscallEntry[]): string {
  const table: SyscallTable = { target, entries, aliases: [], source: "test" };
  return renderZsysnumGo(table, {
    command: `go run linux/mksysnum.go /tmp/${target}/include/asm/unistd.h`,
    era: modernEra,
  });
}

describe("renderZsysnumGo = upstream mksysnum.go + gofmt", () => {
  it("plain numbers: stable sort by number, numbers above 999 dropped, __NR_syscalls ignored", () => {
    const cpp = [
      "#define __NR_read 0",
      "#define __NR_later 5",
      "#define __NR_first 3",
      "#define __NR_second 3",
      "#define __NR_oldopen 1024",
      "#define __NR_edge 999",
      "#define __NR_syscalls 1025",
      "",
    ].join("\n");
    const entries = [
      { name: "read", number: 0 },
      { name: "later", number: 5 },
      { name: "first", number: 3 },
      { name: "second", number: 3 },
      { name: "oldopen", number: 1024 },
      { name: "edge", number: 999 },
      { name: "syscalls", number: 1025 },
    ];
    expect(ours("amd64", entries)).toBe(upstream("amd64", cpp));
  });

  it("MIPS: __NR_Linux offset added after the 999 test", () => {
    const cpp = [
      "#define __NR_Linux 4000",
      "#define __NR_syscall (__NR_Linux + 0)",
      "#define __NR_exit (__NR_Linux + 1)",
      "#define __NR_huge (__NR_Linux + 1000)",
      "#define __NR_last (__NR_Linux + 999)",
      "#define __NR_Linux_syscalls 1000",
      "",
    ].join("\n");
    const entries = [
      { name: "Linux", number: 4000 },
      { name: "syscall", number: 4000 },
      { name: "exit", number: 4001 },
      { name: "huge", number: 5000 },
      { name: "last", number: 4999 },
      { name: "Linux_syscalls", number: 5000 },
    ];
    expect(ours("mipsle", entries)).toBe(upstream("mipsle", cpp));
    expect(
      ours(
        "mips64",
        entries.map((e) => ({ ...e, number: e.number + 1000 })),
      ),
    ).toBe(upstream("mips64", cpp.replace("4000", "5000")));
  });

  it("ARM: SYSCALL_MASK 0x0fffff read as 0, the SYSCALL_BASE macros consumed", () => {
    const cpp = [
      "#define __NR_OABI_SYSCALL_BASE 0x900000",
      "#define __NR_SYSCALL_MASK 0x0fffff",
      "#define __NR_SYSCALL_BASE 0",
      "#define __NR_restart_syscall 0",
      "#define __NR_exit 1",
      "#define __NR_sync_file_range2 __NR_arm_sync_file_range",
      "",
    ].join("\n");
    const want = upstream("arm", cpp);
    const mask = { name: "SYSCALL_MASK", number: 0x0fffff, xsysOnly: true as const };
    expect(ours("arm", [mask, { name: "restart_syscall", number: 0 }, { name: "exit", number: 1 }])).toBe(want);
    const asParsed = [
      { name: "OABI_SYSCALL_BASE", number: 0x900000 },
      mask,
      { name: "SYSCALL_BASE", number: 0 },
      { name: "restart_syscall", number: 0 },
      { name: "exit", number: 1 },
    ];
    expect(ours("arm", asParsed)).toBe(want);
  });

  it("ARM before 5.15: no __NR_SYSCALL_MASK in the headers, no SYS_SYSCALL_MASK", () => {
    const cpp = ["#define __NR_SYSCALL_BASE 0", "#define __NR_restart_syscall 0", "#define __NR_exit 1", ""].join("\n");
    expect(
      ours("arm", [
        { name: "restart_syscall", number: 0 },
        { name: "exit", number: 1 },
      ]),
    ).toBe(upstream("arm", cpp));
  });

  it("asm-generic before 6.11: __NR3264_ names, __NR_arch_specific_syscall from the headers", () => {
    const cpp = [
      "#define __NR_io_setup 0",
      "#define __NR3264_fstatat 79",
      "#define __NR_newfstatat __NR3264_fstatat",
      "#define __NR_arch_specific_syscall 244",
      "#define __NR_wait4 260",
      "#define __NR_riscv_flush_icache (__NR_arch_specific_syscall + 15)",
      "",
    ].join("\n");
    const entries = [
      { name: "io_setup", number: 0 },
      { name: "fstatat", number: 79 },
      { name: "wait4", number: 260 },
      { name: "riscv_flush_icache", number: 259 },
    ];
    const want = upstream("riscv64", cpp);
    expect(ours("riscv64", entries)).toBe(want);
    expect(
      ours("riscv64", [...entries.slice(0, 2), { name: "arch_specific_syscall", number: 244 }, ...entries.slice(2)]),
    ).toBe(want);
  });

  it("asm-generic from 6.11: __NR_arch_specific_syscall 244 appended after any other 244", () => {
    const cpp = [
      "#define __NR_io_setup 0",
      "#define __NR_newfstatat 79",
      "#define __NR_special 244",
      "#define __NR_wait4 260",
      "",
    ].join("\n");
    const entries = [
      { name: "io_setup", number: 0 },
      { name: "newfstatat", number: 79 },
      { name: "special", number: 244 },
      { name: "wait4", number: 260 },
    ];
    for (const arch of ["arm64", "loong64", "riscv64"] as const)
      expect(ours(arch, entries), arch).toBe(upstream(arch, cpp));
  });
});
