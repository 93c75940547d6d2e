/** FACTS.md checks (from the RHEL tables and libseccomp, not from this code) and refusals. */
import { UnknownKernelError, UsageError, targets } from "@xsysgen/core";
import { expect, test } from "vitest";
import {
  allSeries,
  compareSeries,
  describeCell,
  getTable,
  listKernels,
  newestKernel,
  resolveKernel,
  showSyscall,
} from "../src/index.ts";

/** The release after the newest the registry knows (`7.4` while it ends at 7.3): not served yet. */
const pastNewest = newestKernel.replace(/\.(\d+)$/, (_, minor: string) => `.${Number(minor) + 1}`);

test("show statx: 332 amd64, 383 386, 291 arm64, first 4.11 on amd64, absent from el7 builds", () => {
  const r = showSyscall("statx");
  const on = (t: string) => r.arches.find((a) => a.target === t);
  expect([on("amd64")?.number, on("386")?.number, on("arm64")?.number]).toEqual([332, 383, 291]);
  expect(on("amd64")?.since.text).toBe("4.11");
  for (const d of r.distros.filter((x) => x.name.endsWith(".el7"))) expect(d.has.amd64, d.name).toBe(false);
  expect(r.distros.find((d) => d.release === "RHEL 8.5")?.has.amd64).toBe(true);
});

test("kernel specs resolve to series and distro builds", () => {
  expect(["2.6.32", "3.10", "3.10.0", "4.18.0", "6.1.20", "v7.1"].map((s) => resolveKernel(s).name)).toEqual([
    "2.6.32",
    "3.10",
    "3.10",
    "4.18",
    "6.1",
    "7.1",
  ]);
  expect(resolveKernel("3.10.0-1160.el7.x86_64").name).toBe("3.10.0-1160.el7");
  expect(resolveKernel("rhel8").release).toBe("RHEL 8.10");
  expect(resolveKernel("centos8").release).toBe("RHEL 8.5");
  expect(resolveKernel("centos6").release).toBe("RHEL 6.8");
  expect(getTable("6.1.20", "amd64").kernelVersion).toBe("6.1");
});

test("malformed, unknown and impossible requests fail with the right class and one line", () => {
  const fails = (f: () => unknown, cls: typeof UsageError | typeof UnknownKernelError) => {
    let caught: unknown;
    try {
      f();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(cls);
    expect((caught as Error).message).not.toContain("\n");
  };
  for (const s of ["", "3.x", "latest!", "3.10.0.1.2", "6.1-rc2"]) fails(() => resolveKernel(s), UsageError);
  for (const s of ["2.6.31", "2.4.37", "3.20", pastNewest, "99.0", "3.10.0-9999.el9", "centos9"])
    fails(() => resolveKernel(s), UnknownKernelError);
  // Only releases before an arch existed are refused.
  fails(() => getTable("3.10", "riscv64"), UnknownKernelError);
  fails(() => getTable("5.4", "loong64"), UnknownKernelError);
  fails(() => getTable("3.6", "arm64"), UnknownKernelError);
  expect(() => getTable("3.10", "riscv64")).toThrow(/riscv64 did not exist before Linux 4\.15/);
});

test("listKernels covers all 15 GOARCHes plus x32 and names distro aliases", () => {
  const l = listKernels();
  const covered = new Set(l.vanilla.flatMap((v) => v.targets));
  expect(covered.size).toBe(16);
  expect(l.vanilla.find((v) => v.series === "3.10")?.targets).toEqual(
    expect.arrayContaining(["amd64", "386", "x32", "arm64"]),
  );
  expect(l.aliases).toEqual(
    expect.arrayContaining([
      { alias: "centos7", kernel: "3.10.0-1160.el7" },
      { alias: "centos8", kernel: "4.18.0-348.el8" },
      { alias: "rhel8", kernel: "4.18.0-553.5.1.el8_10" },
      { alias: "rocky9.4", kernel: "5.14.0-427.13.1.el9_4" },
      { alias: "centos-stream10", kernel: "6.12.0-55.9.1.el10_0" },
    ]),
  );
  // Every name resolves to the build it is listed for.
  for (const { alias, kernel } of l.aliases) expect(resolveKernel(alias).name, alias).toBe(kernel);
  // The newest release is the data's (inputs.tsv's newest row), at least Linux 7.3.
  expect(l.newest).toBe(allSeries[allSeries.length - 1]);
  expect(compareSeries(l.newest, "7.3")).toBeGreaterThanOrEqual(0);
  // Every (release, arch) cell from the arch's first kernel to the newest is served.
  for (const t of targets) {
    const served = l.vanilla.filter((v) => v.targets.includes(t.name)).map((v) => v.series);
    expect(served, t.name).toEqual(allSeries.filter((s) => compareSeries(s, t.firstKernel) >= 0));
  }
});

test("a derived cell names what the evidence cannot place and leaves it out; exact cells name their sources", () => {
  // x32 has no table of 6.18 (the syscalls crate's 6.18 has no x32): linux-raw-sys's 6.17 lacks uprobe and
  // listns, PyPI's 6.19 has them, and neither is placed.
  const cell = describeCell("6.18", "x32");
  expect(cell.kind).toBe("derived");
  const uncertain = cell.uncertain.map((u) => u.name);
  expect(uncertain).toEqual(expect.arrayContaining(["uprobe", "listns"]));
  const table = getTable("6.18", "x32");
  for (const name of uncertain) expect(table.entries.some((e) => e.name === name)).toBe(false);
  expect(table.entries.some((e) => e.name === "statx")).toBe(true);
  const exact = describeCell("3.10.0", "s390x");
  expect(exact.kind).toBe("exact");
  expect(exact.sources).toContain("tables/*/3.10 (whole tree)");
  expect(exact.uncertain).toEqual([]);
});

test("RHEL builds serve the arches Red Hat ships, with each tree's own backports (FACTS.md counts)", () => {
  const count = (k: string, t: Parameters<typeof getTable>[1]) => getTable(k, t).entries.length;
  const has = (k: string, t: Parameters<typeof getTable>[1], name: string) =>
    getTable(k, t).entries.some((e) => e.name === name);
  // FACTS.md, "Non-x86 tables": __NR_ names of the RHEL trees' own headers.
  expect(count("3.10.0-1160.el7", "ppc64")).toBe(357);
  expect(count("3.10.0-1160.el7", "s390x")).toBe(308);
  expect(count("2.6.32-642.6.2.el6", "ppc64")).toBe(318);
  expect(count("2.6.32-642.6.2.el6", "s390x")).toBe(274);
  // RHEL 7.9 ppc64 has execveat, unlike its x86_64 and s390x; none has statx.
  expect(["ppc64", "ppc64le", "s390x", "amd64"].map((t) => has("centos7", t as "amd64", "execveat"))).toEqual([
    true,
    true,
    false,
    false,
  ]);
  for (const t of ["ppc64", "ppc64le", "s390x", "amd64", "386"] as const)
    expect(has("centos7", t, "statx"), t).toBe(false);
  for (const t of ["ppc64le", "s390x", "arm64", "amd64"] as const) expect(has("rhel8.3", t, "statx"), t).toBe(true);
  // ppc64le is built from 3.10 by Red Hat (vanilla gained it in 3.13): the same numbers as ppc64.
  expect(getTable("centos7", "ppc64le").entries).toEqual(getTable("centos7", "ppc64").entries);
  // RHEL 7.7 (FACTS.md): x86_64 as 7.8 and 7.9; s390x as 7.9 but without renameat2 347.
  expect(getTable("rhel7.7", "amd64").entries).toEqual(getTable("rhel7.9", "amd64").entries);
  expect(getTable("rhel7.8", "amd64").entries).toEqual(getTable("rhel7.9", "amd64").entries);
  expect(getTable("rhel7.7", "ppc64").entries).toEqual(getTable("rhel7.9", "ppc64").entries);
  const s390 = (k: string) => getTable(k, "s390x").entries.map((e) => e.name);
  expect(s390("rhel7.9").filter((n) => !s390("rhel7.7").includes(n))).toEqual(["renameat2"]);
});

test("RHEL 8.3 -> 10.0 per minor (FACTS.md): what each minor adds, per arch", () => {
  const has = (k: string, t: Parameters<typeof getTable>[1], nr: number) =>
    getTable(k, t).entries.some((e) => e.number === nr);
  // 8.3 has io_uring 425-427 but not pidfd_send_signal 424; 8.4 = 8.5 add close_range 436, faccessat2 439.
  expect([425, 427, 424, 436].map((n) => has("rhel8.3", "amd64", n))).toEqual([true, true, false, false]);
  expect(getTable("rhel8.4", "amd64").entries).toEqual(getTable("rhel8.5", "amd64").entries);
  expect([436, 439, 424].map((n) => has("rhel8.5", "amd64", n))).toEqual([true, true, false]);
  // 8.6 adds pidfd_send_signal 424, 8.7 openat2 437; 8.7 = 8.8 = 8.9 = 8.10.
  expect([has("rhel8.6", "amd64", 424), has("rhel8.6", "amd64", 437), has("rhel8.7", "amd64", 437)]).toEqual([
    true,
    false,
    true,
  ]);
  for (const m of ["8.8", "8.9", "8.10"])
    expect(getTable(`rhel${m}`, "s390x").entries, m).toEqual(getTable("rhel8.7", "s390x").entries);
  // 9.0 adds process_mrelease 448 to vanilla 5.14; 9.1 futex_waitv 449; 9.3 450; 9.4 cachestat 451; 9.5 futex_wake 454.
  expect([448, 449].map((n) => has("rhel9.0", "amd64", n))).toEqual([true, false]);
  expect(getTable("rhel9.1", "amd64").entries).toEqual(getTable("rhel9.2", "amd64").entries);
  expect([has("rhel9.2", "amd64", 450), has("rhel9.3", "amd64", 450), has("rhel9.4", "amd64", 451)]).toEqual([
    false,
    true,
    true,
  ]);
  expect([has("rhel9.4", "amd64", 454), has("rhel9.5", "amd64", 454), has("rhel9.5", "amd64", 453)]).toEqual([
    false,
    true,
    false,
  ]);
  // 9.6: map_shadow_stack 453 on x86_64; s390x gains memfd_secret 447 instead, which 9.5 s390x lacks.
  expect([has("rhel9.6", "amd64", 453), has("rhel9.6", "s390x", 447), has("rhel9.5", "s390x", 447)]).toEqual([
    true,
    true,
    false,
  ]);
  // 9.0 s390x has pkey_* 384-386 and SysV IPC 392-402 beyond x86_64's additions.
  expect([384, 386, 392, 402].every((n) => has("rhel9.0", "s390x", n))).toBe(true);
  // 10.0 is vanilla 6.12: uretprobe 335 on x86_64, none on arm64 (asm-generic has no uretprobe).
  expect(has("rhel10", "amd64", 335)).toBe(true);
  expect(getTable("rhel10", "arm64").entries.some((e) => e.name === "uretprobe")).toBe(false);
  expect(getTable("rhel10.0", "arm64").entries).toEqual(getTable("6.12", "arm64").entries);
});

test("show gives the evidence behind each first kernel; kernels lists derived cells and what they leave out", () => {
  const statx = showSyscall("statx", ["ppc64le", "s390x", "amd64"]);
  const of = (t: string) => statx.arches.find((a) => a.target === t);
  // ppc64le: the 4.9 whole tree lacks it; hrw's 4.11-rc table has it (presence only: its 4.10-rc7 table
  // lacking it proves nothing), so it is 4.10 or 4.11, not placed.
  expect(of("ppc64le")?.since.text).toBe("4.10 or 4.11");
  expect(of("ppc64le")?.evidence).toMatchObject({
    placed: false,
    lacking: { series: "4.9" },
    having: { series: "4.11" },
  });
  expect(of("ppc64le")?.evidence.having?.source).toMatch(/^hrw\/2017-04-06_0f516ee\/syscalls-powerpc64 /);
  expect(of("ppc64le")?.evidence.narrowedBy).toBeUndefined();
  // s390x: the 4.9 tree lacks it, hrw's 4.11-rc table has it, and libseccomp's s390x column (which agrees
  // with every s390x bracket) places it at 4.11.
  expect(of("s390x")?.since.text).toBe("4.11");
  expect(of("s390x")?.evidence).toMatchObject({ placed: true, lacking: { series: "4.9" }, having: { series: "4.11" } });
  expect(of("s390x")?.evidence.narrowedBy).toMatch(/libseccomp PR 457 s390x column/);
  const v618 = listKernels().vanilla.find((v) => v.series === "6.18");
  expect(v618?.derived).toContain("x32");
  expect(v618?.uncertain.find((u) => u.target === "x32")?.entries.map((e) => e.name)).toContain("uprobe");
  expect(listKernels().vanilla.find((v) => v.series === "3.10")?.snapshotOf).toEqual(
    expect.arrayContaining(["amd64", "s390x", "ppc64", "arm64", "mips"]),
  );
});

test("file_getattr and file_setattr arrive in 6.17 and listns in 6.19 on every arch the tables bracket", () => {
  // x/sys 6.16 and linux-raw-sys 0.11 (6.16) lack them, linux-raw-sys 0.12 and PyPI 6.17 have file_*attr;
  // the syscalls crate's 6.18 tables lack listns, PyPI 6.19 and the 6.19 x86 table have it.
  for (const name of ["file_getattr", "file_setattr"]) {
    const arches = showSyscall(name).arches;
    expect(arches.map((a) => a.target).sort()).toEqual(targets.map((t) => t.name).sort());
    for (const a of arches) expect(`${a.target} ${a.since.text}`).toBe(`${a.target} 6.17`);
  }
  for (const a of showSyscall("listns").arches) {
    // No x32 table of 6.18 is reachable (the syscalls crate has no x32): 6.18 or 6.19 there.
    expect(`${a.target} ${a.since.text}`).toBe(`${a.target} ${a.target === "x32" ? "6.18 or 6.19" : "6.19"}`);
    expect([a.evidence.lacking?.series, a.evidence.having?.series]).toEqual([
      a.target === "x32" ? "6.17" : "6.18",
      "6.19",
    ]);
  }
});

test("Linux 7.3 is served on every arch, each cell read from a 7.3 table", () => {
  for (const t of targets) {
    const cell = describeCell("7.3", t.name);
    expect({ target: t.name, kind: cell.kind }).toEqual({ target: t.name, kind: "exact" });
    expect(cell.sources).toContain("linux-libc-dev_7.3.");
    expect(getTable("7.3.4", t.name).entries.length).toBeGreaterThan(300);
  }
});

test("from 4.10 on, an entry is left unplaced only where no complete table of that release was read", () => {
  for (const v of listKernels().vanilla.filter((x) => compareSeries(x.series, "4.10") >= 0))
    for (const u of v.uncertain)
      expect(`${v.series} ${u.target} derived`).toBe(
        `${v.series} ${u.target} ${v.derived.includes(u.target) ? "derived" : "exact"}`,
      );
});
