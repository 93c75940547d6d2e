/**
 * Kernel source tarballs give the same Go files as the registry for that kernel: the real syscall
 * files of Debian's linux-source-6.1 (.cache/linux-source-6.1, scripts/lib/linux-source.ts), and
 * trees of the 3.10 layout (arch/x86/syscalls/*.tbl) and the 7.1 one (arch/x86/entry/syscalls,
 * scripts/syscall.tbl and arm64's Makefile.syscalls) written from the registry's own tables by
 * scripts/lib/registry-forms.ts — with the tables FACTS.md describes (3.10: amd64 0–313, 386 0–350).
 *
 * @module-tag network
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { linuxSource61 } from "../../../scripts/lib/linux-source.ts";
import {
  arm64MakefileSyscalls,
  genericSyscallTbl,
  kernelMakefile,
  x86Tbl32,
  x86Tbl64,
} from "../../../scripts/lib/registry-forms.ts";
import { goTargets } from "@xsysgen/core";
import { withoutStatus, xsysgen } from "./_support.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";

function tarball(dir: string, top: string): string {
  const out = join(dir, `${top}.tar.xz`);
  execFileSync("tar", ["-cJf", out, "-C", dir, top]);
  return out;
}

function sourceTarball(top: string, files: Record<string, string>): string {
  const dir = scratchDir("linux-src");
  for (const [to, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, top, to)), { recursive: true });
    writeFileSync(join(dir, top, to), text);
  }
  return tarball(dir, top);
}

function goFiles(out: string): Map<string, string> {
  return new Map(
    readdirSync(out)
      .filter((f) => f.endsWith(".go"))
      .sort()
      .map((f) => [f, readFileSync(join(out, f), "utf8").split("\n").slice(1).join("\n")]),
  );
}

async function genBoth(tarball: string, kernel: string, arches: string) {
  const fromTree = scratchDir();
  const tree = await xsysgen("gen", "--headers", tarball, "--arch", arches, "--exact", "--out", fromTree, "--json");
  expect(withoutStatus(tree.stderr)).toBe("");
  expect(tree.code).toBe(0);
  const fromRegistry = scratchDir();
  const registry = await xsysgen("gen", "--kernel", kernel, "--arch", arches, "--exact", "--out", fromRegistry);
  expect(withoutStatus(registry.stderr)).toBe("");
  return {
    summary: JSON.parse(tree.stdout) as { kernelVersion: string; arches: string[] },
    tree: goFiles(fromTree),
    registry: goFiles(fromRegistry),
  };
}

const constants = (go: string) =>
  [...go.matchAll(/^\tSYS_(\w+)\s+= (\d+)$/gm)].map((m) => [m[1], Number(m[2])] as const);

describe("kernel source tarballs", () => {
  it(
    "Debian's linux-source-6.1 serves every arch and matches the registry's 6.1 " +
      "where a tree says what installed headers say",
    { timeout: 300_000 },
    async () => {
      const dir = scratchDir("linux-source");
      cpSync(linuxSource61(), join(dir, "linux-source-6.1"), { recursive: true });
      // Left out, where the tree and the 6.1 installed headers the registry holds differ: arm (the
      // uapi __NR_SYSCALL_MASK, x/sys's SYS_SYSCALL_MASK, is no .tbl row), loong64 (Debian's 6.1.y
      // tree defines __ARCH_WANT_NEW_STAT: fstatat 79 and fstat 80, absent from 6.1.0). mips64 and
      // mips64le agree: the n64 table's `450 common set_mempolicy_home_node` row is read (5450).
      const agree = "386,amd64,arm64,mips,mipsle,mips64,mips64le,ppc,ppc64,ppc64le,riscv64,s390x,sparc64";
      const { summary, tree, registry } = await genBoth(tarball(dir, "linux-source-6.1"), "6.1", agree);
      expect(summary.kernelVersion).toMatch(/^6\.1\.\d+$/);
      expect(summary.arches).toEqual(agree.split(","));
      expect(tree).toEqual(registry);
      expect(constants(tree.get("zsysnum_linux_amd64.go") ?? "").at(-1)).toEqual(["SET_MEMPOLICY_HOME_NODE", 450]);
      expect(constants(tree.get("zsysnum_linux_arm64.go") ?? "")).toContainEqual(["FSTATAT", 79]);
      const all = await xsysgen(
        "gen",
        "--headers",
        tarball(dir, "linux-source-6.1"),
        "--arch",
        "all",
        "--exact",
        "--out",
        scratchDir(),
        "--json",
      );
      expect(all.code).toBe(0);
      // Every Go port: the tree serves x32 too, which has none.
      expect((JSON.parse(all.stdout) as { arches: string[] }).arches).toEqual(goTargets.map((t) => t.name));
    },
  );

  it("linux-3.10 (arch/x86/syscalls) serves 386 and amd64 like the registry's 3.10", async () => {
    const tarball = sourceTarball("linux-3.10.4", {
      Makefile: kernelMakefile("3.10.4"),
      "arch/x86/syscalls/syscall_64.tbl": x86Tbl64("3.10"),
      "arch/x86/syscalls/syscall_32.tbl": x86Tbl32("3.10"),
    });
    const { summary, tree, registry } = await genBoth(tarball, "3.10", "386,amd64");
    expect(summary.kernelVersion).toBe("3.10.4");
    expect(summary.arches).toEqual(["386", "amd64"]);
    expect(tree).toEqual(registry);
    const amd64 = constants(tree.get("zsysnum_linux_amd64.go") ?? "");
    expect(amd64.at(-1)).toEqual(["FINIT_MODULE", 313]);
    expect(amd64).toHaveLength(314);
    expect(constants(tree.get("zsysnum_linux_386.go") ?? "").at(-1)?.[1]).toBe(350);
  });

  it("linux-7.1 (entry/syscalls, scripts/syscall.tbl) serves 386, amd64, arm64 like the registry's 7.1", async () => {
    const tarball = sourceTarball("linux-7.1.5", {
      Makefile: kernelMakefile("7.1.5"),
      "arch/x86/entry/syscalls/syscall_64.tbl": x86Tbl64("7.1"),
      "arch/x86/entry/syscalls/syscall_32.tbl": x86Tbl32("7.1"),
      "scripts/syscall.tbl": genericSyscallTbl("7.1"),
      "arch/arm64/kernel/Makefile.syscalls": arm64MakefileSyscalls,
    });
    const { summary, tree, registry } = await genBoth(tarball, "7.1", "386,amd64,arm64");
    expect(summary.kernelVersion).toBe("7.1.5");
    expect(tree).toEqual(registry);
    const arm64 = constants(tree.get("zsysnum_linux_arm64.go") ?? "");
    expect(arm64).toContainEqual(["NEWFSTATAT", 79]);
    expect(constants(tree.get("zsysnum_linux_amd64.go") ?? "")).toContainEqual(["STATX", 332]);
  });
});
