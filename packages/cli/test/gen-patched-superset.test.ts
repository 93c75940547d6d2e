/**
 * Issue 24: a patched zsysnum file never drops a constant golang.org/x/sys prints for its arch.
 * For every zsysnum_linux_<goarch>.go of x/sys v0.50.0 (the newest release when written, Linux 7.0
 * headers), the patched file `gen` writes for the arch's first kernel, and for 3.10, has each of its
 * `SYS_*` constants with the same value: quirk constants (arm's SYS_SYSCALL_MASK = 0, asm-generic's
 * SYS_ARCH_SPECIFIC_SYSCALL = 244) included. The constants are read from the real file here.
 *
 * @module-tag network
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findTarget, goarchOfZsysnumFile } from "@xsysgen/core";
import { readZsysnumGo, type ZsysnumConstant } from "@xsysgen/generator";
import { xsysUnixDir } from "../../../scripts/lib/gomod.ts";
import { withoutStatus, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

const newest = "v0.50.0";
const upstream = new Map<string, ZsysnumConstant[]>();
beforeAll(async () => {
  const dir = xsysUnixDir(newest);
  for (const file of readdirSync(dir).sort()) {
    const goarch = goarchOfZsysnumFile(file);
    if (goarch !== undefined)
      upstream.set(goarch, (await readZsysnumGo(readFileSync(join(dir, file), "utf8"), file)).constants);
  }
}, 120_000);

/** Constants of `upstream` that `patched` lacks or prints with another value, as `NAME = n (ours: m)`. */
async function droppedFrom(patched: string, goarch: string): Promise<string[]> {
  const ours = new Map((await readZsysnumGo(patched, `zsysnum_linux_${goarch}.go`)).constants.map((c) => [c.name, c]));
  return (upstream.get(goarch) ?? [])
    .filter((c) => ours.get(c.name)?.number !== c.number)
    .map((c) => `${c.name} = ${c.number} (ours: ${ours.get(c.name)?.number ?? "none"})`);
}

async function patchedFiles(kernel: string, goarches: readonly string[]): Promise<string> {
  const out = scratchDir();
  const r = await xsysgen("gen", "--kernel", kernel, "--arch", goarches.join(","), "--out", out);
  // Only the notes of derived cells (arm64 3.7 and riscv64 4.15 leave out what they cannot place).
  const derived = /^xsysgen: note: \S+ \S+ is derived from the tables around it \(no complete table of it was read\)/;
  expect(
    withoutStatus(r.stderr)
      .split("\n")
      .filter((line) => line !== "" && !derived.test(line)),
  ).toEqual([]);
  expect(r.code).toBe(0);
  return out;
}

describe(`patched files keep every constant of x/sys ${newest}`, () => {
  it("x/sys has a file for each of the 15 GOARCHes, arm's with SYS_SYSCALL_MASK = 0", () => {
    expect(upstream.size).toBe(15);
    expect(upstream.get("arm")?.find((c) => c.name === "SYS_SYSCALL_MASK")?.number).toBe(0);
    expect(upstream.get("riscv64")?.find((c) => c.name === "SYS_ARCH_SPECIFIC_SYSCALL")?.number).toBe(244);
  });

  it("for each arch's first kernel", async () => {
    // One run per first kernel: 2.6.32 (eleven arches), 3.7 arm64, 3.13 ppc64le, 4.15 riscv64, 5.19 loong64.
    const byKernel = new Map<string, string[]>();
    for (const goarch of upstream.keys()) {
      const first = findTarget(goarch)?.firstKernel as string;
      byKernel.set(first, [...(byKernel.get(first) ?? []), goarch]);
    }
    expect(byKernel.size).toBe(5);
    for (const [kernel, goarches] of byKernel) {
      const out = await patchedFiles(kernel, goarches);
      for (const goarch of goarches) {
        const patched = readFileSync(join(out, `zsysnum_linux_${goarch}.go`), "utf8");
        expect(await droppedFrom(patched, goarch), `${goarch} at ${kernel}`).toEqual([]);
      }
    }
  });

  it("for 3.10, where arm's SYS_SYSCALL_MASK is marked as not in the headers", async () => {
    const goarches = [...upstream.keys()].filter((g) => !["loong64", "ppc64le", "riscv64"].includes(g));
    const out = await patchedFiles("3.10", goarches);
    for (const goarch of goarches) {
      const patched = readFileSync(join(out, `zsysnum_linux_${goarch}.go`), "utf8");
      expect(await droppedFrom(patched, goarch), goarch).toEqual([]);
    }
    expect(readFileSync(join(out, "zsysnum_linux_arm.go"), "utf8")).toMatch(
      /^\tSYS_SYSCALL_MASK += 0 \/\/ not in 3\.10 headers; Linux 5\.15$/m,
    );
    // The mask is no syscall: the C fallback header does not define it.
    expect(readFileSync(join(out, "syscall_fallback.h"), "utf8")).not.toMatch(/SYSCALL_MASK/);
  });

  it("with --like a riscv64 file made before x/sys read (__NR_arch_specific_syscall + N)", async () => {
    // x/sys of January 2021 (Linux 5.10 headers) has no SYS_RISCV_FLUSH_ICACHE; its header lines are
    // kept, its mksysnum's blind spot is not: the patched file has the constant.
    const like = join(xsysUnixDir("v0.0.0-20210124154548-22da62e12c0c"), "zsysnum_linux_riscv64.go");
    expect(readFileSync(like, "utf8")).not.toMatch(/SYS_RISCV_FLUSH_ICACHE/);
    const out = scratchDir();
    const r = await xsysgen("gen", "--kernel", "5.10", "--arch", "riscv64", "--like", like, "--out", out);
    expect(withoutStatus(r.stderr)).toBe("");
    expect(r.code).toBe(0);
    const patched = readFileSync(join(out, "zsysnum_linux_riscv64.go"), "utf8");
    expect(patched.split("\n").slice(1, 6)).toEqual(readFileSync(like, "utf8").split("\n").slice(1, 6));
    expect(await droppedFrom(patched, "riscv64")).toEqual([]);
    expect(patched).toMatch(/^\tSYS_RISCV_FLUSH_ICACHE += 259$/m);
  });
});
