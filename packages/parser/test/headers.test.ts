/**
 * Installed and raw generated headers, each compared with what the host gcc computes for every
 * `__NR_` macro under the target's predefines: Debian's linux-libc-dev and -cross packages of
 * bullseye (5.10), bookworm (6.1) and trixie (6.12) — 15 each, fetched into .cache/debian — and
 * the raw per-ABI x86 files (unistd_32.h, unistd_64.h, unistd_x32.h alone) of the 5.10 and 6.1 sets.
 *
 * @module-tag network
 * @module-tag gcc
 */
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { suiteDebs } from "../../../scripts/lib/debian.ts";
import { unpackedDeb } from "../../../scripts/lib/debian-unpacked.ts";
import { parseBundle } from "../src/index.ts";
import { findTarget, targets } from "@xsysgen/core";
import type { SyscallTable, Target, TargetName } from "@xsysgen/core";
import { bundleFromDir, gccSyscallNumbers } from "./helpers.ts";
import type { OracleCase } from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

// Not syscalls, per the brief's ignore list (kept out of the comparison on the gcc side).
const notSyscalls = new RegExp(
  "^(syscalls|syscall_max|Linux|Linux_syscalls|(O32|N32|64)_Linux(_syscalls)?|" +
    "SYSCALL_BASE|OABI_SYSCALL_BASE|arch_specific_syscall)$",
);

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
  /** The kernel series linux/version.h must name. */
  readonly series?: string;
  readonly oracle: OracleCase[];
}

const cases: Case[] = [];
let oracle: Map<string, Map<string, number>>;

const suites = ["bullseye", "bookworm", "trixie"] as const;

function debianCases(): void {
  for (const suite of suites) {
    // trixie's Architecture: all linux-libc-dev serves every arch at once (kernels/test/real-headers).
    for (const { series, pkg, deb } of suiteDebs(suite).filter(
      (d) => d.pkg.arch !== "all" || d.pkg.name !== "linux-libc-dev",
    )) {
      const dir = unpackedDeb(deb, "headers");
      // The target is whichever row owns the package's triplet directory.
      const found = targets.flatMap((t) =>
        t.triplets.flatMap((triplet) =>
          [join(dir, "usr/include", triplet), join(dir, "usr", triplet, "include")]
            .filter((d) => existsSync(join(d, "asm/unistd.h")))
            .map((d) => ({ t, d })),
        ),
      );
      const id = `${suite}/${pkg.name}`;
      expect(found, id).toHaveLength(1);
      const { t, d } = found[0] as { t: Target; d: string };
      // gcc -m32/-mx32 on an amd64 host read the x86_64 triplet's asm/unistd.h too: it serves 386 and x32.
      const multilib =
        t.name === "amd64"
          ? targets.filter(
              (x) =>
                (x.name === "386" && existsSync(join(d, "asm/unistd_32.h"))) ||
                (x.name === "x32" && existsSync(join(d, "asm/unistd_x32.h"))),
            )
          : [];
      const served = [t, ...multilib];
      cases.push({
        id,
        bundleDir: dir,
        root: d,
        relevantOnly: true,
        expectServed: served.map((x) => x.name).sort(),
        series,
        oracle: served.map((x) => ({
          id: `${id}/${x.name}`,
          file: join(d, "asm/unistd.h"),
          includeDirs: [d, join(dir, "usr/include")],
          target: x,
        })),
      });
    }
  }
}

/** The per-ABI x86 files of an amd64 linux-libc-dev alone, as a generator leaves them (no asm/unistd.h). */
function rawX86Case(suite: "bullseye" | "bookworm"): Case {
  const amd64 = cases.find((c) => c.id === `${suite}/linux-libc-dev`) as Case;
  const dir = scratchDir(`raw-${suite}`);
  const files = { "386": "unistd_32.h", amd64: "unistd_64.h", x32: "unistd_x32.h" } as const;
  for (const f of Object.values(files)) copyFileSync(join(amd64.root as string, "asm", f), join(dir, f));
  return {
    id: `raw-${suite}`,
    bundleDir: dir,
    relevantOnly: false,
    expectServed: ["386", "amd64", "x32"],
    // Raw per-ABI files: x32's needs __X32_SYSCALL_BIT from asm/unistd.h, which is not there.
    oracle: (["386", "amd64", "x32"] as const).map((n) => ({
      id: `raw-${suite}/${n}`,
      file: join(dir, files[n]),
      includeDirs: [dir],
      target: target(n),
      extraDefines: n === "x32" ? { __X32_SYSCALL_BIT: "0x40000000" } : undefined,
    })),
  };
}

beforeAll(() => {
  debianCases();
  cases.push(rawX86Case("bullseye"), rawX86Case("bookworm"));
  oracle = gccSyscallNumbers(cases.flatMap((c) => c.oracle));
}, 300_000);

describe("installed and generated headers agree with gcc", () => {
  it("covers every header set", () => {
    for (const suite of suites)
      expect(
        cases.filter((c) => c.id.startsWith(`${suite}/`)),
        suite,
      ).toHaveLength(15);
    expect(cases.filter((c) => c.id.startsWith("raw-"))).toHaveLength(2);
  });

  it("every set serves its targets with gcc's numbers", async () => {
    for (const c of cases) {
      const parsed = await parseBundle(bundleFromDir(c.bundleDir, c.id, "", c.relevantOnly));
      expect(parsed.served, c.id).toEqual(c.expectServed);
      if (c.series !== undefined)
        expect(parsed.kernelVersion?.startsWith(`${c.series}.`), `${c.id}: ${parsed.kernelVersion}`).toBe(true);
      for (const o of c.oracle) {
        const table = parsed.tables.find((t) => o.id.endsWith(`/${t.target}`)) as SyscallTable;
        const want = expected(oracle, o.id);
        expect(want.size, o.id).toBeGreaterThan(250);
        expect(numbers(table), o.id).toEqual(want);
      }
    }
  });
});

/**
 * 6.11+ asm-generic ports (trixie's arm64, riscv64, loong64) install a bare asm/unistd.h that only
 * includes asm/unistd_64.h: alone, with no triplet directory, only riscv's own entries tell the arch;
 * arm64 and loong64 are refused (InputError), never read as x86. Their triplet layout is checked above.
 */
const bareAsmGeneric = /^trixie\/linux-libc-dev-(arm64|loong64)-cross$/;

describe("layouts", () => {
  it("recognises each Debian arch from a bare asm/unistd.h (no triplet directory)", async () => {
    const byArch: Record<string, TargetName[]> = {
      x86: ["386", "amd64", "x32"],
      arm: ["arm"],
      arm64: ["arm64"],
      mips: ["mips", "mipsle", "mips64", "mips64le"],
      powerpc: ["ppc", "ppc64", "ppc64le"],
      riscv: ["riscv64"],
      s390: ["s390x"],
      sparc: ["sparc64"],
      loongarch: ["loong64"],
    };
    for (const c of cases.filter((c) => c.root !== undefined && bareAsmGeneric.test(c.id))) {
      await expect(parseBundle(bundleFromDir(c.root as string, `${c.id}-bare`)), c.id).rejects.toThrow(
        /asm-generic syscall numbers .* nothing that tells which arch/,
      );
    }
    for (const c of cases.filter((c) => c.root !== undefined && !bareAsmGeneric.test(c.id))) {
      const o = c.oracle[0] as OracleCase;
      const parsed = await parseBundle(bundleFromDir(c.root as string, `${c.id}-bare`));
      expect(parsed.served, c.id).toEqual(byArch[o.target.linuxArch]);
      const table = parsed.tables.find((t) => t.target === o.target.name) as SyscallTable;
      expect(numbers(table), c.id).toEqual(expected(oracle, o.id));
    }
  });

  it("serves every triplet of a sysroot holding several", async () => {
    const files = new Map<string, string>();
    for (const c of cases.filter(
      (c) => c.root !== undefined && c.id.startsWith("bookworm/") && /arm64|riscv64|mips-|armhf/.test(c.id),
    )) {
      for (const [k, v] of bundleFromDir(c.bundleDir, c.id).files) files.set(`sysroot/${k}`, v);
    }
    const parsed = await parseBundle({ origin: "sysroot", files });
    expect(parsed.served).toEqual(["arm", "arm64", "mips", "riscv64"]);
    for (const table of parsed.tables) {
      const o = cases
        .flatMap((c) => c.oracle)
        .find((x) => x.id.startsWith("bookworm/") && x.target.name === table.target) as OracleCase;
      expect(numbers(table), table.target).toEqual(expected(oracle, o.id));
    }
  });
});
