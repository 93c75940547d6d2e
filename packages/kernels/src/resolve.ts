/**
 * Kernel specs → registry names: vanilla releases map to their series (`3.10.0` → `3.10`), distro
 * releases and aliases to the distro build (`centos7` → `3.10.0-1160.el7`).
 */
import { UnknownKernelError, UsageError } from "@xsysgen/parser";
import type { DistroBuild, RegistryData } from "./model.ts";
import { newestSeries, oldestSeries, seriesOfRelease } from "./series.ts";

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
}

const releasePattern = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;
const distroPattern = /^(\d+\.\d+(?:\.\d+)?)-([0-9][0-9A-Za-z._]*)$/;
// `uname -r` appends the machine to RHEL releases: 3.10.0-1160.el7.x86_64.
const machineSuffix = /\.(x86_64|i686|aarch64|ppc64le|s390x)$/;

export function findDistro(data: RegistryData, spec: string): DistroBuild | undefined {
  const key = spec.toLowerCase().replace(machineSuffix, "");
  return data.distros.find((d) => d.name === key || d.aliases.includes(key));
}

export function resolveKernelIn(data: RegistryData, spec: string): KernelRef {
  const input = spec;
  const trimmed = spec.trim();
  if (trimmed === "") throw new UsageError("kernel version is empty: expected e.g. 3.10.0, 6.1 or centos7");
  const distro = findDistro(data, trimmed);
  if (distro !== undefined) {
    return { kind: "distro", name: distro.name, series: distro.base, release: distro.release, input };
  }
  const m = releasePattern.exec(trimmed);
  if (m !== null) {
    const parts = m.slice(1).filter((p): p is string => p !== undefined).map(Number);
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
  throw new UsageError(`malformed kernel version "${trimmed}": expected x.y[.z] (e.g. 3.10.0), a distro release (3.10.0-1160.el7) or an alias (centos7)`);
}
