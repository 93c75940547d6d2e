/**
 * Installed and raw generated headers, each compared with what the host gcc computes for every
 * `__NR_` macro under the target's predefines: 15 Debian 6.1 linux-libc-dev packages, the
 * sabotage 3.12.6-4.19.88 and Debian 5.10 installed sets, and 28 raw AOSP header versions.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossArches, debianPackage } from "../../../scripts/lib/debian.ts";
import { findTarget, parseBundle, targets } from "../src/index.ts";
import type { SyscallTable, Target, TargetName } from "../src/index.ts";
import { bundleFromDir, extractDeb, gccSyscallNumbers, kernelData, removeDir } from "./helpers.ts";
import type { OracleCase } from "./helpers.ts";

// Not syscalls, per the brief's ignore list (kept out of the comparison on the gcc side).
const notSyscalls = /^(syscalls|syscall_max|Linux|Linux_syscalls|(O32|N32|64)_Linux(_syscalls)?|SYSCALL_BASE|OABI_SYSCALL_BASE|arch_specific_syscall)$/;

function numbers(table: SyscallTable): Map<string, number> {
  const map = new Map<string, number>();
  for (const e of [...table.entries, ...table.aliases]) {
    expect(map.has(e.name) && map.get(e.name) !== e.number, `${e.name} twice`).toBe(false);
    map.set(e.name, e.number);
  }
  return map;
}

function expected(oracle: Map<string, Map<string, number>>, id: string): Map<string, number> {
  const all = oracle.get(id) as Map<string, number>;
  return new Map([...all].filter(([name]) => !notSyscalls.test(name)));
}

const target = (name: TargetName) => findTarget(name) as Target;

interface Case {
  readonly id: string;
  /** The include dir holding asm/unistd.h (for the bare-layout check). */
  readonly root?: string;
  readonly bundleDir: string;
  readonly relevantOnly: boolean;
  readonly expectServed: TargetName[];
  readonly version?: string;
  readonly oracle: OracleCase[];
}

const cases: Case[] = [];
const extracted: string[] = [];
let oracle: Map<string, Map<string, number>>;

function debianCases(): void {
  for (const name of ["linux-libc-dev", "linux-libc-dev-x32-cross", ...crossArches.map((a) => `linux-libc-dev-${a}-cross`)]) {
    const dir = extractDeb(debianPackage(name));
    extracted.push(dir);
    // The target is whichever row owns the package's triplet directory.
    const found = targets.flatMap((t) =>
      t.triplets.flatMap((triplet) =>
        [join(dir, "usr/include", triplet), join(dir, "usr", triplet, "include")].filter((d) => existsSync(join(d, "asm/unistd.h"))).map((d) => ({ t, d })),
      ),
    );
    expect(found, name).toHaveLength(1);
    const { t, d } = found[0] as { t: Target; d: string };
    cases.push({
      id: name, bundleDir: dir, root: d, relevantOnly: true, expectServed: [t.name],
      oracle: [{ id: `${name}/${t.name}`, file: join(d, "asm/unistd.h"), includeDirs: [d, join(dir, "usr/include")], target: t }],
    });
  }
}

function x86InstalledCase(id: string, root: string, bundleDir: string): Case {
  return {
    id, bundleDir, relevantOnly: true, expectServed: ["386", "amd64", "x32"], version: id.replace("sabotage-", ""),
    oracle: (["386", "amd64", "x32"] as const).map((n) => ({ id: `${id}/${n}`, file: join(root, "asm/unistd.h"), includeDirs: [root], target: target(n) })),
  };
}

beforeAll(() => {
  debianCases();
  const sabotage = join(kernelData, "headers/sabotage");
  for (const v of readdirSync(sabotage)) cases.push(x86InstalledCase(`sabotage-${v}`, join(sabotage, v), join(sabotage, v)));
  const deb510 = join(kernelData, "headers/debian-5.10");
  cases.push({
    id: "debian-5.10", bundleDir: deb510, relevantOnly: true, expectServed: ["amd64"], version: "5.10.0",
    oracle: [{ id: "debian-5.10/amd64", file: join(deb510, "usr/include/x86_64-linux-gnu/asm/unistd.h"), includeDirs: [join(deb510, "usr/include/x86_64-linux-gnu"), join(deb510, "usr/include")], target: target("amd64") }],
  });
  const aosp = join(kernelData, "headers/aosp");
  for (const v of readdirSync(aosp)) {
    const dir = join(aosp, v);
    const files = { "386": "unistd_32.h", amd64: "unistd_64.h", x32: "unistd_x32.h" } as const;
    cases.push({
      id: `aosp-${v}`, bundleDir: dir, relevantOnly: false, expectServed: ["386", "amd64", "x32"],
      // Raw per-ABI files: x32's needs __X32_SYSCALL_BIT from asm/unistd.h, which is not there.
      oracle: (["386", "amd64", "x32"] as const).map((n) => ({ id: `aosp-${v}/${n}`, file: join(dir, files[n]), includeDirs: [dir], target: target(n), extraDefines: n === "x32" ? { __X32_SYSCALL_BIT: "0x40000000" } : undefined })),
    });
  }
  oracle = gccSyscallNumbers(cases.flatMap((c) => c.oracle));
});

afterAll(() => extracted.forEach(removeDir));

describe("installed and generated headers agree with gcc", () => {
  it("covers every header set", () => {
    expect(cases.filter((c) => c.id.startsWith("linux-libc-dev"))).toHaveLength(15);
    expect(cases.filter((c) => c.id.startsWith("aosp-"))).toHaveLength(28);
    expect(cases.filter((c) => c.id.startsWith("sabotage-"))).toHaveLength(5);
  });

  it("every set serves its targets with gcc's numbers", async () => {
    for (const c of cases) {
      const parsed = await parseBundle(bundleFromDir(c.bundleDir, c.id, "", c.relevantOnly));
      expect(parsed.served, c.id).toEqual(c.expectServed);
      if (c.version !== undefined) expect(parsed.kernelVersion, c.id).toBe(c.version);
      for (const o of c.oracle) {
        const table = parsed.tables.find((t) => o.id.endsWith(`/${t.target}`)) as SyscallTable;
        const want = expected(oracle, o.id);
        expect(want.size, o.id).toBeGreaterThan(250);
        expect(numbers(table), o.id).toEqual(want);
      }
    }
  });
});

describe("layouts", () => {
  it("recognises each Debian arch from a bare asm/unistd.h (no triplet directory)", async () => {
    const byArch: Record<string, TargetName[]> = {
      x86: ["386", "amd64", "x32"], arm: ["arm"], arm64: ["arm64"], mips: ["mips", "mipsle", "mips64", "mips64le"],
      powerpc: ["ppc", "ppc64", "ppc64le"], riscv: ["riscv64"], s390: ["s390x"], sparc: ["sparc64"],
    };
    for (const c of cases.filter((c) => c.root !== undefined)) {
      const o = c.oracle[0] as OracleCase;
      const parsed = await parseBundle(bundleFromDir(c.root as string, `${c.id}-bare`));
      expect(parsed.served, c.id).toEqual(byArch[o.target.linuxArch]);
      const table = parsed.tables.find((t) => t.target === o.target.name) as SyscallTable;
      expect(numbers(table), c.id).toEqual(expected(oracle, o.id));
    }
  });

  it("serves every triplet of a sysroot holding several", async () => {
    const files = new Map<string, string>();
    for (const c of cases.filter((c) => c.root !== undefined && /arm64|riscv64|mips-|armhf/.test(c.id))) {
      for (const [k, v] of bundleFromDir(c.bundleDir, c.id).files) files.set(`sysroot/${k}`, v);
    }
    const parsed = await parseBundle({ origin: "sysroot", files });
    expect(parsed.served).toEqual(["arm", "arm64", "mips", "riscv64"]);
    for (const table of parsed.tables) {
      const o = cases.flatMap((c) => c.oracle).find((x) => x.id.startsWith("linux-libc-dev") && x.target.name === table.target) as OracleCase;
      expect(numbers(table), table.target).toEqual(expected(oracle, o.id));
    }
  });
});
