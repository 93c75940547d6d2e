/**
 * The Debian header packages the registry reads as real-header snapshots, per suite: bookworm (6.1,
 * the original set under headers/debian-6.1), bullseye (5.10) and trixie (6.12), the last two fetched
 * by fetch-debian.ts into headers/debian-<suite>-<series>/<package>_<version>_<arch>/. Each package
 * serves the targets listed (an amd64 package's x86_64-linux-gnu/asm/unistd.h serves amd64 only;
 * trixie's linux-libc-dev is Architecture: all and carries every release arch's asm/ directory).
 */
import { debianCrossPackage, findTarget, type Target, type TargetName } from "../../packages/core/src/index.ts";

export interface DebianPackage {
  readonly name: string;
  readonly version: string;
  /** Debian `Architecture:` of the .deb (`all` for the -cross packages). */
  readonly arch: string;
  readonly targets: readonly TargetName[];
}

export interface DebianSuite {
  readonly suite: string;
  /** The kernel series of the packages' headers (their linux/version.h is checked by the builder). */
  readonly series: string;
  /** Under .cache/registry/debian/ (fetch-debian.ts). */
  readonly dir: string;
  /** Whether fetch-debian.ts fetches it (bookworm's set predates it and was copied from .cache/debian). */
  readonly fetched: boolean;
  readonly packages: readonly DebianPackage[];
}

/** A target's `linux-libc-dev-<debianArch>-cross` package (the targets table names it) at `version`. */
const cross = (target: TargetName, version: string): DebianPackage => ({
  name: debianCrossPackage(findTarget(target) as Target),
  version,
  arch: "all",
  targets: [target],
});

/** Targets whose -cross package every suite has (MIPS builds its own versions; loong64 came with trixie). */
const crossTargets: readonly TargetName[] = [
  "386",
  "x32",
  "arm",
  "arm64",
  "ppc",
  "ppc64",
  "ppc64le",
  "riscv64",
  "s390x",
  "sparc64",
];
const mipsTargets: readonly TargetName[] = ["mips", "mipsle", "mips64", "mips64le"];

export const debianSuites: readonly DebianSuite[] = [
  {
    suite: "bookworm",
    series: "6.1",
    dir: "debian-6.1",
    fetched: true,
    packages: [
      { name: "linux-libc-dev", version: "6.1.176-1", arch: "amd64", targets: ["amd64"] },
      ...crossTargets.map((t) => cross(t, "6.1.4-1cross1")),
      ...mipsTargets.map((t) => cross(t, "6.1.8-1cross2")),
    ],
  },
  {
    suite: "bullseye",
    series: "5.10",
    dir: "debian-bullseye-5.10",
    fetched: true,
    packages: [
      { name: "linux-libc-dev", version: "5.10.223-1", arch: "amd64", targets: ["amd64"] },
      ...crossTargets.map((t) => cross(t, "5.10.13-1cross4")),
      ...mipsTargets.map((t) => cross(t, "5.10.28-1cross1")),
    ],
  },
  {
    suite: "trixie",
    series: "6.12",
    dir: "debian-trixie-6.12",
    fetched: true,
    packages: [
      // Architecture: all: every kernel arch's uapi asm/ under usr/lib/linux/uapi/<arch>/, and
      // usr/include/<triplet>/asm/ symlinks into it for every Debian arch (kept as copies).
      {
        name: "linux-libc-dev",
        version: "6.12.117-1",
        arch: "all",
        targets: [
          "amd64",
          "386",
          "x32",
          "arm",
          "arm64",
          "loong64",
          "mips",
          "mipsle",
          "mips64",
          "mips64le",
          "ppc",
          "ppc64",
          "ppc64le",
          "riscv64",
          "s390x",
          "sparc64",
        ],
      },
      ...crossTargets.map((t) => cross(t, "6.12.38-1cross1")),
      ...mipsTargets.map((t) => cross(t, "6.12.8-1cross1")),
      cross("loong64", "6.12.38-1cross1"),
    ],
  },
];

/** `<package>_<version>_<arch>`, the directory a package's headers are kept in (epochs: none here). */
export const packageDir = (p: DebianPackage): string => `${p.name}_${p.version}_${p.arch}`;
