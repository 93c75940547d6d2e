/**
 * Kernel source tables: every tables/ file parses to what the kernel's own generator rule
 * selects (run here as the shell pipeline syscallhdr.sh uses), FACTS.md numbers hold, kernel
 * trees are detected with their versions, and asm-generic/in-header tables agree with gcc.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findTarget, parseBundle, parseSyscallTbl, parseUnistdHeader, tblTable } from "../src/index.ts";
import type { HeaderBundle, SyscallTable, Target, TargetName } from "../src/index.ts";
import { dataPath, gccSyscallNumbers, removeDir, testdata } from "./helpers.ts";

const target = (name: TargetName) => findTarget(name) as Target;
const read = (rel: string) => readFileSync(dataPath(rel), "utf8");
const versions = (arch: string) => readdirSync(dataPath(`tables/${arch}`));

/** The kernel's rule: `grep -E "^[0-9A-Fa-fXx]+[[:space:]]+(abis)" tbl | sort -n`, then nr and name. */
function kernelRule(rel: string, abis: readonly string[]): { name: string; number: number }[] {
  const out = execFileSync("sh", ["-c", `grep -E "^[0-9A-Fa-fXx]+[[:space:]]+(${abis.join("|")})[[:space:]]" "$1" | sort -n -k1,1 -s`, "sh", dataPath(rel)], { encoding: "utf8" });
  return out.trim().split("\n").map((l) => {
    const [nr, , name] = l.split(/\s+/);
    return { name: name as string, number: Number(nr) };
  });
}

const nums = (t: SyscallTable) => t.entries.map((e) => e.number);

describe("x86 syscall tables", () => {
  for (const v of versions("x86_64").filter((v) => !v.startsWith("2.6"))) {
    it(`x86_64 ${v}: amd64 = common,64 and x32 = common,x32 + 0x40000000`, () => {
      const rel = `tables/x86_64/${v}/syscall_64.tbl`;
      expect(tblTable(read(rel), rel, "amd64", target("amd64").tbl!).entries).toEqual(kernelRule(rel, ["common", "64"]));
      const x32 = kernelRule(rel, ["common", "x32"]).map((e) => ({ ...e, number: e.number + 0x40000000 }));
      expect(tblTable(read(rel), rel, "x32", target("x32").tbl!).entries).toEqual(x32);
    });
  }
  for (const v of versions("i386").filter((v) => !v.startsWith("2.6"))) {
    it(`i386 ${v}: 386 = i386`, () => {
      const rel = `tables/i386/${v}/syscall_32.tbl`;
      expect(tblTable(read(rel), rel, "386", target("386").tbl!).entries).toEqual(kernelRule(rel, ["i386"]));
    });
  }

  it("keeps only number, abi and name of 7.1's 5th/6th columns", () => {
    const rows = parseSyscallTbl(read("tables/x86_64/7.1/syscall_64.tbl"), "7.1");
    expect(rows.some((r) => r.rest.length >= 2)).toBe(true);
  });

  it("matches FACTS.md: 3.10 ends at 313 finit_module; RHEL 7.9 backports and holes", () => {
    const t = (rel: string, name: TargetName) => tblTable(read(rel), rel, name, target(name).tbl!);
    const v310 = t("tables/x86_64/3.10/syscall_64.tbl", "amd64");
    expect(v310.entries.at(-1)).toEqual({ name: "finit_module", number: 313 });
    const above = nums(t("tables/x86_64/3.10.0-1160.el7/syscall_64.tbl", "amd64")).filter((n) => n > 313);
    expect(above).toEqual([314, 315, 316, 317, 318, 319, 320, 321, 323, 324, 325, 326, 329, 330, 331]);
    const i386 = nums(t("tables/i386/3.10.0-1160.el7/syscall_32.tbl", "386"));
    expect(i386).not.toContain(353);
    expect(i386.filter((n) => n > 350)).toEqual([351, 352, 354, 355, 356, 357, 374, 375, 376, 377, 380, 381, 382]);
    const el8 = nums(t("tables/x86_64/4.18.0-348.2.1.el8/syscall_64.tbl", "amd64")).filter((n) => n > 334);
    expect(el8).toEqual([425, 426, 427, 428, 429, 430, 431, 432, 433, 436, 439]);
  });
});

const tmp = mkdtempSync(join(tmpdir(), "xsysgen-tables-"));
afterAll(() => removeDir(tmp));

/** gcc's view of generic unistd.h files behind wrappers (plus an empty asm/bitsperlong.h: -D gives the value), one gcc run for all. */
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
  return cases.map((c) => new Map([...(all.get(c.id) as Map<string, number>)].filter(([n]) => !/^(syscalls|arch_specific_syscall)$/.test(n))));
}

function numberMap(t: SyscallTable): Map<string, number> {
  return new Map([...t.entries, ...t.aliases].map((e) => [e.name, e.number]));
}

function treeBundle(version: string, files: Record<string, string>): HeaderBundle & { files: Map<string, string> } {
  const map = new Map<string, string>();
  const prefix = `linux-${version}/`;
  for (const [path, rel] of Object.entries(files)) map.set(prefix + path, read(rel));
  for (const f of readdirSync(join(testdata, "makefiles", version))) map.set(prefix + f, read(`makefiles/${version}/${f}`));
  return { origin: `linux-${version}.tar`, files: map };
}

describe("asm-generic and kernel trees", () => {
  it("evaluates every generic unistd.h behind the arm64 wrapper like gcc", async () => {
    const wrapper = read("wrappers/arm64-6.1/unistd.h");
    const vs = versions("generic").filter((v) => !v.startsWith("2.6"));
    const want = gccGeneric(vs.map((v) => ({ wrapper, generic: read(`tables/generic/${v}/unistd.h`), t: target("arm64") })));
    for (const [i, v] of vs.entries()) {
      const bundle = treeBundle(v, { "include/uapi/asm-generic/unistd.h": `tables/generic/${v}/unistd.h` });
      bundle.files.set(`linux-${v}/arch/arm64/include/uapi/asm/unistd.h`, wrapper);
      const parsed = await parseBundle(bundle, { targets: ["arm64"] });
      expect(numberMap(parsed.tables[0] as SyscallTable), v).toEqual(want[i]);
    }
  });

  it("serves 386, amd64, x32 and arm64 from a 3.10 tree with the real arm64 unistd.h", async () => {
    const parsed = await parseBundle(treeBundle("3.10", {
      "arch/x86/syscalls/syscall_64.tbl": "tables/x86_64/3.10/syscall_64.tbl",
      "arch/x86/syscalls/syscall_32.tbl": "tables/i386/3.10/syscall_32.tbl",
      "include/uapi/asm-generic/unistd.h": "tables/arm64/3.10/asm-generic-unistd.h",
      "arch/arm64/include/uapi/asm/unistd.h": "tables/arm64/3.10/arch-arm64-include-uapi-asm-unistd.h",
    }));
    expect(parsed.kernelVersion).toBe("3.10.4");
    expect(parsed.served).toEqual(["386", "amd64", "x32", "arm64"]);
    const arm64 = parsed.tables[3] as SyscallTable;
    const [want] = gccGeneric([{ wrapper: read("tables/arm64/3.10/arch-arm64-include-uapi-asm-unistd.h"), generic: read("tables/arm64/3.10/asm-generic-unistd.h"), t: target("arm64") }]);
    expect(numberMap(arm64)).toEqual(want);
    expect(arm64.entries.at(-1)).toEqual({ name: "finit_module", number: 273 });
    expect(arm64.entries.find((e) => e.number === 79)?.name).toBe("fstatat");
  });

  it("reads RHEL versions from the Makefile (el7) and Makefile.rhelver (el8)", async () => {
    const cases: [string, string][] = [["3.10.0-1160.el7", "3.10.0-1160.el7"], ["3.10.0-1127.el7", "3.10.0-1127.el7"], ["4.18.0-348.2.1.el8", "4.18.0-348.2.1.el8"], ["4.18.0-240.el8", "4.18.0-240.el8"], ["6.1", "6.1.20"]];
    for (const [v, want] of cases) {
      const dir = v.startsWith("3.10") ? "arch/x86/syscalls" : "arch/x86/entry/syscalls";
      const parsed = await parseBundle(treeBundle(v, { [`${dir}/syscall_64.tbl`]: `tables/x86_64/${v}/syscall_64.tbl` }));
      expect(parsed.kernelVersion, v).toBe(want);
      expect(parsed.served).toEqual(["amd64", "x32"]);
    }
  });

  it("reads 6.12 and 7.1 arm64 from scripts/syscall.tbl with Makefile.syscalls abis", async () => {
    for (const v of ["6.12", "7.1"]) {
      const parsed = await parseBundle(treeBundle(v, {
        "scripts/syscall.tbl": `tables/arm64/${v}/scripts-syscall.tbl`,
        "arch/arm64/kernel/Makefile.syscalls": `tables/arm64/${v}/Makefile.syscalls`,
        "arch/x86/entry/syscalls/syscall_64.tbl": `tables/x86_64/${v}/syscall_64.tbl`,
      }), { targets: ["arm64"] });
      const arm64 = parsed.tables[0] as SyscallTable;
      const rule = kernelRule(`tables/arm64/${v}/scripts-syscall.tbl`, ["common", "64", "renameat", "rlimit", "memfd_secret"]);
      expect(arm64.entries, v).toEqual(rule);
      expect(arm64.entries.find((e) => e.number === 79)?.name).toBe("newfstatat");
    }
  });

  it("evaluates the 2.6.32 in-header tables (no __KERNEL__) like gcc", async () => {
    for (const [rel, name] of [["tables/x86_64/2.6.32/unistd_64.h", "amd64"], ["tables/i386/2.6.32/unistd_32.h", "386"], ["tables/x86_64/2.6.32-642.6.2.el6/unistd_64.h", "amd64"], ["tables/i386/2.6.32-642.6.2.el6/unistd_32.h", "386"]] as const) {
      const table = await parseUnistdHeader(read(rel), { source: rel, target: name });
      const all = gccSyscallNumbers([{ id: "x", file: dataPath(rel), includeDirs: [], target: target(name) }]).get("x") as Map<string, number>;
      expect(numberMap(table), rel).toEqual(all);
    }
    const parsed = await parseBundle(treeBundle("2.6.32-642.6.2.el6", {
      "arch/x86/include/asm/unistd_64.h": "tables/x86_64/2.6.32-642.6.2.el6/unistd_64.h",
      "arch/x86/include/asm/unistd_32.h": "tables/i386/2.6.32-642.6.2.el6/unistd_32.h",
    }));
    expect(parsed.served).toEqual(["386", "amd64"]);
    expect(parsed.kernelVersion).toBe("2.6.32-641.el6");
    expect(parsed.tables[1]?.entries.find((e) => e.number === 309)?.name).toBe("get_cpu");
  });

  it("rejects a target the input cannot serve, naming what it serves", async () => {
    const bundle = treeBundle("5.4", { "arch/x86/entry/syscalls/syscall_32.tbl": "tables/i386/5.4/syscall_32.tbl" });
    await expect(parseBundle(bundle, { targets: ["arm64"] })).rejects.toThrow("linux-5.4.tar: no headers for arm64; this input serves: 386");
  });
});
