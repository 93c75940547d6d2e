/**
 * The registry's data as it ships: data/registry.json, written by `pnpm regen:registry` (scripts/build-registry.ts).
 * Data, not code: per target the TSV lines of its records (`name number since [until kind macro]`) and of its
 * snapshots (`series sources`), the RHEL builds as changes over the vanilla tables, RHEL's majors and minors.
 * A target's lines are parsed the first time it is asked for: `gen --kernel 3.10.0 --arch amd64` reads amd64's.
 */
import type { TargetName } from "@xsysgen/core";
import shipped from "../data/registry.json" with { type: "json" };
import type {
  DistroBuild,
  DistroChange,
  RegistryData,
  RegistryRecord,
  RhelMajor,
  RhelMinor,
  Snapshot,
  Span,
  TargetRegistry,
} from "./model.ts";
import { previousSeries } from "./series.ts";

/** The JSON document: every member a list of TSV lines, so a data change is one line of a diff. */
export interface ShippedRegistry {
  readonly note: string;
  /** The last series of each major (series.ts builds the whole list from it). */
  readonly series: readonly string[];
  readonly targets: Readonly<Record<string, ShippedTarget>>;
  /** `build minor base targets sameAs source limits` */
  readonly distros: readonly string[];
  /** `build target op name number [kind macro]` */
  readonly distroDeltas: readonly string[];
  /** `major N version base builtFor others` / `minor N.M release evidence` */
  readonly rhel: readonly string[];
}

interface ShippedTarget {
  readonly limits: string;
  /** `series sources` */
  readonly snapshots: readonly string[];
  /** `name number since [until kind macro]` */
  readonly records: readonly string[];
}

/** A span as the data writes it: `4.11` (that release), `6.13..6.19` (first candidate..last), `..2.6.32`. */
function parseSpan(text: string): Span {
  // ~300 distinct spans among ~6,500 records: each is read once.
  let span = spans.get(text);
  if (span === undefined) spans.set(text, (span = readSpan(text)));
  return span;
}

const spans = new Map<string, Span>();

function readSpan(text: string): Span {
  if (text.startsWith("..")) return [null, text.slice(2)];
  const dots = text.indexOf("..");
  const first = dots < 0 ? text : text.slice(0, dots);
  const at = dots < 0 ? text : text.slice(dots + 2);
  return [previousSeries(first) ?? null, at];
}

function parseRecord(line: string): RegistryRecord {
  const fields = line.split("\t");
  const record: {
    name: string;
    number: number;
    since: Span;
    until?: Span;
    alias?: true;
    archSpecific?: true;
    xsysOnly?: true;
    undef?: true;
    macro?: string;
  } = { name: fields[0] as string, number: Number(fields[1]), since: parseSpan(fields[2] as string) };
  const until = fields[3];
  if (until !== undefined && until !== "") record.until = parseSpan(until);
  const kind = fields[4];
  if (kind === "alias") record.alias = true;
  else if (kind === "arch-specific") record.archSpecific = true;
  else if (kind === "xsys-only") record.xsysOnly = true;
  else if (kind === "undef") record.undef = true;
  const macro = fields[5];
  if (macro !== undefined && macro !== "") record.macro = macro;
  return record;
}

function parseSnapshot(line: string): Snapshot {
  const tab = line.indexOf("\t");
  return { series: line.slice(0, tab), source: line.slice(tab + 1) };
}

/** One target's registry from its shipped lines. */
function parseTarget(target: TargetName, t: ShippedTarget): TargetRegistry {
  return { target, limits: t.limits, snapshots: t.snapshots.map(parseSnapshot), records: t.records.map(parseRecord) };
}

function parseDistros(distros: readonly string[], deltas: readonly string[]): DistroBuild[] {
  const changes = new Map<string, DistroChange[]>();
  for (const line of deltas) {
    const [build, target, op, name, number, kind, macro] = line.split("\t");
    const key = `${build} ${target}`;
    const list = changes.get(key) ?? [];
    list.push({
      op: op as "+" | "-",
      name: name as string,
      number: Number(number),
      ...(kind === "alias" ? { alias: true as const } : {}),
      ...(macro ? { macro } : {}),
      ...(kind === "arch-specific" ? { archSpecific: true as const } : {}),
    });
    changes.set(key, list);
  }
  return distros.map((line) => {
    const [name, minor, base, targets, sameAs, source, limits] = line.split("\t") as string[];
    const perTarget: Partial<Record<TargetName, readonly DistroChange[]>> = {};
    const baseTargets: Partial<Record<TargetName, TargetName>> = {};
    for (const word of (targets as string).split(",").filter((x) => x !== "")) {
      const [t, over] = word.split("=") as [TargetName, TargetName | undefined];
      perTarget[t] = changes.get(`${name} ${t}`) ?? [];
      if (over !== undefined) baseTargets[t] = over;
    }
    const build = {
      name: name as string,
      release: `RHEL ${minor as string}`,
      minor: minor as string,
      base: base as string,
      targets: perTarget,
      sameAs: (sameAs as string).split(",").filter((x) => x !== ""),
      source: source as string,
      limits: limits as string,
    };
    return Object.keys(baseTargets).length > 0 ? { ...build, baseTargets } : build;
  });
}

function parseRhel(lines: readonly string[]): { rhelMajors: RhelMajor[]; rhelMinors: RhelMinor[] } {
  const rhelMajors: RhelMajor[] = [];
  const rhelMinors: RhelMinor[] = [];
  for (const line of lines) {
    const [kind, key, a, b, c, d] = line.split("\t") as string[];
    if (kind === "major")
      rhelMajors.push({
        major: Number(key),
        version: a as string,
        base: b as string,
        builtFor: (c as string).split(",") as TargetName[],
        others: d as string,
      });
    else rhelMinors.push({ minor: key as string, release: Number(a), evidence: b as string });
  }
  return { rhelMajors, rhelMinors };
}

/**
 * The registry of a shipped document: each target's records parsed on first use (a getter that replaces
 * itself with the parsed value), the RHEL part on first use of any of it.
 */
export function registryFrom(doc: ShippedRegistry): RegistryData {
  const targets: Partial<Record<TargetName, TargetRegistry>> = {};
  for (const [name, t] of Object.entries(doc.targets)) {
    Object.defineProperty(targets, name, {
      enumerable: true,
      configurable: true,
      get() {
        const parsed = parseTarget(name as TargetName, t);
        Object.defineProperty(targets, name, { value: parsed, enumerable: true });
        return parsed;
      },
    });
  }
  let rhel: { distros: DistroBuild[]; rhelMajors: RhelMajor[]; rhelMinors: RhelMinor[] } | undefined;
  const rhelPart = () => (rhel ??= { distros: parseDistros(doc.distros, doc.distroDeltas), ...parseRhel(doc.rhel) });
  return {
    targets,
    get distros() {
      return rhelPart().distros;
    },
    get rhelMajors() {
      return rhelPart().rhelMajors;
    },
    get rhelMinors() {
      return rhelPart().rhelMinors;
    },
  };
}

/** The embedded registry. */
export const registry: RegistryData = registryFrom(shipped as ShippedRegistry);
