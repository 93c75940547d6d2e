/**
 * Adds a target's x/sys observations to its real-header views, keeping only the series where they
 * can speak: not before the port, not past the 6.11 switch of asm-generic ports to
 * scripts/syscall.tbl unless a real table of the new form is in the data, and not where a constant
 * shows a syscall whose header form no real input gives (coverage then ends at the newest series
 * that shows it absent).
 */
import { findTarget, type Target, type TargetName } from "../../packages/parser/src/index.ts";
import { compareSeries } from "../../packages/kernels/src/series.ts";
import { mergeOrders, observe, type Fact, type SeriesView } from "./records.ts";
import { aliasesFollowingEntries, rcAbsenceView, xsysView, type XsysFile, type XsysUniverse, type XsysView } from "./xsys.ts";
import { factEras, tblSwitch } from "./xsys-eras.ts";

interface Window {
  from: string | undefined;
  to: string | undefined;
  /** The reason behind each bound. */
  why: Map<"from" | "to", string>;
}

function window(target: Target, real: readonly SeriesView[], xs: readonly XsysView[]): Window {
  const w: Window = { from: undefined, to: undefined, why: new Map() };
  const cap = (to: string, why: string) => {
    if (w.to !== undefined && compareSeries(to, w.to) >= 0) return;
    w.to = to;
    w.why.set("to", why);
  };
  if (target.generic && !real.some((v) => compareSeries(v.series, tblSwitch) >= 0)) {
    cap("6.10", `${tblSwitch} moved ${target.name} to scripts/syscall.tbl and no real header of that form is in the data`);
  }
  const names = new Set(xs.flatMap((x) => x.unmatched));
  for (const c of names) {
    const seen = xs.filter((x) => x.unmatched.includes(c)).map((x) => x.series);
    const first = seen[0] as string;
    const last = seen[seen.length - 1] as string;
    // Views that would show c if it were there: real ones, x/sys ones that read every entry form.
    const proves = [...real.map((v) => v.series), ...xs.filter((x) => x.seesEverything && !x.file.rc).map((x) => x.series)];
    const before = proves.filter((s) => compareSeries(s, first) < 0).sort(compareSeries).pop();
    const after = proves.filter((s) => compareSeries(s, last) > 0).sort(compareSeries)[0];
    if (before !== undefined) cap(before, `x/sys ${first} has ${c}, which no real ${target.name} header gives a form`);
    else if (after !== undefined) {
      if (w.from !== undefined && compareSeries(after, w.from) <= 0) continue;
      w.from = after;
      w.why.set("from", `x/sys ${last} has ${c}, which no real ${target.name} header gives a form`);
    } else throw new Error(`${target.name}: x/sys constant ${c} is never shown absent; cannot bound it`);
  }
  return w;
}

const inside = (s: string, w: Window) => (w.from === undefined || compareSeries(s, w.from) >= 0) && (w.to === undefined || compareSeries(s, w.to) <= 0);

/** Observes the usable x/sys files of `target` into `views`; returns a note for the target's limits. */
export function addXsysViews(name: TargetName, views: Map<string, SeriesView>, readings: ReadonlyArray<{ series: string; facts: ReadonlyMap<string, Fact> }>, files: readonly XsysFile[]): string {
  const target = findTarget(name) as Target;
  const own = files.filter((f) => f.target === name && compareSeries(f.series, target.firstKernel) >= 0);
  if (own.length === 0) return "";
  const real = [...views.values()];
  const universe = mergeOrders([...readings].sort((a, b) => compareSeries(b.series, a.series)).map((r) => r.facts));
  const u: XsysUniverse = { facts: universe, aliasRule: aliasesFollowingEntries(real, universe), ...(target.generic ? { eras: factEras(readings) } : {}) };
  const xs = own.map((f) => xsysView(f, u));
  const w = window(target, real, xs);
  const why = [...w.why.values()].join("; ");
  for (const v of real) if (!inside(v.series, w)) throw new Error(`${name}: x/sys evidence would drop the real ${v.series} snapshot (${why})`);
  const used = xs.filter((x) => inside(x.series, w));
  for (const x of used) {
    if (x.file.rc) {
      const gap = rcAbsenceView(x, u);
      if (gap !== undefined && compareSeries(gap.series, target.firstKernel) >= 0 && inside(gap.series, w)) {
        observe(views, gap.series, `${x.file.label} (Linux ${x.file.linux}: lacked before ${x.series})`, new Map(), gap.unknown);
      }
    }
    observe(views, x.series, `${x.file.label} (Linux ${x.file.linux})`, x.present, x.unknown);
  }
  if (used.length === 0) return `; x/sys not usable (${why})`;
  const span = `${used[0]?.file.linux}..${used[used.length - 1]?.file.linux}`;
  return `; x/sys zsysnum files of Linux ${span}${why === "" ? "" : ` (not later: ${why})`}`;
}
