/**
 * check on modules that use the standard library's `syscall` package (no golang.org/x/sys). Go's
 * own linux/arm64 table has SYS_GETRANDOM and SYS_MEMFD_CREATE, so such a module builds for arm64
 * (shown with the real go), but a 3.10 arm64 kernel lacks both: the calls get ENOSYS at run time,
 * and the advice is a fallback code path, not a build fix. Go's arm64 table has no SYS_STATX, so a
 * use of it fails the build (shown too): the advice is a local constant or golang.org/x/sys, never
 * `apply`, which refuses a module without x/sys before writing anything. Without `--arch`, check
 * looks at every arch the target serves, as apply does: the arm64-only file is found either way.
 *
 * @module-tag go
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { goEnv, treeHash } from "../../writer/test/helpers.ts";
import { goListPackageFiles, oracleConstants } from "../../writer/test/oracle.ts";
import { withoutStatus, xsysgen } from "./_support.ts";

const runtimeSource = `package rnd

import "syscall"

// A cgo-free getrandom(2) the way older code wrote it.
func Fill(b []byte) error {
\t_, _, e := syscall.Syscall(syscall.SYS_GETRANDOM, uintptr(len(b)), 0, 0)
\tif e != 0 {
\t\treturn e
\t}
\t_ = syscall.SYS_MEMFD_CREATE // "syscall.SYS_STATX" in a string or comment is not a use
\treturn nil
}
`;

const compileSource = `package st

import "syscall"

const statx = syscall.SYS_STATX
`;
import { scratchDir } from "../../../scripts/lib/scratch.ts";

function module(file: string, source: string): string {
  const dir = scratchDir("stdlib");
  writeFileSync(join(dir, "go.mod"), "module example.com/rnd\n\ngo 1.21\n");
  writeFileSync(join(dir, file), source);
  return dir;
}

function buildArm64(dir: string) {
  return spawnSync("go", ["build", "./..."], {
    cwd: dir,
    env: { ...goEnv, GOOS: "linux", GOARCH: "arm64", CGO_ENABLED: "0" } as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
}

/** Line and column of `syscall.<symbol>`'s symbol in `source`. */
function at(source: string, symbol: string) {
  const lines = source.split("\n");
  const i = lines.findIndex((l) => l.includes(`syscall.${symbol}`));
  return { line: i + 1, column: lines[i]!.indexOf(`syscall.${symbol}`) + "syscall.".length + 1 };
}

const stdArm64 = oracleConstants(goListPackageFiles(".", "arm64", "syscall").dir, "arm64");

describe("std-library syscall uses", () => {
  it("that build are runtime findings with a fallback-code fix, on every arch by default", async () => {
    expect([...stdArm64].filter((s) => s === "SYS_GETRANDOM" || s === "SYS_MEMFD_CREATE")).toHaveLength(2);
    const dir = module("rnd_linux_arm64.go", runtimeSource);
    const build = buildArm64(dir);
    expect(withoutStatus(build.stderr)).toBe("");
    expect(build.status).toBe(0);

    const json = await xsysgen("check", "--kernel", "3.10", "--arch", "arm64", "--module", dir, "--json");
    expect(withoutStatus(json.stderr)).toBe("");
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as {
      xsys: unknown;
      syscallPackage: string;
      findings: Record<string, unknown>[];
    };
    expect(doc.xsys).toBeNull();
    expect(doc.syscallPackage).toMatch(/^Go go1\.\d+.*'s syscall$/);
    expect(doc.findings).toMatchObject(
      [
        ["SYS_GETRANDOM", "getrandom", 278],
        ["SYS_MEMFD_CREATE", "memfd_create", 279],
      ].map(([symbol, syscall, number]) => ({
        file: "rnd_linux_arm64.go",
        ...at(runtimeSource, symbol as string),
        symbol,
        syscall,
        api: "syscall",
        failsAt: "runtime",
        handled: false,
        handledBy: null,
        via: [],
        arches: ["arm64"],
        missing: [{ arch: "arm64", number }],
        fix: { kind: "enosys-fallback" },
      })),
    );

    const text = await xsysgen("check", "--kernel", "3.10", "--arch", "arm64", "--module", dir);
    const g = at(runtimeSource, "SYS_GETRANDOM");
    expect(text.stdout).toContain(
      `rnd_linux_arm64.go:${g.line}:${g.column}: runtime: syscall.SYS_GETRANDOM: ` +
        "getrandom is not in 3.10 (arm64: Linux ",
    );
    expect(text.stdout).toContain(
      "the call returns ENOSYS on the target kernel: give it a fallback code path " +
        "(compare the error with syscall.ENOSYS)",
    );
    expect(text.stdout).toMatch(/\n2 findings \(0 compile, 2 runtime; 0 handled\) in 1 file for 3\.10 \(arm64\)\n$/);
    // --arch amd64: the file does not build there, so nothing is found; by default every arch of
    // 3.10 is checked, arm64 among them.
    expect((await xsysgen("check", "--kernel", "3.10", "--arch", "amd64", "--module", dir)).code).toBe(0);
    const every = await xsysgen("check", "--kernel", "3.10", "--module", dir, "--json");
    expect(every.code).toBe(1);
    const everyDoc = JSON.parse(every.stdout) as { arches: string[]; findings: { arches: string[] }[] };
    expect(everyDoc.arches).toEqual(expect.arrayContaining(["386", "amd64", "arm64", "ppc64", "s390x"]));
    expect(everyDoc.arches).not.toContain("x32");
    expect(everyDoc.findings.map((f) => f.arches)).toEqual([["arm64"], ["arm64"]]);
  });

  it("that fail to build are compile findings with a constant-or-x/sys fix; apply refuses before writing", async () => {
    expect(stdArm64.has("SYS_STATX")).toBe(false);
    const dir = module("st_linux_arm64.go", compileSource);
    const build = buildArm64(dir);
    expect(build.stderr).toContain("undefined: syscall.SYS_STATX");
    const json = await xsysgen("check", "--kernel", "3.10", "--arch", "arm64", "--module", dir, "--json");
    expect(json.code).toBe(1);
    const [finding] = (JSON.parse(json.stdout) as { findings: Record<string, unknown>[] }).findings;
    expect(finding).toMatchObject({
      ...at(compileSource, "SYS_STATX"),
      failsAt: "compile",
      arches: ["arm64"],
      missing: [{ arch: "arm64", number: 291 }],
      fix: { kind: "x/sys-or-constant" },
    });
    // The module has no golang.org/x/sys: the advice does not send it to `apply`.
    expect((finding!.fix as { text: string }).text).toMatch(
      new RegExp(
        "^Go go1\\.\\S+'s syscall has no SYS_STATX for arm64 and is frozen: use a local constant \\(291 on arm64\\) " +
          "or golang\\.org/x/sys/unix\\.SYS_STATX from a golang\\.org/x/sys release that has it;",
      ),
    );
    expect((finding!.fix as { text: string }).text).not.toContain("xsysgen apply");

    const before = treeHash(dir);
    const apply = await xsysgen("apply", "--kernel", "3.10", "--arch", "arm64", "--module", dir);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toMatch(
      new RegExp(
        "^xsysgen: .*go\\.mod: no golang\\.org/x/sys requirement \\(nothing to patch\\): " +
          "apply cannot fix std-library syscall\\.SYS_\\* uses",
      ),
    );
    expect(apply.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(treeHash(dir)).toBe(before);
  });
});
