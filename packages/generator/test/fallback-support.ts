/**
 * Test-only helpers for the fallback tests: the kernel registry's tables (RHEL 7.9, 3.10, 7.1),
 * real Debian header packages (.cache/debian, fetched by scripts/lib/debian.ts), and gcc.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { getTable } from "@xsysgen/kernels";
import { findTarget } from "@xsysgen/core";
import type { SyscallTable, TargetName } from "@xsysgen/core";
import { debianPackage, repoRoot, suiteDeb } from "../../../scripts/lib/debian.ts";
import { unpackedDeb } from "../../../scripts/lib/debian-unpacked.ts";
import { missingSyscalls, renderInstalledUnistdHeaders } from "../src/index.ts";
import type { FallbackInput } from "../src/index.ts";

export const testdata = join(repoRoot, "testdata", "fallback");

/** The registry's table of `kernel` for one target (the project's committed facts). */
export function registryTable(kernel: string, target: TargetName): SyscallTable {
  return getTable(kernel, target);
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

/**
 * `usr/<triplet>/include` of Debian's linux-libc-dev-<debianArch>-cross package, unpacked whole once
 * into .cache/debian-unpacked (read only): Debian 12's (6.1) by default, or trixie's (6.12).
 */
export function crossInclude(debianArch: string, triplet: string, suite: "bookworm" | "trixie" = "bookworm"): string {
  const name = `linux-libc-dev-${debianArch}-cross`;
  const deb = suite === "bookworm" ? debianPackage(name) : suiteDeb(suite, name);
  return join(unpackedDeb(deb, "whole"), "usr", triplet, "include");
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

/**
 * The x86 fallback of the issue's scenario: RHEL 7.9 (CentOS 7.9) headers against Linux 7.1. No RHEL
 * kernel runs x32 programs, so the registry has no RHEL x32 table: the x32 block is vanilla 3.10's.
 */
export function rhelFallbackInput(): FallbackInput {
  const pair = (target: TargetName) => ({
    target,
    old: registryTable(target === "x32" ? "3.10" : "3.10.0-1160.el7", target),
    ref: registryTable("7.1", target),
  });
  const arches = [pair("amd64"), pair("x32"), pair("386")];
  return {
    command: "xsysgen gen --kernel 3.10.0-1160.el7 --reference 7.1 --out out",
    targetLabel: "CentOS 7.9 (3.10.0-1160.el7)",
    referenceLabel: "Linux 7.1",
    // x32 io_setup/io_submit moved from 206/209 to 543/544 in 4.18 (FACTS.md): the target's
    // headers keep theirs.
    arches: arches.map(({ target, old, ref }) => ({
      target,
      missing: missingSyscalls(old, ref, { prefer: "target" }),
    })),
  };
}

/**
 * The RHEL 7.9 tables laid out as CentOS 7.9's installed /usr/include/asm. Its kernel-headers install
 * an asm/unistd_x32.h too, but the registry keeps no RHEL x32 table (no RHEL kernel runs x32
 * programs): vanilla 3.10's stands in, for compiling with -mx32 against those headers.
 */
export function rhelInstalledHeaders(): Map<string, string> {
  return renderInstalledUnistdHeaders(
    (["amd64", "386", "x32"] as const).map((t) => registryTable(t === "x32" ? "3.10" : "3.10.0-1160.el7", t)),
  );
}

/** Writes `path → text` files under `dir`. */
export function writeTree(dir: string, files: ReadonlyMap<string, string> | Record<string, string>): void {
  for (const [path, text] of files instanceof Map ? files : Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
