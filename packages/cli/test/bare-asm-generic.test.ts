/**
 * From 6.11 the asm-generic ports install a bare asm/unistd.h that only includes asm/unistd_64.h, in
 * asm-generic numbering (`__NR_read 63`). A bare asm/ directory of such headers is never read as x86
 * (`SYS_READ = 63` in a zsysnum_linux_amd64.go would be wrong numbers): riscv's own entries identify it,
 * arm64's and loong64's cannot be told apart, so the input is refused in one line unless --arch names
 * the asm-generic arch. Before 6.11 an asm-generic port's asm/unistd.h only includes
 * asm-generic/unistd.h (after a few `__ARCH_WANT_*` flags, or none: sabotage's 4.19.88 riscv set):
 * outside a triplet directory nothing names the port, so it is arm64's by default and serves every
 * asm-generic arch --arch asks for (issue 24).
 *
 * @module-tag network
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { debFile, debianPackage, suiteDeb } from "../../../scripts/lib/debian.ts";
import { fromLine2, withoutStatus, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

function bareAsm(pkg: string, triplet: string, files: readonly string[]): string {
  const dir = scratchDir("bare-asm");
  mkdirSync(join(dir, "asm"));
  for (const f of files)
    writeFileSync(join(dir, "asm", f), debFile(suiteDeb("trixie", pkg), `usr/${triplet}/include/asm/${f}`));
  return dir;
}

test("a bare 6.12 arm64 or loong64 asm/ directory is refused, naming the file, not read as amd64", async () => {
  for (const [pkg, triplet] of [
    ["linux-libc-dev-arm64-cross", "aarch64-linux-gnu"],
    ["linux-libc-dev-loong64-cross", "loongarch64-linux-gnu"],
  ] as const) {
    const out = join(scratchDir(), "out");
    const r = await xsysgen(
      "gen",
      "--headers",
      bareAsm(pkg, triplet, ["unistd.h", "unistd_64.h"]),
      "--exact",
      "--out",
      out,
    );
    expect(r.code, pkg).toBe(2);
    expect(r.stderr.trim().split("\n"), pkg).toHaveLength(1);
    expect(r.stderr).toMatch(/asm\/unistd_64\.h: asm-generic syscall numbers/);
  }
});

test("a bare 6.12 riscv64 asm/ directory serves riscv64 alone, as the package's triplet directory does", async () => {
  const deb = suiteDeb("trixie", "linux-libc-dev-riscv64-cross");
  const bare = scratchDir();
  const full = scratchDir();
  const r = await xsysgen(
    "gen",
    "--headers",
    bareAsm("linux-libc-dev-riscv64-cross", "riscv64-linux-gnu", ["unistd.h", "unistd_32.h", "unistd_64.h"]),
    "--exact",
    "--out",
    bare,
    "--json",
  );
  expect(r.code, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { arches: string[] }).arches).toEqual(["riscv64"]);
  expect((await xsysgen("gen", "--headers", deb, "--arch", "riscv64", "--exact", "--out", full)).code).toBe(0);
  const go = (dir: string) => fromLine2(readFileSync(join(dir, "zsysnum_linux_riscv64.go"), "utf8"));
  expect(go(bare)).toBe(go(full));
  expect(go(bare)).toMatch(/SYS_READ\s+= 63\n/);
});

test("a bare 6.12 loong64 asm/ directory serves loong64 when --arch names it, as its triplet does", async () => {
  const deb = suiteDeb("trixie", "linux-libc-dev-loong64-cross");
  const bare = scratchDir();
  const full = scratchDir();
  const dir = bareAsm("linux-libc-dev-loong64-cross", "loongarch64-linux-gnu", ["unistd.h", "unistd_64.h"]);
  const r = await xsysgen("gen", "--headers", dir, "--arch", "loong64", "--exact", "--out", bare);
  expect(withoutStatus(r.stderr)).toBe("");
  expect(r.code).toBe(0);
  expect((await xsysgen("gen", "--headers", deb, "--arch", "loong64", "--exact", "--out", full)).code).toBe(0);
  const go = (d: string) => fromLine2(readFileSync(join(d, "zsysnum_linux_loong64.go"), "utf8"));
  expect(go(bare)).toBe(go(full));
});

describe("an asm/unistd.h that only includes asm-generic/unistd.h (bookworm's arm64 headers, 6.1)", () => {
  const triplet = "aarch64-linux-gnu";
  let deb = "";
  let dir = "";
  beforeAll(() => {
    // The package's own files, out of their triplet directory: asm/unistd.h is `__ARCH_WANT_*`
    // flags and `#include <asm-generic/unistd.h>`, nothing that names a port.
    deb = debianPackage("linux-libc-dev-arm64-cross");
    dir = scratchDir("bare-generic");
    for (const sub of ["asm", "asm-generic", "linux"]) mkdirSync(join(dir, sub));
    for (const f of ["asm/unistd.h", "asm-generic/unistd.h", "linux/version.h"])
      writeFileSync(join(dir, f), debFile(deb, `usr/${triplet}/include/${f}`));
    expect(readFileSync(join(dir, "asm/unistd.h"), "utf8")).toMatch(/^#include <asm-generic\/unistd\.h>$/m);
    expect(readFileSync(join(dir, "asm/unistd.h"), "utf8")).not.toMatch(/__NR_/);
  });

  const gen = async (...args: string[]) => {
    const out = scratchDir();
    const r = await xsysgen("gen", "--headers", dir, "--exact", "--out", out, "--json", ...args);
    return { ...r, out };
  };
  const body = (out: string, goarch: string) =>
    fromLine2(readFileSync(join(out, `zsysnum_linux_${goarch}.go`), "utf8")).replace(
      `//go:build ${goarch} && linux`,
      "//go:build GOARCH && linux",
    );

  test("without --arch it is arm64's table, as before", async () => {
    const r = await gen();
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { arches: string[] }).arches).toEqual(["arm64"]);
  });

  test("--arch riscv64 and --arch loong64 are served, with the numbers a compiler for each reads", async () => {
    const arm64 = await gen("--arch", "arm64");
    expect(arm64.code, arm64.stderr).toBe(0);
    for (const goarch of ["riscv64", "loong64"]) {
      const r = await gen("--arch", goarch);
      expect(r.stderr, goarch).toBe("");
      expect(r.code, goarch).toBe(0);
      expect((JSON.parse(r.stdout) as { arches: string[] }).arches).toEqual([goarch]);
      expect(body(r.out, goarch), goarch).toBe(body(arm64.out, "arm64"));
    }
    expect(readFileSync(join(arm64.out, "zsysnum_linux_arm64.go"), "utf8")).toMatch(/^\tSYS_READ += 63$/m);
  });

  test("in its triplet directory the same header is arm64's alone: --arch riscv64 is refused", async () => {
    const r = await xsysgen("gen", "--headers", deb, "--arch", "riscv64", "--exact", "--out", scratchDir());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/no headers for riscv64; this input serves: arm64/);
  });
});

test("headers older than the arch asked for are refused saying when it began (bullseye arm64, 5.10)", async () => {
  const deb = suiteDeb("bullseye", "linux-libc-dev-arm64-cross");
  const dir = scratchDir("bare-generic");
  for (const f of ["asm/unistd.h", "asm-generic/unistd.h", "linux/version.h"]) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), debFile(deb, `usr/aarch64-linux-gnu/include/${f}`));
  }
  const out = join(scratchDir(), "out");
  const r = await xsysgen("gen", "--headers", dir, "--arch", "loong64", "--exact", "--out", out);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(
    /no headers for loong64 \(these are Linux 5\.10\.\d+ headers; loong64 began in Linux 5\.19\)/,
  );
  expect(r.stderr).toMatch(/; this input serves: arm64$/m);
  expect((await xsysgen("gen", "--headers", dir, "--arch", "riscv64", "--exact", "--out", out)).code).toBe(0);
});
