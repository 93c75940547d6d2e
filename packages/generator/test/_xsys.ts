/**
 * Real golang.org/x/sys zsysnum files for the generator tests: v0.3.0 from Debian's
 * golang-golang-x-sys-dev, other versions from the Go module proxy into `.cache/gomod`
 * (git-ignored), and the tables the compiler would have seen for them.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { findTarget } from "@xsysgen/core";
import type { SyscallTable, TargetName } from "@xsysgen/core";
import { readZsysnumGo } from "@xsysgen/generator";
import { debianPackage, repoRoot } from "../../../scripts/lib/debian.ts";
import { unpackedDeb } from "../../../scripts/lib/debian-unpacked.ts";

/** Go with the private module cache (.cache/gomod), and x/sys releases through the module proxy. */
export { goModEnv as goEnv, xsysUnixDir } from "../../../scripts/lib/gomod.ts";

/** `unix/` of x/sys v0.3.0, from the Debian package unpacked once into .cache/debian-unpacked (read only). */
export function xsysV030UnixDir(): string {
  return join(
    unpackedDeb(debianPackage("golang-golang-x-sys-dev"), "whole"),
    "usr/share/gocode/src/golang.org/x/sys/unix",
  );
}

export function zsysnumFiles(unixDir: string): string[] {
  return readdirSync(unixDir)
    .filter((f) => /^zsysnum_linux_\w+\.go$/.test(f))
    .sort()
    .map((f) => join(unixDir, f));
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/**
 * The table a compiler would have handed mksysnum for an x/sys file: its constants as entries,
 * minus asm-generic's ARCH_SPECIFIC_SYSCALL (mksysnum adds it whatever the headers say) unless
 * `keepQuirks`. ARM's `SYS_SYSCALL_MASK = 0` stands for the header's `__NR_SYSCALL_MASK 0x0fffff`.
 */
export async function tableOfZsysnum(path: string, keepQuirks = false): Promise<SyscallTable> {
  const parsed = await readZsysnumGo(readText(path), path);
  const target = findTarget(parsed.goarch);
  if (target === undefined) throw new Error(`${path}: unknown goarch ${parsed.goarch}`);
  const quirks = new Set<string>();
  if (!keepQuirks && target.quirks.archSpecificSyscall) quirks.add("SYS_ARCH_SPECIFIC_SYSCALL");
  return {
    target: target.name as TargetName,
    entries: parsed.constants
      .filter((c) => !quirks.has(c.name))
      .map((c) =>
        c.name === "SYS_SYSCALL_MASK" && target.quirks.syscallMaskZero === true
          ? { name: "SYSCALL_MASK", number: 0x0fffff, xsysOnly: true as const }
          : { name: c.name.slice("SYS_".length).toLowerCase(), number: c.number },
      ),
    aliases: [],
    source: path,
  };
}

export { eraVersions } from "../../../scripts/lib/test-modules.ts";

/** x86_64 syscalls added after 3.10 → first kernel (libseccomp PR 457's x86_64 column). */
export function x86SinceVersions(): Map<string, string> {
  const text = readText(join(repoRoot, "testdata", "xsys", "x86_64_added_after_3.10.csv"));
  const [header, ...rows] = text.trim().split("\n");
  const cols = (header ?? "").split(",");
  const name = cols.indexOf("name");
  const since = cols.indexOf("libseccomp_pr457_x86_64_kver");
  return new Map(rows.map((r) => r.split(",")).map((f) => [f[name] ?? "", f[since] ?? ""]));
}
