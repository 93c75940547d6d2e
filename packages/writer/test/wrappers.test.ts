/**
 * The wrapper map (exported function → the syscalls it makes, per GOARCH) of real golang.org/x/sys
 * releases and of this toolchain's `syscall`, read with tree-sitter-go, against an independent
 * reading (oracle.ts: `go list` picks the files, text rules find functions, calls and syscalls).
 * Then a few facts by name: x/sys `Openat2` → `openat2`; `Renameat` is renameat2 on riscv64, which
 * has no renameat; `Faccessat` handles faccessat2's ENOSYS itself.
 *
 * @module-tag network
 * @module-tag go
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readModuleXsys, readStdSyscall, type SyscallPackage } from "./shim.ts";
import { goEnv, XSYS_RECENT } from "./helpers.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";
import { goListPackageFiles, oracleConstants, oracleMaps, type OracleMap } from "./oracle.ts";
import { xsysUnixDir } from "../../../scripts/lib/gomod.ts";

/** x/sys pinned by runc v1.1.4, go-fuse v2.1.0 (2018) and a recent release. */
const VERSIONS = ["v0.0.0-20211116061358-0a5406a5449c", "v0.0.0-20180830151530-49385e6e1522", XSYS_RECENT];
const GOARCHES = ["amd64", "386", "arm64", "riscv64", "s390x"];

async function xsysOf(version: string, std: SyscallPackage): Promise<SyscallPackage> {
  const dir = scratchDir("wrappers");
  writeFileSync(join(dir, "go.mod"), `module example.com/w\n\ngo 1.21\n\nrequire golang.org/x/sys ${version}\n`);
  const xsys = await readModuleXsys(dir, goEnv, () => std);
  expect(xsys?.label).toBe(`golang.org/x/sys ${version}`);
  return xsys!;
}

/** A map as sorted plain objects (name → syscall → handled), so that a difference shows as one. */
function plain(map: OracleMap): Record<string, Record<string, boolean>> {
  return Object.fromEntries(
    [...map]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, calls]) => [name, Object.fromEntries([...calls].sort(([a], [b]) => (a < b ? -1 : 1)))]),
  );
}

/** Our map in the oracle's shape, for the names either side knows. */
function ours(pkg: SyscallPackage, goarch: string, names: Iterable<string>): Record<string, Record<string, boolean>> {
  const out: OracleMap = new Map();
  for (const name of names) {
    const calls = pkg.wrappers(goarch).get(name);
    if (calls !== undefined) out.set(name, new Map(calls.map((c) => [c.syscall, c.handled])));
  }
  return plain(out);
}

describe("wrapper maps", () => {
  it("the toolchain's syscall package agrees with the oracle on every exported function", async () => {
    const std = await readStdSyscall(scratchDir("std"), goEnv);
    for (const goarch of GOARCHES) {
      const oracle = oracleMaps(undefined, goarch).std;
      expect(oracle.size).toBeGreaterThan(100);
      const names = new Set([...oracle.keys(), "Openat", "Renameat", "Faccessat", "Getpid", "NotAFunction"]);
      expect(ours(std, goarch, names)).toEqual(plain(oracle));
    }
  });

  it.each(VERSIONS)("golang.org/x/sys %s agrees with the oracle on every exported function", async (version) => {
    const std = await readStdSyscall(scratchDir("std"), goEnv);
    const xsys = await xsysOf(version, std);
    const unix = xsysUnixDir(version);
    for (const goarch of GOARCHES) {
      // The 2018 release has no riscv64 port: only its arch-independent files build there.
      const ported = goListPackageFiles(unix, goarch).files.includes(`zsysnum_linux_${goarch}.go`);
      const oracle = oracleMaps(unix, goarch).xsys;
      expect(oracle.size).toBeGreaterThan(ported ? 100 : 0);
      const names = new Set([...oracle.keys(), "Openat2", "Renameat", "Renameat2", "Statx", "Setuid", "Exec"]);
      expect(ours(xsys, goarch, names)).toEqual(plain(oracle));
      // The SYS_ constants of the zsysnum file that go list builds (none where x/sys had no port yet).
      expect([...xsys.constants(goarch)].sort()).toEqual(ported ? [...oracleConstants(unix, goarch)].sort() : []);
    }
  });

  it("names what runc's, go-fuse's and a recent x/sys do, by name", async () => {
    const std = await readStdSyscall(scratchDir("std"), goEnv);
    const runc = await xsysOf(VERSIONS[0]!, std);
    const recent = await xsysOf(XSYS_RECENT, std);
    for (const goarch of ["amd64", "arm64", "386"]) {
      expect(runc.wrappers(goarch).get("Openat2")).toEqual([
        { syscall: "openat2", via: ["Openat2", "openat2"], handled: false },
      ]);
      expect(runc.wrappers(goarch).get("Renameat")).toEqual([
        { syscall: "renameat", via: ["Renameat"], handled: false },
      ]);
      expect(runc.wrappers(goarch).get("Faccessat")).toContainEqual({
        syscall: "faccessat2",
        via: ["Faccessat", "Faccessat2"],
        handled: true,
        handledIn: "Faccessat",
      });
    }
    // riscv64 has no renameat (asm-generic without __ARCH_WANT_RENAMEAT): x/sys goes through renameat2.
    expect(recent.wrappers("riscv64").get("Renameat")).toEqual([
      { syscall: "renameat2", via: ["Renameat", "Renameat2"], handled: false },
    ]);
    // A forward to the standard library is followed there (x/sys `Setuid` → `syscall.Setuid`).
    expect(recent.wrappers("amd64").get("Setuid")).toEqual([
      { syscall: "setuid", via: ["Setuid", "syscall.Setuid"], handled: false },
    ]);
    expect(
      recent
        .wrappers("386")
        .get("Setuid")
        ?.map((c) => c.syscall),
    ).toEqual(["setuid32"]);
    // go-fuse v2.1.0's 2018 x/sys has no Openat2, and no riscv64 port at all.
    const old = await xsysOf(VERSIONS[1]!, std);
    expect(old.wrappers("amd64").get("Openat2")).toBeUndefined();
    expect(old.constants("riscv64").size).toBe(0);
    expect(old.wrappers("amd64").get("Renameat2")).toEqual([
      { syscall: "renameat2", via: ["Renameat2"], handled: false },
    ]);
  });
});
