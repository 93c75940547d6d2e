/**
 * golang.org/x/sys zsysnum files (the modules of xsys-sources.ts) as observations of which
 * syscall names and numbers a target's installed headers had at a Linux version. They only decide
 * the presence of facts real headers establish (form, order, aliases and flags come from those),
 * through mksysnum's known blind spots:
 * - it skips aliases (`#define __NR_newfstatat __NR3264_fstatat` is not a number);
 * - `format()` drops numbers > 999, tested before the MIPS `__NR_Linux` offset is added;
 * - before x/sys v0.11.0 it skips `(__NR_arch_specific_syscall + N)` (riscv_flush_icache);
 * - it prints SYS_ARCH_SPECIFIC_SYSCALL (asm-generic ports) whatever the headers say, and arm's
 *   `__NR_SYSCALL_MASK 0x0fffff` (5.15+) as SYS_SYSCALL_MASK = 0;
 * - it cannot tell `__NR3264_lseek` from a 6.11+ `scripts/syscall.tbl` `__NR_lseek`: for an
 *   asm-generic port a file is matched only to facts of its header era (xsys-eras.ts).
 * What mksysnum prints is the generator's rule (packages/generator/src/zsysnum/rules.ts).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { findTarget, type Target, type TargetName } from "../../packages/core/src/index.ts";
import {
  appendedByMksysnum,
  mksysnumPrints,
  printedNumber,
  readZsysnumGo,
  sysName,
} from "../../packages/generator/src/index.ts";
import { compareSeries, previousSeries } from "../../packages/kernels/src/series.ts";
import type { Fact, SeriesView } from "./records.ts";
import { addPin, repoRoot } from "./inputs.ts";
import { dockerLinux, xsysSources } from "./xsys-sources.ts";
import { eraOf, otherEraState, slotErasOf, type Era } from "./xsys-eras.ts";

export interface XsysFile {
  readonly version: string;
  /** The Dockerfile's Linux tag, e.g. `6.6` or `5.19-rc2`. */
  readonly linux: string;
  readonly series: string;
  /** A release candidate: what it has is in the release, what it lacks says nothing about it. */
  readonly rc: boolean;
  readonly target: TargetName;
  /** mksysnum reads `(__NR_arch_specific_syscall + N)` from x/sys v0.11.0 on. */
  readonly readsArchSpecific: boolean;
  /** `macro`: a complete table's non-`__NR_<name>` define (asm-generic `__NR3264_fstatat`). */
  readonly constants: ReadonlyArray<{ readonly name: string; readonly number: number; readonly macro?: string }>;
  readonly label: string;
  /** Not mksysnum output (PyPI system-calls, hrw, crates): names and real numbers, aliases among them. */
  readonly numbersOnly?: true;
  /**
   * What a numbersOnly table's absences say: nothing (undefined: presence only, as -rc tables and tables
   * that drop removed syscalls), `tail` (a release's table: numbers above its highest are not there yet,
   * x32 aside, whose own calls sit in the 512-547 range above the common numbers), or `all` (a complete
   * reading of the release's headers, linux-raw-sys: every fact it lacks is absent).
   */
  readonly absence?: "tail" | "all";
  /** Read only for the names real headers give (its other names are known defects of the table). */
  readonly explainedOnly?: true;
}

function readsArchSpecific(version: string): boolean {
  const m = /^v0\.(\d+)\.\d+$/.exec(version);
  return m !== null && Number(m[1]) >= 11;
}

/**
 * The module directory of golang.org/x/sys@version, downloaded (once) by `go mod download` into
 * .cache/registry/gomod; the go command checks it against the checksum database, and the pin is its
 * go.sum hash.
 */
function xsysModule(version: string, sum: string): string {
  const env = {
    ...process.env,
    GOMODCACHE: join(repoRoot, ".cache", "registry", "gomod"),
    GOFLAGS: "-mod=mod",
    GOTOOLCHAIN: "local",
  };
  const info = JSON.parse(
    execFileSync("go", ["mod", "download", "-json", `golang.org/x/sys@${version}`], { env, encoding: "utf8" }),
  ) as { Dir?: string; Sum?: string; Error?: string };
  if (info.Dir === undefined || info.Sum === undefined)
    throw new Error(`go mod download golang.org/x/sys@${version}: ${info.Error ?? "no module directory"}`);
  if (info.Sum !== sum)
    throw new Error(`golang.org/x/sys@${version}: go.sum hash ${info.Sum}, scripts/registry/inputs.tsv pins ${sum}`);
  addPin({ source: "go", id: `golang.org/x/sys@${version}`, sha256: info.Sum });
  return info.Dir;
}

/** Every zsysnum file of the x/sys versions read, checked against the Linux version its Dockerfile clones. */
export async function readXsysFiles(): Promise<XsysFile[]> {
  const out: XsysFile[] = [];
  for (const src of xsysSources) {
    const dir = join(xsysModule(src.version, src.sum), "unix");
    const cloned = dockerLinux(readFileSync(join(dir, "linux", "Dockerfile"), "utf8"));
    if (cloned !== src.linux)
      throw new Error(`xsys/${src.version}/Dockerfile clones Linux ${cloned}, xsys-sources.ts says ${src.linux}`);
    const rc = /-rc\d+$/.test(src.linux);
    const series = src.linux.replace(/-rc\d+$/, "");
    for (const file of readdirSync(dir)
      .filter((f) => /^zsysnum_linux_\w+\.go$/.test(f))
      .sort()) {
      const label = `xsys/${src.version}/${file}`;
      const text = readFileSync(join(dir, file), "utf8");
      // Only files the Docker build made (its /tmp include directories) speak for the Dockerfile's Linux.
      if (!/^\/\/ go run linux\/mksysnum\.go .*-I\/tmp\//.test(text))
        throw new Error(`${label}: line 1 is not the Docker build's mksysnum.go command`);
      const parsed = await readZsysnumGo(text, label);
      const target = findTarget(parsed.goarch);
      if (target === undefined) throw new Error(`${label}: unknown GOARCH ${parsed.goarch}`);
      out.push({
        version: src.version,
        linux: src.linux,
        series,
        rc,
        target: target.name,
        readsArchSpecific: readsArchSpecific(src.version),
        constants: parsed.constants,
        label,
      });
    }
  }
  return out.sort((a, b) => compareSeries(a.series, b.series));
}

/** A view made from an x/sys file, plus the constants no real-header fact explains. */
export interface XsysView {
  readonly file: XsysFile;
  readonly series: string;
  readonly present: Map<string, Fact>;
  readonly unknown: Set<string>;
  readonly unmatched: readonly string[];
  /** Whether the file would show any entry (not alias) of the target's form with number ≤ 999. */
  readonly seesEverything: boolean;
}

/**
 * An alias (`__NR_newfstatat` → `__NR3264_fstatat` in asm-generic, arm's `__NR_sync_file_range2`
 * → `__NR_arm_sync_file_range`) is defined with the entry of its number: with the `__NR3264_*`
 * entry where there is one (6.11+ scripts/syscall.tbl headers have the number but no alias),
 * else with any entry of that number. Used for an x/sys view only for the aliases where every
 * real reading of the target agrees.
 */
export function aliasesFollowingEntries(views: Iterable<SeriesView>, universe: ReadonlyMap<string, Fact>): Set<string> {
  const ok = new Set([...universe].filter(([, f]) => f.alias === true).map(([k]) => k));
  for (const v of views) {
    const state = (k: string): State => (v.present.has(k) ? "p" : v.unknown.has(k) ? "u" : "a");
    for (const k of [...ok]) {
      const own = state(k);
      const derived = aliasState(universe.get(k) as Fact, universe, state);
      if (own !== "u" && derived !== "u" && own !== derived) ok.delete(k);
    }
  }
  return ok;
}

type State = "p" | "a" | "u";

const k0 = (keys: readonly string[]) => keys[0] as string;

function aliasState(a: Fact, universe: ReadonlyMap<string, Fact>, state: (key: string) => State): State {
  const entries = [...universe].filter(([, f]) => f.alias !== true && f.number === a.number);
  const withMacro = entries.filter(([, f]) => f.macro !== undefined);
  const states = (withMacro.length > 0 ? withMacro : entries).map(([k]) => state(k));
  if (states.includes("p")) return "p";
  if (states.length > 0 && states.every((s) => s === "a")) return "a";
  return "u";
}

/** The real facts an x/sys file is read against; `eras` only for asm-generic ports. */
export interface XsysUniverse {
  readonly facts: ReadonlyMap<string, Fact>;
  readonly aliasRule: ReadonlySet<string>;
  readonly eras?: ReadonlyMap<string, ReadonlySet<Era>>;
}

export function xsysView(file: XsysFile, u: XsysUniverse): XsysView {
  const { facts: universe, aliasRule } = u;
  const target = findTarget(file.target) as Target;
  const era = eraOf(file.series);
  const slotEras = u.eras === undefined ? new Map<number, Set<Era>>() : slotErasOf(universe, u.eras);
  const outside = new Map<string, "a" | "u">();
  if (u.eras !== undefined) {
    for (const [k, f] of universe) {
      const s = otherEraState(f, u.eras.get(k), era, slotEras);
      if (s !== undefined) outside.set(k, s);
    }
  }
  // arm's `__NR_SYSCALL_MASK 0x0fffff` (5.15+) prints as `SYS_SYSCALL_MASK = 0`: it is an observation like any
  // other. Tables that are not mksysnum output give the real number.
  const printed = (f: Fact) => (file.numbersOnly === true ? f.number : printedNumber(target, f));
  const visible = (f: Fact) => mksysnumPrints(target, f, file.readsArchSpecific);
  // Printed whatever the headers say (SYS_ARCH_SPECIFIC_SYSCALL): no observation.
  const appended = appendedByMksysnum(target);
  const candidates = new Map<string, string[]>();
  // A complete table tells `__NR3264_fstatat` 79 (the entry) from `__NR_newfstatat` 79 (its alias) by macro.
  const idOf = (name: string, number: number, macro: string | undefined) =>
    file.absence === "all" ? `${name} ${number} ${macro ?? ""}` : `${name} ${number}`;
  // A constant whose only explanation is a fact of unknown form in this era (riscv_hwprobe before
  // 6.11) is not unmatched: that fact stays unknown here, which keeps such series refused.
  const formUnknown = new Set<string>();
  for (const [k, f] of universe) {
    // mksysnum never prints an alias; a presence-only table (PyPI, hrw) names whichever it names.
    if (f.alias === true && file.numbersOnly !== true) continue;
    const id = idOf(sysName(f.name), printed(f), f.macro);
    if (outside.get(k) === "u") formUnknown.add(id);
    if (outside.has(k)) continue;
    candidates.set(id, [...(candidates.get(id) ?? []), k]);
  }
  const state = new Map<string, State>();
  // PyPI's tables leave out numbers the headers keep for removed syscalls (uselib, _sysctl, …): there,
  // what a table lacks says nothing, except (`tail`) that numbers past its last one are not there yet.
  const tail =
    file.absence === "tail" && target.name !== "x32" ? Math.max(...file.constants.map((c) => c.number)) : Infinity;
  const absent = (f: Fact): boolean => {
    if (file.numbersOnly !== true) return visible(f);
    if (file.absence === "all") return true;
    return f.alias !== true && f.xsysOnly !== true && f.undef !== true && f.number > tail;
  };
  for (const [k, f] of universe) state.set(k, outside.get(k) ?? (absent(f) ? "a" : "u"));
  const unmatched: string[] = [];
  for (const c of file.constants) {
    if (appended !== undefined && c.name === sysName(appended.name)) continue;
    const id = idOf(c.name, c.number, c.macro);
    const keys = candidates.get(id) ?? [];
    if (keys.length === 0 && !formUnknown.has(id)) unmatched.push(`${c.name} = ${c.number}`);
    // A complete table names aliases as they are (`__NR_sync_file_range2` 341 on arm); elsewhere a name
    // that is an alias may be the table's spelling of the entry.
    const sure = keys.length === 1 && (universe.get(k0(keys))?.alias !== true || file.absence === "all");
    for (const k of keys) state.set(k, sure ? "p" : "u");
  }
  for (const [k, f] of universe) {
    if (f.alias === true && state.get(k) !== "p")
      state.set(k, aliasRule.has(k) ? aliasState(f, universe, (key) => state.get(key) ?? "u") : "u");
  }
  const present = new Map<string, Fact>();
  const unknown = new Set<string>();
  for (const [k, f] of universe) {
    const s = state.get(k);
    if (s === "p") present.set(k, f);
    else if (s === "u" || file.rc) unknown.add(k);
  }
  return {
    file,
    series: file.series,
    present,
    unknown,
    unmatched,
    seesEverything: !target.generic || file.readsArchSpecific,
  };
}

/** The series just before an -rc: what the -rc lacks (and would show) was not there yet. */
export function rcAbsenceView(v: XsysView, u: XsysUniverse): { series: string; unknown: Set<string> } | undefined {
  const before = previousSeries(v.series);
  if (before === undefined) return undefined;
  const full = xsysView({ ...v.file, rc: false }, u);
  // Absent there: what a non-rc reading would call absent. Everything else is unknown.
  const unknown = new Set([...u.facts.keys()].filter((k) => full.present.has(k) || full.unknown.has(k)));
  return { series: before, unknown };
}
