/**
 * The Debian header packages the registry reads as real-header snapshots: the `debian` rows of inputs.tsv
 * (`<suite>/<package>:<arch>`), grouped per suite and series, fetched by fetch-debian.ts into
 * .cache/registry/debian/debian-<suite>-<series>/<package>_<version>_<arch>/. A package serves the targets its
 * name says: a `linux-libc-dev-<debian arch>-cross` package its target, an amd64 `linux-libc-dev` amd64 (its
 * x86_64-linux-gnu/asm/unistd.h), an Architecture: all `linux-libc-dev` (trixie on) every target (every kernel
 * arch's uapi asm/ under usr/lib/linux/uapi/<arch>/).
 */
import { debianCrossPackage, targets, type TargetName } from "../../packages/core/src/index.ts";
import { inputRows } from "./input-table.ts";

export interface DebianPackage {
  readonly name: string;
  readonly version: string;
  /** Debian `Architecture:` of the .deb (`all` for the -cross packages). */
  readonly arch: string;
  readonly targets: readonly TargetName[];
  /** sha256 of the .deb (inputs.tsv), which the suite's index must give too. */
  readonly sha256: string;
}

export interface DebianSuite {
  readonly suite: string;
  /** The kernel series of the packages' headers (their linux/version.h is checked by the builder). */
  readonly series: string;
  /** Under .cache/registry/debian/. */
  readonly dir: string;
  readonly packages: readonly DebianPackage[];
}

function servedBy(name: string, arch: string): TargetName[] {
  if (name === "linux-libc-dev") {
    if (arch === "all") return targets.map((t) => t.name);
    const t = targets.find((x) => x.debianArch === arch);
    if (t === undefined) throw new Error(`inputs.tsv: no target has Debian architecture ${arch}`);
    return [t.name];
  }
  const t = targets.find((x) => x.debianArch !== undefined && debianCrossPackage(x) === name);
  if (t === undefined) throw new Error(`inputs.tsv: ${name} is no linux-libc-dev or -cross package of a target`);
  return [t.name];
}

function suitesOf(): DebianSuite[] {
  const out: DebianSuite[] = [];
  for (const row of inputRows("debian")) {
    const m = /^([a-z-]+)\/([a-z0-9.+-]+):([a-z0-9]+)$/.exec(row.name);
    if (m === null || row.series === undefined)
      throw new Error(`inputs.tsv: debian row ${row.name} is not <suite>/<package>:<arch> with a series`);
    const [, suite, name, arch] = m as unknown as [string, string, string, string];
    let s = out.find((x) => x.suite === suite && x.series === row.series);
    if (s === undefined) {
      s = { suite, series: row.series, dir: `debian-${suite}-${row.series}`, packages: [] };
      out.push(s);
    }
    (s.packages as DebianPackage[]).push({
      name,
      version: row.version,
      arch,
      targets: servedBy(name, arch),
      sha256: row.pin,
    });
  }
  return out;
}

export const debianSuites: readonly DebianSuite[] = suitesOf();

/** `<package>_<version>_<arch>`, the directory a package's headers are kept in (epochs: none here). */
export const packageDir = (p: DebianPackage): string => `${p.name}_${p.version}_${p.arch}`;
