/**
 * Kernel specs → registry names: vanilla releases map to their series (`3.10.0` → `3.10`), distro
 * releases and aliases to the distro build (`centos7` → `3.10.0-1160.el7`).
 */
import { UnknownKernelError, UsageError, targets, type TargetName } from "@xsysgen/core";
import type { DistroBuild, RegistryData } from "./model.ts";
import { newestSeries, oldestSeries, seriesOfRelease } from "./series.ts";

/** A kernel as the registry resolved it from what the user typed (version, release or alias). */
export interface KernelRef {
  readonly kind: "vanilla" | "distro";
  /** Registry name: the series for vanilla (`3.10`), the kernel release for distros (`3.10.0-1160.el7`). */
  readonly name: string;
  /** Vanilla series (the base series for a distro build). */
  readonly series: string;
  /** Distro release, e.g. "RHEL 7.9". */
  readonly release?: string;
  /** The spec as the user wrote it. */
  readonly input: string;
  /** The arches a `uname -r` machine suffix allows (`.x86_64`: amd64 and its 386/x32 user space). */
  readonly machineTargets?: readonly TargetName[];
  /** Set when the spec named a build the registry maps to another one of its stream. */
  readonly note?: string;
}

const releasePattern = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;
const distroPattern = /^(\d+\.\d+(?:\.\d+)?)-([0-9][0-9A-Za-z._]*)$/;
// `uname -r` appends the machine to RHEL releases: 3.10.0-1160.el7.x86_64. A 64-bit kernel also
// runs its 32-bit user space (386 and x32 on x86_64, 32-bit ppc on ppc64).
// The rows give each machine (rhelMachine) and the 32-bit ABIs its kernel runs too (biarchHost).
const machineTargets: Readonly<Record<string, readonly TargetName[]>> = Object.fromEntries(
  targets.flatMap((t) =>
    t.rhelMachine === undefined
      ? []
      : [[t.rhelMachine, [t.name, ...targets.filter((c) => c.biarchHost === t.name).map((c) => c.name)]]],
  ),
);
const machineSuffix = new RegExp(`\\.(${Object.keys(machineTargets).join("|")})$`);

function findDistro(data: RegistryData, spec: string): DistroBuild | undefined {
  const key = spec.toLowerCase().replace(machineSuffix, "");
  return data.distros.find((d) => d.name === key || d.aliases.includes(key));
}

/** `<version>-<build>.el<N>`: a RHEL release of one stream (same version and el major), e.g. 3.10.0-1160.99.1.el7. */
const rhelPattern = /^(\d+\.\d+\.\d+)-(\d+(?:\.\d+)*)\.(el\d+)(?:_\d+)?$/;

const buildNumber = (b: string) => b.split(".").map(Number);
function compareBuild(a: string, b: string): number {
  const x = buildNumber(a);
  const y = buildNumber(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A build the registry does not hold, mapped to the nearest known build of its stream: the newest
 * known one not after it (errata of 1160 keep 1160's syscalls), else the oldest after it.
 */
function nearestBuild(data: RegistryData, key: string): { build: DistroBuild; exact: boolean } | undefined {
  const m = rhelPattern.exec(key);
  if (m === null) return undefined;
  const [, version, number, el] = m as unknown as [string, string, string, string];
  const stream = data.distros
    .map((d) => ({ d, m: rhelPattern.exec(d.name) }))
    .filter((x): x is { d: DistroBuild; m: RegExpExecArray } => x.m !== null && x.m[1] === version && x.m[3] === el)
    .sort((a, b) => compareBuild(a.m[2] as string, b.m[2] as string));
  if (stream.length === 0) return undefined;
  const before = stream.filter((x) => compareBuild(x.m[2] as string, number) <= 0).pop();
  const chosen = before ?? stream[0];
  return chosen === undefined ? undefined : { build: chosen.d, exact: false };
}

export function resolveKernelIn(data: RegistryData, spec: string): KernelRef {
  const input = spec;
  const trimmed = spec.trim();
  if (trimmed === "") throw new UsageError("kernel version is empty: expected e.g. 3.10.0, 6.1 or centos7");
  const machine = machineSuffix.exec(trimmed.toLowerCase())?.[1];
  const allowed = machine === undefined ? {} : { machineTargets: machineTargets[machine] as readonly TargetName[] };
  const distro = findDistro(data, trimmed);
  if (distro !== undefined) {
    return { kind: "distro", name: distro.name, series: distro.base, release: distro.release, input, ...allowed };
  }
  const key = trimmed.toLowerCase().replace(machineSuffix, "");
  const near = nearestBuild(data, key);
  if (near !== undefined) {
    const d = near.build;
    const note =
      `kernel ${key} is not in the registry; using ${d.name} (${d.release}), the nearest known build of the ` +
      "same stream (errata keep their build's syscalls; other builds may differ by backports)";
    return { kind: "distro", name: d.name, series: d.base, release: d.release, input, ...allowed, note };
  }
  const m = releasePattern.exec(trimmed);
  if (m !== null) {
    const parts = m
      .slice(1)
      .filter((p): p is string => p !== undefined)
      .map(Number);
    const series = seriesOfRelease(parts);
    if (series === undefined) {
      throw new UnknownKernelError(
        `unknown kernel ${trimmed}: expected a vanilla release from ${oldestSeries} to ${newestSeries} (x.y or x.y.z)`,
      );
    }
    return { kind: "vanilla", name: series, series, input };
  }
  if (distroPattern.test(trimmed)) {
    const known = data.distros.map((d) => d.name).join(", ");
    throw new UnknownKernelError(`unknown distro kernel ${trimmed}: known builds are ${known}`);
  }
  if (/^[a-z]+[0-9.]*$/i.test(trimmed)) {
    const aliases = data.distros.flatMap((d) => d.aliases).join(", ");
    throw new UnknownKernelError(`unknown kernel alias ${trimmed}: known aliases are ${aliases}`);
  }
  throw new UsageError(
    `malformed kernel version "${trimmed}": ` +
      "expected x.y[.z] (e.g. 3.10.0), a distro release (3.10.0-1160.el7) or an alias (centos7)",
  );
}
