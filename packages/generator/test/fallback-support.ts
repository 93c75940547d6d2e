/**
 * Test-only helpers for the fallback tests: real tables from testdata/fallback, real Debian
 * cross headers, and gcc.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findTarget, tblTable } from "@xsysgen/parser";
import type { SyscallTable, TargetName } from "@xsysgen/parser";
import { debianPackage, repoRoot } from "../../../scripts/lib/debian.ts";
import { missingSyscalls, renderInstalledUnistdHeaders } from "../src/index.ts";
import type { FallbackInput } from "../src/index.ts";

export const testdata = join(repoRoot, "testdata", "fallback");
/** The real kernel tables and headers: the registry's sources, one copy in the repository. */
export const kernelData = join(repoRoot, "packages", "kernels", "data", "source");

/** A kernel `.tbl` file read for one target: its ABI columns and number offset from targets.ts. */
export function readTbl(relPath: string, target: TargetName, kernelVersion?: string): SyscallTable {
  const tbl = findTarget(target)?.tbl;
  if (tbl === undefined) throw new Error(`${target} has no .tbl source`);
  return tblTable(readFileSync(join(kernelData, relPath), "utf8"), relPath, target, tbl, kernelVersion);
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): Run {
  const r = spawnSync(command, args, { encoding: "utf8", cwd: options.cwd, input: options.input });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `usr/<triplet>/include` of the Debian 12 linux-libc-dev-<debianArch>-cross package, extracted once. */
export function crossInclude(debianArch: string, triplet: string): string {
  const dir = join(tmpdir(), `xsysgen-fallback-${debianArch}-cross`);
  const include = join(dir, "usr", triplet, "include");
  if (!existsSync(join(include, "asm", "unistd.h"))) {
    mkdirSync(dir, { recursive: true });
    execFileSync("dpkg-deb", ["-x", debianPackage(`linux-libc-dev-${debianArch}-cross`), dir]);
  }
  return include;
}

/** Value of a preprocessed syscall number: `332`, `(4000 + 366)`, `(0x40000000 + 332)`, `(0 + 397)`. */
export function evalNumber(text: string): number | undefined {
  const terms = text.replace(/[()\s]/g, "").split("+");
  if (!terms.every((t) => /^(0x[0-9a-fA-F]+|\d+)[uUlL]*$/.test(t))) return undefined;
  return terms.reduce((sum, t) => sum + Number(t.replace(/[uUlL]+$/, "")), 0);
}

/** `-D` flags for a target's predefined macros (targets.ts). */
export function macroFlags(target: TargetName): string[] {
  const row = findTarget(target);
  if (row === undefined) throw new Error(`unknown target ${target}`);
  return Object.entries(row.macros).map(([k, v]) => `-D${k}=${v}`);
}

/** The x86 fallback of the scenario: RHEL 7.9 (CentOS 7.9) headers against Linux 7.1. */
export function rhelFallbackInput(): FallbackInput {
  const pair = (dir: string, file: string, target: TargetName) => ({
    target,
    old: readTbl(`tables/${dir}/3.10.0-1160.el7/${file}`, target, "3.10.0-1160.el7"),
    ref: readTbl(`tables/${dir}/7.1/${file}`, target, "7.1.5"),
  });
  const arches = [pair("x86_64", "syscall_64.tbl", "amd64"), pair("x86_64", "syscall_64.tbl", "x32"), pair("i386", "syscall_32.tbl", "386")];
  return {
    command: "xsysgen gen --kernel 3.10.0-1160.el7 --reference 7.1 --out out",
    targetLabel: "CentOS 7.9 (3.10.0-1160.el7)",
    referenceLabel: "Linux 7.1",
    // x32 io_setup/io_submit moved from 206/209 to 543/544 in 4.18 (FACTS.md): the target's
    // headers keep theirs.
    arches: arches.map(({ target, old, ref }) => ({ target, missing: missingSyscalls(old, ref, { prefer: "target" }) })),
  };
}

/** The RHEL 7.9 tables laid out as CentOS 7.9's installed /usr/include/asm. */
export function rhelInstalledHeaders(): Map<string, string> {
  return renderInstalledUnistdHeaders([
    readTbl("tables/x86_64/3.10.0-1160.el7/syscall_64.tbl", "amd64"),
    readTbl("tables/i386/3.10.0-1160.el7/syscall_32.tbl", "386"),
    readTbl("tables/x86_64/3.10.0-1160.el7/syscall_64.tbl", "x32"),
  ]);
}

/** Writes `path → text` files under `dir`. */
export function writeTree(dir: string, files: ReadonlyMap<string, string> | Record<string, string>): void {
  for (const [path, text] of files instanceof Map ? files : Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
