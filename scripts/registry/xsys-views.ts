/**
 * Adds a target's x/sys observations to its real-header views, keeping only the series where they
 * can speak: not before the port, not past the 6.11 switch of asm-generic ports to
 * scripts/syscall.tbl unless a real table of the new form is in the data, and not where a constant
 * shows a syscall whose header form no real input gives (coverage then ends at the newest series
 * that shows it absent).
 */
import { findTarget, type Target, type TargetName } from "../../packages/core/src/index.ts";
import { compareSeries } from "../../packages/kernels/src/series.ts";
import { appendedByMksysnum, entryName, sysName } from "../../packages/generator/src/index.ts";
import { factKey, mergeOrders, observe, type AgreementExceptions, type Fact, type SeriesView } from "./records.ts";
import { aliasesFollowingEntries, rcAbsenceView, xsysView, type XsysFile, type XsysUniverse } from "./xsys.ts";
import { factEras, tblSwitch } from "./xsys-eras.ts";

interface Window {
  from: string | undefined;
  to: string | undefined;
  /** The reason behind each bound. */
  why: Map<"from" | "to", string>;
}

function window(target: Target, real: readonly SeriesView[]): Window {
  const w: Window = { from: undefined, to: undefined, why: new Map() };
  const cap = (to: string, why: string) => {
    if (w.to !== undefined && compareSeries(to, w.to) >= 0) return;
    w.to = to;
    w.why.set("to", why);
  };
  if (target.generic && !real.some((v) => compareSeries(v.series, tblSwitch) >= 0)) {
    cap(
      "6.10",
      `${tblSwitch} moved ${target.name} to scripts/syscall.tbl and no real header of that form is in the data`,
    );
  }
  return w;
}

const inside = (s: string, w: Window) =>
  (w.from === undefined || compareSeries(s, w.from) >= 0) && (w.to === undefined || compareSeries(s, w.to) <= 0);

/**
 * A constant no real header of the target explains (setxattrat 463 on riscv64 at 6.13, before any
 * real 6.13 riscv header is in the data) is still a real table's fact of that arch: its number is
 * the kernel's. It joins the universe as a plain `#define __NR_<name> <number>` entry, the form
 * every syscall added after 6.11 has on every arch, placed in number order.
 */
function withNumbersOnlyFacts(
  target: Target,
  universe: Map<string, Fact>,
  files: readonly XsysFile[],
): Map<string, Fact> {
  // An alias explains a presence-only table's name (hrw lists arm's sync_file_range2 341); x/sys never prints one.
  const known = new Set([...universe.values()].map((f) => `${sysName(f.name)} ${f.number}`));
  const appended = appendedByMksysnum(target);
  const extra = new Map<string, Fact>();
  for (const file of files) {
    for (const c of file.constants) {
      const id = `${c.name} ${c.number}`;
      if (known.has(id) || extra.has(id) || !c.name.startsWith("SYS_")) continue;
      if (appended !== undefined && c.name === sysName(appended.name)) continue;
      // Only mksysnum output and complete header readings (linux-raw-sys) speak for a header's defines; a
      // name only a presence table gives is that table's, and stops the build (syscalls' asm-generic tables,
      // which are read for the numbers real headers explain, aside).
      if (file.explainedOnly === true) continue;
      if (file.numbersOnly === true && file.absence !== "all")
        throw new Error(`${file.label}: ${c.name} = ${c.number} is in no header reading of ${target.name}`);
      extra.set(id, { name: entryName(c.name), number: c.number });
    }
  }
  if (extra.size === 0) return universe;
  const entries = [...universe.entries()];
  for (const f of [...extra.values()].sort((a, b) => a.number - b.number)) {
    let at = entries.length;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]?.[1] as Fact;
      if (e.alias !== true && e.number < f.number) {
        at = i + 1;
        break;
      }
    }
    entries.splice(at, 0, [factKey(f), f]);
  }
  return new Map(entries);
}

/** Observes the usable x/sys files of `target` into `views`; returns a note for the target's limits. */
export function addXsysViews(
  name: TargetName,
  views: Map<string, SeriesView>,
  readings: ReadonlyArray<{ series: string; facts: ReadonlyMap<string, Fact> }>,
  files: readonly XsysFile[],
  exceptions: AgreementExceptions,
): string {
  const target = findTarget(name) as Target;
  const own = files.filter((f) => f.target === name && compareSeries(f.series, target.firstKernel) >= 0);
  if (own.length === 0) return "";
  const real = [...views.values()];
  const universe = withNumbersOnlyFacts(
    target,
    mergeOrders([...readings].sort((a, b) => compareSeries(b.series, a.series)).map((r) => r.facts)),
    own,
  );
  const u: XsysUniverse = {
    facts: universe,
    aliasRule: aliasesFollowingEntries(real, universe),
    ...(target.generic ? { eras: factEras(readings) } : {}),
  };
  const xs = own.map((f) => xsysView(f, u));
  const w = window(target, real);
  const why = [...w.why.values()].join("; ");
  for (const v of real)
    if (!inside(v.series, w))
      throw new Error(`${name}: x/sys evidence would drop the real ${v.series} snapshot (${why})`);
  const used = xs.filter((x) => inside(x.series, w));
  for (const x of used) {
    // A presence-only table says nothing of the release before it either.
    if (x.file.rc && x.file.numbersOnly !== true) {
      const gap = rcAbsenceView(x, u);
      if (gap !== undefined && compareSeries(gap.series, target.firstKernel) >= 0 && inside(gap.series, w)) {
        observe(
          views,
          gap.series,
          `${x.file.label} (Linux ${x.file.linux}: lacked before ${x.series})`,
          new Map(),
          gap.unknown,
          { target: name, exceptions },
        );
      }
    }
    observe(views, x.series, `${x.file.label} (Linux ${x.file.linux})`, x.present, x.unknown, {
      target: name,
      exceptions,
    });
  }
  if (used.length === 0) return `; x/sys not usable (${why})`;
  const span = `${used[0]?.file.linux}..${used[used.length - 1]?.file.linux}`;
  return `; x/sys zsysnum files of Linux ${span}${why === "" ? "" : ` (not later: ${why})`}`;
}
