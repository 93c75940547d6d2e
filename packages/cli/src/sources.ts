/**
 * Where tables come from: the embedded registry (`--kernel 3.10.0`, `centos7`) or real headers
 * (`--headers <dir|file|archive>`). Both give one SyscallTable per served target, so every
 * command treats them alike.
 */
import { existsSync } from "node:fs";
import { UnknownKernelError, UsageError, targets, type SyscallTable, type TargetName } from "@xsysgen/parser";
import { getTable, listKernels, newestKernel, resolveKernel } from "@xsysgen/kernels";
import { note } from "./notes.ts";
import { portablePath } from "./regenerate.ts";

export type SourceSpec = { readonly kind: "kernel"; readonly version: string } | { readonly kind: "headers"; readonly path: string };

export interface LoadedSource {
  readonly spec: SourceSpec;
  /** How messages and generated comments name it: the kernel release or the input's base name. */
  readonly label: string;
  readonly kernelVersion: string | undefined;
  readonly served: readonly TargetName[];
  readonly tables: ReadonlyMap<TargetName, SyscallTable>;
}

/** A diff side: an existing path is headers, anything else a kernel version or alias. */
export function sourceSpecFromWord(word: string): SourceSpec {
  return existsSync(word) ? { kind: "headers", path: word } : { kind: "kernel", version: word };
}

export function sourceSpecFromFlags(kernel: string | undefined, headers: string | undefined, command: string): SourceSpec {
  if (kernel !== undefined && headers !== undefined) throw new UsageError(`${command}: give --kernel or --headers, not both`);
  if (kernel !== undefined) return { kind: "kernel", version: kernel };
  if (headers !== undefined) return { kind: "headers", path: headers };
  throw new UsageError(`${command}: --kernel <version|alias> or --headers <path> is required`);
}

/**
 * Loads the tables for `wanted` targets ("all" or undefined = every target the source serves).
 * Asking for a target the source cannot serve is an error naming the source.
 */
export async function loadSource(spec: SourceSpec, wanted: readonly TargetName[] | "all" | undefined): Promise<LoadedSource> {
  if (spec.kind === "headers") {
    // Loaded here, not at start-up: registry-only commands never need the reader or tree-sitter.
    const [{ readHeaderBundle }, { parseBundle, cParserReady }] = await Promise.all([import("@xsysgen/reader"), import("@xsysgen/parser")]);
    // The C grammar's wasm compiles while the input streams in (a decompressor does most of that work).
    const [bundle] = await Promise.all([readHeaderBundle(spec.path), cParserReady()]);
    const explicit = wanted === undefined || wanted === "all" ? undefined : wanted;
    const parsed = await parseBundle(bundle, explicit === undefined ? {} : { targets: explicit });
    const tables = new Map(parsed.tables.map((t) => [t.target, t] as const));
    const label = parsed.kernelVersion ?? portablePath(spec.path);
    return { spec, label, kernelVersion: parsed.kernelVersion, served: [...tables.keys()], tables };
  }
  const kernel = resolveKernel(spec.version);
  noteStableRelease(spec.version, kernel.kind === "vanilla" ? kernel.series : undefined);
  const tables = new Map<TargetName, SyscallTable>();
  const candidates = wanted === undefined || wanted === "all" ? targets.map((t) => t.name) : wanted;
  for (const target of candidates) {
    try {
      tables.set(target, getTable(spec.version, target));
    } catch (error) {
      if (!(error instanceof UnknownKernelError)) throw error;
      // An explicit arch the registry cannot pin down is an error; "all" means "all it can".
      if (wanted !== undefined && wanted !== "all") throw error;
    }
  }
  if (tables.size === 0) throw new UnknownKernelError(`kernel ${spec.version}: the registry has no table for any requested arch`);
  return { spec, label: kernel.name, kernelVersion: kernel.name, served: [...tables.keys()], tables };
}

/**
 * The reference a patch is made against: `--reference` when given, else per target the newest
 * series the registry can produce for it (7.1 for x86 and arm64; for arches whose newest real
 * data is older, that series — never a guess).
 */
export async function loadReference(word: string | undefined, needed: readonly TargetName[]): Promise<LoadedSource> {
  if (word !== undefined) return loadSource(sourceSpecFromWord(word), "all");
  const listing = listKernels();
  const tables = new Map<TargetName, SyscallTable>();
  const series = new Set<string>();
  for (const target of needed) {
    const newest = [...listing.vanilla].reverse().find((v) => v.targets.includes(target));
    if (newest === undefined) continue;
    tables.set(target, getTable(newest.series, target));
    series.add(newest.series);
  }
  const label = [...series].join("/") || newestKernel;
  return { spec: { kind: "kernel", version: label }, label, kernelVersion: label, served: [...tables.keys()], tables };
}

/**
 * The registry keeps one table per x.y series: syscalls arrive in mainline x.y releases, and
 * stable updates (x.y.z) do not add them. Any x.y.z with z ≠ 0 therefore reads the x.y table,
 * and says so, because the registry cannot tell a real release (3.10.108, the last 3.10.y) from
 * one that never existed (3.10.99).
 */
function noteStableRelease(word: string, series: string | undefined): void {
  const version = word.trim();
  // 2.6 kernels number their series with three parts (2.6.32) and stable updates with four.
  if (series === undefined || !version.startsWith(`${series}.`) || /^0+$/.test(version.slice(series.length + 1))) return;
  note(`kernel ${version} uses the registry's ${series} table (one table per series; stable updates add no syscalls)`);
}
