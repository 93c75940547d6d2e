/**
 * Series the registry covers only through golang.org/x/sys observations, checked against an
 * independent oracle: that x/sys version's own zsysnum file (fetched from the Go module proxy into
 * .cache/gomod by `go mod download`) equals what our generator renders from getTable, from line 2
 * on, in the file's header era (which also says whether its mksysnum read
 * `(__NR_arch_specific_syscall + N)`). Versions are the ones scripts/registry/xsys-sources.ts pins:
 * every zsysnum file of each is checked against its Linux release, and the cases below pin the
 * neighbouring series and the quirks too.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { detectHeaderEra, renderZsysnumGo } from "../../packages/generator/src/index.ts";
import { findTarget, type TargetName } from "../../packages/core/src/index.ts";
import { expect, test } from "vitest";
import { xsysUnixDir } from "../lib/gomod.ts";
import { xsysSources } from "../registry/xsys-sources.ts";
import { getTable, sinceOf } from "../../packages/kernels/src/index.ts";

// [kernel, target, x/sys version whose Dockerfile clones that Linux release]
const cases: ReadonlyArray<readonly [string, TargetName, string]> = [
  ["5.4", "arm64", "v0.0.0-20200116001909-b77594299b42"],
  ["5.13", "arm64", "v0.0.0-20210823070655-63515b42dcdf"],
  ["6.8", "arm64", "v0.20.0"],
  ["6.13", "arm64", "v0.30.0"],
  ["7.0", "arm64", "v0.45.0"],
  ["6.0", "loong64", "v0.5.0"],
  ["6.2", "loong64", "v0.8.0"],
  ["6.6", "loong64", "v0.14.0"],
  ["6.13", "amd64", "v0.30.0"],
  ["7.0", "amd64", "v0.45.0"],
  ["6.14", "386", "v0.32.0"],
  // arm: uapi __NR_SYSCALL_MASK (printed as SYS_SYSCALL_MASK = 0) from 5.15 on, absent before.
  ["5.10", "arm", "v0.0.0-20210124154548-22da62e12c0c"],
  ["5.15", "arm", "v0.0.0-20211216021012-1d35b9e2eb4e"],
  ["4.20", "mips", "v0.0.0-20190215142949-d0b11bdaac8a"],
  ["5.10", "mips64le", "v0.0.0-20210124154548-22da62e12c0c"],
  ["5.15", "ppc64le", "v0.0.0-20211216021012-1d35b9e2eb4e"],
  ["5.7", "s390x", "v0.0.0-20200625212154-ddb9806d33ae"],
  ["6.4", "sparc64", "v0.11.0"],
  // Debian bullseye/trixie headers (5.10, 6.12) with x/sys between. riscv64 5.10–5.17: x/sys of
  // that era never printed `(__NR_arch_specific_syscall + 15)`, so its file lacks riscv_flush_icache
  // and the era (detected from the file) skips it as upstream did; 6.11+ is the syscall.tbl form.
  ["5.10", "riscv64", "v0.0.0-20210124154548-22da62e12c0c"],
  ["5.16", "riscv64", "v0.0.0-20220319134239-a9b59b0215f8"],
  ["6.11", "riscv64", "v0.26.0"],
  ["6.12", "riscv64", "v0.28.0"],
  ["6.7", "loong64", "v0.17.0"],
  ["6.11", "loong64", "v0.26.0"],
  ["6.12", "loong64", "v0.28.0"],
  ["6.8", "arm", "v0.20.0"],
  ["6.12", "mips", "v0.28.0"],
  ["6.10", "mips64le", "v0.23.0"],
  ["6.12", "ppc", "v0.28.0"],
  ["6.9", "ppc64", "v0.21.0"],
  ["6.5", "s390x", "v0.13.0"],
  ["6.11", "sparc64", "v0.26.0"],
  ["6.12", "amd64", "v0.28.0"],
  ["6.12", "arm64", "v0.28.0"],
];

test.each(cases)("getTable(%s, %s) renders x/sys %s's file", (kernel, target, version) => {
  // Only the x/sys releases the registry pins (with the Linux release their Dockerfile cloned).
  expect(xsysSources.map((s) => s.version)).toContain(version);
  const goarch = target;
  const path = join(xsysUnixDir(version), `zsysnum_linux_${goarch}.go`);
  const upstream = readFileSync(path, "utf8");
  const era = detectHeaderEra(upstream, path);
  const ours = renderZsysnumGo(getTable(kernel, target), { command: "gen", era });
  expect(ours.split("\n").slice(1).join("\n")).toBe(upstream.split("\n").slice(1).join("\n"));
});

// Every zsysnum file of every pinned x/sys release: the registry's table of the Linux release that
// release's Dockerfile cloned (5.19-rc2 read as 5.19) renders it exactly.
test.each(xsysSources)(
  "x/sys $version: every zsysnum_linux_*.go is getTable(Linux $linux) rendered",
  ({ version, linux }) => {
    const dir = xsysUnixDir(version);
    const files = readdirSync(dir).filter((f) => /^zsysnum_linux_\w+\.go$/.test(f));
    let compared = 0;
    for (const file of files) {
      const goarch = file.slice("zsysnum_linux_".length, -".go".length);
      const target = findTarget(goarch);
      if (target === undefined) throw new Error(`${version}: ${file} is for no target of xsysgen's`);
      const upstream = readFileSync(join(dir, file), "utf8");
      const ours = renderZsysnumGo(getTable(linux.replace(/-rc\d+$/, ""), target.name), {
        command: "gen",
        era: detectHeaderEra(upstream, file),
      });
      expect(ours.split("\n").slice(1).join("\n"), `${version} ${file}`).toBe(upstream.split("\n").slice(1).join("\n"));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  },
);

test("x/sys pins first kernels the real headers only bracketed", () => {
  // arm64: asm-generic 5.10/5.14 snapshots bracket these; x/sys 5.13 has them, x/sys 5.12 not.
  expect(sinceOf("landlock_create_ruleset", "arm64")?.text).toBe("5.13");
  // amd64 uprobe 336: absent from x/sys 6.16 and linux-raw-sys 0.12 (6.17), in the syscalls crate's 6.18.
  expect(sinceOf("uprobe", "amd64")?.text).toBe("6.18");
  // loong64: x/sys 6.6 lacks map_shadow_stack 453, x/sys 6.7 has it (form: Debian 6.12's header).
  expect(sinceOf("map_shadow_stack", "loong64")?.text).toBe("6.7");
  // x/sys 6.10 prints SYS_FSTATAT = 79 for riscv64 and loong64 lacks 79; 6.11 prints SYS_NEWFSTATAT.
  expect(sinceOf("newfstatat", "riscv64")?.text).toBe("6.11");
  expect(sinceOf("newfstatat", "loong64")?.text).toBe("6.11");
  // s390x: x/sys 6.4 lacks cachestat 451, x/sys 6.5 has it (form: Debian 6.12's header).
  expect(sinceOf("cachestat", "s390x")?.text).toBe("6.5");
});
