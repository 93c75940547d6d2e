/**
 * Issue 24: arm EABI headers before Linux 4.10 define twelve OABI-only calls and then `#undef` them
 * under `#if defined(__ARM_EABI__)`. golang.org/x/sys's mksysnum reads `cc -E -dD` output, which
 * lists the `#define` lines whatever follows, and prints a constant for each; for C they are gone.
 * `gen --exact` must print what upstream `unix/linux/mksysnum.go` (x/sys v0.50.0, built here) prints
 * when run, as mkall runs it, on real gcc's `-E -dD`; the fallback header and syscalls.json must not
 * count them. No package registry serves pre-4.10 arm headers, so the header is the form of 4.9's
 * arch/arm/include/uapi/asm/unistd.h cut down to the calls around the twelve; the 2016 x/sys arm
 * file (made by hand from real pre-4.10 headers) shows upstream printed all twelve. The kernel
 * registry keeps them for 2.6.32 … 4.9 (read from kernel-data's arm trees), so `gen --exact --kernel`
 * prints them too.
 *
 * @module-tag network
 * @module-tag go
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readZsysnumGo } from "@xsysgen/generator";
import { goModEnv, xsysUnixDir } from "../../../scripts/lib/gomod.ts";
import { fromLine2, withoutStatus, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

/** The twelve calls 2.6.32 … 4.9 arm headers take back for EABI, with their numbers. */
const oabiOnly: ReadonlyArray<readonly [string, number]> = [
  ["time", 13],
  ["umount", 22],
  ["stime", 25],
  ["alarm", 27],
  ["utime", 30],
  ["getrlimit", 76],
  ["select", 82],
  ["readdir", 89],
  ["mmap", 90],
  ["socketcall", 102],
  ["syscall", 113],
  ["ipc", 117],
];
const kept: ReadonlyArray<readonly [string, number]> = [
  ["restart_syscall", 0],
  ["exit", 1],
  ["umount2", 52],
  ["_newselect", 142],
  ["ugetrlimit", 191],
  ["mmap2", 192],
  ["pkey_free", 396],
];

const header = [
  "#ifndef _UAPI__ASM_ARM_UNISTD_H",
  "#define _UAPI__ASM_ARM_UNISTD_H",
  "",
  "#define __NR_OABI_SYSCALL_BASE\t0x900000",
  "",
  "#if defined(__thumb__) || defined(__ARM_EABI__)",
  "#define __NR_SYSCALL_BASE\t0",
  "#else",
  "#define __NR_SYSCALL_BASE\t__NR_OABI_SYSCALL_BASE",
  "#endif",
  "",
  ...[...kept, ...oabiOnly]
    .sort((a, b) => a[1] - b[1])
    .map(([name, n]) => `#define __NR_${name}\t\t(__NR_SYSCALL_BASE+${String(n).padStart(3)})`),
  "",
  "#define __ARM_NR_BASE\t\t\t(__NR_SYSCALL_BASE+0x0f0000)",
  "#define __ARM_NR_set_tls\t\t(__ARM_NR_BASE+5)",
  "",
  "#if !defined(__KERNEL__)",
  "#if defined(__ARM_EABI__)",
  ...oabiOnly.map(([name]) => `#undef __NR_${name}`),
  "#endif",
  "#endif",
  "",
  "#endif /* _UAPI__ASM_ARM_UNISTD_H */",
  "",
].join("\n");

/** gcc as an arm EABI cross compiler sees this header: the macros it tests. */
const armFlags = ["-undef", "-D__arm__", "-D__ARM_EABI__"];

let include = "";
let mksysnum = "";
let cc = "";
beforeAll(() => {
  include = scratchDir("arm-eabi");
  mkdirSync(join(include, "asm"));
  writeFileSync(join(include, "asm", "unistd.h"), header);
  const work = scratchDir("mksysnum");
  mksysnum = join(work, "mksysnum");
  execFileSync("go", ["build", "-o", mksysnum, "./linux/mksysnum.go"], {
    cwd: xsysUnixDir("v0.50.0"),
    env: goModEnv(),
  });
  cc = join(work, "cc");
  writeFileSync(cc, `#!/bin/sh\nexec gcc ${armFlags.join(" ")} "$@"\n`, { mode: 0o755 });
}, 300_000);

describe("arm EABI headers before 4.10: #undef'd OABI calls", () => {
  it("gen --exact prints what upstream mksysnum.go prints from real gcc -E -dD", async () => {
    const raw = execFileSync(mksysnum, ["-Wall", "-Werror", "-static", `-I${include}`, `${include}/asm/unistd.h`], {
      env: goModEnv({ GOOS: "linux", GOARCH_TARGET: "arm", GOLANG_SYS_BUILD: "docker", CC: cc }),
      encoding: "utf8",
    });
    const upstream = execFileSync("gofmt", [], { input: raw, encoding: "utf8" });
    const out = scratchDir();
    const r = await xsysgen("gen", "--headers", include, "--arch", "arm", "--exact", "--out", out);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(0);
    const ours = readFileSync(join(out, "zsysnum_linux_arm.go"), "utf8");
    expect(fromLine2(ours)).toBe(fromLine2(upstream));
    for (const [name, n] of oabiOnly) expect(ours).toMatch(new RegExp(`^\\tSYS_${name.toUpperCase()} += ${n}$`, "m"));
  });

  it("x/sys's 2016 arm file, made from real pre-4.10 headers, has the twelve with these numbers", async () => {
    const file = join(xsysUnixDir("v0.0.0-20160717071931-a646d33e2ee3"), "zsysnum_linux_arm.go");
    const constants = new Map(
      (await readZsysnumGo(readFileSync(file, "utf8"), file)).constants.map((c) => [c.name, c.number]),
    );
    for (const [name, n] of oabiOnly) expect(constants.get(`SYS_${name.toUpperCase()}`), name).toBe(n);
  });

  it("for C they are absent: not in gcc -dM, the fallback header or syscalls.json", async () => {
    const dM = execFileSync("gcc", ["-E", "-dM", ...armFlags, `${include}/asm/unistd.h`], { encoding: "utf8" });
    for (const [name] of oabiOnly) expect(dM).not.toMatch(new RegExp(`^#define __NR_${name} `, "m"));
    for (const [name] of kept) expect(dM).toMatch(new RegExp(`^#define __NR_${name} `, "m"));

    // The patched run: the Go file prints them as mksysnum does, unannotated (they are the headers').
    const out = scratchDir();
    const r = await xsysgen("gen", "--headers", include, "--arch", "arm", "--out", out);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(0);
    const go = readFileSync(join(out, "zsysnum_linux_arm.go"), "utf8");
    expect(go).toMatch(/^\tSYS_TIME += 13$/m);
    expect(go.match(/\tSYS_TIME /g)).toHaveLength(1);
    const json = JSON.parse(readFileSync(join(out, "syscalls.json"), "utf8")) as {
      arches: Record<string, { name: string; inTarget: boolean }[]>;
    };
    const rows = json.arches.arm ?? [];
    expect(rows.find((row) => row.name === "umount2")?.inTarget).toBe(true);
    for (const [name] of oabiOnly) expect(rows.find((row) => row.name === name)?.inTarget ?? false, name).toBe(false);
    const fallback = readFileSync(join(out, "syscall_fallback.h"), "utf8");
    for (const [name] of oabiOnly) expect(fallback).not.toMatch(new RegExp(`__NR_${name}\\b`));
  });

  it("gen --exact --kernel 4.9 prints the twelve as the headers' mksysnum does, 4.10 none", async () => {
    const constants = async (kernel: string) => {
      const out = scratchDir();
      const r = await xsysgen("gen", "--kernel", kernel, "--arch", "arm", "--exact", "--out", out);
      expect(r.code, r.stderr).toBe(0);
      const file = join(out, "zsysnum_linux_arm.go");
      return new Map((await readZsysnumGo(readFileSync(file, "utf8"), file)).constants.map((c) => [c.name, c.number]));
    };
    const [v49, v410] = [await constants("4.9"), await constants("4.10")];
    for (const [name, n] of [...oabiOnly, ...kept.filter(([k]) => k !== "pkey_free")])
      expect(v49.get(`SYS_${name.toUpperCase()}`), name).toBe(n);
    for (const [name] of oabiOnly) expect(v410.has(`SYS_${name.toUpperCase()}`), name).toBe(false);
  });
});
