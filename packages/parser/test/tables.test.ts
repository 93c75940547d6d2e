/**
 * Kernel source tables: the real syscall tables of Debian's linux-source-6.1 (and the kernel
 * registry's tables written in the .tbl forms of 3.10, the RHEL builds and 7.1) parse to what the
 * kernel's own generator rule selects (run here as the shell pipeline syscallhdr.sh uses); kernel
 * trees are detected with their versions; asm-generic unistd.h files (Debian 5.10, 6.1, 6.12 and
 * the 6.1 source) and 2.6-era in-header tables agree with gcc.
 *
 * @module-tag network
 * @module-tag gcc
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { suiteDebs } from "../../../scripts/lib/debian.ts";
import { unpackedDeb } from "../../../scripts/lib/debian-unpacked.ts";
import { linuxSource61 } from "../../../scripts/lib/linux-source.ts";
import {
  arm64MakefileSyscalls,
  genericSyscallTbl,
  inHeaderTable,
  kernelMakefile,
  x86Tbl32,
  x86Tbl64,
} from "../../../scripts/lib/registry-forms.ts";
import { getTable, kernelTargets } from "../../kernels/src/index.ts";
import { parseBundle, parseSyscallTbl, parseUnistdHeader, tblTable } from "../src/index.ts";
import { findTarget } from "@xsysgen/core";
import type { HeaderBundle } from "../src/index.ts";
import type { SyscallTable, Target, TargetName } from "@xsysgen/core";
import { gccSyscallNumbers, testdata } from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const target = (name: TargetName) => findTarget(name) as Target;
let tmp = "";
let src = "";
beforeAll(() => {
  tmp = scratchDir();
  src = linuxSource61();
}, 300_000);
const real = (rel: string) => readFileSync(join(src, rel), "utf8");

/** `text` written under tmp, for the shell and gcc. */
function file(name: string, text: string): string {
  const path = join(tmp, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The kernel's rule: `grep -E "^[0-9A-Fa-fXx]+[[:space:]]+(abis)" tbl | sort -n`, then nr and name. */
function kernelRule(path: string, abis: readonly string[]): { name: string; number: number }[] {
  const out = execFileSync(
    "sh",
    ["-c", `grep -E "^[0-9A-Fa-fXx]+[[:space:]]+(${abis.join("|")})[[:space:]]" "$1" | sort -n -k1,1 -s`, "sh", path],
    { encoding: "utf8" },
  );
  if (out.trim() === "") return [];
  return out
    .trim()
    .split("\n")
    .map((l) => {
      const [nr, , name] = l.split(/\s+/);
      return { name: name as string, number: Number(nr) };
    });
}

const plain = (t: SyscallTable) => t.entries.map((e) => ({ name: e.name, number: e.number }));

/** The x86 tables: the real 6.1 ones, and the registry's in the .tbl form for other eras. */
const registryKernels = ["3.10", "3.10.0-1160.el7", "4.18", "4.18.0-348.2.1.el8", "5.10", "7.1"];
const x86Tables = (): { label: string; t64: string; t32: string }[] => [
  {
    label: "linux-source-6.1",
    t64: file("6.1/syscall_64.tbl", real("arch/x86/entry/syscalls/syscall_64.tbl")),
    t32: file("6.1/syscall_32.tbl", real("arch/x86/entry/syscalls/syscall_32.tbl")),
  },
  ...registryKernels.map((k) => ({
    label: `registry ${k}`,
    t64: file(`${k}/syscall_64.tbl`, x86Tbl64(k)),
    t32: file(`${k}/syscall_32.tbl`, x86Tbl32(k)),
  })),
];

describe("x86 syscall tables", () => {
  it("amd64 = common,64; x32 = common,x32 + 0x40000000; 386 = i386", () => {
    for (const { label, t64, t32 } of x86Tables()) {
      const text64 = readFileSync(t64, "utf8");
      expect(plain(tblTable(text64, t64, "amd64", target("amd64").tbl!)), label).toEqual(
        kernelRule(t64, ["common", "64"]),
      );
      const x32 = kernelRule(t64, ["common", "x32"]).map((e) => ({ ...e, number: e.number + 0x40000000 }));
      expect(plain(tblTable(text64, t64, "x32", target("x32").tbl!)), label).toEqual(x32);
      expect(plain(tblTable(readFileSync(t32, "utf8"), t32, "386", target("386").tbl!)), label).toEqual(
        kernelRule(t32, ["i386"]),
      );
    }
  });

  it("the real 6.1 tables give the registry's 6.1 numbers; the written ones give back the registry's", () => {
    for (const { label, t64, t32 } of x86Tables()) {
      const kernel = label === "linux-source-6.1" ? "6.1" : label.replace("registry ", "");
      // RHEL builds have no x32 table: no RHEL kernel runs x32 programs.
      const x32 = kernelTargets(kernel).includes("x32") ? ([[t64, "x32"]] as const) : [];
      for (const [path, name] of [[t64, "amd64"], ...x32, [t32, "386"]] as const) {
        expect(plain(tblTable(readFileSync(path, "utf8"), path, name, target(name).tbl!)), `${label} ${name}`).toEqual(
          plain(getTable(kernel, name)),
        );
      }
    }
  });

  it("keeps only number, abi and name of 6.1's i386 rows with a compat entry point", () => {
    const rows = parseSyscallTbl(real("arch/x86/entry/syscalls/syscall_32.tbl"), "6.1");
    expect(rows.some((r) => r.rest.length >= 2)).toBe(true);
    expect(rows.find((r) => r.name === "statx")).toMatchObject({ number: 383, abi: "i386" });
  });
});

/**
 * gcc's view of generic unistd.h files behind wrappers (plus an empty asm/bitsperlong.h: -D gives the
 * value), one gcc run for all.
 */
function gccGeneric(pairs: readonly { wrapper: string; generic: string; t: Target }[]): Map<string, number>[] {
  const cases = pairs.map(({ wrapper, generic, t }, i) => {
    const dir = join(tmp, `generic-${i}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(dir, "asm"), { recursive: true });
    mkdirSync(join(dir, "asm-generic"), { recursive: true });
    writeFileSync(join(dir, "asm/unistd.h"), wrapper);
    writeFileSync(join(dir, "asm/bitsperlong.h"), "");
    writeFileSync(join(dir, "asm-generic/unistd.h"), generic);
    return { id: String(i), file: join(dir, "asm/unistd.h"), includeDirs: [dir], target: t };
  });
  const all = gccSyscallNumbers(cases);
  return cases.map(
    (c) =>
      new Map(
        [...(all.get(c.id) as Map<string, number>)].filter(([n]) => !/^(syscalls|arch_specific_syscall)$/.test(n)),
      ),
  );
}

function numberMap(t: SyscallTable): Map<string, number> {
  return new Map([...t.entries, ...t.aliases].map((e) => [e.name, e.number]));
}

function treeBundle(top: string, files: Record<string, string>): HeaderBundle & { files: Map<string, string> } {
  return {
    origin: `${top}.tar`,
    files: new Map(Object.entries(files).map(([path, text]) => [`${top}/${path}`, text])),
  };
}

/** Makefile (and Makefile.rhelver) of a project-written minimal tree, testdata/kernel/makefiles/<version>. */
function makefiles(version: string): Record<string, string> {
  const dir = join(testdata, "makefiles", version);
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

/**
 * `usr/<triplet>/include/asm{,-generic}/unistd.h` of Debian's arm64-cross package of a suite, from its
 * headers-only tree in .cache/debian-unpacked (both files are in it, as in the whole package).
 */
function debianArm64(suite: "bullseye" | "bookworm" | "trixie"): { wrapper: string; generic: string } {
  const deb = suiteDebs(suite).find((d) => d.pkg.name === "linux-libc-dev-arm64-cross")?.deb as string;
  const dir = unpackedDeb(deb, "headers");
  const inc = join(dir, "usr/aarch64-linux-gnu/include");
  return {
    wrapper: readFileSync(join(inc, "asm/unistd.h"), "utf8"),
    generic: readFileSync(join(inc, "asm-generic/unistd.h"), "utf8"),
  };
}

describe("asm-generic and kernel trees", () => {
  it("reads Debian 5.10/6.1/6.12 and 6.1 source's generic unistd.h behind arm64's wrapper like gcc", async () => {
    const sets = { "5.10": debianArm64("bullseye"), "6.1": debianArm64("bookworm"), "6.12": debianArm64("trixie") };
    const wrapper = sets["6.1"].wrapper;
    const generics: [string, string][] = [
      ...Object.entries(sets).map(([v, s]) => [v, s.generic] as [string, string]),
      ["6.1-source", real("include/uapi/asm-generic/unistd.h")],
    ];
    const want = gccGeneric(generics.map(([, generic]) => ({ wrapper, generic, t: target("arm64") })));
    for (const [i, [v, generic]] of generics.entries()) {
      const bundle = treeBundle(`linux-${v}`, {
        Makefile: real("Makefile"),
        "include/uapi/asm-generic/unistd.h": generic,
        "arch/arm64/include/uapi/asm/unistd.h": wrapper,
      });
      const parsed = await parseBundle(bundle, { targets: ["arm64"] });
      expect(want[i]?.size, v).toBeGreaterThan(250);
      expect(numberMap(parsed.tables[0] as SyscallTable), v).toEqual(want[i]);
    }
  });

  it("reads a lone asm-generic/unistd.h as arm64's table, one beside another arch's headers as a helper", async () => {
    const generic = real("include/uapi/asm-generic/unistd.h");
    const lone = await parseBundle({ origin: "lone", files: new Map([["usr/include/asm-generic/unistd.h", generic]]) });
    expect(lone.served).toEqual(["arm64"]);
    expect((lone.tables[0] as SyscallTable).entries.find((e) => e.number === 63)?.name).toBe("read");
    // Nothing in it names a port: asked for another asm-generic arch, it serves that one too.
    const asked = await parseBundle(
      { origin: "lone", files: new Map([["usr/include/asm-generic/unistd.h", generic]]) },
      { targets: ["riscv64", "loong64"] },
    );
    expect(asked.tables.map((t) => t.target)).toEqual(["loong64", "riscv64"]);
    for (const t of asked.tables) expect(t.entries).toEqual((lone.tables[0] as SyscallTable).entries);
    // `only` leaves other targets unread: arm64 is not looked at here.
    const amd64Only = await parseBundle(
      { origin: "lone", files: new Map([["usr/include/asm-generic/unistd.h", generic]]) },
      { only: ["amd64"] },
    );
    expect(amd64Only.served).toEqual([]);
    const beside = await parseBundle({
      origin: "beside",
      files: new Map([
        ["usr/include/asm-generic/unistd.h", generic],
        ["usr/include/x86_64-linux-gnu/asm/unistd.h", real("arch/x86/include/uapi/asm/unistd.h")],
        ["usr/include/x86_64-linux-gnu/asm/unistd_64.h", "#define __NR_read 0\n#define __NR_write 1\n"],
      ]),
    });
    expect(beside.served).toEqual(["amd64"]);
  });

  it("serves 386, amd64, x32 and arm64 from the real 6.1 source tree", async () => {
    const parsed = await parseBundle(
      treeBundle("linux-source-6.1", {
        Makefile: real("Makefile"),
        "arch/x86/entry/syscalls/syscall_64.tbl": real("arch/x86/entry/syscalls/syscall_64.tbl"),
        "arch/x86/entry/syscalls/syscall_32.tbl": real("arch/x86/entry/syscalls/syscall_32.tbl"),
        "include/uapi/asm-generic/unistd.h": real("include/uapi/asm-generic/unistd.h"),
        "arch/arm64/include/uapi/asm/unistd.h": real("arch/arm64/include/uapi/asm/unistd.h"),
      }),
    );
    expect(parsed.kernelVersion).toMatch(/^6\.1\.\d+$/);
    expect(parsed.served).toEqual(["386", "amd64", "x32", "arm64"]);
    const arm64 = parsed.tables[3] as SyscallTable;
    const [want] = gccGeneric([
      {
        wrapper: real("arch/arm64/include/uapi/asm/unistd.h"),
        generic: real("include/uapi/asm-generic/unistd.h"),
        t: target("arm64"),
      },
    ]);
    expect(numberMap(arm64)).toEqual(want);
    expect(arm64.entries.at(-1)).toEqual({ name: "set_mempolicy_home_node", number: 450 });
    expect(arm64.entries.find((e) => e.number === 79)?.name).toBe("fstatat");
  });

  it("serves 386, amd64 and x32 from a 3.10 tree (arch/x86/syscalls)", async () => {
    const parsed = await parseBundle(
      treeBundle("linux-3.10", {
        Makefile: kernelMakefile("3.10.4"),
        "arch/x86/syscalls/syscall_64.tbl": x86Tbl64("3.10"),
        "arch/x86/syscalls/syscall_32.tbl": x86Tbl32("3.10"),
      }),
    );
    expect(parsed.kernelVersion).toBe("3.10.4");
    expect(parsed.served).toEqual(["386", "amd64", "x32"]);
    expect(parsed.tables[1]?.entries.at(-1)).toEqual({ name: "finit_module", number: 313 });
  });

  it("reads RHEL versions from the Makefile (el7) and Makefile.rhelver (el8)", async () => {
    const cases: [string, string][] = [
      ["3.10.0-1160.el7", "3.10.0-1160.el7"],
      ["3.10.0-1127.el7", "3.10.0-1127.el7"],
      ["4.18.0-348.2.1.el8", "4.18.0-348.2.1.el8"],
      ["4.18.0-240.el8", "4.18.0-240.el8"],
    ];
    for (const [v, want] of cases) {
      const dir = v.startsWith("3.10") ? "arch/x86/syscalls" : "arch/x86/entry/syscalls";
      const parsed = await parseBundle(
        treeBundle(`linux-${v}`, { ...makefiles(v), [`${dir}/syscall_64.tbl`]: x86Tbl64(v) }),
      );
      expect(parsed.kernelVersion, v).toBe(want);
      expect(parsed.served).toEqual(["amd64"]);
      expect(plain(parsed.tables[0] as SyscallTable), v).toEqual(plain(getTable(v, "amd64")));
    }
  });

  it("reads 6.12 and 7.1 arm64 from scripts/syscall.tbl with Makefile.syscalls abis", async () => {
    for (const v of ["6.12", "7.1"]) {
      const tbl = genericSyscallTbl(v);
      const parsed = await parseBundle(
        treeBundle(`linux-${v}`, {
          Makefile: kernelMakefile(`${v}.5`),
          "scripts/syscall.tbl": tbl,
          "arch/arm64/kernel/Makefile.syscalls": arm64MakefileSyscalls,
          "arch/x86/entry/syscalls/syscall_64.tbl": x86Tbl64(v),
        }),
        { targets: ["arm64"] },
      );
      const arm64 = parsed.tables[0] as SyscallTable;
      const rule = kernelRule(file(`${v}/scripts-syscall.tbl`, tbl), [
        "common",
        "64",
        "renameat",
        "rlimit",
        "memfd_secret",
      ]);
      expect(plain(arm64), v).toEqual(rule);
      expect(plain(arm64), v).toEqual(plain(getTable(v, "arm64")));
      expect(arm64.entries.find((e) => e.number === 79)?.name).toBe("newfstatat");
    }
  });

  it("evaluates 2.6-era in-header tables (numbers outside __KERNEL__ only) like gcc", async () => {
    for (const [kernel, name] of [
      ["2.6.32", "amd64"],
      ["2.6.32", "386"],
      ["2.6.32-642.6.2.el6", "amd64"],
      ["2.6.32-642.6.2.el6", "386"],
    ] as const) {
      const text = inHeaderTable(kernel, name);
      const path = file(`${kernel}/${name}/unistd.h`, text);
      const table = await parseUnistdHeader(text, { source: path, target: name });
      const all = gccSyscallNumbers([{ id: "x", file: path, includeDirs: [], target: target(name) }]).get("x") as Map<
        string,
        number
      >;
      expect(all.has("kernel_only_marker")).toBe(false);
      expect(numberMap(table), `${kernel} ${name}`).toEqual(all);
      expect(plain(table)).toEqual(plain(getTable(kernel, name)));
    }
    const parsed = await parseBundle(
      treeBundle("linux-2.6.32-642.6.2.el6", {
        ...makefiles("2.6.32-642.6.2.el6"),
        "arch/x86/include/asm/unistd_64.h": inHeaderTable("2.6.32-642.6.2.el6", "amd64"),
        "arch/x86/include/asm/unistd_32.h": inHeaderTable("2.6.32-642.6.2.el6", "386"),
      }),
    );
    expect(parsed.served).toEqual(["386", "amd64"]);
    expect(parsed.kernelVersion).toBe("2.6.32-641.el6");
    expect(parsed.tables[1]?.entries.find((e) => e.number === 309)?.name).toBe("get_cpu");
  });

  it("rejects a target the input cannot serve, naming what it serves", async () => {
    const bundle = treeBundle("linux-source-6.1", {
      Makefile: real("Makefile"),
      "arch/x86/entry/syscalls/syscall_32.tbl": real("arch/x86/entry/syscalls/syscall_32.tbl"),
    });
    await expect(parseBundle(bundle, { targets: ["arm64"] })).rejects.toThrow(
      "linux-source-6.1.tar: no headers for arm64; this input serves: 386",
    );
  });
});
