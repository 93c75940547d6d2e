/**
 * From 6.11 the asm-generic ports install a bare asm/unistd.h that only includes asm/unistd_64.h, in
 * asm-generic numbering (`__NR_read 63`). A bare asm/ directory of such headers is never read as x86
 * (`SYS_READ = 63` in a zsysnum_linux_amd64.go would be wrong numbers): riscv's own entries identify it,
 * arm64's and loong64's cannot be told apart, so the input is refused in one line.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { debFile, suiteDeb } from "../../../scripts/lib/debian.ts";
import { fromLine2, tempDir, xsysgen } from "./_support.ts";

function bareAsm(pkg: string, triplet: string, files: readonly string[]): string {
  const dir = tempDir("bare-asm-");
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
    const out = join(tempDir(), "out");
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
  const bare = tempDir();
  const full = tempDir();
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
