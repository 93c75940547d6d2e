/**
 * Shapes of the embedded registry (data.ts reads them from data/registry.json) and of what the lookup API returns.
 * A version bound is "after < first ≤ atOrBefore", in vanilla series: the newest snapshot that
 * lacks a name and the oldest that has it, narrowed only where a source states the release.
 */
import type { TargetName } from "@xsysgen/core";

/** `[after, atOrBefore]`; `after` null = the name is in the oldest snapshot the target has. */
export type Span = readonly [after: string | null, atOrBefore: string];

/** One name→number fact of a target and the vanilla series it holds in. */
export interface RegistryRecord {
  readonly name: string;
  readonly number: number;
  /** First series having it. */
  readonly since: Span;
  /** First series no longer having it (spelling changes: arm64 `fstatat` → `newfstatat`). */
  readonly until?: Span;
  /** `alias`: a C name for another entry's number (asm-generic `__NR_newfstatat` → 79). */
  readonly alias?: true;
  /** Defining macro when it is not `__NR_<name>` (asm-generic `__NR3264_fstatat`). */
  readonly macro?: string;
  /** Spelled `(__NR_arch_specific_syscall + N)` in the headers (see SyscallEntry.archSpecific). */
  readonly archSpecific?: true;
  /** Not a syscall; printed by x/sys (see SyscallEntry.xsysOnly). */
  readonly xsysOnly?: true;
  /** A define a later `#undef` takes back (arm's OABI-only calls before 4.10; see SyscallTable.undefEntries). */
  readonly undef?: true;
}

/** Real inputs behind a target's records: one per series, with the files it was read from. */
export interface Snapshot {
  readonly series: string;
  readonly source: string;
}

/** The registry's data for one target: snapshots, records and why the data stops where it does. */
export interface TargetRegistry {
  readonly target: TargetName;
  readonly snapshots: readonly Snapshot[];
  /** Entries then aliases, each sorted by number (stable in source order). */
  readonly records: readonly RegistryRecord[];
  /** Why the data stops where it does (shown when a version outside the snapshots is asked for). */
  readonly limits: string;
}

/** One change a RHEL build makes to its base series' table (a backported or removed syscall). */
export interface DistroChange {
  readonly op: "+" | "-";
  readonly name: string;
  readonly number: number;
  readonly alias?: true;
  readonly macro?: string;
  readonly archSpecific?: true;
}

/** A RHEL kernel build as the difference between its own tree's tables and its vanilla base series. */
export interface DistroBuild {
  /** Kernel release as the distro's Makefile gives it, e.g. `3.10.0-1160.el7`. */
  readonly name: string;
  /** e.g. "RHEL 7.9". */
  readonly release: string;
  /** The RHEL minor release, e.g. "7.9". */
  readonly minor: string;
  readonly base: string;
  /** Targets the build's own tables give, with the changes over the base on each. */
  readonly targets: Partial<Record<TargetName, readonly DistroChange[]>>;
  /** A target whose changes are over another target's vanilla base (RHEL 7 ppc64le over 3.10 ppc64). */
  readonly baseTargets?: Partial<Record<TargetName, TargetName>>;
  /**
   * Other builds known to carry exactly this build's syscall files: every AlmaLinux build of the same
   * minor (their hashes agree) and other saved trees whose tables the registry build checked equal.
   */
  readonly sameAs: readonly string[];
  /** Files the deltas were read from. */
  readonly source: string;
  /** What the sources do not cover (e.g. "x86 tables only"). */
  readonly limits: string;
}

/** A RHEL major release: its kernel version and the arches Red Hat builds that kernel for. */
export interface RhelMajor {
  readonly major: number;
  /** `uname -r` version part of every kernel of this major, e.g. `3.10.0`. */
  readonly version: string;
  /** Its vanilla series, e.g. `3.10`. */
  readonly base: string;
  /** The targets Red Hat builds this major's kernel for (with compat user space: 386 on x86_64). */
  readonly builtFor: readonly TargetName[];
  /** Why no other target is one (x32, 32-bit arm, a 3.10 arm64): said when one is asked for. */
  readonly others: string;
}

/** A RHEL minor release and the release number of its GA kernel (`3.10.0-1160.el7` → 7.9, 1160). */
export interface RhelMinor {
  /** e.g. "7.9". */
  readonly minor: string;
  readonly release: number;
  /** Where the number comes from. */
  readonly evidence: string;
}

/** The whole embedded registry: per-target tables of vanilla series, the RHEL builds and RHEL's releases. */
export interface RegistryData {
  readonly targets: Partial<Record<TargetName, TargetRegistry>>;
  readonly distros: readonly DistroBuild[];
  readonly rhelMajors: readonly RhelMajor[];
  readonly rhelMinors: readonly RhelMinor[];
}
