/** The `kernel` field of every verb's result that takes a `kernel`: how the registry resolved it. */
import type { TargetName } from "@xsysgen/core";
import type { KernelRef } from "@xsysgen/kernels";

/** How a `kernel` option resolved: the registry's table that stands for it and, when not exactly it, why. */
export interface KernelJson {
  /** The spec resolved (for `host`: that machine's `uname -r`). */
  readonly input: string;
  readonly kind: "vanilla" | "distro";
  /** The registry's kernel: a vanilla series (`6.1`) or a RHEL build (`4.18.0-553.5.1.el8_10`). */
  readonly name: string;
  /** Its vanilla series (a RHEL build's base). */
  readonly series: string;
  /** The RHEL release (`RHEL 8.10`); null for vanilla. */
  readonly release: string | null;
  /** The arches the spec limits to (a machine suffix, a Debian flavour, host's `uname -m`); null for none. */
  readonly machineArches: readonly TargetName[] | null;
  /** What the table stands in for when it is not exactly the kernel named; null when exact. */
  readonly note: string | null;
}

/** A source's `kernel` field: null for headers. */
export function kernelJson(source: { readonly kernel?: KernelRef | undefined }): KernelJson | null {
  const k = source.kernel;
  if (k === undefined) return null;
  return {
    input: k.input,
    kind: k.kind,
    name: k.name,
    series: k.series,
    release: k.release ?? null,
    machineArches: k.machineTargets ?? null,
    note: k.note ?? null,
  };
}
