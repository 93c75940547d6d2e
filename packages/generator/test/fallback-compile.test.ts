/**
 * The issue's scenario with real gcc/g++: CentOS 7.9's installed headers (the RHEL 7.9 table laid
 * out as headers_install does) break a build that calls newer syscalls; the generated header and
 * include directory fix it, and the calls reach this machine's kernel.
 *
 * @module-tag gcc
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderAsmUnistdWrapper, renderFallbackHeader } from "../src/index.ts";
import { rhelFallbackInput, rhelInstalledHeaders, run, testdata, writeTree } from "./fallback-support.ts";
import { withoutStatus } from "../../cli/test/_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

let dir = "";
/** CentOS 7.9's /usr/include/asm: -isystem puts it ahead of this machine's asm headers. */
let centos: string[] = [];

beforeAll(() => {
  dir = scratchDir();
  const input = rhelFallbackInput();
  writeTree(join(dir, "centos7.9"), rhelInstalledHeaders());
  writeTree(join(dir, "out"), {
    "syscall_fallback.h": renderFallbackHeader(input),
    "include/asm/unistd.h": renderAsmUnistdWrapper(input),
  });
  copyFileSync(join(testdata, "programs", "calls.c"), join(dir, "calls.c"));
  centos = ["-isystem", join(dir, "centos7.9")];
});

const compilers: { label: string; cc: string; flags: string[] }[] = [
  { label: "gcc -std=c89 -pedantic", cc: "gcc", flags: ["-std=c89", "-pedantic"] },
  { label: "gcc -std=c99", cc: "gcc", flags: ["-std=c99"] },
  { label: "gcc -std=c11", cc: "gcc", flags: ["-std=c11"] },
  { label: "gcc -Wall -Wextra -pedantic", cc: "gcc", flags: ["-Wall", "-Wextra", "-pedantic"] },
  { label: "g++ -Wall -Wextra -pedantic", cc: "g++", flags: ["-x", "c++", "-Wall", "-Wextra", "-pedantic"] },
];

/** The three ways to use the output: include dir, forced include (before), #include after <sys/syscall.h>. */
const modes: { label: string; flags: () => string[] }[] = [
  { label: "-I<out>/include", flags: () => ["-I", join(dir, "out", "include")] },
  { label: "-include syscall_fallback.h", flags: () => ["-include", join(dir, "out", "syscall_fallback.h")] },
  { label: "#include after <sys/syscall.h>", flags: () => ["-DFALLBACK_AFTER", "-I", join(dir, "out")] },
];

function compile(cc: string, flags: string[], exe: string) {
  return run(cc, [...flags, "-Werror", join(dir, "calls.c"), "-o", join(dir, exe)]);
}

/** Runs the program; every call must have returned or failed with something other than ENOSYS. */
function expectCallsReachKernel(exe: string): void {
  const r = run(join(dir, exe), []);
  const lines = r.stdout.trim().split("\n");
  expect(lines.map((l) => l.split(" ")[0])).toEqual(["preadv2", "statx", "getrandom", "openat2"]);
  expect(r.status, r.stdout).toBe(0);
}

describe("CentOS 7.9 headers alone", () => {
  it.each(compilers)("fail to compile the calls ($label)", ({ cc, flags }) => {
    const r = compile(cc, [...flags, ...centos], "broken");
    expect(r.status).not.toBe(0);
    for (const name of ["__NR_preadv2", "SYS_statx", "__NR_openat2"])
      expect(r.stderr).toMatch(new RegExp(`${name}.* undeclared|${name}.* not declared`));
    // getrandom (318) was backported to RHEL 7: glibc's <bits/syscall.h> defines SYS_getrandom.
    expect(r.stderr).not.toContain("getrandom");
  });
});

describe.each(modes)("CentOS 7.9 headers with $label", (mode) => {
  it.each(compilers)("compile and run ($label)", ({ cc, flags }) => {
    const exe = `fixed-${cc}-${compilers.findIndex((c) => c.flags === flags)}`;
    const r = compile(cc, [...flags, ...mode.flags(), ...centos], exe);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.status).toBe(0);
    expectCallsReachKernel(exe);
  });
});

describe("this machine's modern headers", () => {
  it.each(modes)("compile warning-free with $label (no cross-check error)", (mode) => {
    for (const { cc, flags } of [compilers[3]!, compilers[4]!]) {
      const exe = `modern-${cc}`;
      const r = compile(cc, [...flags, "-Wundef", ...mode.flags()], exe);
      expect(withoutStatus(r.stderr)).toBe("");
      expect(r.status).toBe(0);
      expectCallsReachKernel(exe);
    }
  });
});

describe("cross-check", () => {
  const fixture = join(testdata, "fixtures", "wrong-preadv2");
  let sources = 0;
  const source = (body: string): string => {
    const name = `wrong${++sources}.c`;
    writeTree(dir, { [name]: body });
    return join(dir, name);
  };

  it("stops a build whose headers give __NR_preadv2 another number, naming both numbers", () => {
    const after = source(
      '#include <asm/unistd.h>\n#include "syscall_fallback.h"\nint main(void) { return __NR_preadv2; }\n',
    );
    const plain = source("#include <asm/unistd.h>\nint main(void) { return __NR_preadv2; }\n");
    for (const cc of ["gcc", "g++"]) {
      const cases = [
        { file: after, flags: ["-I", fixture, "-I", join(dir, "out")] },
        { file: plain, flags: ["-I", join(dir, "out", "include"), "-isystem", fixture] },
      ];
      for (const { file, flags } of cases) {
        const r = run(cc, [...flags, "-c", file, "-o", join(dir, "wrong.o")]);
        expect(r.status).not.toBe(0);
        // gcc prints the #pragma message note when it parses the pragma, so only when no fatal
        // error ends the compilation first.
        expect(r.stderr).toMatch(/__NR_preadv2 as 328/);
        expect(r.stderr).toMatch(/#error "syscall_fallback.h: __NR_preadv2 in the system headers is not 327/);
      }
    }
  });

  it("included first, leaves the clash to the compiler's redefinition warning", () => {
    const plain = source("#include <asm/unistd.h>\nint main(void) { return __NR_preadv2; }\n");
    const r = run("gcc", [
      "-include",
      join(dir, "out", "syscall_fallback.h"),
      "-I",
      fixture,
      "-Werror",
      "-c",
      plain,
      "-o",
      join(dir, "wrong.o"),
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/"__NR_preadv2" redefined/);
  });
});
