/**
 * Kernel specs → registry names, the way people name a build target: a vanilla release (`3.10.0` → the
 * 3.10 series), a RHEL-family `uname -r` or NVR, a name (`centos7`, `rhel8.10`, `rocky9`), or any other
 * distro's `uname -r` (its vanilla x.y). Whenever the table used is not exactly the kernel named — a stable
 * update's series, a RHEL minor's build, the nearest build before it, a vanilla base — `note` says so in
 * one line.
 */
import { UnknownKernelError, UsageError, targets, type Target, type TargetName } from "@xsysgen/core";
import type { RegistryData } from "./model.ts";
import { parseRhelAlias, parseRhelNvr, resolveRhelAlias, resolveRhelNvr } from "./rhel.ts";
import { newestSeries, oldestSeries, seriesOfRelease } from "./series.ts";
import { vendorOf } from "./vendors.ts";

/** A kernel as the registry resolved it from what the user typed (version, release or name). */
export interface KernelRef {
  readonly kind: "vanilla" | "distro";
  /** Registry name: the series for vanilla (`3.10`), the kernel release for distro builds (`3.10.0-1160.el7`). */
  readonly name: string;
  /** Vanilla series (the base series for a distro build). */
  readonly series: string;
  /** Distro release, e.g. "RHEL 7.9". */
  readonly release?: string;
  /** The spec as the user wrote it. */
  readonly input: string;
  /**
   * The arches the kernel named runs, when the spec says: a machine suffix (`.x86_64`: amd64 and its 386
   * compat user space), a Debian flavour (`-arm64`), the machine of `host`, or the arches Red Hat builds
   * when a RHEL kernel is answered with its vanilla base.
   */
  readonly machineTargets?: readonly TargetName[];
  /** One line saying what the table stands in for when it is not exactly the kernel named. */
  readonly note?: string;
}

/** How the caller knows more than the spec: `uname -m` of the machine (`--kernel host`), and how to name it. */
export interface ResolveOptions {
  readonly machine?: string;
  /** How notes name the kernel (`host kernel 6.1.0-13-amd64`); the spec itself by default. */
  readonly label?: string;
}

interface Machine {
  readonly word: string;
  readonly target: Target;
  /** The target and the ABIs its kernels also run (386 on amd64: `compatHost`), in the targets table's order. */
  readonly targets: readonly TargetName[];
}

function machineFor(word: string, target: Target): Machine {
  const runs = targets.filter((t) => t.name === target.name || t.compatHost === target.name).map((t) => t.name);
  return { word, target, targets: runs };
}

/** `x86_64`, `aarch64`, `i686`, `ppc64le`, `s390x`, `armv7hl`, … (uname -m and RPM arches) → the target. */
function machineOf(word: string): Machine | undefined {
  const w = word.toLowerCase();
  // A bare number is no machine (`.386` would read a release's last number as i386).
  const target = targets.find(
    (t) => t.rhelMachine === w || t.aliases.includes(w) || (t.name === w && !/^\d+$/.test(w)),
  );
  return target === undefined ? undefined : machineFor(w, target);
}

const releasePattern = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;
/** A vendor's release: `x.y[.z[.w]]` then anything after a `-`, `+`, `_` or `~`. */
const vendorPattern = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?([-+_~][0-9a-z._+~-]*)$/;

function vanillaSeries(parts: readonly (string | undefined)[], input: string): string {
  const numbers = parts.filter((p): p is string => p !== undefined).map(Number);
  const series = seriesOfRelease(numbers);
  if (series === undefined)
    throw new UnknownKernelError(
      `unknown kernel ${input}: expected a vanilla release from ${oldestSeries} to ${newestSeries} (x.y or x.y.z)`,
    );
  return series;
}

/** Whether `version` (`3.10.99`, `2.6.32.5`) names a stable update of `series` rather than the release. */
function isStableUpdate(version: string, series: string): boolean {
  return version.startsWith(`${series}.`) && !/^0+$/.test(version.slice(series.length + 1));
}

function stableNote(shown: string, version: string, series: string): string | undefined {
  return isStableUpdate(version, series)
    ? `kernel ${shown} uses the registry's ${series} table (one table per series; stable updates add no syscalls)`
    : undefined;
}

export function resolveKernelIn(data: RegistryData, spec: string, options: ResolveOptions = {}): KernelRef {
  const input = spec;
  const trimmed = spec.trim();
  if (trimmed === "") throw new UsageError("kernel version is empty: expected e.g. 3.10.0, 6.1, centos7 or host");
  const lower = trimmed.toLowerCase();
  const shown = options.label ?? trimmed;
  const given = options.machine === undefined ? undefined : machineOf(options.machine);
  if (options.machine !== undefined && given === undefined)
    throw new UsageError(`unknown machine ${options.machine}: xsysgen --help lists the arch names it takes`);

  const alias = parseRhelAlias(data, lower);
  if (alias !== undefined) return { ...resolveRhelAlias(data, alias, lower), input };

  const vanilla = releasePattern.exec(trimmed);
  if (vanilla !== null) {
    const series = vanillaSeries(vanilla.slice(1), trimmed);
    const note = stableNote(shown, trimmed.replace(/^v/, ""), series);
    const machine = given === undefined ? {} : { machineTargets: given.targets };
    return { kind: "vanilla", name: series, series, input, ...machine, ...(note === undefined ? {} : { note }) };
  }

  // `uname -r` appends the machine to RPM-built kernels (3.10.0-1160.el7.x86_64, 6.5.6-300.fc39.aarch64).
  const dot = lower.lastIndexOf(".");
  const suffixMachine = dot < 0 ? undefined : machineOf(lower.slice(dot + 1));
  const key = suffixMachine === undefined ? lower : lower.slice(0, dot);
  const machine = suffixMachine ?? given;

  const nvr = parseRhelNvr(key);
  if (nvr !== undefined) {
    return { ...resolveRhelNvr(data, nvr, machine, options.label ?? `kernel ${trimmed}`), input };
  }

  if (/-rc\d+$/.test(key))
    throw new UsageError(
      `kernel ${trimmed} is a release candidate: the registry has released kernels only (x.y[.z]); ` +
        "use --headers with its headers",
    );
  const m = vendorPattern.exec(key);
  if (m !== null) {
    const version = [m[1], m[2], m[3], m[4]].filter((p) => p !== undefined).join(".");
    const series = vanillaSeries([m[1], m[2], m[3], m[4]], trimmed);
    const vendor = vendorOf(m[5] as string);
    const named = targets.find((t) => t.name === vendor?.targets?.[0]);
    const flavour = named === undefined ? undefined : machineFor(named.name, named);
    const allowed = (machine ?? flavour)?.targets;
    const what = options.label ?? `kernel ${trimmed}`;
    const who = vendor === undefined ? " is no distro kernel the registry knows" : ` (${vendor.vendor})`;
    const stable = isStableUpdate(version, series) ? `, and stable updates (${version}) add no syscalls` : "";
    const note =
      `${what}${who}: using vanilla Linux ${series}'s table; ` + `its backports are not known to the registry${stable}`;
    return {
      kind: "vanilla",
      name: series,
      series,
      input,
      ...(allowed === undefined ? {} : { machineTargets: allowed }),
      note,
    };
  }
  if (/^[a-z][a-z-]*[0-9.]*$/.test(lower)) {
    throw new UnknownKernelError(
      `unknown kernel name ${trimmed}: expected rhel, centos, centos-stream, rocky, alma or ol with a RHEL ` +
        "major (rhel8, rocky9.4), or host",
    );
  }
  throw new UsageError(
    `malformed kernel version "${trimmed}": expected x.y[.z] (e.g. 3.10.0), a uname -r ` +
      "(3.10.0-1160.el7.x86_64, 5.15.0-91-generic) or a name (centos7, rhel8.10, host)",
  );
}
