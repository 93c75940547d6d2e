/**
 * `show` and `kernels`: one syscall across arches and RHEL builds, and what the embedded registry
 * covers — narrowed, like the commands, to a kernel as `kernel` takes it, a RHEL family or major, or
 * arches.
 */
import { UsageError, XsysgenError, type TargetName } from "@xsysgen/core";
import { listKernels, resolveKernel, showSyscall, type KernelListing, type ShowResult } from "@xsysgen/kernels";
import { kernelJson, type KernelJson } from "./kernel-json.ts";
import { resolveArches, type ArchSpec } from "./options.ts";
import { SCHEMA_VERSION } from "./schema-version.ts";

/** Options of {@link show}. */
export interface ShowOptions {
  /** Only these arches (names or aliases, or `all`). */
  readonly arch?: ArchSpec;
}

/** What {@link show} returns: `show --json`'s document. */
export type ShowDocument = { readonly schemaVersion: typeof SCHEMA_VERSION } & ShowResult;

/**
 * `xsysgen show` as one call: a syscall by name (`statx`, `SYS_STATX`, `__NR_statx`, any case) or
 * number, with its number, first kernel and evidence per arch, and which RHEL builds have it.
 */
export function show(syscall: string, options: ShowOptions = {}): ShowDocument {
  const arches = resolveArches(options.arch);
  return { schemaVersion: SCHEMA_VERSION, ...showSyscall(syscall, arches === "all" ? undefined : arches) };
}

/** Options of {@link kernels}. */
export interface KernelsOptions {
  /**
   * Only this: a kernel as `kernel` takes it (`3.10`, `centos7` as a family, a `uname -r`: what it resolves
   * to), or a RHEL family or major (`rhel`, `rocky9`, `centos-stream`).
   */
  readonly filter?: string;
  /** Only what covers these arches (names or aliases, or `all`). */
  readonly arch?: ArchSpec;
}

/** What {@link kernels} returns: `kernels --json`'s document. */
export type KernelsDocument = { readonly schemaVersion: typeof SCHEMA_VERSION } & KernelListing & {
    /** What a kernel filter resolved to; null without one, or for a family. */
    readonly resolved: KernelJson | null;
  };

/** A RHEL family name without a minor: its builds (`rhel`, `rocky9`, `centos-stream9`, `ol`). */
const familyPattern = /^(rhel|centos-stream|centos|rocky|alma|almalinux|ol|oracle)(\d+)?$/;

/** `xsysgen kernels` as one call: the vanilla releases and RHEL builds the registry has, narrowed as asked. */
export function kernels(options: KernelsOptions = {}): KernelsDocument {
  const listing = listKernels();
  const asked = resolveArches(options.arch);
  let vanilla = listing.vanilla;
  let distros = listing.distros;
  let resolved: ReturnType<typeof resolveKernel> | undefined;
  const filter = options.filter;
  if (filter !== undefined) {
    const family = familyPattern.exec(filter.trim().toLowerCase());
    if (family !== null) {
      const major = family[2];
      vanilla = [];
      distros = distros.filter((d) => major === undefined || d.minor.split(".")[0] === major);
    } else {
      try {
        resolved = resolveKernel(filter);
      } catch (error) {
        if (!(error instanceof XsysgenError)) throw error;
        throw new UsageError(
          `kernels: ${filter} names no kernel or distro the registry knows (${error.message}); ` +
            "expected a release (3.10), a kernel as --kernel takes it, or a family (rhel, rocky9)",
        );
      }
      const ref = resolved;
      vanilla = ref.kind === "vanilla" ? vanilla.filter((v) => v.series === ref.series) : [];
      distros = distros.filter((d) => (ref.kind === "distro" ? d.name === ref.name : d.base === ref.series));
    }
  }
  // A machine the kernel names (`.ppc64le`, Debian's `-arm64`) narrows the arches as `arch` would.
  const only = asked === "all" ? undefined : (asked ?? resolved?.machineTargets);
  if (only !== undefined) {
    const keep = (ts: readonly TargetName[]) => ts.filter((t) => only.includes(t));
    vanilla = vanilla
      .map((v) => ({
        ...v,
        targets: keep(v.targets),
        snapshotOf: keep(v.snapshotOf),
        derived: keep(v.derived),
        uncertain: v.uncertain.filter((u) => only.includes(u.target)),
      }))
      .filter((v) => v.targets.length > 0);
    distros = distros
      .filter((d) => keep(d.targets).length > 0)
      .map((d) => ({ ...d, targets: keep(d.targets), builtFor: keep(d.builtFor) }));
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    ...listing,
    vanilla,
    distros,
    resolved: resolved === undefined ? null : kernelJson({ kernel: resolved }),
  };
}
