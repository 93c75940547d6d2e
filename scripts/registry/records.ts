/**
 * Observations (which names a target has at a series) → records with first/last-series bounds.
 * A bound is the newest observation lacking a name and the oldest having it; an observation can
 * also say "unknown" (the arch's own wrapper of that era is not in the data).
 */
import type { SyscallTable, TargetName, UndefEntry } from "../../packages/core/src/index.ts";
import type { RegistryRecord, Span } from "../../packages/kernels/src/model.ts";
import { compareSeries, previousSeries, oldestSeries } from "../../packages/kernels/src/series.ts";

export interface Fact {
  readonly name: string;
  readonly number: number;
  readonly alias?: true;
  readonly macro?: string;
  readonly archSpecific?: true;
  readonly xsysOnly?: true;
  /** A define a later `#undef` takes back (arm's OABI calls before 4.10: SyscallTable.undefEntries). */
  readonly undef?: true;
}

export interface SeriesView {
  readonly series: string;
  readonly labels: string[];
  readonly present: Map<string, Fact>;
  readonly unknown: Set<string>;
}

export const factKey = (f: Fact): string =>
  `${f.alias === true ? "alias" : "entry"} ${f.name} ${f.number} ${f.macro ?? ""}` +
  (f.archSpecific === true ? " arch-specific" : "") +
  (f.xsysOnly === true ? " xsys-only" : "") +
  (f.undef === true ? " undef" : "");

export function factsOf(table: SyscallTable): Map<string, Fact> {
  const m = new Map<string, Fact>();
  for (const e of table.entries) {
    const f: Fact = {
      name: e.name,
      number: e.number,
      ...(e.macro === undefined ? {} : { macro: e.macro }),
      ...(e.archSpecific === true ? { archSpecific: true as const } : {}),
      ...(e.xsysOnly === true ? { xsysOnly: true as const } : {}),
    };
    m.set(factKey(f), f);
  }
  // arm EABI headers before 4.10: twelve OABI defines a later #undef removes, in their cpp place (mksysnum
  // prints them); the map's order is the entries' order with these put back where they were defined.
  const undefs = table.undefEntries ?? [];
  if (undefs.length > 0) {
    const ordered = new Map<string, Fact>();
    const entries = [...m];
    let next = 0;
    const putBack = (upTo: number) => {
      for (; next < undefs.length && (undefs[next] as UndefEntry).position <= upTo; next++) {
        const u = undefs[next] as UndefEntry;
        const f: Fact = { name: u.name, number: u.number, undef: true };
        ordered.set(factKey(f), f);
      }
    };
    entries.forEach(([k, f], i) => {
      putBack(i);
      ordered.set(k, f);
    });
    putBack(Infinity);
    m.clear();
    for (const [k, f] of ordered) m.set(k, f);
  }
  for (const a of table.aliases) {
    const f: Fact = { name: a.name, number: a.number, alias: true };
    m.set(factKey(f), f);
  }
  return m;
}

/**
 * Disagreements between sources that were reviewed and accepted: `target series name number`, each
 * with its reason (scripts/registry/exceptions.tsv). A listed fact is left unknown at that series
 * (neither source wins); a listed exception no disagreement uses is itself an error (stale).
 */
export interface AgreementExceptions {
  readonly rows: ReadonlyMap<string, string>;
  readonly used: Set<string>;
}

const exceptionKey = (target: string, series: string, f: Fact): string =>
  `${target}\t${series}\t${f.name}\t${f.number}`;

export function parseExceptions(text: string): AgreementExceptions {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [target, series, name, number, reason] = line.split("\t");
    if (!target || !series || !name || !/^\d+$/.test(number ?? "") || !reason)
      throw new Error(`exceptions.tsv: malformed line "${line}" (target, series, name, number, reason)`);
    rows.set(`${target}\t${series}\t${name}\t${number}`, reason);
  }
  return { rows, used: new Set() };
}

/**
 * Adds one observation, checking it against others of the same series: a fact one says is there
 * and the other decides is not is an error, unless `exceptions` lists it for that target and series.
 * A fact stays unknown only when neither decides it.
 */
export function observe(
  views: Map<string, SeriesView>,
  series: string,
  label: string,
  present: Map<string, Fact>,
  unknown: Set<string> = new Set(),
  agreement?: { readonly target: string; readonly exceptions: AgreementExceptions },
): void {
  const prior = views.get(series);
  if (prior === undefined) {
    views.set(series, { series, labels: [label], present, unknown });
    return;
  }
  const listed = (k: string, f: Fact | undefined) => {
    if (agreement === undefined || f === undefined) return false;
    const key = exceptionKey(agreement.target, series, f);
    if (!agreement.exceptions.rows.has(key)) return false;
    agreement.exceptions.used.add(key);
    return true;
  };
  const disputed = new Set<string>();
  const a = [...prior.present.keys()].filter(
    (k) => !present.has(k) && !unknown.has(k) && !(listed(k, prior.present.get(k)) && disputed.add(k)),
  );
  const b = [...present.keys()].filter(
    (k) => !prior.present.has(k) && !prior.unknown.has(k) && !(listed(k, present.get(k)) && disputed.add(k)),
  );
  if (a.length + b.length > 0) {
    throw new Error(
      `${label} disagrees with ${prior.labels.join(", ")} at ${series}: ` +
        `only in the latter ${a.slice(0, 5).join("; ")}, only in the former ${b.slice(0, 5).join("; ")} ` +
        "(a reviewed disagreement goes in scripts/registry/exceptions.tsv)",
    );
  }
  // Facts only the new reading has go after their predecessor there (a presence table read first at a
  // series lacks removed syscalls that a later real reading has in header order).
  const merged = [...present.keys()].every((k) => prior.present.has(k))
    ? new Map(prior.present)
    : mergeOrders([prior.present, present]);
  for (const k of disputed) merged.delete(k);
  const stillUnknown = new Set([...prior.unknown].filter((k) => unknown.has(k) && !merged.has(k)));
  for (const k of disputed) stillUnknown.add(k);
  views.set(series, { series, labels: [...prior.labels, label], present: merged, unknown: stillUnknown });
}

/** Two readings of one asm-generic snapshot (older and newer arch wrapper): agreed facts are known. */
export function bracketed(
  lo: Map<string, Fact>,
  hi: Map<string, Fact>,
): { present: Map<string, Fact>; unknown: Set<string>; facts: Map<string, Fact> } {
  const present = new Map([...lo].filter(([k]) => hi.has(k)));
  const unknown = new Set([...lo.keys(), ...hi.keys()].filter((k) => !present.has(k)));
  return { present, unknown, facts: mergeOrders([hi, lo]) };
}

function clampAfter(after: string | null, firstKernel: string): string | null {
  const beforePort = compareSeries(firstKernel, oldestSeries) > 0 ? (previousSeries(firstKernel) as string) : null;
  if (beforePort === null) return after;
  if (after === null || compareSeries(after, beforePort) < 0) return beforePort;
  return after;
}

/**
 * One order consistent with every reading's source order (headers are not always sorted by
 * number: riscv's wrapper defines riscv_flush_icache 259 after asm-generic's last syscall).
 * Readings newest first; a fact only older readings have goes right after its predecessor there.
 */
export function mergeOrders(readings: readonly ReadonlyMap<string, Fact>[]): Map<string, Fact> {
  const order: string[] = [];
  const facts = new Map<string, Fact>();
  for (const reading of readings) {
    let prev = -1;
    for (const [k, f] of reading) {
      const at = order.indexOf(k);
      if (at >= 0) {
        prev = at;
        continue;
      }
      order.splice(prev + 1, 0, k);
      facts.set(k, f);
      prev += 1;
    }
  }
  return new Map(order.map((k) => [k, facts.get(k) as Fact]));
}

export function recordsFrom(target: TargetName, views: readonly SeriesView[], firstKernel: string): RegistryRecord[] {
  const ordered = [...views].sort((a, b) => compareSeries(a.series, b.series));
  const all = mergeOrders([...ordered].reverse().map((v) => v.present));
  const records: RegistryRecord[] = [];
  for (const [key, fact] of all) {
    const states = ordered.map((v) => (v.present.has(key) ? "p" : v.unknown.has(key) ? "u" : "a"));
    const base = {
      name: fact.name,
      number: fact.number,
      ...(fact.alias ? { alias: true as const } : {}),
      ...(fact.macro === undefined ? {} : { macro: fact.macro }),
      ...(fact.archSpecific === true ? { archSpecific: true as const } : {}),
      ...(fact.xsysOnly === true ? { xsysOnly: true as const } : {}),
      ...(fact.undef === true ? { undef: true as const } : {}),
    };
    // One record per run of presence: x32's io_setup 543 is x32-only in 3.4, `common` 206 from 3.5
    // to 4.17 and x32-only 543 again from 4.18 (FACTS.md), so a fact may leave and come back.
    let i = states.indexOf("p");
    while (i >= 0) {
      let last = i;
      let j = i + 1;
      while (j < states.length && states[j] !== "a") {
        if (states[j] === "p") last = j;
        j++;
      }
      let after: string | null = null;
      for (let k = i - 1; k >= 0; k--)
        if (states[k] === "a") {
          after = ordered[k]?.series as string;
          break;
        }
      const since: Span = [clampAfter(after, firstKernel), ordered[i]?.series as string];
      const goneAt = j < states.length ? j : -1;
      records.push(
        goneAt < 0
          ? { ...base, since }
          : { ...base, since, until: [ordered[last]?.series as string, ordered[goneAt]?.series as string] },
      );
      i = goneAt < 0 ? -1 : states.indexOf("p", goneAt);
    }
  }
  return sortRecords(records);
}

/** Entries before aliases, each in merged source order. */
export function sortRecords(records: RegistryRecord[]): RegistryRecord[] {
  return [...records.filter((r) => r.alias !== true), ...records.filter((r) => r.alias === true)];
}

/** Narrows `span` to an exact series or an upper bound when that lies inside it; undefined otherwise. */
export function narrow(span: Span, firstAt: string, exact: boolean): Span | undefined {
  const [after, at] = span;
  const inside = (after === null || compareSeries(after, firstAt) < 0) && compareSeries(firstAt, at) <= 0;
  if (!inside) return undefined;
  if (!exact) return [after, firstAt];
  return [previousSeries(firstAt) ?? null, firstAt];
}
