/**
 * The vanilla kernel series the registry speaks about, oldest first: 2.6.32 … 2.6.39, then every x.y of
 * each major up to the newest release the registry's inputs name (data/registry.json `series`: the last
 * series of each major, written by `pnpm regen:registry` from scripts/registry/inputs.tsv). Syscalls only
 * appear in a mainline release, so a series (x.y, or 2.6.z before 3.0) is the unit of "first kernel";
 * stable updates x.y.z add none.
 */
import shipped from "../data/registry.json" with { type: "json" };

/** `["2.6.39", "3.19", …, "7.3"]` (each major's last series) → every series, oldest first. */
function buildSeries(lastOfEachMajor: readonly string[]): string[] {
  const out: string[] = [];
  for (const last of lastOfEachMajor) {
    const parts = last.split(".").map(Number);
    if (parts[0] === 2) for (let z = 32; z <= (parts[2] as number); z++) out.push(`2.6.${z}`);
    else for (let minor = 0; minor <= (parts[1] as number); minor++) out.push(`${parts[0]}.${minor}`);
  }
  return out;
}

/** Every vanilla series, oldest first. */
export let allSeries: readonly string[] = buildSeries(shipped.series);
export let oldestSeries = allSeries[0] as string;
export let newestSeries = allSeries[allSeries.length - 1] as string;
let indexOf = new Map(allSeries.map((s, i) => [s, i]));

/**
 * The registry build only: the series its inputs name (the data it is about to write may name a release
 * the shipped data does not know yet). Every importer sees the new list (ES module bindings are live).
 */
export function useSeries(lastOfEachMajor: readonly string[]): void {
  allSeries = buildSeries(lastOfEachMajor);
  oldestSeries = allSeries[0] as string;
  newestSeries = allSeries[allSeries.length - 1] as string;
  indexOf = new Map(allSeries.map((s, i) => [s, i]));
}

/** Each major's last series, as data/registry.json keeps them (the inverse of the list above). */
export function lastOfEachMajor(series: readonly string[] = allSeries): string[] {
  const major = (s: string) => (s.startsWith("2.6.") ? "2.6" : (s.split(".")[0] as string));
  return series.filter((s, i) => major(s) !== major(series[i + 1] ?? ""));
}

function isSeries(name: string): boolean {
  return indexOf.has(name);
}

/** Position of a series in `allSeries`; throws on a non-series (a registry bug, not user input). */
export function seriesIndex(name: string): number {
  const i = indexOf.get(name);
  if (i === undefined) throw new Error(`not a kernel series: ${name}`);
  return i;
}

/** Orders two registry series (`3.10`, `4.18`): negative, zero or positive, for `Array.prototype.sort`. */
export function compareSeries(a: string, b: string): number {
  return seriesIndex(a) - seriesIndex(b);
}

export function nextSeries(name: string): string | undefined {
  return allSeries[seriesIndex(name) + 1];
}

export function previousSeries(name: string): string | undefined {
  const i = seriesIndex(name);
  return i === 0 ? undefined : allSeries[i - 1];
}

/**
 * The series of a release number: `3.10.0` → `3.10`, `2.6.32.71` → `2.6.32`, `6.1.20` → `6.1`.
 * Undefined when the numbers name no series the registry has.
 */
export function seriesOfRelease(parts: readonly number[]): string | undefined {
  const [major, minor, patch] = parts;
  if (major === undefined || minor === undefined) return undefined;
  const name = major === 2 && minor === 6 ? (patch === undefined ? undefined : `2.6.${patch}`) : `${major}.${minor}`;
  return name !== undefined && isSeries(name) ? name : undefined;
}
