/**
 * asm-generic 64-bit ports reach ten syscalls through `#define __NR_<name> __NR3264_<stem>` (fcntl,
 * mmap, lseek, fstat, …): every arm64 and riscv64 kernel has them, so generated outputs must say so
 * (`inTarget: true`, no `#define` in the fallback header) for real Debian 6.1 headers, where the
 * names come from __NR3264_ macros (6.11 turned them into plain `__NR_<name> N` lines).
 *
 * @module-tag network
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { debianPackage } from "../../../scripts/lib/debian.ts";
import { withoutStatus, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const viaNr3264 = [
  "fcntl",
  "statfs",
  "fstatfs",
  "truncate",
  "ftruncate",
  "lseek",
  "sendfile",
  "fstat",
  "mmap",
  "fadvise64",
];

for (const [arch, pkg] of [
  ["arm64", "linux-libc-dev-arm64-cross"],
  ["riscv64", "linux-libc-dev-riscv64-cross"],
] as const) {
  test(`${arch}: the __NR3264_ names of real 6.1 headers are in the target`, async () => {
    const out = scratchDir();
    const r = await xsysgen("gen", "--headers", debianPackage(pkg), "--arch", arch, "--out", out, "--json");
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "syscalls.json"), "utf8")) as {
      arches: Record<string, Array<{ name: string; inTarget: boolean }>>;
    };
    const rows = json.arches[arch] ?? [];
    for (const name of viaNr3264) expect(rows.find((row) => row.name === name)?.inTarget, `${arch} ${name}`).toBe(true);
    // The alias keeps its own C name: __NR_newfstatat, never __NR_fstatat on a 64-bit port.
    expect(rows.find((row) => row.name === "newfstatat")?.inTarget).toBe(true);
    const header = readFileSync(join(out, "syscall_fallback.h"), "utf8");
    for (const name of viaNr3264) expect(header).not.toContain(`#define __NR_${name} `);
  });
}
