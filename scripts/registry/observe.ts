/**
 * Per target, what every source says at every series, plus the evidence that narrows a bound:
 * libseccomp PR 457's first-kernel column for an x86 ABI (used only when it agrees with every
 * bracket of that ABI) and the 6.11 switch of asm-generic ports to scripts/syscall.tbl.
 */
import { findTarget, targets, type TargetName } from "../../packages/core/src/index.ts";
import type { RegistryRecord, Snapshot, TargetRegistry } from "../../packages/kernels/src/model.ts";
import { compareSeries } from "../../packages/kernels/src/series.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  bracketed,
  factsOf,
  narrow,
  observe,
  parseExceptions,
  recordsFrom,
  type AgreementExceptions,
  sortRecords,
  type Fact,
  type SeriesView,
} from "./records.ts";
import { aospDir, genericBundle, parseSpec, readSource, realSources, wrappers, type Wrapper } from "./snapshots.ts";
import { parseBundle } from "../../packages/parser/src/index.ts";
import { readHrwFiles } from "./hrw.ts";
import { debianSuites } from "./debian-sources.ts";
import { readXsysFiles } from "./xsys.ts";
import { readPypiFiles } from "./pypi.ts";
import { readCrateFiles, readUndatedCrates } from "./crates.ts";
import { addXsysViews } from "./xsys-views.ts";

type Views = Map<TargetName, Map<string, SeriesView>>;

const viewsOf = (views: Views, t: TargetName) => {
  const m = views.get(t) ?? new Map<string, SeriesView>();
  views.set(t, m);
  return m;
};

async function genericFacts(target: TargetName, file: string, wrapper: Wrapper) {
  const bundle = genericBundle(`${file} + ${wrapper.label}`, file, wrapper);
  const parsed = await parseBundle(bundle, { targets: [target] });
  return factsOf(parsed.tables[0] as NonNullable<(typeof parsed.tables)[0]>);
}

/**
 * asm-generic snapshots read for a port whose own asm/unistd.h of that era is not in the data:
 * once with the older known wrapper (or none) and once with the newer; facts both readings
 * share are known, the rest unknown at that series.
 */
const genericPlans: ReadonlyArray<{
  target: TargetName;
  series: readonly string[];
  lo: Wrapper;
  hi: Wrapper;
  files?: Readonly<Record<string, readonly [lo: string, hi: string]>>;
}> = [
  // arm64's first release, 3.7: what asm-generic had at 3.6 it had at 3.7 (numbers are never taken
  // back), what 3.8 adds may or may not be there; both read through the oldest arm64 wrapper (3.8).
  {
    target: "arm64",
    series: ["3.7"],
    lo: wrappers.arm64v38,
    hi: wrappers.arm64v38,
    files: { "3.7": ["tables/generic/3.6/unistd.h", "tables/generic/3.8/unistd.h"] },
  },
  // riscv's first releases, 4.15-4.17: asm-generic of AOSP 4.15 and 4.17.3, read without a riscv
  // wrapper and through Debian 5.10's (the oldest real one): what both readings agree on is known.
  {
    target: "riscv64",
    series: ["4.15", "4.17"],
    lo: wrappers.riscvNone,
    hi: wrappers.riscvV510,
    files: {
      "4.15": [`${aospDir}/4.15/asm-generic/unistd.h`, `${aospDir}/4.15/asm-generic/unistd.h`],
      "4.17": [`${aospDir}/4.17.3/asm-generic/unistd.h`, `${aospDir}/4.17.3/asm-generic/unistd.h`],
    },
  },
  // Real arm64/riscv wrappers: 3.10 (arm64 only), Debian 5.10 and 6.1; each table in between is
  // read through the nearest known wrapper on either side.
  { target: "arm64", series: ["4.18", "5.4"], lo: wrappers.arm64v310, hi: wrappers.arm64v510 },
  { target: "arm64", series: ["5.14", "5.15"], lo: wrappers.arm64v510, hi: wrappers.arm64v61 },
  // arm64's 6.1 wrapper already sets every __ARCH_WANT_* a 64-bit port can take and arm64 has no
  // syscalls of its own, so it reads 6.6 exactly (6.11 moved arm64 to scripts/syscall.tbl).
  { target: "arm64", series: ["6.6"], lo: wrappers.arm64v61, hi: wrappers.arm64v61 },
  { target: "riscv64", series: ["4.18", "5.4"], lo: wrappers.riscvNone, hi: wrappers.riscvV510 },
  { target: "riscv64", series: ["5.14", "5.15"], lo: wrappers.riscvV510, hi: wrappers.riscvV61 },
  // The port's first wrapper over later asm-generic tables; x/sys checks every visible fact of both
  // (v0.5.0 at 6.1, v0.14.0 at 6.6), and loongarch's 6.11 flag change lies past them.
  { target: "loong64", series: ["6.1", "6.6"], lo: wrappers.loongV519, hi: wrappers.loongV519 },
];

/** The series of the Debian header packages read (inputs.tsv), for the limits texts. */
const debianSeries = `Debian ${[...new Set(debianSuites.map((s) => s.series))].join("/")}`;

const limits: Record<TargetName, string> = {
  amd64: `x86 tables 2.6.32-7.1, installed headers 3.12-4.19, AOSP 3.11-6.8, ${debianSeries}`,
  "386": `x86 tables 2.6.32-7.1, installed headers 3.12-4.19, AOSP 3.11-6.8, ${debianSeries}`,
  x32:
    "x86 tables 3.10-7.1 (x32 began in 3.4; no 3.4-3.9 table is in the data), " +
    `installed headers, AOSP, ${debianSeries}`,
  arm64:
    "arm64's own asm/unistd.h only for 3.10, 5.10 and 6.1, asm-generic snapshots between, " +
    "Debian 6.12 and scripts/syscall.tbl for 6.12 and 7.1",
  riscv64:
    "riscv's own asm/unistd.h only from Debian 5.10 and 6.1, Debian 6.12 (scripts/syscall.tbl form); " +
    "x/sys before v0.11.0 (Linux 6.4) never prints riscv_flush_icache = (__NR_arch_specific_syscall + 15), " +
    "so 4.15-5.9 cannot place it; " +
    "no header gives riscv_hwprobe's pre-6.11 form (__NR_arch_specific_syscall + 14)",
  loong64: "loongarch's asm/unistd.h from 5.19-rc2 read over the 6.1 and 6.6 asm-generic tables, Debian 6.12",
  arm: `${debianSeries} headers only`,
  mips: `${debianSeries} headers only`,
  mipsle: `${debianSeries} headers only`,
  mips64: `${debianSeries} headers only`,
  mips64le: `${debianSeries} headers only`,
  ppc: `${debianSeries} headers only`,
  ppc64: `${debianSeries} headers only`,
  ppc64le: `${debianSeries} headers only`,
  s390x: `${debianSeries} headers only`,
  sparc64: `${debianSeries} headers only`,
};

interface CollectedViews {
  readonly views: Views;
  /** Per target, x/sys's contribution to its limits text. */
  readonly notes: Map<TargetName, string>;
  readonly exceptions: AgreementExceptions;
}

/** The reviewed list of accepted disagreements between sources (see parseExceptions). */
export const exceptionsPath = join(import.meta.dirname, "exceptions.tsv");

async function collectViews(): Promise<CollectedViews> {
  const exceptions = parseExceptions(readFileSync(exceptionsPath, "utf8"));
  const views: Views = new Map();
  // Every fact any reading gives a target (also the undecided ones), with its series for the order.
  const readings = new Map<TargetName, Array<{ series: string; facts: Map<string, Fact> }>>();
  const read = (t: TargetName, series: string, facts: Map<string, Fact>) =>
    readings.set(t, [...(readings.get(t) ?? []), { series, facts }]);
  for (const spec of realSources()) {
    for (const obs of await parseSpec(spec)) {
      const facts = factsOf(obs.table);
      observe(viewsOf(views, obs.table.target), obs.series, spec.label, facts, new Set(), {
        target: obs.table.target,
        exceptions,
      });
      read(obs.table.target, obs.series, facts);
    }
  }
  for (const plan of genericPlans) {
    for (const series of plan.series) {
      const [loFile, hiFile] = plan.files?.[series] ?? [
        `tables/generic/${series}/unistd.h`,
        `tables/generic/${series}/unistd.h`,
      ];
      const lo = await genericFacts(plan.target, loFile, plan.lo);
      const hi = plan.lo === plan.hi && loFile === hiFile ? lo : await genericFacts(plan.target, hiFile, plan.hi);
      const { present, unknown, facts } = bracketed(lo, hi);
      const label =
        loFile === hiFile && plan.lo === plan.hi
          ? `${loFile} + ${plan.lo.label}`
          : `${loFile} + ${plan.lo.label} | ${hiFile} + ${plan.hi.label}`;
      observe(viewsOf(views, plan.target), series, label, present, unknown, { target: plan.target, exceptions });
      read(plan.target, series, facts);
    }
  }
  const files = [...readHrwFiles(), ...(await readXsysFiles()), ...readPypiFiles(), ...(await readCrateFiles())];
  const notes = new Map<TargetName, string>();
  for (const [target, list] of readings)
    notes.set(target, addXsysViews(target, viewsOf(views, target), list, files, exceptions));
  return { views, notes, exceptions };
}

/** libseccomp PR 457 columns: `<name>,<nr>,<kver>,…` per ABI; SCMP_KV_3_0 means "3.0 or earlier". */
const pr457Columns: Partial<Record<TargetName, string>> = {
  amd64: "x86_64",
  "386": "x86",
  x32: "x32",
  arm: "arm",
  arm64: "aarch64",
  loong64: "loongarch64",
  mips: "mips",
  mipsle: "mips",
  mips64: "mips64",
  mips64le: "mips64",
  ppc: "ppc",
  ppc64: "ppc64",
  ppc64le: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
};

function pr457(target: TargetName): Map<string, { number: number; kver: string }> {
  const text = readSource("seccomp/syscalls.pr457-kver.csv");
  const [head, ...rows] = text.trim().split("\n");
  const cols = (head as string).split(",");
  const col = cols.indexOf(pr457Columns[target] as string);
  const out = new Map<string, { number: number; kver: string }>();
  for (const row of rows) {
    const f = row.split(",");
    const nr = f[col];
    const kv = /^SCMP_KV_(\d+)_(\d+)$/.exec(f[col + 1] ?? "");
    if (nr === undefined || !/^\d+$/.test(nr) || kv === null) continue;
    out.set(f[0] as string, { number: Number(nr), kver: `${kv[1]}.${kv[2]}` });
  }
  return out;
}

function refinePr457(target: TargetName, records: RegistryRecord[]): { records: RegistryRecord[]; used: boolean } {
  if (pr457Columns[target] === undefined) return { records, used: false };
  const table = pr457(target);
  const offset = findTarget(target)?.tbl?.offset ?? 0;
  const narrowed: RegistryRecord[] = [];
  for (const r of records) {
    const row = r.alias === true ? undefined : table.get(r.name);
    if (row === undefined || row.number + offset !== r.number) {
      narrowed.push(r);
      continue;
    }
    // SCMP_KV_3_0 only says "3.0 or earlier"; any other value is the first kernel.
    const s = narrow(r.since, row.kver, row.kver !== "3.0");
    const compatibleUpperBound = row.kver === "3.0" && (r.since[0] === null || compareSeries(r.since[0], "3.0") < 0);
    // Evidence that contradicts a bracket disqualifies the whole column for this ABI.
    if (s === undefined && !compatibleUpperBound) return { records, used: false };
    narrowed.push(s === undefined ? r : { ...r, since: s });
  }
  return { records: narrowed, used: true };
}

/**
 * FACTS.md: from 6.11 arm64/riscv/loongarch headers are generated from scripts/syscall.tbl, which
 * is when arm64's `fstatat`/`newfstatat` alias pair became the single entry `newfstatat`. A fact
 * that changes form between the 6.6 and 6.12 snapshots at a number both have is that switch.
 */
function refineTblSwitch(reg: RegistryRecord[]): RegistryRecord[] {
  const numbersAt = (series: string) =>
    new Set(
      reg
        .filter(
          (r) =>
            compareSeries(r.since[1], series) <= 0 && (r.until === undefined || compareSeries(r.until[1], series) > 0),
        )
        .map((r) => r.number),
    );
  const at66 = numbersAt("6.6");
  const at612 = numbersAt("6.12");
  return reg.map((r) => {
    const switched: Partial<RegistryRecord> = {};
    if (r.since[0] === "6.6" && r.since[1] === "6.12" && at66.has(r.number))
      Object.assign(switched, { since: ["6.10", "6.11"] });
    if (r.until?.[0] === "6.6" && r.until[1] === "6.12" && at612.has(r.number))
      Object.assign(switched, { until: ["6.10", "6.11"] });
    return { ...r, ...switched };
  });
}

/**
 * Tables that state no kernel (`syscall-numbers`) cross-check numbers only: every name one has that the
 * registry knows for that arch must have that number here, unless exceptions.tsv lists it (series `-`).
 * Names no header defines are not compared: syscall-numbers spells some 32-bit time calls by their kernel
 * entry points (`gettimeofday_time32` 78 on 386 and arm, the uapi `__NR_gettimeofday`).
 */
async function checkUndated(regs: readonly TargetRegistry[], exceptions: AgreementExceptions): Promise<void> {
  const problems: string[] = [];
  for (const { label, target, pairs } of await readUndatedCrates()) {
    const records = regs.find((r) => r.target === target)?.records ?? [];
    for (const [name, number] of pairs) {
      const numbers = records.filter((r) => r.name === name && r.undef !== true).map((r) => r.number);
      if (numbers.length === 0 || numbers.includes(number)) continue;
      const key = `${target}\t-\t${name}\t${number}`;
      if (exceptions.rows.has(key)) {
        exceptions.used.add(key);
        continue;
      }
      problems.push(`${label}: ${target} ${name} = ${number}, the registry has ${numbers.join(", ")}`);
    }
  }
  if (problems.length > 0)
    throw new Error(
      `${problems.slice(0, 8).join("; ")} (a reviewed disagreement goes in scripts/registry/exceptions.tsv)`,
    );
}

export async function buildTargets(): Promise<TargetRegistry[]> {
  const { views, notes, exceptions } = await collectViews();
  const out: TargetRegistry[] = [];
  for (const t of targets) {
    const m = views.get(t.name);
    if (m === undefined) continue;
    let records = recordsFrom(t.name, [...m.values()], t.firstKernel);
    const refined = refinePr457(t.name, records);
    records = refined.records;
    if (t.generic) records = refineTblSwitch(records);
    const snapshots: Snapshot[] = [...m.values()]
      .sort((a, b) => compareSeries(a.series, b.series))
      .map((v) => ({ series: v.series, source: v.labels.join("; ") }));
    const note = refined.used
      ? `; first kernels inside snapshot brackets from libseccomp PR 457 ${pr457Columns[t.name]} column ` +
        "(agrees with every bracket)"
      : "";
    out.push({
      target: t.name,
      snapshots,
      records: sortRecords(records),
      limits: limits[t.name] + (notes.get(t.name) ?? "") + note,
    });
  }
  await checkUndated(out, exceptions);
  const stale = [...exceptions.rows.keys()].filter((k) => !exceptions.used.has(k));
  if (stale.length > 0)
    throw new Error(
      "scripts/registry/exceptions.tsv lists disagreements no source has any more: " +
        stale.map((k) => k.replace(/\t/g, " ")).join("; "),
    );
  return out;
}
