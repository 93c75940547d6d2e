/**
 * The vanilla kernel series the registry speaks about, oldest first: 2.6.32 … 2.6.39, 3.0 … 3.19,
 * 4.0 … 4.20, 5.0 … 5.19, 6.0 … 6.19, 7.0, 7.1. Syscalls only appear in a mainline release, so a
 * series (x.y, or 2.6.z before 3.0) is the unit of "first kernel"; stable updates x.y.z add none.
 */

const lastMinor: ReadonlyArray<readonly [major: number, last: number]> = [
  [3, 19],
  [4, 20],
  [5, 19],
  [6, 19],
  [7, 2],
];

function buildSeries(): string[] {
  const out: string[] = [];
  for (let z = 32; z <= 39; z++) out.push(`2.6.${z}`);
  for (const [major, last] of lastMinor) for (let minor = 0; minor <= last; minor++) out.push(`${major}.${minor}`);
  return out;
}

/** Every vanilla series, oldest first. */
export const allSeries: readonly string[] = buildSeries();

const indexOf = new Map(allSeries.map((s, i) => [s, i]));

export const oldestSeries = allSeries[0] as string;
export const newestSeries = allSeries[allSeries.length - 1] as string;

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
 * Undefined when the numbers name no series between 2.6.32 and 7.1.
 */
export function seriesOfRelease(parts: readonly number[]): string | undefined {
  const [major, minor, patch] = parts;
  if (major === undefined || minor === undefined) return undefined;
  const name = major === 2 && minor === 6 ? (patch === undefined ? undefined : `2.6.${patch}`) : `${major}.${minor}`;
  return name !== undefined && isSeries(name) ? name : undefined;
}
