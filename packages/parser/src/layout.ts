/**
 * What each target's syscall table is made from in a bundle: kernel source trees (x86 and
 * per-arch `.tbl`, 2.6 in-header tables, asm-generic headers, 6.11+ `scripts/syscall.tbl`),
 * installed headers under GNU triplet directories, a bare `asm/unistd.h` recognised by
 * content, and bare single files keyed by basename. The first source found per target wins,
 * in that order.
 */
import type { Parser } from "web-tree-sitter";
import { InputError, asmGenericInstalledHeader, targets } from "@xsysgen/core";
import { archOfHeader, scanHeader } from "./scan.ts";
import type { Target, TargetName } from "@xsysgen/core";
import { wrapperMacros } from "./unistd.ts";

export type Job =
  | {
      readonly kind: "header";
      readonly target: Target;
      readonly entry: string;
      readonly includeDirs: readonly string[];
      readonly extraMacros: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "tbl";
      readonly target: Target;
      readonly path: string;
      readonly abis: readonly string[];
      readonly offset: number;
    };

type Files = ReadonlyMap<string, string>;

/**
 * Prefixes ("" or "linux-6.1/") under which the bundle holds a kernel source tree: an `arch/`
 * directory, `scripts/syscall.tbl` or `include/uapi/` (installed headers have none of them).
 * 2.6's `include/asm-generic/unistd.h` counts only next to a top-level Makefile.
 */
function kernelTreePrefixes(files: Files): string[] {
  const prefixes = new Set<string>();
  const markers = [
    /^((?:[^/]+\/)*?)arch\/[^/]+\/.+$/,
    /^((?:[^/]+\/)*?)scripts\/syscall\.tbl$/,
    /^((?:[^/]+\/)*?)include\/uapi\/asm-generic\/unistd\.h$/,
  ];
  for (const path of files.keys()) {
    for (const re of markers) {
      const m = re.exec(path);
      if (m) prefixes.add(m[1] as string);
    }
    const old = /^((?:[^/]+\/)?)include\/asm-generic\/unistd\.h$/.exec(path);
    if (old && files.has(`${old[1]}Makefile`)) prefixes.add(old[1] as string);
  }
  return [...prefixes].sort((a, b) => a.length - b.length || a.localeCompare(b));
}

function hasAbi(files: Files, path: string, abis: readonly string[]): boolean {
  const text = files.get(path) ?? "";
  return text.split("\n").some((line) => abis.includes(line.replace(/#.*/, "").trim().split(/\s+/)[1] ?? ""));
}

function archDirs(prefix: string, arch: string): string[] {
  return [
    `${prefix}arch/${arch}/include/uapi/`,
    `${prefix}arch/${arch}/include/`,
    `${prefix}include/uapi/`,
    `${prefix}include/`,
  ];
}

function header(
  target: Target,
  entry: string,
  includeDirs: readonly string[] = [],
  extraMacros: Record<string, string> = {},
): Job {
  return { kind: "header", target, entry, includeDirs, extraMacros };
}

/**
 * The asm-generic targets the caller asks for. asm-generic numbers that name no port (a lone
 * `asm-generic/unistd.h`, an `asm/unistd.h` that only includes it, a 6.11+ `unistd_64.h` without
 * riscv's entries) serve each of them: a riscv64 or loong64 header set can be just that (sabotage's
 * 4.19.88 riscv `asm/unistd.h` is `#include <asm-generic/unistd.h>`), which a compiler for any of
 * them reads the same way.
 */
function askedGeneric(asked: readonly TargetName[] | undefined): Target[] {
  return targets.filter((t) => t.generic && asked?.includes(t.name) === true);
}

/** arm64, the first asm-generic port (what such headers stand for by default), and {@link askedGeneric}. */
function unnamedGenericTargets(asked: readonly TargetName[] | undefined): Target[] {
  return targets.filter((t) => t.name === "arm64" || askedGeneric(asked).includes(t));
}

/** Abis of a 6.11+ asm-generic arch: `common`, the word size and `syscall_abis_<bits>` of Makefile.syscalls. */
function genericTblAbis(makefileSyscalls: string, bits: 32 | 64): string[] {
  const extra: string[] = [];
  for (const line of makefileSyscalls.split("\n")) {
    const m = new RegExp(`^\\s*syscall_abis_${bits}\\s*\\+?=\\s*(.*)$`).exec(line);
    if (m)
      extra.push(
        ...(m[1] as string)
          .trim()
          .split(/\s+/)
          .filter((s) => s !== ""),
      );
  }
  return ["common", String(bits), ...extra];
}

function treeJobs(
  files: Files,
  prefix: string,
  asked: readonly TargetName[] | undefined,
  add: (job: Job) => void,
): void {
  const genericHeader = [`${prefix}include/uapi/asm-generic/unistd.h`, `${prefix}include/asm-generic/unistd.h`].find(
    (p) => files.has(p),
  );
  let genericWrapperFound = false;
  for (const t of targets) {
    const arch = t.linuxArch;
    if (t.tbl) {
      const path = t.tbl.paths.map((p) => prefix + p).find((p) => files.has(p));
      // arm's table marks EABI-only rows `eabi`, and from 4.x on it has none (every EABI call is
      // `common`; 6.1 has 403 common and 12 oabi rows), so the table alone stands for arm.
      const distinguishing = t.name === "arm" ? [] : t.tbl.abis.filter((a) => a !== "common");
      if (path && (distinguishing.length === 0 || hasAbi(files, path, distinguishing))) {
        add({ kind: "tbl", target: t, path, abis: t.tbl.abis, offset: t.tbl.offset });
        continue;
      }
    }
    if (t.generic) {
      const makefile = files.get(`${prefix}arch/${arch}/kernel/Makefile.syscalls`);
      const tbl = `${prefix}scripts/syscall.tbl`;
      if (makefile !== undefined && files.has(tbl)) {
        add({ kind: "tbl", target: t, path: tbl, abis: genericTblAbis(makefile, t.bits), offset: 0 });
        genericWrapperFound = true;
        continue;
      }
    }
    if (arch === "x86") {
      // 2.6-era trees keep the table itself in a header: arch/x86/include/asm/unistd_{32,64}.h.
      const path = t.headerTable === undefined ? undefined : prefix + t.headerTable;
      if (path !== undefined && files.has(path)) add(header(t, path, archDirs(prefix, arch)));
      continue;
    }
    const wrapper = [
      `${prefix}arch/${arch}/include/uapi/asm/unistd.h`,
      `${prefix}arch/${arch}/include/asm/unistd.h`,
    ].find((p) => files.has(p));
    if (wrapper && (!t.generic || genericHeader)) {
      add(header(t, wrapper, archDirs(prefix, arch)));
      if (t.generic) genericWrapperFound = true;
    }
  }
  // A tree with asm-generic/unistd.h but no generic arch directory: read it as arm64 (or the
  // asm-generic targets asked for) would.
  if (genericHeader && !genericWrapperFound)
    for (const t of unnamedGenericTargets(asked)) add(header(t, genericHeader, archDirs(prefix, t.linuxArch)));
}

const triplets = new Map(targets.flatMap((t) => t.triplets.map((triplet) => [triplet, t] as const)));

/** `usr/include/<triplet>/asm/unistd.h` and Debian -cross `usr/<triplet>/include/asm/unistd.h`, any prefix. */
function tripletJobs(files: Files, add: (job: Job) => void): Set<string> {
  const usedDirs = new Set<string>();
  for (const path of [...files.keys()].sort()) {
    const parts = path.split("/");
    if (!path.endsWith("asm/unistd.h")) continue;
    const dir =
      parts.length >= 3 && parts[parts.length - 3] === "include" ? parts[parts.length - 4] : parts[parts.length - 3];
    const target = dir === undefined ? undefined : triplets.get(dir);
    if (!target) continue;
    usedDirs.add(path.slice(0, -"unistd.h".length));
    add(header(target, path));
  }
  // gcc -m32 and -mx32 on a Debian amd64 host read the x86_64 triplet's asm/unistd.h, which picks
  // unistd_32.h or unistd_x32.h by __i386__/__ILP32__: an amd64 linux-libc-dev serves 386 and x32
  // too. Added after every triplet's own jobs, so a dedicated i386/x32 directory is read first.
  // The rows say which ABIs a host's asm/unistd.h picks from (biarchHost) and by which file.
  for (const dir of [...usedDirs].sort()) {
    const host = triplets.get(
      dir
        .split("/")
        .filter((p) => p !== "" && p !== "include" && p !== "asm")
        .pop() ?? "",
    );
    if (host === undefined) continue;
    for (const t of targets) {
      if (t.biarchHost !== host.name || t.installedHeader === undefined) continue;
      if (files.has(`${dir}${t.installedHeader}`)) add(header(t, `${dir}unistd.h`));
    }
  }
  return usedDirs;
}

const archTargets = (arch: string) => targets.filter((t) => t.linuxArch === arch);

/** The targets a bare per-ABI header's base name stands for (`unistd_o32.h`: mips and mipsle). */
const basenameTargets = (base: string): Target[] => targets.filter((t) => t.installedHeader === base);

/** asm-generic numbering: `__NR_io_setup` is 0 there (x86_64's 0 is read, its io_setup 206). */
function asmGenericNumbering(text: string): boolean {
  return /#define\s+__NR_io_setup\s+0\b/.test(text);
}

function bareJobs(
  parser: Parser,
  files: Files,
  skipDirs: ReadonlySet<string>,
  asked: readonly TargetName[] | undefined,
  add: (job: Job) => void,
): string | undefined {
  const paths = [...files.keys()]
    .filter((p) => !skipDirs.has(p.slice(0, p.lastIndexOf("/") + 1)) && !/(^|\/)arch\//.test(p))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  const x86Tbl = (name: TargetName) => targets.find((t) => t.name === name)?.tbl as NonNullable<Target["tbl"]>;
  let genericOnly: string | undefined;
  // Per-ABI files next to a recognised asm/unistd.h belong to it (powerpc's unistd_32.h is not i386's).
  const wrapped = new Set<string>();
  const dirOf = (p: string) => p.slice(0, p.lastIndexOf("/") + 1);
  for (const path of paths) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (base === "unistd.h") {
      const arch = archOfHeader(scanHeader(parser, files.get(path) as string));
      if (arch === "arm64" && /(^|\/)asm-generic\/unistd\.h$/.test(path)) genericOnly ??= path;
      else if (arch !== undefined) {
        wrapped.add(dirOf(path));
        // "arm64" is asm-generic that names no port (an asm/unistd.h that only includes it).
        const served = arch === "arm64" ? unnamedGenericTargets(asked) : archTargets(arch);
        for (const t of served) add(header(t, path, [], path.includes("asm/") ? {} : wrapperMacros(t)));
      }
    }
  }
  for (const path of paths) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (wrapped.has(dirOf(path)) || base === "unistd.h") continue;
    // riscv's 6.11+ asm/ also holds the rv32 table, unistd_32.h: asm-generic numbers, no target here.
    if (base === asmGenericInstalledHeader(32) && asmGenericNumbering(files.get(path) as string)) continue;
    if (base === asmGenericInstalledHeader(64) && asmGenericNumbering(files.get(path) as string)) {
      // From 6.11 the asm-generic ports install a bare asm/unistd_64.h too (arm64, riscv64,
      // loong64: `__NR_io_setup 0`, `__NR_read 63`), not x86_64's (`__NR_read 0`). Only riscv's
      // own entries tell the arch; anything else would be a guess at the numbers of the wrong arch,
      // unless the caller names the asm-generic arch it wants. A kernel arch directory above asm/
      // names it too (trixie's usr/lib/linux/uapi/<arch>/asm/).
      const named = /(?:^|\/)([a-z0-9]+)\/asm\/[^/]+$/.exec(path)?.[1];
      const byDir = targets.find((t) => t.generic && t.linuxArch === named);
      const riscv = /#define\s+__NR_riscv_flush_icache\b/.test(files.get(path) as string)
        ? targets.find((t) => t.name === "riscv64")
        : undefined;
      const port = byDir ?? riscv;
      const served = port === undefined ? askedGeneric(asked) : [port];
      if (served.length === 0) {
        throw new InputError(
          path,
          "asm-generic syscall numbers (arm64, loong64, riscv64 use them) with nothing that tells which arch; " +
            "name it with --arch, or read the package's <triplet>/include/asm directory, whose name says it",
        );
      }
      for (const target of served) add(header(target, path, [], wrapperMacros(target)));
    } else if (basenameTargets(base).length > 0) {
      for (const t of basenameTargets(base)) add(header(t, path, [], wrapperMacros(t)));
    } else if (base === "syscall_64.tbl") {
      for (const name of ["amd64", "x32"] as const) {
        const tbl = x86Tbl(name);
        if (
          hasAbi(
            files,
            path,
            tbl.abis.filter((a) => a !== "common"),
          )
        )
          add({
            kind: "tbl",
            target: targets.find((t) => t.name === name) as Target,
            path,
            abis: tbl.abis,
            offset: tbl.offset,
          });
      }
    } else if (base === "syscall_32.tbl") {
      const tbl = x86Tbl("386");
      add({
        kind: "tbl",
        target: targets.find((t) => t.name === "386") as Target,
        path,
        abis: tbl.abis,
        offset: tbl.offset,
      });
    }
  }
  return genericOnly;
}

/**
 * Every candidate job per target, best first (the caller keeps the first that yields entries).
 * `asked`: the targets the caller wants, which headers that do not say their asm-generic port serve.
 */
export function detectLayout(parser: Parser, files: Files, asked?: readonly TargetName[]): Map<TargetName, Job[]> {
  const jobs = new Map<TargetName, Job[]>();
  const add = (job: Job) => {
    const list = jobs.get(job.target.name) ?? [];
    list.push(job);
    jobs.set(job.target.name, list);
  };
  for (const prefix of kernelTreePrefixes(files)) treeJobs(files, prefix, asked, add);
  const usedDirs = tripletJobs(files, add);
  const genericOnly = bareJobs(parser, files, usedDirs, asked, add);
  // A lone asm-generic/unistd.h is arm64's table (or that of the asm-generic targets asked for);
  // next to another arch's headers it is just a helper.
  if (genericOnly !== undefined && jobs.size === 0)
    for (const t of unnamedGenericTargets(asked)) add(header(t, genericOnly));
  return jobs;
}
