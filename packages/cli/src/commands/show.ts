/**
 * `xsysgen show <syscall-name|number> [--arch …] [--evidence] [--json]`: one syscall across arches and
 * RHEL builds. Text fits the screen: number and first kernel per arch, the RHEL builds grouped by whether
 * they have it; `--evidence` adds, under each arch, the tables that place its first kernel.
 */
import { UsageError, show, type ShowDistro, type SinceEvidence } from "xsysgen";
import { parseStrict, stringArg } from "../args.ts";
import type { CliIo } from "../io.ts";
import { outputWidth, renderColumns, wrapText } from "../layout.ts";
import { printJson } from "../target-flags.ts";

export async function showCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseStrict("show", argv);
  const query = parsed._[0];
  if (query === undefined) throw new UsageError("show: which syscall? xsysgen show <name|number>");
  const arch = stringArg(parsed, "arch");
  const result = show(query, arch === undefined ? {} : { arch });
  if (parsed.json === true) {
    printJson(io, result);
    return 0;
  }
  const width = outputWidth(io.stdout as { isTTY?: boolean; columns?: number });
  const evidence = parsed.evidence === true;
  // The name column only when the rows name different syscalls (a number query, arm's private calls).
  const named = new Set(result.arches.map((a) => a.name)).size > 1;
  const head = ["arch", ...(named ? ["name"] : []), "number", "first kernel"];
  const rows = result.arches.map((a) => [
    a.goarch ?? a.target,
    ...(named ? [a.name] : []),
    String(a.number),
    a.since.text + (a.until === undefined ? "" : ` (gone ${a.until.text})`),
  ]);
  const title = named ? `${result.query}:` : `${result.arches[0]?.name ?? result.query}:`;
  const out: string[] = wrapText(`${title} its number and first Linux release per arch`, width, "  ");
  const table = renderColumns([head, ...rows], width)
    .trimEnd()
    .split("\n");
  out.push(table[0] as string);
  result.arches.forEach((a, i) => {
    out.push(table[i + 1] as string);
    if (evidence) out.push(...wrapText(`    ${evidenceText(a.evidence)}`, width, "      "));
  });
  out.push(...distroLines(result.distros, width));
  if (!evidence) out.push("(--evidence shows the tables that place each first kernel)");
  io.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

/**
 * The RHEL builds grouped by which of the arches shown have the syscall: `have it` (all), `lack it`
 * (none), and one group per mix (RHEL 9.0 … 9.5 have memfd_secret on amd64, not on s390x). Runs of
 * neighbouring builds read as ranges (`RHEL 8.7 … 10.0`).
 */
function distroLines(distros: readonly ShowDistro[], width: number): string[] {
  const known = distros.filter((d) => Object.keys(d.has).length > 0);
  if (known.length === 0) return [];
  const verdict = (d: ShowDistro) => {
    const has = Object.entries(d.has);
    const yes = has.filter(([, v]) => v === true).map(([t]) => t);
    const no = has.filter(([, v]) => v !== true).map(([t]) => t);
    return no.length === 0 ? "have it" : yes.length === 0 ? "lack it" : `on ${yes.join(", ")}, not on ${no.join(", ")}`;
  };
  const groups = [...new Set(known.map(verdict))];
  return [
    "RHEL builds:",
    ...groups.flatMap((label) =>
      wrapText(
        `  ${label}: ${ranges(known.map((d) => (verdict(d) === label ? d.release : undefined)))}`,
        width,
        "    ",
      ),
    ),
  ];
}

/**
 * Neighbouring defined entries as `first … last` (three or more), else listed; an undefined one breaks a
 * run. Releases after the first drop the `RHEL ` they share: `RHEL 6.8 … 7.9, 9.6, 10.0`.
 */
function ranges(items: readonly (string | undefined)[]): string {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 3) out.push(`${run[0]} … ${run[run.length - 1]}`);
    else out.push(...run);
    run = [];
  };
  for (const item of items) {
    if (item === undefined) flush();
    else run.push(item);
  }
  flush();
  const text = out.join(", ");
  return text.startsWith("RHEL ") ? `RHEL ${text.replace(/RHEL /g, "")}` : text;
}

/** "not in 4.9 (its sources), in 4.18 (…)", plus what narrowed the bound and whether it is placed. */
function evidenceText(e: SinceEvidence): string {
  const parts: string[] = [];
  if (e.lacking !== null) parts.push(`not in ${e.lacking.series} (${shortSource(e.lacking.source)})`);
  if (e.having !== null) parts.push(`in ${e.having.series} (${shortSource(e.having.source)})`);
  if (e.narrowedBy !== undefined) parts.push(`narrowed by ${e.narrowedBy}`);
  if (!e.placed) parts.push("not placed to one release");
  return parts.join("; ");
}

/** The first source of a snapshot's list, and how many more agree. */
function shortSource(source: string): string {
  const all = source.split("; ");
  return all.length > 1 ? `${all[0]} +${all.length - 1}` : (all[0] ?? "");
}
