/**
 * hrw/syscalls-table snapshots (kernel-data `hrw-syscalls-table/`, MIT): per-ABI `name<TAB>number` tables
 * the maintainer generated from kernel sources (from 2016-10-11, commit d7811a5; earlier ones were
 * hand-edited and are not read). Which kernel a snapshot stands for is the maintainer's word in INDEX.tsv:
 * - from 2023-09 `system_calls/linux_version.py` states it, and the first commit naming a release holds
 *   its tables (6.7.0 is first named by 8f59290, whose tables are snapshot 2023-11-02_232c874);
 * - before, only the commit subject says it, often an -rc or a merge window: `snapshotsBefore2023` below
 *   is that reading, reviewed (hrw's "Linux 6.4 added cachestat()" of 2023-07-04 is the 6.5 merge window).
 * Every snapshot is read for presence: the tables leave out numbers of removed syscalls, and an -rc may
 * lack the release's last additions (or have one the release took back: quotactl_path in 5.13-rc); a
 * release's snapshot also shows that no number past its last one is in that release.
 */
import type { TargetName } from "../../packages/core/src/index.ts";
import { kernelDataHas, readKernelData } from "./inputs.ts";
import { abiTables, presenceConstants } from "./pypi.ts";
import type { XsysFile } from "./xsys.ts";

/** Snapshot → the release its INDEX.tsv subject names (the newest snapshot of each release window). */
const snapshotsBefore2023: ReadonlyArray<{ readonly dir: string; readonly linux: string }> = [
  { dir: "2017-02-08_8142d8e", linux: "4.10-rc" }, // "syscalls: update to Linux 4.10-rc7"
  { dir: "2017-04-06_0f516ee", linux: "4.11-rc" }, // "4.11-rc4: new statx() syscall", then 75-77 new calls
  { dir: "2017-05-30_f14c276", linux: "4.12-rc" }, // "update to 4.12-rc kernel"
  { dir: "2017-11-16_83d4791", linux: "4.15-rc" }, // "4.15-rc0: one new syscall, risc-v added"
  { dir: "2018-02-18_a03df6e", linux: "4.16-rc" }, // "update to 4.16-rc2"
  { dir: "2018-08-03_8237552", linux: "4.18-rc" }, // "4.18-rc7"
  { dir: "2018-10-14_a767289", linux: "4.19-rc" }, // "4.19-rc1", then "arm32 got io_pgetevents"
  { dir: "2018-12-10_df1296a", linux: "4.20-rc" }, // "tables: update to 4.20-rc1", then riscv split
  { dir: "2018-12-28_52280fd", linux: "5.0-rc" }, // "4.20-rc0 changes started to appear": after 4.20, the 5.0 window
  { dir: "2019-03-09_7ac77ee", linux: "5.1-rc" }, // "5.1-rc0"
  { dir: "2019-05-19_ad83aba", linux: "5.2-rc" }, // "another fscalls update for 5.2-rc1"
  { dir: "2020-01-13_fd97b0a", linux: "5.5-rc" }, // "5.5-rc6: arm64 got clone3()"
  { dir: "2020-03-04_7ac2a8b", linux: "5.6-rc" }, // "5.6-rc4", then names dropped
  { dir: "2020-06-02_6a40c8e", linux: "5.8-rc" }, // "5.8-rc: faccessat2()"
  { dir: "2020-08-08_b95ff3c", linux: "5.9-rc" }, // "5.9-rc: close_range() syscall"
  { dir: "2020-10-23_78d7b3f", linux: "5.10-rc" }, // "5.10-rc got process_madvise()"
  { dir: "2021-02-21_63da006", linux: "5.11-rc" }, // "5.11-rc1 added epoll_pwait2() call", then names dropped
  { dir: "2021-02-28_194358d", linux: "5.12-rc" }, // "5.12-rc: mount_setattr()"
  { dir: "2021-06-15_2c3bf4c", linux: "5.13-rc" }, // "5.13-rc1 … quotactl_path()", then "disable quotactl_path()"
  { dir: "2021-07-12_986ebc8", linux: "5.14-rc" }, // "quotactl_path() is now quotactl_fd()", "5.14-rc1: memfd_secret()"
  { dir: "2021-09-11_b74a767", linux: "5.15-rc" }, // "5.15-rc added process_mrelease()"
  { dir: "2021-12-08_f26c3a5", linux: "5.16-rc" }, // "5.16-rc1 added futex_waitv system call", then more arches
  { dir: "2022-01-18_afc4f8b", linux: "5.17-rc" }, // "5.17 adds set_mempolicy_home_node() call" (the 5.17 window)
  { dir: "2022-06-06_b3351e9", linux: "5.19-rc" }, // "5.19-rc1: risc-v got memfd_secret()"
  { dir: "2023-05-08_6b1f4c6", linux: "6.4-rc" }, // "linux 6.4-rc1: riscv_hwprobe() …"
  { dir: "2023-07-04_1cb0c5e", linux: "6.5-rc" }, // "Linux 6.4 added cachestat()": the 6.5 merge window
];

const root = "hrw-syscalls-table";

/** `6.6.0-rc2` → `6.6-rc`, `6.7.0-merge-window` → `6.7-rc`, `7.0.0` → `7.0`; undefined for `-`. */
function releaseOf(linuxVersion: string): string | undefined {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?(-rc\d+|-merge-window)?$/.exec(linuxVersion);
  if (m === null) return undefined;
  return `${m[1]}.${m[2]}${m[3] === undefined ? "" : "-rc"}`;
}

/** Each release INDEX.tsv names from 2023-09 (linux_version.py), with the snapshot of the first commit naming it. */
function snapshotsFromVersions(index: string): Array<{ dir: string; linux: string }> {
  const out: Array<{ dir: string; linux: string }> = [];
  for (const line of index.trim().split("\n").slice(1)) {
    const [, , version, snapshot] = line.split("\t") as [string, string, string, string];
    const linux = releaseOf(version);
    if (linux === undefined || out.some((s) => s.linux === linux)) continue;
    out.push({ dir: snapshot, linux });
  }
  // A final release's snapshot says more than an -rc of the same release: drop the -rc then.
  return out.filter((s) => !s.linux.endsWith("-rc") || !out.some((o) => o.linux === s.linux.slice(0, -3)));
}

export function readHrwFiles(): XsysFile[] {
  const out: XsysFile[] = [];
  const index = readKernelData(`${root}/INDEX.tsv`);
  const snapshots = [...snapshotsBefore2023, ...snapshotsFromVersions(index)];
  for (const s of snapshots) {
    if (!index.includes(`\t${s.dir}\t`)) throw new Error(`${root}/INDEX.tsv does not list snapshot ${s.dir}`);
    const rc = s.linux.endsWith("-rc");
    const series = rc ? s.linux.slice(0, -3) : s.linux;
    for (const { hrw: abi, targets: served } of abiTables) {
      const path = `${root}/snapshots/${s.dir}/syscalls-${abi}`;
      if (!kernelDataHas(path)) continue;
      const constants = presenceConstants(
        abi,
        readKernelData(path)
          .split("\n")
          .map((line) => /^([a-z0-9_]+)\t(\d+)$/.exec(line))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1] as string, Number(m[2])] as const),
      );
      for (const target of served as readonly TargetName[]) {
        out.push({
          version: `hrw ${s.dir}`,
          linux: s.linux,
          series,
          rc,
          target,
          readsArchSpecific: true,
          constants,
          label: `hrw/${s.dir}/syscalls-${abi}`,
          numbersOnly: true,
          ...(rc ? {} : { absence: "tail" as const }),
        });
      }
    }
  }
  return out;
}
