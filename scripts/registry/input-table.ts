/**
 * scripts/registry/inputs.tsv: the registry's downloaded inputs, one row per package (kind, package,
 * version, the kernel series its tables are of, pin). The readers (xsys.ts, pypi.ts, crates.ts,
 * debian-sources.ts) take their packages from it, each download is checked against its pin, and the
 * series the registry speaks of run to the newest one a row or kernel-data names: a new release is a row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lastOfEachMajor, useSeries } from "../../packages/kernels/src/series.ts";

export type InputKind = "go" | "pypi" | "debian" | "crate";

export interface InputRow {
  readonly kind: InputKind;
  readonly name: string;
  readonly version: string;
  /** The kernel release its tables are of (`6.17`, `5.19-rc2`), or undefined when it states none. */
  readonly series: string | undefined;
  readonly pin: string;
}

const inputTablePath = join(import.meta.dirname, "inputs.tsv");

const kinds: readonly InputKind[] = ["go", "pypi", "debian", "crate"];

export function parseInputTable(text: string, file = "scripts/registry/inputs.tsv"): InputRow[] {
  const rows: InputRow[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const [kind, name, version, series, pin, ...rest] = line.split("\t");
    const where = `${file}:${i + 1}`;
    if (!kinds.includes(kind as InputKind) || !name || !version || !series || !pin || rest.length > 0)
      throw new Error(`${where}: expected kind (${kinds.join("|")}), package, version, series, pin; got "${line}"`);
    if (series !== "-" && !/^\d+\.\d+(\.\d+)?(-rc\d*)?$/.test(series))
      throw new Error(`${where}: series "${series}" is no kernel release (x.y, x.y-rc or x.y-rcN, or -)`);
    rows.push({ kind: kind as InputKind, name, version, series: series === "-" ? undefined : series, pin });
  });
  return rows;
}

let cached: InputRow[] | undefined;

/** The rows of inputs.tsv (of one kind). */
export function inputRows(kind?: InputKind): InputRow[] {
  cached ??= parseInputTable(readFileSync(inputTablePath, "utf8"));
  return kind === undefined ? cached : cached.filter((r) => r.kind === kind);
}

/** `6.17`, `5.19-rc2`, `5.14-rc` → the series (`x.y`; 2.6.z stays whole). */
export function seriesOfInput(release: string): string {
  const bare = release.replace(/-rc\d*$/, "");
  const [a, b, c] = bare.split(".");
  return a === "2" ? `2.6.${c}` : `${a}.${b}`;
}

/**
 * Makes the series list run to the newest release a row or kernel-data (`kernelData`: the series of its
 * saved trees) names, every major to the last minor seen. Returns each major's last series.
 */
export function useInputSeries(kernelData: readonly string[]): string[] {
  const named = [
    ...kernelData,
    ...inputRows().flatMap((r) => (r.series === undefined ? [] : [seriesOfInput(r.series)])),
  ];
  const last = new Map<string, number>();
  for (const s of named) {
    const [a, b, c] = s.split(".").map(Number) as [number, number, number | undefined];
    const major = a === 2 ? "2.6" : String(a);
    const minor = a === 2 ? (c as number) : b;
    last.set(major, Math.max(last.get(major) ?? -1, minor));
  }
  const majors = [...last.keys()].sort((x, y) => Number(x) - Number(y));
  for (let m = 3; m < Number(majors[majors.length - 1]); m++)
    if (!last.has(String(m))) throw new Error(`no input names a Linux ${m}.x release: cannot tell where ${m}.x ended`);
  const lasts = majors.map((m) => (m === "2.6" ? `2.6.${last.get(m)}` : `${m}.${last.get(m)}`));
  useSeries(lasts);
  return lastOfEachMajor();
}
