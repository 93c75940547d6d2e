/**
 * Every arch block of syscall_fallback.h, preprocessed by host gcc with only that arch's
 * predefined macros (targets.ts), yields the reference numbers. Oracles, as gcc itself evaluates
 * them: for x86 (whose block is the real RHEL 7.9 → 7.1 gap) Debian 13's x32-cross 6.12 headers, for
 * the other arches Debian 12's linux-libc-dev-<arch>-cross 6.1 headers.
 *
 * @module-tag network
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findTarget, targets } from "@xsysgen/core";
import type { Target, TargetName } from "@xsysgen/core";
import { cNames, renderFallbackHeader } from "../src/index.ts";
import type { FallbackArch } from "../src/index.ts";
import {
  crossInclude,
  evalNumber,
  macroFlags,
  registryTable,
  rhelFallbackInput,
  run,
  writeTree,
} from "./fallback-support.ts";
import { withoutStatus } from "../../cli/test/_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const x86: readonly TargetName[] = ["amd64", "x32", "386"];

/**
 * Where the oracle's headers come from: loong64 has no Debian 12 package; asm-generic numbers are
 * shared, so arm64's asm-generic/unistd.h serves with loong64's macros.
 */
function headersOf(target: Target): { include: string; header: string } {
  if (x86.includes(target.name)) return { include: crossInclude("x32", "x86_64-linux-gnux32"), header: "asm/unistd.h" };
  if (target.name === "loong64")
    return { include: crossInclude("arm64", "aarch64-linux-gnu"), header: "asm-generic/unistd.h" };
  return { include: crossInclude(target.debianArch!, target.triplets[0]!), header: "asm/unistd.h" };
}

/**
 * gcc -E with nothing predefined but the target's macros (plus __SIZEOF_POINTER__, which riscv's
 * bitsperlong.h reads).
 */
function preprocess(target: Target | undefined, flags: string[], source: string) {
  const arch = target === undefined ? [] : [...macroFlags(target.name), `-D__SIZEOF_POINTER__=${target.bits / 8}`];
  return run("gcc", ["-E", "-P", "-undef", "-nostdinc", ...arch, ...flags, "-x", "c", "-"], { input: source });
}

/** `__NR_<name>` → number as the cross headers define them for this target. */
function headerOracle(target: Target, { include, header } = headersOf(target)): Map<string, number> {
  const dump = preprocess(target, ["-dM", "-I", include], `#include <${header}>\n`);
  expect(dump.status, dump.stderr).toBe(0);
  // Upper-case names are bases and masks (__NR_Linux, __NR_SYSCALL_BASE), not syscalls.
  const names = [...dump.stdout.matchAll(/^#define __NR_([a-z_]\w*) /gm)]
    .map((m) => m[1]!)
    .filter((n) => n !== "syscalls");
  const probe = preprocess(
    target,
    ["-I", include],
    `#include <${header}>\n${names.map((n) => `XSYS ${n} __NR_${n}\n`).join("")}`,
  );
  expect(probe.status, probe.stderr).toBe(0);
  const numbers = new Map<string, number>();
  for (const [, name, value] of probe.stdout.matchAll(/^XSYS (\w+) (.*)$/gm)) {
    const n = evalNumber(value!);
    if (n !== undefined) numbers.set(name!, n);
  }
  return numbers;
}

const oracle = new Map<TargetName, Map<string, number>>();
let dir = "";
const rhel = rhelFallbackInput();

beforeAll(() => {
  dir = scratchDir();
  // x86: every syscall of the 6.12 headers (the 7.1 reference has them all, with these numbers).
  const x86At612 = { include: crossInclude("x32", "x86_64-linux-gnux32", "trixie"), header: "asm/unistd.h" };
  for (const t of targets) oracle.set(t.name, headerOracle(t, x86.includes(t.name) ? x86At612 : headersOf(t)));
  // x86: the real RHEL 7.9 → 7.1 gap; elsewhere every syscall, so every number gets checked.
  const arches: FallbackArch[] = targets.map(
    (t) =>
      rhel.arches.find((a) => a.target === t.name) ?? {
        target: t.name,
        missing: [...oracle.get(t.name)!].map(([name, number]) => ({ name, number })),
      },
  );
  writeTree(dir, { "syscall_fallback.h": renderFallbackHeader({ ...rhel, arches }) });
});

describe.each(targets.map((t) => ({ name: t.name, target: t })))("the $name block", ({ target }) => {
  it("is the one block the target's macros select, and defines the reference numbers", () => {
    const want = oracle.get(target.name)!;
    expect(want.size).toBeGreaterThan(250);
    const guards = targets.map((u) => `#if ${u.cGuard}\nGUARD ${u.name}\n#endif\n`).join("");
    const names = [...want.keys()].map((n) => `XSYS ${n} __NR_${n} SYS_${n}\n`).join("");
    // -Wundef: the other arches' guards (_MIPS_SIM == _ABIO32, __riscv_xlen == 64) must not
    // evaluate an undefined macro on this one.
    const r = preprocess(target, ["-Wundef", "-Werror", "-I", dir], `#include "syscall_fallback.h"\n${guards}${names}`);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.status).toBe(0);
    const sameGuard = targets.filter((u) => u.cGuard === target.cGuard).map((u) => u.name);
    expect([...r.stdout.matchAll(/^GUARD (\w+)$/gm)].map((m) => m[1])).toEqual(sameGuard);
    const absent: string[] = [];
    for (const [, name, nr, sys] of r.stdout.matchAll(/^XSYS (\w+) (\S+) (\S+)$/gm)) {
      if (nr === `__NR_${name}`) absent.push(name!);
      else
        expect({ name, nr: Number(nr), sys: Number(sys) }).toEqual({ name, nr: want.get(name!), sys: want.get(name!) });
    }
    if (x86.includes(target.name)) {
      // Left undefined: only what the target's headers themselves define (RHEL 7.9's; x32: vanilla 3.10's).
      const old = cNames(registryTable(target.name === "x32" ? "3.10" : "3.10.0-1160.el7", target.name));
      expect(absent.filter((n) => !old.has(n))).toEqual([]);
    } else {
      expect(absent).toEqual([]);
    }
  });

  it("passes its cross-check after the real 6.1 headers of the arch", () => {
    const { include, header } = headersOf(target);
    const r = preprocess(target, ["-I", include, "-I", dir], `#include <${header}>\n#include "syscall_fallback.h"\n`);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
  });
});

describe("MIPS n32 (no target row: mips64 with gcc -mabi=n32's macros)", () => {
  const n32Macros = {
    ...findTarget("mips64")!.macros,
    _MIPS_SIM: "2",
    _MIPS_SZLONG: "32",
    __SIZEOF_LONG__: "4",
    __SIZEOF_POINTER__: "4",
    __BITS_PER_LONG: "32",
  };
  const flags = Object.entries(n32Macros)
    .filter(([k]) => k !== "__LP64__")
    .map(([k, v]) => `-D${k}=${v}`);
  const n32 = (extra: string[], source: string) =>
    run("gcc", ["-E", "-P", "-undef", "-nostdinc", ...flags, ...extra, "-x", "c", "-"], { input: source });

  it("gets its own block, with the numbers of the real 6.1 n32 headers, and passes its cross-check after them", () => {
    const include = crossInclude("mips64", "mips64-linux-gnuabi64");
    const names = [
      ...readFileSync(join(include, "asm", "unistd_n32.h"), "utf8").matchAll(
        /^#define __NR_([a-z_]\w*) \(__NR_Linux \+ (\d+)\)$/gm,
      ),
    ];
    expect(names.length).toBeGreaterThan(350);
    const probe = names.map((m) => `XSYS ${m[1]} __NR_${m[1]}\n`).join("");
    // Alone: every n32 name the o32/n64 blocks list comes out at 6000 + its n32 offset.
    const alone = n32(["-I", dir], `#include "syscall_fallback.h"\n${probe}`);
    expect(withoutStatus(alone.stderr)).toBe("");
    expect(alone.status).toBe(0);
    const defined = [...alone.stdout.matchAll(/^XSYS (\w+) (\d+)$/gm)].map((m) => [m[1], Number(m[2])]);
    expect(defined.length).toBeGreaterThan(300);
    const want = new Map(names.map((m) => [m[1]!, 6000 + Number(m[2])]));
    expect(defined).toEqual(defined.map(([name]) => [name, want.get(name as string)]));
    // After the real headers: every number agrees (a disagreement is an #error).
    const after = n32(["-I", include, "-I", dir], `#include <asm/unistd.h>\n#include "syscall_fallback.h"\n`);
    expect(after.stderr).not.toMatch(/error/);
    expect(after.status).toBe(0);
  });
});

describe("arches without a block", () => {
  it("stops an unknown architecture", () => {
    const r = preprocess(undefined, ["-I", dir], '#include "syscall_fallback.h"\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      '#error "syscall_fallback.h: unknown architecture: generated for ' +
        "386, amd64, x32, arm, arm64, loong64, mips, mipsle, mips64, mips64le, " +
        'ppc, ppc64, ppc64le, riscv64, s390x, sparc64 only"',
    );
  });
});
