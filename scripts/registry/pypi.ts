/**
 * PyPI `system-calls` (hrw/syscalls-table's tables, generated from kernel sources; one release per kernel,
 * the `pypi` rows of inputs.tsv): per ABI a `"name": number` dict, read like an x/sys file of that Linux
 * release, for presence: the tables leave out the numbers of removed syscalls (uselib, _sysctl, …), so what
 * a table lacks says nothing, except that a release's table (not an -rc's) has no number past its last one.
 * Wheels are fetched with pip into .cache/registry/pypi and checked against their pin; the release's
 * `linux_version.py`, where it has one (from 6.7), must name the row's series.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { sysName } from "../../packages/generator/src/index.ts";
import type { TargetName } from "../../packages/core/src/index.ts";
import { inputRows, seriesOfInput, type InputRow } from "./input-table.ts";
import { addPin, registryCache, sha256 } from "./inputs.ts";
import type { XsysFile } from "./xsys.ts";

/**
 * Each ABI's table in the third-party sources and the targets it serves (mips o32 and n64 serve both byte
 * orders, ppc64 both): hrw's and PyPI's file name, the crates' arch directory (linux-raw-sys src/<arch>/,
 * syscalls src/arch/<arch>.rs, syscall-numbers src/<arch>.rs).
 */
export const abiTables: ReadonlyArray<{ hrw: string; crate: string; targets: readonly TargetName[] }> = [
  { hrw: "x86_64", crate: "x86_64", targets: ["amd64"] },
  { hrw: "i386", crate: "x86", targets: ["386"] },
  { hrw: "x32", crate: "x32", targets: ["x32"] },
  { hrw: "arm", crate: "arm", targets: ["arm"] },
  { hrw: "arm64", crate: "aarch64", targets: ["arm64"] },
  { hrw: "loongarch64", crate: "loongarch64", targets: ["loong64"] },
  { hrw: "mipso32", crate: "mips", targets: ["mips", "mipsle"] },
  { hrw: "mips64", crate: "mips64", targets: ["mips64", "mips64le"] },
  { hrw: "powerpc", crate: "powerpc", targets: ["ppc"] },
  { hrw: "powerpc64", crate: "powerpc64", targets: ["ppc64", "ppc64le"] },
  { hrw: "riscv64", crate: "riscv64", targets: ["riscv64"] },
  { hrw: "s390x", crate: "s390x", targets: ["s390x"] },
  { hrw: "sparc64", crate: "sparc64", targets: ["sparc64"] },
];

/**
 * hrw's arm table also lists ARM's private calls under bare names (`breakpoint` 983041 … `get_tls` 983046):
 * arch/arm/include/uapi/asm/unistd.h defines them as `__ARM_NR_<name> (__ARM_NR_BASE + n)`, `__ARM_NR_BASE`
 * being `__NR_SYSCALL_BASE + 0x0f0000`, since 2.6.32 and before. No `__NR_` macro names them (the registry's
 * facts are `__NR_` names, as every real header reading gives them) and x/sys prints none (above 999), so a
 * presence-only table's arm names from that base on are not read as `__NR_` syscalls.
 */
const armPrivateBase = 0x0f0000;

/** A presence-only table's `name number` pairs for one ABI, without ARM's private calls. */
export function presenceConstants(abi: string, pairs: Iterable<readonly [string, number]>) {
  return [...pairs]
    .filter(([, number]) => abi !== "arm" || number < armPrivateBase)
    .map(([name, number]) => ({ name: sysName(name), number }));
}

/** The unpacked package directory of a pinned wheel (`system_calls/`, or `syscalls/` before 5.15.2). */
function wheelPackage(row: InputRow): string {
  const dir = join(registryCache, "pypi", `system-calls-${row.version}`);
  const wheels = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".whl")) : []);
  if (wheels().length === 0) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      "pip",
      ["download", "--no-deps", "--only-binary=:all:", "-q", "-d", dir, `system-calls==${row.version}`],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  }
  const wheel = wheels()[0];
  if (wheel === undefined) throw new Error(`pip download system-calls==${row.version} left no wheel in ${dir}`);
  const digest = sha256(readFileSync(join(dir, wheel)));
  if (digest !== row.pin)
    throw new Error(`${join(dir, wheel)}: sha256 ${digest}, scripts/registry/inputs.tsv pins ${row.pin}`);
  const unpacked = join(dir, "unpacked");
  if (!existsSync(unpacked)) execFileSync("python3", ["-m", "zipfile", "-e", join(dir, wheel), unpacked]);
  addPin({ source: "pypi", id: `system-calls==${row.version} (${wheel})`, sha256: digest });
  const pkg = ["system_calls", "syscalls"].find((p) => existsSync(join(unpacked, p, "tables")));
  if (pkg === undefined) throw new Error(`${join(dir, wheel)}: no system_calls/tables or syscalls/tables`);
  return join(unpacked, pkg);
}

export function readPypiFiles(): XsysFile[] {
  const out: XsysFile[] = [];
  for (const row of inputRows("pypi")) {
    const linux = row.series as string;
    const rc = /-rc\d*$/.test(linux);
    const dir = wheelPackage(row);
    const versionFile = join(dir, "linux_version.py");
    if (existsSync(versionFile)) {
      // `6.17.0` → 6.17, `6.15.0-rc1` → 6.15-rc1: what the row must say.
      const stated = /linux_version\s*=\s*"([^"]+)"/.exec(readFileSync(versionFile, "utf8"))?.[1];
      const release = stated?.replace(/^(\d+\.\d+)\.\d+/, "$1");
      if (release !== linux)
        throw new Error(`system-calls ${row.version}: linux_version.py says ${stated}, inputs.tsv says ${linux}`);
    }
    for (const { hrw: abi, targets: served } of abiTables) {
      const file = join(dir, "tables", `${abi}.py`);
      if (!existsSync(file)) continue;
      const constants = presenceConstants(
        abi,
        [...readFileSync(file, "utf8").matchAll(/^\s*"([a-z0-9_]+)":\s*(\d+),?\s*$/gm)].map(
          (m) => [m[1] as string, Number(m[2])] as const,
        ),
      );
      if (constants.length < 200)
        throw new Error(`system-calls ${row.version} tables/${abi}.py: only ${constants.length} entries`);
      for (const target of served) {
        out.push({
          version: `system-calls==${row.version}`,
          linux,
          series: seriesOfInput(linux),
          rc,
          target,
          readsArchSpecific: true,
          constants,
          label: `pypi/system-calls==${row.version}/tables/${abi}.py`,
          numbersOnly: true,
          // A release's table (not an -rc's): the numbers past its last one are not in that release.
          ...(rc ? {} : { absence: "tail" as const }),
        });
      }
    }
  }
  return out;
}
