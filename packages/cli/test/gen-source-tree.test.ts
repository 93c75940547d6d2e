/**
 * Kernel source tarballs laid out like the real trees (3.10: arch/x86/syscalls/*.tbl; 7.1:
 * arch/x86/entry/syscalls/*.tbl, scripts/syscall.tbl and arm64's Makefile.syscalls), built from
 * the real tables in packages/kernels/data/source, give the same Go files as the registry for that kernel —
 * and the tables FACTS.md describes (3.10: amd64 0–313, 386 0–350).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { tempDir, xsysgen } from "./_support.ts";

const kernelData = join(repoRoot, "packages", "kernels", "data", "source");
const fixtures = join(repoRoot, "testdata", "kernel");

function sourceTarball(top: string, files: Record<string, string>): string {
  const dir = tempDir("linux-src-");
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, top, to)), { recursive: true });
    cpSync(join(from.startsWith("makefiles/") ? fixtures : kernelData, from), join(dir, top, to));
  }
  const tarball = join(dir, `${top}.tar.xz`);
  execFileSync("tar", ["-cJf", tarball, "-C", dir, top]);
  return tarball;
}

function goFiles(out: string): Map<string, string> {
  return new Map(readdirSync(out).filter((f) => f.endsWith(".go")).sort().map((f) => [f, readFileSync(join(out, f), "utf8").split("\n").slice(1).join("\n")]));
}

async function genBoth(tarball: string, kernel: string, arches: string) {
  const fromTree = tempDir();
  const tree = await xsysgen("gen", "--headers", tarball, "--arch", arches, "--exact", "--out", fromTree, "--json");
  expect(tree.stderr).toBe("");
  expect(tree.code).toBe(0);
  const fromRegistry = tempDir();
  const registry = await xsysgen("gen", "--kernel", kernel, "--arch", arches, "--exact", "--out", fromRegistry);
  expect(registry.stderr).toBe("");
  return { summary: JSON.parse(tree.stdout) as { kernelVersion: string; arches: string[] }, tree: goFiles(fromTree), registry: goFiles(fromRegistry) };
}

const constants = (go: string) => [...go.matchAll(/^\tSYS_(\w+)\s+= (\d+)$/gm)].map((m) => [m[1], Number(m[2])] as const);

describe("kernel source tarballs", () => {
  it("linux-3.10 (arch/x86/syscalls) serves 386 and amd64 like the registry's 3.10", async () => {
    const tarball = sourceTarball("linux-3.10.4", {
      Makefile: "makefiles/3.10/Makefile",
      "arch/x86/syscalls/syscall_64.tbl": "tables/x86_64/3.10/syscall_64.tbl",
      "arch/x86/syscalls/syscall_32.tbl": "tables/i386/3.10/syscall_32.tbl",
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

  it("linux-7.1 (entry/syscalls, scripts/syscall.tbl) serves 386, amd64 and arm64 like the registry's 7.1", async () => {
    const tarball = sourceTarball("linux-7.1.5", {
      Makefile: "makefiles/7.1/Makefile",
      "arch/x86/entry/syscalls/syscall_64.tbl": "tables/x86_64/7.1/syscall_64.tbl",
      "arch/x86/entry/syscalls/syscall_32.tbl": "tables/i386/7.1/syscall_32.tbl",
      "scripts/syscall.tbl": "tables/arm64/7.1/scripts-syscall.tbl",
      "arch/arm64/kernel/Makefile.syscalls": "tables/arm64/7.1/Makefile.syscalls",
      "include/uapi/asm-generic/unistd.h": "tables/generic/7.1/unistd.h",
    });
    const { summary, tree, registry } = await genBoth(tarball, "7.1", "386,amd64,arm64");
    expect(summary.kernelVersion).toBe("7.1.5");
    expect(tree).toEqual(registry);
    const arm64 = constants(tree.get("zsysnum_linux_arm64.go") ?? "");
    expect(arm64).toContainEqual(["NEWFSTATAT", 79]);
    expect(constants(tree.get("zsysnum_linux_amd64.go") ?? "")).toContainEqual(["STATX", 332]);
  });
});
