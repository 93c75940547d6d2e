/**
 * Turns loaded sources into the files `gen` (and `apply`) write: pure, so an error in any
 * arch leaves nothing half-written.
 */
import { findTarget, zsysnumFileName, type TargetName } from "@xsysgen/core";
import {
  mergeForPatch,
  missingSyscalls,
  patchedEra,
  renderAsmUnistdWrapper,
  renderFallbackHeader,
  renderSyscallsJson,
  renderZsysnumGo,
  type FallbackArch,
  type HeaderEra,
  type SyscallsJsonArch,
} from "@xsysgen/generator";
import { sinceLabel } from "./since.ts";
import type { LoadedSource } from "./sources.ts";

export interface LikeFile {
  readonly era: HeaderEra;
  readonly goarch: TargetName;
  readonly constants: readonly { name: string; number: number }[];
}

export interface PatchOptions {
  readonly command: string;
  readonly like: LikeFile | undefined;
  readonly prefer: "target" | "reference" | undefined;
  /** Per-goarch era and constants of the x/sys files being replaced (apply). */
  readonly replaced?: ReadonlyMap<string, { era: HeaderEra; constants: readonly { name: string; number: number }[] }>;
}

export function renderPatchedFiles(
  target: LoadedSource,
  reference: LoadedSource,
  options: PatchOptions,
): Map<string, string> {
  const files = new Map<string, string>();
  const fallbackArches: FallbackArch[] = [];
  const jsonArches: SyscallsJsonArch[] = [];
  for (const [name, table] of target.tables) {
    const row = findTarget(name);
    const refTable = reference.tables.get(name);
    if (row === undefined || refTable === undefined) continue;
    const sinceOf = (syscall: string) => sinceLabel(syscall, name);
    const replaced = row.goarch === undefined ? undefined : options.replaced?.get(row.goarch);
    const likeHere = options.like !== undefined && options.like.goarch === name ? options.like : undefined;
    const keep = replaced?.constants ?? likeHere?.constants;
    // Replacing x/sys's own file (apply, --like) keeps its era; a file of its own points nowhere else.
    const era = replaced?.era ?? options.like?.era ?? patchedEra;
    if (row.goarch !== undefined) {
      const merged = mergeForPatch(table, refTable, {
        ...(options.prefer === undefined ? {} : { prefer: options.prefer }),
        ...(keep === undefined ? {} : { keep }),
        sinceOf,
        targetLabel: target.label,
      });
      files.set(
        zsysnumFileName(row.goarch),
        renderZsysnumGo(merged.table, {
          command: options.command,
          annotations: merged.annotations,
          // Only the replaced file's header lines are kept: a patched file prints every constant
          // today's x/sys prints, riscv's SYS_RISCV_FLUSH_ICACHE = (__NR_arch_specific_syscall + 15)
          // too, which mksysnum before x/sys v0.11.0 skipped (the default era reads it).
          era: { ...era, archSpecificOffsets: true },
        }),
      );
    }
    // x32 has no Go file, and the fallback header only defines names the target lacks, so a
    // number that moved between kernels (x32 io_setup: 206|X32 in 3.10, 543 from 4.18) cannot
    // reach any output there: keep the target's number rather than refuse the whole run.
    const prefer = options.prefer ?? (row.goarch === undefined ? "target" : undefined);
    const missing = missingSyscalls(table, refTable, prefer === undefined ? {} : { prefer }).map((m) => {
      const since = sinceOf(m.name);
      return since === undefined ? { ...m } : { ...m, since };
    });
    fallbackArches.push({ target: name, missing });
    jsonArches.push({ target: name, table, reference: refTable, sinceOf, ...(prefer === undefined ? {} : { prefer }) });
  }
  const fallbackInput = {
    command: options.command,
    targetLabel: target.label,
    referenceLabel: reference.label,
    arches: fallbackArches,
  };
  files.set("syscall_fallback.h", renderFallbackHeader(fallbackInput));
  files.set("include/asm/unistd.h", renderAsmUnistdWrapper(fallbackInput));
  files.set(
    "syscalls.json",
    renderSyscallsJson({
      command: options.command,
      targetLabel: target.label,
      referenceLabel: reference.label,
      arches: jsonArches,
      ...(options.prefer === undefined ? {} : { prefer: options.prefer }),
    }),
  );
  return files;
}
