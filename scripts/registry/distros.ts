/**
 * RHEL builds as changes over their vanilla base series, from each build's own tree (scripts/registry/rhel.ts):
 * every arch Red Hat builds the major for and kernel-data has the files of, read by the project's parser the
 * way `gen --headers <tree>` reads it. A build's other saved trees (wulmx's 4.18.0-348.2.1.el8 beside
 * AlmaLinux's 4.18.0-348.el8) must give the same tables, or the build stops.
 */
import { findTarget, type SyscallTable, type TargetName } from "../../packages/core/src/index.ts";
import { parseBundle, type HeaderBundle } from "../../packages/parser/src/index.ts";
import type {
  DistroBuild,
  DistroChange,
  RegistryData,
  RhelMajor,
  RhelMinor,
} from "../../packages/kernels/src/model.ts";
import { compareSeries } from "../../packages/kernels/src/series.ts";
import { recordsAt, refusalReason } from "../../packages/kernels/src/table.ts";
import { factKey, factsOf, type Fact } from "./records.ts";
import { rhelBuilds, rhelMajors, rhelMinors, rhelTreeBundle, type RhelBuildSpec } from "./rhel.ts";
import { kernelTreeBundle } from "./snapshots.ts";

/** The RHEL part of the registry: builds, majors and minors. */
export interface RhelData {
  readonly distros: DistroBuild[];
  readonly rhelMajors: readonly RhelMajor[];
  readonly rhelMinors: readonly RhelMinor[];
}

function delta(base: ReadonlyMap<string, Fact>, distro: ReadonlyMap<string, Fact>): DistroChange[] {
  const change = (op: "+" | "-", f: Fact): DistroChange => ({
    op,
    name: f.name,
    number: f.number,
    ...(f.alias ? { alias: true as const } : {}),
    ...(f.macro === undefined ? {} : { macro: f.macro }),
    ...(f.archSpecific === true ? { archSpecific: true as const } : {}),
  });
  const removed = [...base].filter(([k]) => !distro.has(k)).map(([, f]) => change("-", f));
  const added = [...distro].filter(([k]) => !base.has(k)).map(([, f]) => change("+", f));
  return [...removed, ...added].sort((a, b) => a.number - b.number || (a.op < b.op ? -1 : 1));
}

/** The facts of the vanilla table at `series` exactly as the runtime builds it (`recordsAt`). */
function baseFacts(targets: RegistryData["targets"], target: TargetName, series: string): Map<string, Fact> {
  const reg = targets[target];
  const why = refusalReason(reg, target, series);
  if (reg === undefined || why !== undefined) throw new Error(`no vanilla ${target} ${series} base: ${why ?? ""}`);
  const m = new Map<string, Fact>();
  for (const r of recordsAt(reg, series)) {
    const f: Fact = {
      name: r.name,
      number: r.number,
      ...(r.alias ? { alias: true as const } : {}),
      ...(r.macro === undefined ? {} : { macro: r.macro }),
      ...(r.archSpecific === true ? { archSpecific: true as const } : {}),
      ...(r.xsysOnly === true ? { xsysOnly: true as const } : {}),
      ...(r.undef === true ? { undef: true as const } : {}),
    };
    m.set(factKey(f), f);
  }
  return m;
}

/** A target the vanilla base lacks at that series takes its 64-bit sibling's (RHEL 7 ppc64le: vanilla ppc64 3.10). */
function baseTarget(target: TargetName, series: string): TargetName {
  const first = findTarget(target)?.firstKernel ?? series;
  // ppc64le came to vanilla Linux in 3.13; RHEL 7 builds it from 3.10 with ppc64's table.
  return compareSeries(series, first) < 0 && target === "ppc64le" ? "ppc64" : target;
}

async function tablesOf(bundle: HeaderBundle, wanted: readonly TargetName[]): Promise<Map<TargetName, SyscallTable>> {
  const parsed = await parseBundle(bundle, { only: wanted });
  return new Map(parsed.tables.filter((t) => wanted.includes(t.target)).map((t) => [t.target, t] as const));
}

/**
 * The cross-source check: another saved tree of the build's minor, laid over the build's own tree (its
 * arch wrappers read the other tree's asm-generic table), must give every target the same facts.
 */
async function checkAgreement(spec: RhelBuildSpec, bundle: HeaderBundle, tables: Map<TargetName, SyscallTable>) {
  for (const other of spec.agreeing) {
    const files = new Map(bundle.files);
    for (const [path, text] of kernelTreeBundle(other, ["x86_64", "i386", "generic"]).files) files.set(path, text);
    const theirs = await tablesOf({ origin: `linux-${other}`, files }, [...tables.keys()]);
    for (const [target, table] of tables) {
      const a = [...factsOf(table).keys()].sort();
      const b = [...factsOf(theirs.get(target) as SyscallTable).keys()].sort();
      const onlyOurs = a.filter((k) => !b.includes(k));
      const onlyTheirs = b.filter((k) => !a.includes(k));
      if (onlyOurs.length + onlyTheirs.length > 0)
        throw new Error(
          `tables/*/${other} disagrees with tables/*/${spec.name} (RHEL ${spec.minor}) on ${target}: ` +
            `only in ${spec.name} ${onlyOurs.slice(0, 5).join("; ")}, ` +
            `only in ${other} ${onlyTheirs.slice(0, 5).join("; ")}`,
        );
    }
  }
}

/** Every RHEL build as changes over the vanilla tables `targets` (read back from their TSV, as at run time). */
export async function buildDistros(targets: RegistryData["targets"]): Promise<RhelData> {
  const specs = rhelBuilds();
  const distros: DistroBuild[] = [];
  for (const spec of specs) {
    const { bundle, supplied } = rhelTreeBundle(spec.name);
    const tables = await tablesOf(bundle, spec.major.builtFor);
    await checkAgreement(spec, bundle, tables);
    const changes: Partial<Record<TargetName, readonly DistroChange[]>> = {};
    const baseTargets: Partial<Record<TargetName, TargetName>> = {};
    for (const target of spec.major.builtFor) {
      const table = tables.get(target);
      if (table === undefined) continue;
      const over = baseTarget(target, spec.major.base);
      if (over !== target) baseTargets[target] = over;
      changes[target] = delta(baseFacts(targets, over, spec.major.base), factsOf(table));
    }
    const served = spec.major.builtFor.filter((t) => tables.has(t));
    const missing = spec.major.builtFor.filter((t) => !tables.has(t));
    const limits = [
      missing.length === 0 ? "" : `kernel-data saved no ${missing.join(", ")} files of this build`,
      ...Object.entries(baseTargets).map(([t, b]) => `${t} over vanilla ${b} (Linux gained ${t} later)`),
      ...supplied,
      spec.provenance,
    ].filter((x) => x !== "");
    distros.push({
      name: spec.name,
      release: `RHEL ${spec.minor}`,
      minor: spec.minor,
      base: spec.major.base,
      targets: changes,
      ...(Object.keys(baseTargets).length > 0 ? { baseTargets } : {}),
      sameAs: spec.sameAs,
      source: [`tables/*/${spec.name}`, ...spec.agreeing.map((t) => `tables/*/${t} (same tables)`)].join(", "),
      limits: `${served.join(", ")} from the build's own tree; ${limits.join("; ")}`,
    });
  }
  return { distros, rhelMajors, rhelMinors: rhelMinors(specs) };
}
