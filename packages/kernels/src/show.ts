/** `show` and `kernels`: one syscall across arches and distro builds; what the registry covers. */
import { UsageError, XsysgenError, closestMatch, targets as allTargets, type TargetName } from "@xsysgen/core";
import type { RegistryData, RegistryRecord, Span, TargetRegistry } from "./model.ts";
import { allSeries, compareSeries } from "./series.ts";
import { formatSpan, isExact } from "./span.ts";
import { rhelAliases } from "./rhel.ts";
import { cellStatus, presenceOnly, refusalReason, showsAbsence, tableFor } from "./table.ts";

/** The first vanilla kernel having a syscall, as bounds and as text. */
export interface SinceInfo {
  /** Newest series known to lack it (null: it is in the target's oldest snapshot). */
  readonly after: string | null;
  /** Oldest series known to have it. */
  readonly atOrBefore: string;
  /** "4.11", "6.18 or 6.19", "6.13..6.19", "2.6.32 or earlier". */
  readonly text: string;
}

/** What places a syscall's first kernel on one arch: the tables read on either side of it. */
export interface SinceEvidence {
  /** Whether the evidence pins one release (else `since.text` is a range or "or earlier"). */
  readonly placed: boolean;
  /** The newest table read that lacks it, with its sources (null: none before it was there). */
  readonly lacking: { readonly series: string; readonly source: string } | null;
  /** The oldest table read that has it. */
  readonly having: { readonly series: string; readonly source: string } | null;
  /** Set when a bound lies between those tables: what narrowed it (e.g. libseccomp's first-kernel column). */
  readonly narrowedBy?: string;
}

/** One arch's answer in a {@link ShowResult}: the syscall's name and number there and its first kernel. */
export interface ShowArch {
  readonly target: TargetName;
  readonly goarch: string | undefined;
  readonly name: string;
  readonly number: number;
  readonly since: SinceInfo;
  readonly evidence: SinceEvidence;
  /** Set when the name left the table (e.g. arm64 `fstatat`, spelled `newfstatat` from 6.11). */
  readonly until?: SinceInfo;
}

/** Whether one RHEL build has the syscall, per target it covers. */
export interface ShowDistro {
  readonly name: string;
  readonly release: string;
  /** Per covered target: whether the build has the syscall (by name, or by number for a number query). */
  readonly has: Partial<Record<TargetName, boolean>>;
}

/** A syscall looked up by name or number across arches and distro builds (`xsysgen show`). */
export interface ShowResult {
  readonly query: string;
  readonly arches: readonly ShowArch[];
  readonly distros: readonly ShowDistro[];
}

/** What the registry covers: vanilla series and their arches, RHEL builds, names (`xsysgen kernels`). */
export interface KernelListing {
  readonly newest: string;
  readonly vanilla: ReadonlyArray<{
    readonly series: string;
    /** Every arch with a table at this release. */
    readonly targets: readonly TargetName[];
    /** Of those, the arches a complete table of this release was read for, placing every entry (exact). */
    readonly snapshotOf: readonly TargetName[];
    /** The rest: no complete table of this release was read; derived from the tables around it. */
    readonly derived: readonly TargetName[];
    /** Arches with entries the evidence brackets around this release without placing (left out of the table). */
    readonly uncertain: ReadonlyArray<{
      readonly target: TargetName;
      readonly entries: ReadonlyArray<{ readonly name: string; readonly number: number; readonly first: string }>;
    }>;
  }>;
  /** One RHEL build per minor release the registry has a tree of. */
  readonly distros: ReadonlyArray<{
    readonly name: string;
    readonly release: string;
    readonly minor: string;
    readonly base: string;
    /** Names that resolve to this build (`rhel8.10`, `rocky8`, …). */
    readonly aliases: readonly string[];
    readonly targets: readonly TargetName[];
    /** The arches Red Hat builds this major for (`targets` lacks those kernel-data has no files of). */
    readonly builtFor: readonly TargetName[];
    /** Other builds known to have exactly this build's syscall tables (every AlmaLinux build of the minor). */
    readonly sameAs: readonly string[];
    readonly limits: string;
  }>;
  /** Every name (`<rhel|centos|rocky|alma|ol><major>[.<minor>]`, `centos-stream<major>`) and the build it names. */
  readonly aliases: ReadonlyArray<{ readonly alias: string; readonly kernel: string }>;
}

function sinceInfo(span: Span): SinceInfo {
  return { after: span[0], atOrBefore: span[1], text: formatSpan(span) };
}

/** Per registry and target: each name's earliest non-alias record (gen asks for every name of every arch). */
const earliestByName = new WeakMap<RegistryData, Map<TargetName, Map<string, RegistryRecord>>>();

function earliestIndex(data: RegistryData, target: TargetName): Map<string, RegistryRecord> {
  let perTarget = earliestByName.get(data);
  if (perTarget === undefined) earliestByName.set(data, (perTarget = new Map()));
  let index = perTarget.get(target);
  if (index === undefined) {
    // One pass: a name's first record with the oldest upper bound (what a stable sort puts first).
    index = new Map();
    for (const x of data.targets[target]?.records ?? []) {
      if (x.alias === true || x.undef === true) continue;
      const best = index.get(x.name);
      if (best === undefined || compareSeries(x.since[1], best.since[1]) < 0) index.set(x.name, x);
    }
    perTarget.set(target, index);
  }
  return index;
}

export function sinceIn(data: RegistryData, name: string, target: TargetName): SinceInfo | undefined {
  const r = earliestIndex(data, target).get(name);
  return r === undefined ? undefined : sinceInfo(r.since);
}

/**
 * The syscall name a query means, in any case and as C or Go spell it: `statx`, `STATX`, `SYS_STATX`
 * (golang.org/x/sys, glibc's `<sys/syscall.h>`), `__NR_statx` (the kernel's headers), `__NR3264_fstatat`.
 */
function syscallNameOf(query: string): string {
  return query.replace(/^(?:SYS_|__NR3264_|__NR_)/i, "").toLowerCase();
}

export function showIn(data: RegistryData, query: string, only?: readonly TargetName[]): ShowResult {
  const q = query.trim();
  const asNumber = /^\d+$/.test(q) ? Number(q) : undefined;
  const name = syscallNameOf(q);
  const matches = (r: { name: string; number: number }) =>
    asNumber === undefined ? r.name.toLowerCase() === name : r.number === asNumber;
  const wanted = allTargets.filter((t) => only === undefined || only.includes(t.name));
  const arches: ShowArch[] = [];
  for (const t of wanted) {
    const records =
      data.targets[t.name]?.records.filter((r) => r.alias !== true && r.undef !== true && matches(r)) ?? [];
    for (const r of [...records].sort((a, b) => compareSeries(a.since[1], b.since[1]))) {
      const base = {
        target: t.name,
        goarch: t.goarch,
        name: r.name,
        number: r.number,
        since: sinceInfo(r.since),
        evidence: sinceEvidence(data.targets[t.name] as TargetRegistry, r.since),
      };
      arches.push(r.until === undefined ? base : { ...base, until: sinceInfo(r.until) });
    }
  }
  if (arches.length === 0) {
    const names = new Set(wanted.flatMap((t) => data.targets[t.name]?.records ?? []).map((r) => r.name));
    const near = asNumber === undefined ? closestMatch(name, names) : undefined;
    throw new UsageError(
      `unknown syscall ${q}: no ${asNumber === undefined ? "syscall of that name" : "syscall with that number"} ` +
        `on ${only === undefined ? "any arch" : only.join(", ")} in the registry` +
        (near === undefined ? "" : `; did you mean "${near}"?`),
    );
  }
  const distros: ShowDistro[] = data.distros.map((d) => {
    const has: Partial<Record<TargetName, boolean>> = {};
    for (const target of Object.keys(d.targets) as TargetName[]) {
      if (!wanted.some((t) => t.name === target)) continue;
      try {
        const table = tableFor(
          data,
          { kind: "distro", name: d.name, series: d.base, release: d.release, input: d.name },
          target,
        );
        has[target] = table.entries.some(matches);
      } catch (error) {
        if (!(error instanceof XsysgenError)) throw error;
      }
    }
    return { name: d.name, release: d.release, has };
  });
  return { query: q, arches, distros };
}

/**
 * The snapshots around a first-kernel bound: the newest at or before its lower end that lacks the
 * syscall and the oldest at or after its upper end. A bound between them was narrowed by stated
 * evidence, which the target's limits text names.
 */
function sinceEvidence(reg: TargetRegistry, span: Span): SinceEvidence {
  const [after, at] = span;
  const snaps = reg.snapshots;
  // The snapshot at the bound's lower end decided the absence (a presence table too: past its last number);
  // below it, only a complete table shows that something is missing.
  const lacking =
    after === null
      ? undefined
      : (snaps.find((s) => s.series === after && showsAbsence(s.source)) ??
        [...snaps].reverse().find((s) => compareSeries(s.series, after) < 0 && !presenceOnly(s.source)));
  const having = snaps.find((s) => compareSeries(s.series, at) >= 0);
  const placed = isExact(span);
  const narrowed =
    (lacking !== undefined && lacking.series !== after) || (having !== undefined && having.series !== at);
  const by = /libseccomp PR 457 \S+ column/.exec(reg.limits)?.[0];
  return {
    placed,
    lacking: lacking === undefined ? null : { series: lacking.series, source: lacking.source },
    having: having === undefined ? null : { series: having.series, source: having.source },
    ...(narrowed
      ? {
          narrowedBy:
            by === undefined
              ? "the asm-generic ports' switch to scripts/syscall.tbl in 6.11"
              : `${by} (used only because it agrees with every bracket of this arch)`,
        }
      : {}),
  };
}

export function listIn(data: RegistryData, newest: string): KernelListing {
  const vanilla = allSeries.map((series) => {
    const served = allTargets.filter((t) => refusalReason(data.targets[t.name], t.name, series) === undefined);
    const cells = served.map((t) => ({
      target: t.name,
      status: cellStatus(data.targets[t.name] as TargetRegistry, series),
    }));
    return {
      series,
      targets: served.map((t) => t.name),
      snapshotOf: cells.filter((c) => c.status.kind === "exact").map((c) => c.target),
      derived: cells.filter((c) => c.status.kind === "derived").map((c) => c.target),
      uncertain: cells
        .filter((c) => c.status.uncertain.length > 0)
        .map((c) => ({
          target: c.target,
          entries: c.status.uncertain.map((r) => ({ name: r.name, number: r.number, first: formatSpan(r.since) })),
        })),
    };
  });
  const aliases = rhelAliases(data);
  const distros = data.distros.map((d) => ({
    name: d.name,
    release: d.release,
    minor: d.minor,
    base: d.base,
    aliases: aliases.filter((a) => a.kernel === d.name).map((a) => a.alias),
    targets: Object.keys(d.targets) as TargetName[],
    builtFor: data.rhelMajors.find((m) => `${m.major}` === d.minor.split(".")[0])?.builtFor ?? [],
    sameAs: d.sameAs,
    limits: d.limits,
  }));
  return { newest, vanilla, distros, aliases };
}
