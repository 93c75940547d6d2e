/** `xsysgen show <syscall-name|number> [--arch …] [--json]`: one syscall across arches and distro builds. */
import { UsageError } from "@xsysgen/core";
import { showSyscall, type SinceEvidence } from "@xsysgen/kernels";
import { archList, parseStrict, stringArg } from "../args.ts";
import type { CliIo } from "../io.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";

export async function showCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseStrict("show", argv);
  const query = parsed._[0];
  if (query === undefined) throw new UsageError("show: which syscall? xsysgen show <name|number>");
  const arches = archList(stringArg(parsed, "arch"));
  const result = showSyscall(query, arches === undefined || arches === "all" ? undefined : arches);
  if (parsed.json === true) {
    io.stdout.write(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...result }, null, 2)}\n`);
    return 0;
  }
  const rows = result.arches.map((a) => [
    a.goarch ?? a.target,
    a.name,
    String(a.number),
    a.since.text + (a.until === undefined ? "" : ` (until ${a.until.text})`),
    evidenceText(a.evidence),
  ]);
  io.stdout.write(renderColumns([["arch", "name", "number", "first kernel", "evidence"], ...rows]));
  if (result.distros.length > 0) {
    io.stdout.write("\ndistro builds:\n");
    for (const d of result.distros) {
      const cells = Object.entries(d.has).map(([t, has]) => `${t} ${has === true ? "yes" : "no"}`);
      io.stdout.write(`  ${d.name}: ${cells.length === 0 ? "no data for these arches" : cells.join(", ")}\n`);
    }
  }
  return 0;
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

export function renderColumns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return (
    rows
      .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "))
      .join("\n") + "\n"
  );
}
