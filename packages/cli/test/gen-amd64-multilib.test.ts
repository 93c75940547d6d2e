/**
 * gcc -m32 / -mx32 on a Debian amd64 host read the x86_64 triplet's asm/unistd.h, so the amd64
 * linux-libc-dev serves 386 and x32 exactly as Debian's i386 and x32 -cross packages of the same
 * kernel do.
 *
 * @module-tag network
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { debianPackage } from "../../../scripts/lib/debian.ts";
import { fromLine2, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

test("an amd64 linux-libc-dev serves 386 (Go file) and x32 (syscalls.json) like the -cross packages", async () => {
  const amd64 = debianPackage("linux-libc-dev");
  const fromAmd64 = scratchDir();
  const r = await xsysgen(
    "gen",
    "--headers",
    amd64,
    "--arch",
    "386,x32",
    "--reference",
    amd64,
    "--out",
    fromAmd64,
    "--json",
  );
  expect(r.code, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { arches: string[] }).arches.sort()).toEqual(["386", "x32"]);
  for (const [arch, pkg] of [
    ["386", "linux-libc-dev-i386-cross"],
    ["x32", "linux-libc-dev-x32-cross"],
  ] as const) {
    const cross = scratchDir();
    const c = await xsysgen(
      "gen",
      "--headers",
      debianPackage(pkg),
      "--arch",
      arch,
      "--reference",
      amd64,
      "--out",
      cross,
    );
    expect(c.code, c.stderr).toBe(0);
    const rows = (dir: string) =>
      (
        JSON.parse(readFileSync(join(dir, "syscalls.json"), "utf8")) as {
          arches: Record<string, Array<{ name: string; number: number; inTarget: boolean }>>;
        }
      ).arches[arch]
        ?.filter((x) => x.inTarget)
        .map((x) => `${x.name} ${x.number}`);
    expect(rows(fromAmd64), arch).toEqual(rows(cross));
    expect(rows(fromAmd64)?.length).toBeGreaterThan(300);
  }
  const exactAmd64 = scratchDir();
  const exactCross = scratchDir();
  await xsysgen("gen", "--headers", amd64, "--arch", "386", "--exact", "--out", exactAmd64);
  await xsysgen(
    "gen",
    "--headers",
    debianPackage("linux-libc-dev-i386-cross"),
    "--arch",
    "386",
    "--exact",
    "--out",
    exactCross,
  );
  const go = (dir: string) => fromLine2(readFileSync(join(dir, "zsysnum_linux_386.go"), "utf8"));
  expect(go(exactAmd64)).toBe(go(exactCross));
});

test("gen --exact on an amd64 linux-libc-dev reads the Go ports only: the same Go files, no x32 table", async () => {
  const amd64 = debianPackage("linux-libc-dev");
  const exact = scratchDir();
  const r = await xsysgen("gen", "--headers", amd64, "--exact", "--out", exact, "--json");
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as { arches: string[]; files: string[] };
  expect(report.arches).toEqual(["386", "amd64"]);
  expect(report.files).toEqual(["zsysnum_linux_386.go", "zsysnum_linux_amd64.go"]);
  // Without --exact every served ABI is read: x32 is there, so --exact left it out by choice.
  const all = scratchDir();
  const p = await xsysgen("gen", "--headers", amd64, "--reference", amd64, "--out", all, "--json");
  expect(p.code, p.stderr).toBe(0);
  expect((JSON.parse(p.stdout) as { arches: string[] }).arches).toEqual(["386", "amd64", "x32"]);
  // Naming the arches reads every table, as before: the Go files do not change.
  const named = scratchDir();
  const n = await xsysgen("gen", "--headers", amd64, "--arch", "386,amd64", "--exact", "--out", named);
  expect(n.code, n.stderr).toBe(0);
  for (const file of report.files) {
    expect(fromLine2(readFileSync(join(exact, file), "utf8")), file).toBe(
      fromLine2(readFileSync(join(named, file), "utf8")),
    );
  }
});

test("gen --exact on the x32 -cross package, which serves no Go port, fails in one line naming x32", async () => {
  const x32 = debianPackage("linux-libc-dev-x32-cross");
  const out = join(scratchDir(), "out");
  const r = await xsysgen("gen", "--headers", x32, "--exact", "--out", out);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain(x32);
  expect(r.stderr).toMatch(/no arch with a golang\.org\/x\/sys port: it serves x32$/m);
  expect(existsSync(out)).toBe(false);
  // Without --exact it serves x32's C header and JSON.
  const patched = await xsysgen("gen", "--headers", x32, "--reference", x32, "--out", out);
  expect(patched.code, patched.stderr).toBe(0);
  expect(existsSync(join(out, "syscall_fallback.h"))).toBe(true);
});

test("a header that defines no syscall number fails in one line naming it, with or without --exact", async () => {
  const dir = scratchDir();
  const header = join(dir, "unistd.h");
  writeFileSync(header, "#define NOT_A_SYSCALL 1\n");
  for (const exact of [[], ["--exact"]]) {
    const out = join(dir, `out${exact.length}`);
    const r = await xsysgen("gen", "--headers", header, ...exact, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `xsysgen: ${header}: no syscall table in it: no arch's __NR_ definitions or syscall_*.tbl rows\n`,
    );
    expect(existsSync(out)).toBe(false);
  }
});
