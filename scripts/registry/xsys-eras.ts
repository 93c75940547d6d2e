/**
 * Header-form eras of an asm-generic port, for matching x/sys constants to real-header facts.
 * FACTS.md: from 6.11 arm64, riscv and loongarch headers are generated from scripts/syscall.tbl, so
 * the same slot is spelled two ways: `#define __NR3264_fcntl 25` + `__NR_fcntl` before, a plain
 * `#define __NR_fcntl 25` after; riscv's `(__NR_arch_specific_syscall + 15)` becomes
 * `__NR_riscv_flush_icache 259`. mksysnum prints `SYS_FCNTL = 25` for both, so an x/sys file of one
 * era must only be matched to the facts real headers of that era give.
 */
import { compareSeries } from "../../packages/kernels/src/series.ts";
import type { Fact } from "./records.ts";

export type Era = "headers" | "tbl";

/** The first series whose asm-generic port headers come from scripts/syscall.tbl. */
export const tblSwitch = "6.11";

export const eraOf = (series: string): Era => (compareSeries(series, tblSwitch) >= 0 ? "tbl" : "headers");

/**
 * asm-generic/unistd.h: `#define __NR_arch_specific_syscall 244`, then `__NR_wait4 260`: 244..259
 * belong to the port, which spells them `(__NR_arch_specific_syscall + N)` in its own wrapper.
 */
const archSpecificRange = [244, 259] as const;

/** Per fact key, the eras of the real readings that have it. */
export function factEras(
  readings: ReadonlyArray<{ series: string; facts: ReadonlyMap<string, Fact> }>,
): Map<string, Set<Era>> {
  const out = new Map<string, Set<Era>>();
  for (const r of readings) {
    for (const k of r.facts.keys()) {
      const s = out.get(k) ?? new Set<Era>();
      s.add(eraOf(r.series));
      out.set(k, s);
    }
  }
  return out;
}

/**
 * How an x/sys file of era `era` sees a fact that real headers give only in the other era:
 * - `absent` when a fact of `era` holds its number (the same slot, spelled the other way);
 * - `unknown` for a 6.11+ fact in the arch-specific range with no older counterpart (riscv_hwprobe
 *   258: its pre-6.11 spelling is `(__NR_arch_specific_syscall + 14)`, a form no real header gives);
 * - undefined when the fact can explain the file's constants (a syscall appended after the
 *   asm-generic table's end keeps the plain `__NR_x N` form in both eras).
 */
export function otherEraState(
  fact: Fact,
  own: ReadonlySet<Era> | undefined,
  era: Era,
  slotEras: ReadonlyMap<number, ReadonlySet<Era>>,
): "a" | "u" | undefined {
  if (fact.alias === true || own === undefined || own.has(era)) return undefined;
  if (slotEras.get(fact.number)?.has(era) === true) return "a";
  if (era === "headers" && fact.number >= archSpecificRange[0] && fact.number <= archSpecificRange[1]) return "u";
  return undefined;
}

/** Per number, the eras in which some entry (not alias) holds it. */
export function slotErasOf(
  universe: ReadonlyMap<string, Fact>,
  eras: ReadonlyMap<string, ReadonlySet<Era>>,
): Map<number, Set<Era>> {
  const out = new Map<number, Set<Era>>();
  for (const [k, f] of universe) {
    if (f.alias === true) continue;
    const s = out.get(f.number) ?? new Set<Era>();
    for (const e of eras.get(k) ?? []) s.add(e);
    out.set(f.number, s);
  }
  return out;
}
