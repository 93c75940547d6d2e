/**
 * RHEL-family kernels → the registry's RHEL builds. A `uname -r` or package NVR names its RHEL minor by the
 * dist tag (`el8_10` → 8.10) or, for a GA-tagged `.el8` build, by its release number (`4.18.0-553.el8` →
 * 8.10: RHEL's release number is fixed per minor, see `rhelMinors`). The table used is the registry's build
 * of that minor, else the nearest known build before it — never a newer one, which could claim syscalls the
 * kernel lacks — else, below the oldest known build of the major, the vanilla base release. CentOS, CentOS
 * Stream, Rocky Linux, AlmaLinux and Oracle Linux's Red Hat compatible kernel are RHEL builds; their names
 * (`rhel8.10`, `rocky9`, `centos-stream9`, `ol8`) resolve the same way.
 */
import { UnknownKernelError, UsageError, findTarget, type Target, type TargetName } from "@xsysgen/core";
import type { DistroBuild, RegistryData, RhelMajor } from "./model.ts";
import type { KernelRef } from "./resolve.ts";
import { compareSeries } from "./series.ts";

/** A Red Hat rebuild's or derivative's name as people type it, and what it says about minors. */
interface Family {
  /** Spellings, lower case (`rocky`, `rockylinux`). */
  readonly words: readonly string[];
  readonly label: string;
  /** RHEL majors it has; `last` caps a major's minors (CentOS Linux 8 ended at 8.5). */
  readonly majors: readonly number[];
  readonly last?: Readonly<Record<number, string>>;
  /** CentOS Stream has no minor releases: its kernel runs ahead of the next RHEL minor. */
  readonly noMinors?: true;
}

const families: readonly Family[] = [
  { words: ["rhel", "redhat", "el"], label: "RHEL", majors: [6, 7, 8, 9, 10] },
  { words: ["centos"], label: "CentOS Linux", majors: [6, 7, 8], last: { 6: "6.10", 7: "7.9", 8: "8.5" } },
  {
    words: ["centos-stream", "centosstream", "stream"],
    label: "CentOS Stream",
    majors: [8, 9, 10],
    noMinors: true,
  },
  { words: ["rocky", "rockylinux"], label: "Rocky Linux", majors: [8, 9, 10] },
  { words: ["alma", "almalinux"], label: "AlmaLinux", majors: [8, 9, 10] },
  {
    words: ["ol", "oracle", "oraclelinux"],
    label: "Oracle Linux (Red Hat compatible kernel)",
    majors: [6, 7, 8, 9, 10],
  },
];

const aliasPattern = new RegExp(`^(${families.flatMap((f) => f.words).join("|")})[-_]?(\\d+)(?:\\.(\\d+))?$`);

const parts = (minor: string) => minor.split(".").map(Number) as [number, number];

/** Orders two RHEL minors (`8.9` < `8.10` < `9.0`), for `Array.prototype.sort`. */
export function compareMinor(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  return x[0] - y[0] || x[1] - y[1];
}

const buildsOf = (data: RegistryData, major: number): DistroBuild[] =>
  data.distros.filter((d) => parts(d.minor)[0] === major).sort((a, b) => compareMinor(a.minor, b.minor));

function majorRow(data: RegistryData, major: number, input: string): RhelMajor {
  const row = data.rhelMajors.find((m) => m.major === major);
  if (row === undefined)
    throw new UnknownKernelError(
      `unknown distro kernel ${input}: RHEL ${major} is not in the registry ` +
        `(it knows RHEL ${data.rhelMajors.map((m) => m.major).join(", ")})`,
    );
  return row;
}

/** `rhel8.10`, `rocky9`, `centos-stream9`, `ol8`, `centos7` → the RHEL release they name; undefined for other words. */
export function parseRhelAlias(
  data: RegistryData,
  spec: string,
): { family: Family; major: RhelMajor; minor?: string } | undefined {
  const m = aliasPattern.exec(spec);
  if (m === null) return undefined;
  const family = families.find((f) => f.words.includes(m[1] as string)) as Family;
  const major = majorRow(data, Number(m[2]), spec);
  if (!family.majors.includes(major.major))
    throw new UnknownKernelError(
      `unknown kernel alias ${spec}: ${family.label} has no release ${major.major} ` +
        `(it has ${family.majors.join(", ")})`,
    );
  if (m[3] === undefined) return { family, major };
  if (family.noMinors === true)
    throw new UsageError(
      `kernel alias ${spec}: ${family.label} has no minor releases; name its major (${m[1]}${m[2]})`,
    );
  const minor = `${m[2]}.${Number(m[3])}`;
  const last = family.last?.[major.major];
  if (last !== undefined && compareMinor(minor, last) > 0)
    throw new UnknownKernelError(`unknown kernel alias ${spec}: ${family.label} ${major.major} ended at ${last}`);
  return { family, major, minor };
}

/** A RHEL-family `uname -r` / NVR, its machine suffix already taken off: `4.18.0-553.16.1.el8_10`. */
const nvrPattern = /^(\d+\.\d+\.\d+)-((\d+)(?:\.\d+)*)\.el(\d+)(?:_(\d+))?((?:\.\d+)*)((?:\.centos)?(?:\.plus)?)$/;

export interface RhelNvr {
  readonly key: string;
  readonly version: string;
  readonly major: number;
  readonly release: number;
  /** From the dist tag (`el8_10`). */
  readonly taggedMinor?: string;
}

export function parseRhelNvr(key: string): RhelNvr | undefined {
  const m = nvrPattern.exec(key);
  if (m === null) return undefined;
  const major = Number(m[4]);
  return {
    key,
    version: m[1] as string,
    major,
    release: Number(m[3]),
    ...(m[5] === undefined ? {} : { taggedMinor: `${major}.${Number(m[5])}` }),
  };
}

/** Where a build falls among RHEL's minors: the minor it belongs to, or the newest one before it. */
interface Placement {
  /** The minor the kernel is (or the newest minor before it, when `after` is set). */
  readonly minor: string | undefined;
  /** Set when the build comes after `minor`'s GA line without being of it (CentOS Stream, a later minor). */
  readonly after?: true;
}

function place(data: RegistryData, nvr: RhelNvr): Placement {
  if (nvr.taggedMinor !== undefined) return { minor: nvr.taggedMinor };
  const before = data.rhelMinors
    .filter((m) => parts(m.minor)[0] === nvr.major && m.release <= nvr.release)
    .sort((a, b) => compareMinor(a.minor, b.minor))
    .pop();
  if (before === undefined) return { minor: undefined };
  // Every build of a RHEL minor keeps its GA release number (4.18.0-553.*.el8_10); a larger one is later.
  return before.release === nvr.release ? { minor: before.minor } : { minor: before.minor, after: true };
}

type Resolved = Omit<KernelRef, "input">;

function fromBuild(d: DistroBuild, note: string | undefined, allowed: readonly TargetName[] | undefined): Resolved {
  return {
    kind: "distro",
    name: d.name,
    series: d.base,
    release: d.release,
    ...(allowed === undefined ? {} : { machineTargets: allowed }),
    ...(note === undefined ? {} : { note }),
  };
}

/** The machine's targets Red Hat builds this major for; a machine it never built for is refused. */
function allowedOn(
  major: RhelMajor,
  shown: string,
  machine: { word: string; target: Target; targets: readonly TargetName[] } | undefined,
): readonly TargetName[] | undefined {
  if (machine === undefined) return undefined;
  if (!major.builtFor.includes(machine.target.name))
    throw new UsageError(
      `kernel ${shown} is for ${machine.word}, and Red Hat builds RHEL ${major.major} only for ` +
        `${major.builtFor.join(", ")}: ${major.others}`,
    );
  return machine.targets.filter((t) => major.builtFor.includes(t));
}

const minorEvidence = (d: DistroBuild) =>
  d.sameAs.length > 0
    ? `syscall tables change only between minors: AlmaLinux's ${d.sameAs.length + 1} builds of ${d.minor} agree`
    : "builds of one minor are taken to share its syscalls, as AlmaLinux's RHEL 8.3-10.0 builds do";

/**
 * The registry's table for a RHEL release: its minor's build, else the nearest known build before it
 * (serving the machine's arch), else the vanilla base. `what` names the kernel in notes.
 */
function choose(
  data: RegistryData,
  major: RhelMajor,
  placement: Placement,
  machine: { target: Target; allowed: readonly TargetName[] } | undefined,
  exactName: string | undefined,
  what: string,
): Resolved {
  const primary = machine?.target.name;
  const allowed = machine?.allowed;
  const all = buildsOf(data, major.major);
  const builds = all.filter((d) => primary === undefined || d.targets[primary] !== undefined);
  const exact = builds.find((d) => d.name === exactName || (exactName !== undefined && d.sameAs.includes(exactName)));
  if (exact !== undefined) return fromBuild(exact, undefined, allowed);
  const { minor } = placement;
  const chosen = minor === undefined ? undefined : builds.filter((d) => compareMinor(d.minor, minor) <= 0).pop();
  const name = minor === undefined ? `a RHEL ${major.major} build` : `RHEL ${minor}`;
  const forArch = primary === undefined ? "" : ` for ${primary}`;
  if (chosen === undefined) {
    const oldest = builds[0];
    const since = oldest === undefined ? "" : ` (the oldest is ${oldest.release}, ${oldest.name})`;
    const before = `older than every RHEL ${major.major} build the registry has${forArch}${since}`;
    const first = findTarget(primary ?? "amd64")?.firstKernel ?? major.base;
    // RHEL 7 built ppc64le from 3.10; vanilla Linux gained it in 3.13: no vanilla table stands in.
    if (primary !== undefined && compareSeries(major.base, first) < 0)
      throw new UnknownKernelError(
        `${what} is ${name}, ${before}, and vanilla Linux ${major.base} has no ${primary} ` +
          `(Linux gained it in ${first})`,
      );
    return {
      kind: "vanilla",
      name: major.base,
      series: major.base,
      machineTargets: allowed ?? major.builtFor,
      note:
        `${what} is ${name}, ${before}: ` +
        `using vanilla Linux ${major.base}'s table, which lacks whatever ` +
        `${minor === undefined ? "it" : name} backported`,
    };
  }
  if (minor === chosen.minor && placement.after !== true)
    return fromBuild(
      chosen,
      exactName === undefined
        ? undefined
        : `${what} is ${name}: using ${chosen.name}, the registry's ${name} build (${minorEvidence(chosen)})`,
      allowed,
    );
  const ofMinor = all.find((d) => d.minor === minor);
  const missing =
    placement.after === true
      ? `a build after ${name}'s (CentOS Stream or a later minor), which the registry has no table of`
      : ofMinor !== undefined
        ? `${name}, whose ${primary ?? ""} table the registry lacks`
        : `${name}, which the registry has no table of`;
  return fromBuild(
    chosen,
    `${what} is ${missing}: using ${chosen.release} (${chosen.name}), the nearest known build before it; ` +
      "what was backported since is not known (a newer build could claim syscalls this kernel lacks)",
    allowed,
  );
}

/** A RHEL-family NVR (`3.10.0-1160.99.1.el7`, machine suffix taken off) → the registry's table for it. */
export function resolveRhelNvr(
  data: RegistryData,
  nvr: RhelNvr,
  machine: { word: string; target: Target; targets: readonly TargetName[] } | undefined,
  what: string,
): Resolved {
  const major = majorRow(data, nvr.major, nvr.key);
  if (nvr.version !== major.version)
    throw new UnknownKernelError(
      `unknown distro kernel ${nvr.key}: RHEL ${major.major} kernels are ${major.version}-*, not ${nvr.version}`,
    );
  const allowed = allowedOn(major, nvr.key, machine);
  const on = machine === undefined || allowed === undefined ? undefined : { target: machine.target, allowed };
  return choose(data, major, place(data, nvr), on, nvr.key, what);
}

/** `rhel8.10`, `centos7`, `rocky9`: a named minor is its build (or the nearest before); a major alone its newest. */
export function resolveRhelAlias(
  data: RegistryData,
  alias: NonNullable<ReturnType<typeof parseRhelAlias>>,
  spec: string,
): Resolved {
  const { family, major } = alias;
  if (alias.minor !== undefined) return choose(data, major, { minor: alias.minor }, undefined, undefined, spec);
  const last = family.last?.[major.major];
  const builds = buildsOf(data, major.major).filter((d) => last === undefined || compareMinor(d.minor, last) <= 0);
  const newest = builds[builds.length - 1];
  if (newest === undefined)
    throw new UnknownKernelError(
      `unknown kernel alias ${spec}: the registry has no ${family.label} ${major.major} build`,
    );
  const stream =
    family.noMinors === true
      ? `${family.label} ${major.major}, whose kernel runs ahead of RHEL ${major.major}'s minors`
      : `${family.label} ${major.major} without a minor`;
  const ended = last === undefined ? "" : ` (${family.label} ${major.major} ended at ${last})`;
  return fromBuild(
    newest,
    `${spec} is ${stream}: using ${newest.release} (${newest.name}), the newest RHEL ${major.major} build the ` +
      `registry has${ended}${family.noMinors === true ? "; what was backported since is not known" : ""}`,
    undefined,
  );
}

/** Every name `parseRhelAlias` takes for a known build, canonically spelled: per family `<word><major>[.<minor>]`. */
export function rhelAliases(data: RegistryData): Array<{ alias: string; kernel: string }> {
  const out: Array<{ alias: string; kernel: string }> = [];
  for (const family of families) {
    const word = family.words[0] as string;
    for (const major of family.majors) {
      const last = family.last?.[major];
      const builds = buildsOf(data, major).filter((d) => last === undefined || compareMinor(d.minor, last) <= 0);
      const newest = builds[builds.length - 1];
      if (newest === undefined) continue;
      out.push({ alias: `${word}${major}`, kernel: newest.name });
      if (family.noMinors !== true) for (const d of builds) out.push({ alias: `${word}${d.minor}`, kernel: d.name });
    }
  }
  return out;
}
