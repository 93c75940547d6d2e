/**
 * RHEL/CentOS kernels as deltas over their vanilla base series, from the RHEL trees' own tables.
 * x86 comes from their syscall tables; arm64 only where RHEL's asm-generic/unistd.h reads the
 * same through every known arm64 wrapper of the base's era (the RHEL arm64 wrapper is not in the data).
 */
import { parseBundle } from "../../packages/parser/src/index.ts";
import { findTarget, type TargetName } from "../../packages/core/src/index.ts";
import { compareSeries } from "../../packages/kernels/src/series.ts";
import type { DistroBuild, DistroChange, TargetRegistry } from "../../packages/kernels/src/model.ts";
import { presenceAt } from "../../packages/kernels/src/table.ts";
import { factKey, factsOf, type Fact } from "./records.ts";
import { genericBundle, inHeaderTables, kernelTreeBundle, treeBundle, wrappers, type Wrapper } from "./snapshots.ts";

interface BuildSpec {
  readonly name: string;
  readonly release: string;
  readonly base: string;
  readonly aliases: readonly string[];
  /** 2.6-era trees keep the x86 tables in asm/unistd_{32,64}.h; later ones in syscall_*.tbl. */
  readonly layout: "2.6" | "3.10" | "4.18";
  readonly armWrappers: readonly Wrapper[];
  /**
   * Non-x86 arches Red Hat builds from this tree (PROVENANCE.md: RHEL 6 ppc64, s390x; RHEL 7 ppc64,
   * ppc64le, s390x; RHEL 8 ppc64le, s390x), read from the tree's own headers where kernel-data has it.
   */
  readonly shipped: readonly TargetName[];
}

const builds: readonly BuildSpec[] = [
  {
    name: "2.6.32-642.6.2.el6",
    release: "RHEL 6.8",
    base: "2.6.32",
    aliases: ["rhel6", "centos6", "rhel6.8", "centos6.8"],
    layout: "2.6",
    armWrappers: [],
    shipped: ["ppc64", "s390x"],
  },
  {
    name: "3.10.0-514.el7",
    release: "RHEL 7.3",
    base: "3.10",
    aliases: ["rhel7.3", "centos7.3"],
    layout: "3.10",
    armWrappers: [wrappers.arm64v310],
    shipped: [],
  },
  {
    name: "3.10.0-1127.el7",
    release: "RHEL 7.8",
    base: "3.10",
    aliases: ["rhel7.8", "centos7.8"],
    layout: "3.10",
    armWrappers: [wrappers.arm64v310],
    shipped: [],
  },
  {
    name: "3.10.0-1160.el7",
    release: "RHEL 7.9",
    base: "3.10",
    aliases: ["rhel7", "centos7", "rhel7.9", "centos7.9"],
    layout: "3.10",
    armWrappers: [wrappers.arm64v310],
    shipped: ["ppc64", "ppc64le", "s390x"],
  },
  {
    name: "4.18.0-240.el8",
    release: "RHEL 8.3",
    base: "4.18",
    aliases: ["rhel8.3", "centos8.3"],
    layout: "4.18",
    armWrappers: [wrappers.arm64v310, wrappers.arm64v61],
    shipped: ["ppc64le", "s390x"],
  },
  {
    name: "4.18.0-348.2.1.el8",
    release: "RHEL 8.5",
    base: "4.18",
    aliases: ["rhel8", "centos8", "rhel8.5", "centos8.5"],
    layout: "4.18",
    armWrappers: [wrappers.arm64v310, wrappers.arm64v61],
    shipped: [],
  },
];

function x86Layout(b: BuildSpec): Record<string, string> {
  if (b.layout === "2.6") {
    return inHeaderTables(b.name);
  }
  const dir = b.layout === "3.10" ? "arch/x86/syscalls" : "arch/x86/entry/syscalls";
  return {
    [`${dir}/syscall_64.tbl`]: `tables/x86_64/${b.name}/syscall_64.tbl`,
    [`${dir}/syscall_32.tbl`]: `tables/i386/${b.name}/syscall_32.tbl`,
  };
}

function delta(base: ReadonlyMap<string, Fact>, distro: ReadonlyMap<string, Fact>): DistroChange[] {
  const change = (op: "+" | "-", f: Fact): DistroChange => ({
    op,
    name: f.name,
    number: f.number,
    ...(f.alias ? { alias: true as const } : {}),
  });
  const removed = [...base].filter(([k]) => !distro.has(k)).map(([, f]) => change("-", f));
  const added = [...distro].filter(([k]) => !base.has(k)).map(([, f]) => change("+", f));
  return [...removed, ...added].sort((a, b) => a.number - b.number || (a.op < b.op ? -1 : 1));
}

function registryFacts(reg: TargetRegistry | undefined, series: string): Map<string, Fact> {
  const m = new Map<string, Fact>();
  for (const r of reg?.records ?? []) {
    if (presenceAt(r, series) !== "present") continue;
    const f: Fact = {
      name: r.name,
      number: r.number,
      ...(r.alias ? { alias: true as const } : {}),
      ...(r.macro === undefined ? {} : { macro: r.macro }),
      ...(r.archSpecific === true ? { archSpecific: true as const } : {}),
      ...(r.xsysOnly === true ? { xsysOnly: true as const } : {}),
    };
    m.set(factKey(f), f);
  }
  return m;
}

async function armFacts(genericFile: string, w: Wrapper): Promise<Map<string, Fact>> {
  const parsed = await parseBundle(genericBundle(genericFile, genericFile, w), { targets: ["arm64"] });
  return factsOf(parsed.tables[0] as NonNullable<(typeof parsed.tables)[0]>);
}

export async function buildDistros(regs: readonly TargetRegistry[]): Promise<DistroBuild[]> {
  const regOf = (t: TargetName) => regs.find((r) => r.target === t);
  const out: DistroBuild[] = [];
  for (const b of builds) {
    const targets: Partial<Record<TargetName, readonly DistroChange[]>> = {};
    const parsed = await parseBundle(treeBundle(b.name, x86Layout(b)));
    for (const table of parsed.tables)
      targets[table.target] = delta(registryFacts(regOf(table.target), b.base), factsOf(table));
    const sources = [`tables/x86_64/${b.name}`, `tables/i386/${b.name}`];
    let limits = "x86 from the tree's in-header tables (RHEL 6 builds no asm-generic arch)";
    if (b.armWrappers.length > 0) {
      const rhel = `tables/generic/${b.name}/unistd.h`;
      const vanilla = `tables/generic/${b.base}/unistd.h`;
      const readings = await Promise.all(
        b.armWrappers.map(async (w) => JSON.stringify(delta(await armFacts(vanilla, w), await armFacts(rhel, w)))),
      );
      limits =
        "x86 (syscall_*.tbl) and arm64 (RHEL's asm-generic/unistd.h read through the vanilla arm64 wrappers); " +
        "no other arch is in the RHEL sources";
      if (readings.every((r) => r === readings[0])) {
        targets.arm64 = JSON.parse(readings[0] as string) as DistroChange[];
        sources.push(`tables/generic/${b.name}`);
      } else {
        limits = "x86 only: RHEL's asm-generic changes depend on arm64 wrapper flags the data does not give";
      }
    }
    const baseTargets: Partial<Record<TargetName, TargetName>> = {};
    if (b.shipped.length > 0) {
      const tree = await parseBundle(kernelTreeBundle(b.name, ["powerpc", "s390"]), { targets: [...b.shipped] });
      for (const table of tree.tables) {
        // ppc64le came to vanilla Linux in 3.13; RHEL 7 builds it from 3.10 with ppc64's table,
        // so its delta is taken over vanilla ppc64 of the base.
        const base =
          compareSeries(b.base, findTarget(table.target)?.firstKernel ?? b.base) < 0 ? "ppc64" : table.target;
        if (base !== table.target) baseTargets[table.target] = base;
        targets[table.target] = delta(registryFacts(regOf(base), b.base), factsOf(table));
      }
      sources.push(`tables/{powerpc,s390}/${b.name}`);
    }
    const shipped = b.shipped.filter((t) => targets[t] !== undefined);
    if (shipped.length > 0)
      limits =
        `${limits.replace(/; no other arch is in the RHEL sources$/, "")}; ` +
        `${shipped.join(", ")} from the tree's own headers`;
    out.push({
      name: b.name,
      release: b.release,
      base: b.base,
      aliases: b.aliases,
      targets,
      ...(Object.keys(baseTargets).length > 0 ? { baseTargets } : {}),
      source: sources.join(", "),
      limits,
    });
  }
  return out;
}
