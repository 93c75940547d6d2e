/**
 * hrw/syscalls-table snapshots (kernel-data `hrw-syscalls-table/`, MIT): per-ABI `name<TAB>number` tables
 * the maintainer generated from kernel sources (from 2016-10-11, commit d7811a5; earlier ones were
 * hand-edited and are not read). Which kernel a snapshot stands for is the maintainer's word in
 * INDEX.tsv's subject, usually an -rc, so a snapshot is read as an x/sys-like file of that release
 * with two limits: it only shows presence (the tables leave out numbers of removed syscalls, and an
 * -rc may lack the release's last additions), and it is read only before x/sys's first release
 * (Linux 4.20), where it narrows the brackets of the whole-tree tables 4.9 … 4.18.
 */
import { sysName } from "../../packages/generator/src/index.ts";
import type { TargetName } from "../../packages/core/src/index.ts";
import { kernelDataHas, readKernelData } from "./inputs.ts";
import { pypiAbis, type XsysFile } from "./xsys.ts";

/** Snapshot → the release its INDEX.tsv subject names (the newest snapshot of each release window). */
const snapshots: ReadonlyArray<{ readonly dir: string; readonly linux: string; readonly subject: string }> = [
  { dir: "2017-02-08_8142d8e", linux: "4.10", subject: "syscalls: update to Linux 4.10-rc7" },
  { dir: "2017-04-06_0f516ee", linux: "4.11", subject: "4.11-rc4 … rc5: statx and 75-77 new system calls" },
  { dir: "2017-05-30_f14c276", linux: "4.12", subject: "update to 4.12-rc kernel" },
  { dir: "2017-11-16_83d4791", linux: "4.15", subject: "4.15-rc0: one new syscall, risc-v added" },
  { dir: "2018-02-18_a03df6e", linux: "4.16", subject: "update to 4.16-rc2" },
  { dir: "2018-08-03_8237552", linux: "4.18", subject: "4.18-rc7" },
  { dir: "2018-10-14_a767289", linux: "4.19", subject: "arm32 got io_pgetevents (4.19-rc)" },
];

const root = "hrw-syscalls-table";

export function readHrwFiles(): XsysFile[] {
  const out: XsysFile[] = [];
  const index = readKernelData(`${root}/INDEX.tsv`);
  for (const s of snapshots) {
    if (!index.includes(`\t${s.dir}\t`)) throw new Error(`${root}/INDEX.tsv does not list snapshot ${s.dir}`);
    for (const [abi, served] of pypiAbis) {
      const path = `${root}/snapshots/${s.dir}/syscalls-${abi}`;
      if (!kernelDataHas(path)) continue;
      const constants = readKernelData(path)
        .split("\n")
        .map((line) => /^([a-z0-9_]+)\t(\d+)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ name: sysName(m[1] as string), number: Number(m[2]) }));
      for (const target of served as readonly TargetName[]) {
        out.push({
          version: `hrw ${s.dir}`,
          linux: `${s.linux}-rc`,
          series: s.linux,
          rc: true,
          target,
          readsArchSpecific: true,
          constants,
          label: `hrw/${s.dir}/syscalls-${abi}`,
          numbersOnly: true,
        });
      }
    }
  }
  return out;
}
