/**
 * check on a module that uses the standard library's `syscall` package (no golang.org/x/sys):
 * Go's own linux/arm64 table has SYS_GETRANDOM (278) and SYS_MEMFD_CREATE (279), so the module
 * builds for arm64 (shown with the real go), but a 3.10 arm64 kernel lacks both. The finding says
 * what fixes the build — x/sys or a local constant, with the number — and apply, which cannot help,
 * refuses before writing anything and says the same.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { goEnv, removeTemps, tmp, treeHash } from "../../writer/test/helpers.ts";
import { xsysgen } from "./_support.ts";

afterAll(removeTemps);

const source = `package rnd

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

describe("std-library syscall uses", () => {
  it("are findings with the x/sys-or-constant fix; apply refuses before writing", async () => {
    const dir = tmp("stdlib");
    writeFileSync(join(dir, "go.mod"), "module example.com/rnd\n\ngo 1.21\n");
    writeFileSync(join(dir, "rnd_linux_arm64.go"), source);
    const build = spawnSync("go", ["build", "./..."], {
      cwd: dir,
      env: { ...goEnv, GOOS: "linux", GOARCH: "arm64", CGO_ENABLED: "0" } as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);

    const json = await xsysgen("check", "--kernel", "3.10", "--arch", "arm64", "--module", dir, "--json");
    expect(json.stderr).toBe("");
    expect(json.code).toBe(1);
    const lines = source.split("\n");
    const at = (symbol: string) => {
      const i = lines.findIndex((l) => l.includes(`syscall.${symbol}`));
      return { line: i + 1, column: lines[i]!.indexOf(`syscall.${symbol}`) + "syscall.".length + 1 };
    };
    const findings = (JSON.parse(json.stdout) as { findings: Record<string, unknown>[] }).findings;
    expect(findings).toMatchObject([
      {
        file: "rnd_linux_arm64.go",
        ...at("SYS_GETRANDOM"),
        symbol: "SYS_GETRANDOM",
        api: "syscall",
        arches: ["arm64"],
        missing: [{ arch: "arm64", number: 278 }],
        fix: { kind: "x/sys-or-constant" },
      },
      {
        file: "rnd_linux_arm64.go",
        ...at("SYS_MEMFD_CREATE"),
        symbol: "SYS_MEMFD_CREATE",
        api: "syscall",
        arches: ["arm64"],
        missing: [{ arch: "arm64", number: 279 }],
        fix: { kind: "x/sys-or-constant" },
      },
    ]);

    const text = await xsysgen("check", "--kernel", "3.10", "--arch", "arm64", "--module", dir);
    expect(text.stdout).toContain(
      `rnd_linux_arm64.go:${at("SYS_GETRANDOM").line}:${at("SYS_GETRANDOM").column}: ` +
        "SYS_GETRANDOM: getrandom is not in 3.10 (arm64; Linux ",
    );
    expect(text.stdout).toContain(
      "cannot patch it: use golang.org/x/sys/unix.SYS_GETRANDOM (then `xsysgen apply`) " +
        "or a local constant (278 on arm64)",
    );
    // For amd64 the file does not build, so nothing is reported.
    expect((await xsysgen("check", "--kernel", "3.10", "--module", dir)).code).toBe(0);

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
