/**
 * The real inputs behind the registry (kernel-data, see its PROVENANCE.md, and the Debian packages
 * and x/sys modules fetched into .cache/registry) and their syscall tables, read with the project's
 * own parser exactly as `gen --headers` reads them.
 */
import { join } from "node:path";
import { compareSeries } from "../../packages/kernels/src/series.ts";
import { parseBundle, type HeaderBundle } from "../../packages/parser/src/index.ts";
import { findTarget, targets, type SyscallTable, type Target, type TargetName } from "../../packages/core/src/index.ts";
import { debianSuites, packageDir } from "./debian-sources.ts";
import { debianFiles } from "./fetch-debian.ts";
import { kernelDataFiles, kernelDataHas, readKernelData, repoRoot } from "./inputs.ts";

export const dataDir = join(repoRoot, "packages", "kernels", "data");

/** Short names the registry's labels use for kernel-data directories. */
export const aospDir = "headers/aosp-external-kernel-headers-original";
const sabotageDir = "headers/sabotage-linux-kernel-headers";
const debian510Dir = "headers/debian-linux-libc-dev_5.10.0+-2_amd64";

/** A file by its kernel-data path (`tables/…`, `headers/…`, `seccomp/…`). */
export function readSource(path: string): string {
  return readKernelData(path);
}

/**
 * A headers bundle under a label: `headers/aosp/<v>` (the x86 files at the top of an AOSP
 * snapshot), `headers/sabotage/<v>` (its x86 `asm/`, `asm-generic/`, `linux/`), `headers/debian-5.10`,
 * or `headers/<Debian suite dir>/<package dir>` (a fetched Debian package).
 */
function dirBundle(label: string): HeaderBundle {
  const aosp = /^headers\/aosp\/(.+)$/.exec(label);
  const sabotage = /^headers\/sabotage\/(.+)$/.exec(label);
  let files: Map<string, string>;
  if (aosp) files = kernelDataFiles(`${aospDir}/${aosp[1]}`, (rel) => !rel.includes("/"));
  else if (sabotage)
    files = kernelDataFiles(`${sabotageDir}/${sabotage[1]}`, (rel) => /^(asm|asm-generic|linux)\//.test(rel));
  else if (label === "headers/debian-5.10")
    files = kernelDataFiles(debian510Dir, (rel) => /\/(asm|asm-generic)\/|\/linux\/version\.h$/.test(rel));
  else files = debianFiles(label.replace(/^headers\//, ""));
  return { origin: label, files };
}

/** A kernel-tree-shaped bundle: tree path → kernel-data file. */
function treeBundle(origin: string, layout: Record<string, string>): HeaderBundle {
  return { origin, files: new Map(Object.entries(layout).map(([path, file]) => [path, readSource(file)])) };
}

/** One input for one series; `lo`/`hi` pairs are read twice when an arch's own wrapper is unknown. */
export interface SourceSpec {
  readonly series: string;
  readonly label: string;
  readonly bundle: () => HeaderBundle;
  readonly targets: readonly TargetName[];
}

export interface Observation {
  readonly series: string;
  readonly label: string;
  readonly table: SyscallTable;
}

export async function parseSpec(spec: SourceSpec): Promise<Observation[]> {
  // What the input serves (an amd64 package's x86_64-linux-gnu/asm/unistd.h serves amd64 only).
  const parsed = await parseBundle(spec.bundle());
  // linux/version.h, where the input has one, must be of the series the input is filed under
  // (Debian's 5.10.13-1cross4 packages carry 5.10.19 headers: still 5.10).
  if (parsed.kernelVersion !== undefined && seriesOf(parsed.kernelVersion) !== spec.series) {
    throw new Error(`${spec.label}: linux/version.h says ${parsed.kernelVersion}, filed under ${spec.series}`);
  }
  return parsed.tables
    .filter((t) => spec.targets.includes(t.target))
    .map((table) => ({ series: spec.series, label: spec.label, table }));
}

const x86 = ["amd64", "386", "x32"] as const satisfies readonly TargetName[];

const aospVersions = [
  "3.11.4",
  "3.14",
  "3.16.1",
  "3.18.3",
  "4.4.1",
  "4.7.2",
  "4.9.3",
  "4.12.3",
  "4.19",
  "5.1.3",
  "5.2",
  "5.3.2",
  "5.6",
  "5.7",
  "5.8",
  "5.9",
  "5.10",
  "5.11",
  "5.12",
  "5.13",
  "5.14",
  "5.15",
  "5.16",
  "5.17",
  "6.5",
  "6.6",
  "6.7",
  "6.8",
];
const sabotageVersions = ["3.12.6", "4.4.2", "4.9.206", "4.14.158", "4.19.88"];
const x86TblSeries = ["3.10", "4.18", "5.4", "5.10", "5.14", "5.15", "6.1", "6.6", "6.12", "6.19", "7.1"];

/** `headers/<suite dir>/<package dir>` of the Debian package serving `target` in a suite. */
function debianPackagePath(suite: string, target: TargetName): string {
  const s = debianSuites.find((x) => x.suite === suite);
  const p =
    s?.packages.find((x) => x.name !== "linux-libc-dev" && x.targets.includes(target)) ??
    s?.packages.find((x) => x.targets.includes(target));
  if (s === undefined || p === undefined) throw new Error(`no Debian ${suite} package serves ${target}`);
  return `headers/${s.dir}/${packageDir(p)}`;
}

function seriesOf(version: string): string {
  const [a, b, c] = version.split(".");
  return a === "2" ? `2.6.${c}` : `${a}.${b}`;
}

/** kernel-data's table directory of each x86 ABI with a 2.6-era in-header table. */
const x86DataDirs: ReadonlyArray<readonly [TargetName, string]> = [
  ["amd64", "x86_64"],
  ["386", "i386"],
];

/**
 * A 2.6-era x86 tree's in-header tables (the rows' headerTable, arch/x86/include/asm/unistd_{64,32}.h)
 * → their kernel-data copies, `tables/<x86_64|i386>/<version>/<base name>`.
 */
function inHeaderTables(version: string): Record<string, string> {
  return Object.fromEntries(
    x86DataDirs.map(([name, dir]) => {
      const path = (findTarget(name) as Target).headerTable as string;
      return [path, `tables/${dir}/${version}/${path.slice(path.lastIndexOf("/") + 1)}`];
    }),
  );
}

function x86Tree(v: string): Record<string, string> {
  const dir = v === "3.10" ? "arch/x86/syscalls" : "arch/x86/entry/syscalls";
  return {
    [`${dir}/syscall_64.tbl`]: `tables/x86_64/${v}/syscall_64.tbl`,
    [`${dir}/syscall_32.tbl`]: `tables/i386/${v}/syscall_32.tbl`,
  };
}

/** Installed/generated headers and source tables of the x86 ABIs, plus every Debian package (5.10, 6.1, 6.12). */
export function realSources(): SourceSpec[] {
  const specs: SourceSpec[] = [
    {
      series: "2.6.32",
      label: "tables/{x86_64,i386}/2.6.32 (in-header tables)",
      targets: ["amd64", "386"],
      bundle: () => treeBundle("linux-2.6.32", inHeaderTables("2.6.32")),
    },
  ];
  for (const v of x86TblSeries)
    specs.push({
      series: v,
      label: `tables/{x86_64,i386}/${v} (syscall_*.tbl)`,
      targets: x86,
      bundle: () => treeBundle(`linux-${v}`, x86Tree(v)),
    });
  for (const v of aospVersions)
    specs.push({
      series: seriesOf(v),
      label: `headers/aosp/${v}`,
      targets: x86,
      bundle: () => dirBundle(`headers/aosp/${v}`),
    });
  for (const v of sabotageVersions)
    specs.push({
      series: seriesOf(v),
      label: `headers/sabotage/${v}`,
      targets: x86,
      bundle: () => dirBundle(`headers/sabotage/${v}`),
    });
  specs.push({
    series: "5.10",
    label: "headers/debian-5.10",
    targets: x86,
    bundle: () => dirBundle("headers/debian-5.10"),
  });
  for (const s of debianSuites) {
    for (const p of s.packages) {
      const dir = `headers/${s.dir}/${packageDir(p)}`;
      specs.push({ series: s.series, label: dir, targets: p.targets, bundle: () => dirBundle(dir) });
    }
  }
  for (const v of ["6.12", "7.1"]) {
    specs.push({
      series: v,
      label: `tables/arm64/${v} (scripts/syscall.tbl + Makefile.syscalls)`,
      targets: ["arm64"],
      bundle: () =>
        treeBundle(`linux-${v}`, {
          "scripts/syscall.tbl": `tables/arm64/${v}/scripts-syscall.tbl`,
          "arch/arm64/kernel/Makefile.syscalls": `tables/arm64/${v}/Makefile.syscalls`,
        }),
    });
  }
  specs.push({
    series: "3.10",
    label: "tables/arm64/3.10 (arm64 wrapper + asm-generic)",
    targets: ["arm64"],
    bundle: () =>
      treeBundle("linux-3.10", {
        "arch/arm64/include/uapi/asm/unistd.h": "tables/arm64/3.10/arch-arm64-include-uapi-asm-unistd.h",
        "include/uapi/asm-generic/unistd.h": "tables/generic/3.10/unistd.h",
      }),
  });
  for (const v of aospAllVersions) {
    for (const arch of ["arm", "arm64", "mips", "riscv"] as const) {
      const dir = `${aospDir}/${v}/asm-${arch}`;
      if (!kernelDataHas(dir)) continue;
      const served = targets
        .filter((t) => t.linuxArch === arch && compareSeries(seriesOf(v), t.firstKernel) >= 0)
        .map((t) => t.name);
      specs.push({
        series: seriesOf(v),
        label: `headers/aosp/${v}/asm-${arch}`,
        targets: served,
        bundle: () => aospArchBundle(v, arch),
      });
    }
  }
  for (const v of wholeTreeVersions) {
    const series = seriesOf(v);
    const served = targets
      .filter((t) => compareSeries(series, t.firstKernel) >= 0 && t.name !== "riscv64")
      .map((t) => t.name);
    specs.push({
      series,
      label: `tables/*/${v} (whole tree)`,
      targets: served,
      bundle: () => kernelTreeBundle(v, treeArchDirs),
    });
  }
  return specs;
}

/** The series kernel-data's saved tables and headers are of (with inputs.tsv, they say where each major ends). */
export function kernelDataSeries(): string[] {
  return [...wholeTreeVersions, ...x86TblSeries, ...aospAllVersions, ...aospVersions, ...sabotageVersions].map(
    seriesOf,
  );
}

/** A wrapper for an asm-generic arch: the real file of some era, or none (plain asm-generic). */
export interface Wrapper {
  readonly label: string;
  readonly linuxArch: string;
  /** A kernel-data or fetched-package path; with neither file nor text: plain asm-generic. */
  readonly file: string | undefined;
  readonly text?: string;
}

/** A Debian -cross package's own asm/unistd.h (pre-6.11 asm-generic ports: a wrapper around asm-generic). */
const debianWrapper = (suite: string, series: string, target: TargetName, arch: string): Wrapper => {
  const triplet = (findTarget(target) as Target).triplets[0] as string;
  return {
    label: `Debian ${series} ${target} asm/unistd.h`,
    linuxArch: arch,
    file: `${debianPackagePath(suite, target)}/usr/${triplet}/include/asm/unistd.h`,
  };
};

export const wrappers = {
  arm64v38: {
    label: "3.8 arm64 asm/unistd.h",
    linuxArch: "arm64",
    file: "tables/arm64/3.8/arch-arm64-include-uapi-asm-unistd.h",
  },
  arm64v310: {
    label: "3.10 arm64 asm/unistd.h",
    linuxArch: "arm64",
    file: "tables/arm64/3.10/arch-arm64-include-uapi-asm-unistd.h",
  },
  arm64v510: debianWrapper("bullseye", "5.10", "arm64", "arm64"),
  arm64v61: debianWrapper("bookworm", "6.1", "arm64", "arm64"),
  riscvNone: { label: "no riscv wrapper (plain asm-generic)", linuxArch: "riscv", file: undefined },
  riscvV510: debianWrapper("bullseye", "5.10", "riscv64", "riscv"),
  riscvV61: debianWrapper("bookworm", "6.1", "riscv64", "riscv"),
  // Linux 5.19's arch/loongarch/include/uapi/asm/unistd.h (torvalds/linux @ 2b1333b8, v5.19-rc2) asks
  // asm-generic for clone and clone3 and includes it: those two flags are the whole file.
  loongV519: {
    label: "5.19-rc2 loongarch asm/unistd.h",
    linuxArch: "loongarch",
    file: undefined,
    text: "#define __ARCH_WANT_SYS_CLONE\n#define __ARCH_WANT_SYS_CLONE3\n\n#include <asm-generic/unistd.h>\n",
  },
} as const satisfies Record<string, Wrapper>;

const plainWrapper = "#include <asm-generic/unistd.h>\n";

/** `headers/<suite dir>/<package dir>/<path>` is inside a fetched Debian package; the rest is kernel-data. */
function wrapperFile(file: string): string {
  const m = /^headers\/(debian-[^/]+\/[^/]+)\/(.+)$/.exec(file);
  if (m === null || file.startsWith(debian510Dir)) return readSource(file);
  const text = debianFiles(m[1] as string).get(m[2] as string);
  if (text === undefined) throw new Error(`${file}: not in the fetched package`);
  return text;
}

/** asm-generic/unistd.h of `genericFile` read through an arch wrapper, as a kernel tree. */
export function genericBundle(origin: string, genericFile: string, wrapper: Wrapper): HeaderBundle {
  return {
    origin,
    files: new Map([
      [
        `arch/${wrapper.linuxArch}/include/uapi/asm/unistd.h`,
        wrapper.text ?? (wrapper.file === undefined ? plainWrapper : wrapperFile(wrapper.file)),
      ],
      ["include/uapi/asm-generic/unistd.h", readSource(genericFile)],
    ]),
  };
}

/** A file saved under its tree path with `/` written as `-`, as the tree has it (`asm-generic` keeps its `-`). */
function flatTreePath(file: string): string | undefined {
  const generic = "include-uapi-asm-generic-";
  if (file.startsWith(generic)) return `include/uapi/asm-generic/${file.slice(generic.length)}`;
  if (file.startsWith("scripts-")) return `scripts/${file.slice("scripts-".length)}`;
  const m = /^arch-([a-z0-9]+)-(entry-syscalls|syscalls|include-uapi-asm|include-asm|tools|kernel-syscalls)-(.+)$/.exec(
    file,
  );
  return m === null ? undefined : `arch/${m[1]}/${(m[2] as string).replace(/-/g, "/")}/${m[3]}`;
}

/**
 * kernel-data `tables/<dir>/<version>/<file>` → path in the kernel tree. Files are saved under their
 * tree path with `/` as `-` (`arch-x86-entry-syscalls-syscall_64.tbl`, `include-uapi-asm-generic-unistd.h`,
 * `scripts-syscall.tbl`); the first trees saved keep the x86 tables and asm-generic/unistd.h by base name.
 */
function treePath(dir: string, version: string, file: string): string | undefined {
  const flat = flatTreePath(file);
  if (flat !== undefined) return flat;
  const series = seriesOf(version.replace(/-.*/, ""));
  if (dir === "x86_64" || dir === "i386") {
    const inHeader = targets.find((t) => t.headerTable?.endsWith(`/${file}`) === true)?.headerTable;
    if (inHeader !== undefined) return inHeader;
    // arch/x86/syscalls moved to arch/x86/entry/syscalls in 4.2.
    if (/^syscall_(32|64)\.tbl$/.test(file))
      return `${compareSeries(series, "4.2") < 0 ? "arch/x86/syscalls" : "arch/x86/entry/syscalls"}/${file}`;
    return undefined;
  }
  // asm-generic moved under include/uapi in 3.7, the first kernel of its first user (arm64).
  if (dir === "generic")
    return file === "unistd.h" && compareSeries(series, "3.7") >= 0 ? "include/uapi/asm-generic/unistd.h" : undefined;
  return undefined;
}

/**
 * Every arch's syscall files of one whole kernel tree in kernel-data (`tables/<arch>/<version>/`),
 * laid out as the tree: the parser reads each target the way a cross compiler would. riscv is left
 * out: the saved 4.18 riscv files are the kernel-internal wrapper without the uapi header it includes.
 */
export function kernelTreeBundle(version: string, dirs: readonly string[]): HeaderBundle {
  const files = new Map<string, string>();
  for (const dir of dirs) {
    const base = `tables/${dir}/${version}`;
    if (!kernelDataHas(base)) continue;
    for (const [file] of kernelDataFiles(base, () => true)) {
      const path = treePath(dir, version, file);
      if (path !== undefined) files.set(path, readSource(`${base}/${file}`));
    }
  }
  return { origin: `linux-${version}`, files };
}

const treeArchDirs = ["x86_64", "i386", "generic", "arm", "arm64", "mips", "powerpc", "s390", "sparc"] as const;

/** Vanilla whole-tree versions in kernel-data (every arch), oldest first. */
const wholeTreeVersions = [
  "2.6.32",
  "2.6.33",
  "2.6.34",
  "2.6.35",
  "2.6.36",
  "2.6.37",
  "2.6.38",
  "2.6.39",
  "3.0",
  "3.2",
  "3.4",
  "3.6",
  "3.8",
  "3.10",
  "3.13",
  "3.14",
  "3.16",
  "3.18",
  "3.19",
  "4.4",
  "4.9",
  "4.18",
];

/** Every AOSP snapshot in kernel-data (their non-x86 `asm-<arch>/` directories are read per arch). */
const aospAllVersions = [
  "3.14",
  "3.16.1",
  "3.18.3",
  "4.4.1",
  "4.7.2",
  "4.8.14",
  "4.9.3",
  "4.10",
  "4.12.3",
  "4.14",
  "4.15",
  "4.17.3",
  "4.19",
  "4.20.1",
  "5.0",
  "5.1.3",
  "5.2",
  "5.3.2",
  "5.4",
  "5.5",
  "5.6",
  "5.7",
  "5.8",
  "5.9",
  "5.10",
  "5.11",
  "5.12",
  "5.13",
  "5.14",
  "5.15",
  "5.16",
  "5.17",
  "5.18",
  "5.19",
  "6.0",
  "6.1",
  "6.2",
  "6.3",
  "6.4",
  "6.5",
  "6.6",
  "6.7",
  "6.8",
  "6.9",
];

/** One arch of an AOSP snapshot as installed headers: its `asm/` files and the shared asm-generic table. */
function aospArchBundle(version: string, arch: string): HeaderBundle {
  const files = new Map<string, string>();
  for (const [rel, text] of kernelDataFiles(`${aospDir}/${version}/asm-${arch}`)) files.set(rel, text);
  if (kernelDataHas(`${aospDir}/${version}/asm-generic/unistd.h`))
    files.set("asm-generic/unistd.h", readSource(`${aospDir}/${version}/asm-generic/unistd.h`));
  return { origin: `aosp ${version} asm-${arch}`, files };
}
