/**
 * RHEL's releases and the builds kernel-data saved a tree of: each major's kernel version and the arches
 * Red Hat builds it for, each minor's GA release number, and each known build's tree laid out as the kernel
 * has it. AlmaLinux's list of its 141 RHEL 8.3-10.0 kernel rebuilds (rhel-builds/almalinux-kernel-builds.tsv)
 * gives every build's minor and the sha256 of all its syscall files: within a minor that hash never changes,
 * so one build per minor (its GA build, whose files kernel-data saved) stands for all of them, and the saved
 * files are checked to be exactly that build's by recomputing the hash.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TargetName } from "../../packages/core/src/index.ts";
import type { RhelMajor, RhelMinor } from "../../packages/kernels/src/model.ts";
import { compareMinor } from "../../packages/kernels/src/rhel.ts";
import type { HeaderBundle } from "../../packages/parser/src/index.ts";
import { kernelDataDirs, kernelDataHas, readKernelData } from "./inputs.ts";
import { kernelTreeBundle } from "./snapshots.ts";

const modern: readonly TargetName[] = ["386", "amd64", "arm64", "ppc64le", "s390x"];
const noX32OrArm32 =
  "its x86_64 kernel runs no x32 programs (CONFIG_X86_X32 is not set) and its aarch64 kernel no 32-bit arm " +
  "ones (CONFIG_COMPAT is not set), in AlmaLinux's copies of Red Hat's build configs";

/** Per RHEL major: the kernel every build of it is, and the arches Red Hat builds it for (PROVENANCE.md, FACTS.md). */
export const rhelMajors: readonly RhelMajor[] = [
  {
    major: 6,
    version: "2.6.32",
    base: "2.6.32",
    builtFor: ["386", "amd64", "ppc64", "s390x"],
    others: "Red Hat built RHEL 6 for i686, x86_64, ppc64 and s390x only",
  },
  {
    major: 7,
    version: "3.10.0",
    base: "3.10",
    builtFor: ["386", "amd64", "ppc64", "ppc64le", "s390x"],
    others:
      "no RHEL kernel runs x32 programs, and Red Hat built no 3.10 kernel for aarch64 " +
      "(RHEL 7's aarch64 ran the separate 4.x kernel-alt, el7a)",
  },
  { major: 8, version: "4.18.0", base: "4.18", builtFor: modern, others: noX32OrArm32 },
  { major: 9, version: "5.14.0", base: "5.14", builtFor: modern, others: noX32OrArm32 },
  { major: 10, version: "6.12.0", base: "6.12", builtFor: modern, others: noX32OrArm32 },
];

/** Builds before AlmaLinux's list, by the RHEL_MINOR of their tree's Makefile (PROVENANCE.md). */
const olderBuilds: ReadonlyArray<readonly [name: string, minor: string]> = [
  ["2.6.32-642.6.2.el6", "6.8"],
  ["3.10.0-514.el7", "7.3"],
  ["3.10.0-1062.el7", "7.7"],
  ["3.10.0-1127.el7", "7.8"],
  ["3.10.0-1160.el7", "7.9"],
];

/**
 * Saved trees whose files are fewer than the build's syscall files, so the build's hash cannot be
 * recomputed from them; each with why they are that build's all the same.
 */
const partialTrees: Readonly<Record<string, string>> = {
  "4.18.0-240.el8":
    "dongzhiyan-stack's 4.18.0-240.el8 tree, byte-identical to AlmaLinux's (PROVENANCE.md); it lacks the " +
    "x86 headers besides syscall_*.tbl, so the build's hash cannot be recomputed",
};

const almaList = "rhel-builds/almalinux-kernel-builds.tsv";
/** The arch directories of a tree whose files AlmaLinux's hash covers (every unistd*.h and syscall*.tbl). */
const hashedDirs = ["x86_64", "i386", "arm64", "powerpc", "s390", "generic"] as const;

/** One RHEL build the registry serves, with what else is known to carry its syscall files. */
export interface RhelBuildSpec {
  readonly name: string;
  readonly minor: string;
  readonly major: RhelMajor;
  /** Other builds with exactly these syscall files (AlmaLinux's builds of the same minor). */
  readonly sameAs: readonly string[];
  /** Other saved trees of the same minor, whose tables must equal this build's (the cross-source check). */
  readonly agreeing: readonly string[];
  /** How the saved files are known to be all of this build's syscall files. */
  readonly provenance: string;
  /** What establishes the build's minor: its tree's Makefile or AlmaLinux's list. */
  readonly minorEvidence: string;
}

interface AlmaRow {
  readonly build: string;
  readonly minor: string;
  readonly hash: string;
}

function almaRows(): AlmaRow[] {
  const [head, ...rows] = readKernelData(almaList).trim().split("\n");
  if (head !== "build\tminor\tcommit\tsyscall_files_sha256") throw new Error(`${almaList}: unexpected header ${head}`);
  return rows.map((line) => {
    const [build, minor, , hash] = line.split("\t");
    if (!build || !minor || !/^[0-9a-f]{64}$/.test(hash ?? "")) throw new Error(`${almaList}: malformed row ${line}`);
    return { build, minor, hash: hash as string };
  });
}

/** `<version>-<release>.el<M>[_<N>]`: the release's first number (`4.18.0-553.5.1.el8_10` → 553) and the major. */
function releaseOf(build: string): { major: number; release: number } {
  const m = /^\d+\.\d+\.\d+-(\d+)[.\d]*\.el(\d+)(?:_\d+)?$/.exec(build);
  if (m === null) throw new Error(`not a RHEL build: ${build}`);
  return { major: Number(m[2]), release: Number(m[1]) };
}

function majorOf(build: string): RhelMajor {
  const { major } = releaseOf(build);
  const row = rhelMajors.find((m) => m.major === major);
  if (row === undefined) throw new Error(`${build}: RHEL ${major} has no row in rhelMajors`);
  return row;
}

/** SHA-256 of a tree's syscall files as AlmaLinux's list computes it: `<path>\n<content>` in path order. */
function syscallFilesHash(files: ReadonlyMap<string, string>): string {
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) hash.update(`${path}\n`).update(files.get(path) as string);
  return hash.digest("hex");
}

/** Saved RHEL trees (directories under tables/x86_64) that are not one of `known`. */
function otherTrees(known: ReadonlySet<string>): string[] {
  return kernelDataDirs("tables/x86_64").filter((name) => /\.el\d+(_\d+)?$/.test(name) && !known.has(name));
}

/**
 * Every RHEL build the registry serves: the older trees and, per AlmaLinux minor, the build whose tree
 * kernel-data saved. Checks that the hash never changes within a minor and that each saved tree is its build's.
 */
export function rhelBuilds(): RhelBuildSpec[] {
  const rows = almaRows();
  const minors = [...new Set(rows.map((r) => r.minor))];
  const specs: RhelBuildSpec[] = olderBuilds.map(([name, minor]) => ({
    name,
    minor,
    major: majorOf(name),
    sameAs: [],
    agreeing: [],
    provenance: `the tree's Makefile names RHEL ${minor} (PROVENANCE.md)`,
    minorEvidence: `tables/*/${name}`,
  }));
  for (const minor of minors) {
    const ofMinor = rows.filter((r) => r.minor === minor);
    const hashes = new Set(ofMinor.map((r) => r.hash));
    if (hashes.size !== 1) throw new Error(`${almaList}: the builds of RHEL ${minor} differ in their syscall files`);
    const saved = ofMinor.filter((r) => kernelDataHas(`tables/x86_64/${r.build}`));
    if (saved.length !== 1) throw new Error(`RHEL ${minor}: expected one saved tree, found ${saved.length}`);
    const ga = saved[0] as AlmaRow;
    const releases = new Set(ofMinor.map((r) => releaseOf(r.build).release));
    if (releases.size !== 1) throw new Error(`${almaList}: RHEL ${minor}'s builds have different release numbers`);
    const tree = kernelTreeBundle(ga.build, hashedDirs).files;
    let provenance = `AlmaLinux's ${ga.build}: the saved files are all its syscall files (their hash is the list's)`;
    if (syscallFilesHash(tree) !== ga.hash) {
      const why = partialTrees[ga.build];
      if (why === undefined) throw new Error(`tables/*/${ga.build}: the files' hash is not ${almaList}'s`);
      provenance = why;
    }
    const sameAs = [...new Set(ofMinor.map((r) => r.build))].filter((b) => b !== ga.build);
    specs.push({
      name: ga.build,
      minor,
      major: majorOf(ga.build),
      sameAs,
      agreeing: [],
      provenance,
      minorEvidence: almaList,
    });
  }
  // Other saved trees of a served minor (wulmx's 4.18.0-348.2.1.el8, RHEL 8.5) must agree with its build.
  const minorTable = rhelMinors(specs);
  for (const tree of otherTrees(new Set(specs.map((s) => s.name)))) {
    const minor = minorOfRelease(minorTable, releaseOf(tree));
    const at = specs.findIndex((s) => s.minor === minor);
    if (at < 0) throw new Error(`tables/*/${tree}: RHEL ${minor ?? "?"} has no build in the registry`);
    const spec = specs[at] as RhelBuildSpec;
    specs[at] = { ...spec, agreeing: [...spec.agreeing, tree], sameAs: [...spec.sameAs, tree] };
  }
  return specs.sort((a, b) => compareMinor(a.minor, b.minor));
}

const majorOfMinor = (minor: string) => Number(minor.split(".")[0]);

function minorOfRelease(minors: readonly RhelMinor[], of: { major: number; release: number }): string | undefined {
  return minors
    .filter((m) => majorOfMinor(m.minor) === of.major && m.release <= of.release)
    .sort((a, b) => compareMinor(a.minor, b.minor))
    .pop()?.minor;
}

/**
 * Every minor's GA release number: scripts/registry/rhel-minors.tsv for minors without a saved tree,
 * the builds' own names for the rest; a minor in both must agree.
 */
export function rhelMinors(builds: readonly RhelBuildSpec[]): RhelMinor[] {
  const path = join(import.meta.dirname, "rhel-minors.tsv");
  const listed = new Map<string, RhelMinor>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [minor, release, source] = line.split("\t");
    if (!/^\d+\.\d+$/.test(minor ?? "") || !/^\d+$/.test(release ?? "") || source !== "insights-core")
      throw new Error(`rhel-minors.tsv: malformed line "${line}" (minor, release, source)`);
    listed.set(minor as string, {
      minor: minor as string,
      release: Number(release),
      evidence: "insights-core @ d6b1f61 insights/parsers/uname.py",
    });
  }
  const out = new Map(listed);
  for (const b of builds) {
    const { release } = releaseOf(b.name);
    const row = listed.get(b.minor);
    if (row !== undefined && row.release !== release)
      throw new Error(`rhel-minors.tsv: RHEL ${b.minor} is ${row.release}, but its build is ${b.name}`);
    const evidence = row === undefined ? b.minorEvidence : `${b.minorEvidence}; ${row.evidence}`;
    out.set(b.minor, { minor: b.minor, release, evidence });
  }
  return [...out.values()].sort((a, b) => compareMinor(a.minor, b.minor));
}

/**
 * A build's saved tree as the kernel lays it out (every arch Red Hat builds it for). 6.11+ trees make
 * asm-generic ports' headers from scripts/syscall.tbl with the ABIs of arch/<arch>/kernel/Makefile.syscalls,
 * which AlmaLinux's hash does not cover and kernel-data does not save for RHEL 10: vanilla's of the same
 * base is supplied and named in `supplied`.
 */
export function rhelTreeBundle(name: string): { bundle: HeaderBundle; supplied: string[] } {
  const base = majorOf(name).base;
  const bundle = kernelTreeBundle(name, hashedDirs);
  const files = new Map(bundle.files);
  const supplied: string[] = [];
  const makefile = "arch/arm64/kernel/Makefile.syscalls";
  if (files.has("scripts/syscall.tbl") && !files.has(makefile)) {
    files.set(makefile, readKernelData(`tables/arm64/${base}/Makefile.syscalls`));
    supplied.push(`arm64 reads scripts/syscall.tbl with vanilla ${base}'s ${makefile} (not saved for this build)`);
  }
  return { bundle: { origin: bundle.origin, files }, supplied };
}
