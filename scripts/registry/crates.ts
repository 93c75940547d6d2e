/**
 * crates.io's generated syscall tables (the `crate` rows of inputs.tsv), each made from one kernel's headers:
 * - `linux-raw-sys` (bindgen over the installed uapi headers of every arch, x32 included): every `__NR_`
 *   define as `pub const __NR_<name>: u32 = <n>;` in src/<arch>/general.rs, aliases and all, with the
 *   kernel's `LINUX_VERSION_MAJOR`/`_PATCHLEVEL` beside them: a complete table of that release, whose
 *   absences count like a real header's;
 * - `syscalls` (its CHANGELOG names the kernel: 0.8.1 "Updated to Linux v6.18"; no x32): per arch an enum of
 *   syscalls, `<name> = <n>,` in src/arch/<arch>.rs. No aliases, so what it lacks counts only above its
 *   highest number (a release's additions come after every number it had). Its asm-generic tables
 *   (aarch64, loongarch64, riscv64) are scripts/syscall.tbl read without the port's ABI list
 *   (arch/<arch>/kernel/Makefile.syscalls): they name the 32-bit time64 calls 403-423 and, on loongarch,
 *   renameat, get/setrlimit and fstatat, which the 64-bit ports do not build; there only the names a real
 *   header reading gives are read;
 * - `syscall-numbers` (x32 and MIPS n32; it states no kernel): `pub const SYS_<name>: c_long = 0x…;` in
 *   src/<arch>.rs, read as a cross-check of numbers only (every name it has must have that number here).
 * Each .crate is downloaded once from crates.io's static host into .cache/registry/crates and checked
 * against its pin, the sha256 the crates.io index gives.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findTarget, type TargetName } from "../../packages/core/src/index.ts";
import { sysName } from "../../packages/generator/src/index.ts";
import { ignoredSyscallMacros } from "../../packages/parser/src/index.ts";
import { inputRows, type InputRow } from "./input-table.ts";
import { addPin, registryCache, sha256 } from "./inputs.ts";
import { abiTables } from "./pypi.ts";
import type { XsysFile } from "./xsys.ts";

async function crateDir(row: InputRow): Promise<string> {
  const base = join(registryCache, "crates");
  const dir = join(base, `${row.name}-${row.version}`);
  const file = join(base, `${row.name}-${row.version}.crate`);
  if (!existsSync(file)) {
    mkdirSync(base, { recursive: true });
    const url = `https://static.crates.io/crates/${row.name}/${row.name}-${row.version}.crate`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const data = Buffer.from(await response.arrayBuffer());
    if (sha256(data) !== row.pin)
      throw new Error(`${url}: sha256 ${sha256(data)}, scripts/registry/inputs.tsv pins ${row.pin}`);
    writeFileSync(`${file}.part`, data);
    renameSync(`${file}.part`, file);
  }
  const digest = sha256(readFileSync(file));
  if (digest !== row.pin) throw new Error(`${file}: sha256 ${digest}, scripts/registry/inputs.tsv pins ${row.pin}`);
  if (!existsSync(dir)) execFileSync("tar", ["-xzf", file, "-C", base]);
  addPin({ source: "crate", id: `${row.name}@${row.version}`, sha256: digest });
  return dir;
}

const ignored = (name: string) => ignoredSyscallMacros.some((i) => i.pattern.test(`__NR_${name}`));

/** A dated crate's table of one arch as an observation of its release. */
function dated(
  row: InputRow,
  target: TargetName,
  constants: XsysFile["constants"],
  path: string,
  absence: "all" | "tail",
): XsysFile {
  const release = row.series as string;
  const label = `crates/${row.name}@${row.version}/${path}`;
  const base = { version: `${row.name}@${row.version}`, linux: release, series: release, rc: false, target };
  return { ...base, readsArchSpecific: true, constants, label, numbersOnly: true, absence };
}

function linuxRawSys(row: InputRow, dir: string): XsysFile[] {
  const out: XsysFile[] = [];
  for (const { crate: arch, targets: served } of abiTables) {
    const path = join(dir, "src", arch, "general.rs");
    // loongarch64 came with 0.3.8 (Linux 6.3).
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    const major = /pub const LINUX_VERSION_MAJOR: u32 = (\d+);/.exec(text)?.[1];
    const minor = /pub const LINUX_VERSION_PATCHLEVEL: u32 = (\d+);/.exec(text)?.[1];
    if (`${major}.${minor}` !== row.series)
      throw new Error(`${row.name} ${row.version} ${arch}: Linux ${major}.${minor}, inputs.tsv says ${row.series}`);
    // `__NR3264_<name>`: asm-generic's word-size-neutral numbers before 6.11 (`__NR_<name>` aliases them).
    const constants = [...text.matchAll(/^pub const __NR(3264)?_(\w+): u32 = (\d+);$/gm)]
      .filter((m) => m[1] !== undefined || !ignored(m[2] as string))
      .map((m) => ({
        name: sysName(m[2] as string),
        number: Number(m[3]),
        ...(m[1] === undefined ? {} : { macro: `__NR3264_${m[2]}` }),
      }));
    for (const target of served) out.push(dated(row, target, constants, `src/${arch}/general.rs`, "all"));
  }
  return out;
}

function syscallsCrate(row: InputRow, dir: string): XsysFile[] {
  const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
  const stated = new RegExp(
    `^## v${row.version.replace(/\./g, "\\.")}\\n+ - Updated to Linux v(\\d+\\.\\d+)`,
    "m",
  ).exec(changelog)?.[1];
  if (stated !== row.series)
    throw new Error(`${row.name} ${row.version}: CHANGELOG.md says Linux ${stated}, inputs.tsv says ${row.series}`);
  const out: XsysFile[] = [];
  for (const { crate: arch, targets: served } of abiTables) {
    const path = join(dir, "src", "arch", `${arch}.rs`);
    if (!existsSync(path)) continue;
    const constants = [...readFileSync(path, "utf8").matchAll(/^\s+(\w+) = (\d+),$/gm)].map((m) => ({
      name: sysName(m[1] as string),
      number: Number(m[2]),
    }));
    for (const target of served) {
      const file = dated(row, target, constants, `src/arch/${arch}.rs`, "tail");
      out.push(findTarget(target)?.generic === true ? { ...file, explainedOnly: true } : file);
    }
  }
  return out;
}

/** The dated crates tables, as observations of their release. */
export async function readCrateFiles(): Promise<XsysFile[]> {
  const out: XsysFile[] = [];
  for (const row of inputRows("crate")) {
    if (row.series === undefined) continue;
    const dir = await crateDir(row);
    if (row.name === "linux-raw-sys") out.push(...linuxRawSys(row, dir));
    else if (row.name === "syscalls") out.push(...syscallsCrate(row, dir));
    else throw new Error(`inputs.tsv: no reader for crate ${row.name} with a series`);
  }
  return out;
}

/** Undated crates tables (`syscall-numbers`): per target, the `name number` pairs to cross-check. */
export async function readUndatedCrates(): Promise<
  Array<{ label: string; target: TargetName; pairs: Map<string, number> }>
> {
  const out: Array<{ label: string; target: TargetName; pairs: Map<string, number> }> = [];
  for (const row of inputRows("crate")) {
    if (row.series !== undefined) continue;
    if (row.name !== "syscall-numbers") throw new Error(`inputs.tsv: no reader for undated crate ${row.name}`);
    const dir = await crateDir(row);
    for (const { crate: file, targets: served } of abiTables) {
      const path = join(dir, "src", `${file}.rs`);
      if (!existsSync(path)) continue;
      const pairs = new Map(
        [...readFileSync(path, "utf8").matchAll(/^pub const SYS_(\w+): c_long = (0x[0-9a-f_]+|\d+);$/gm)].map(
          (m) => [m[1] as string, Number((m[2] as string).replace(/_/g, ""))] as const,
        ),
      );
      for (const target of served)
        out.push({ label: `crates/${row.name}@${row.version}/src/${file}.rs`, target, pairs });
    }
  }
  return out;
}
