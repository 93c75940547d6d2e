/**
 * `diff`: what changed between the syscall tables of two kernels or header sets, per arch, and the
 * arches only one side has; rendered as text, Markdown, JSON or a self-contained HTML page (which can
 * take more than two kernels as columns). With `out`, the rendering is written there atomically.
 */
import { UsageError, targetNames, type SyscallTable, type TargetName } from "@xsysgen/core";
import {
  diffTables,
  isEmptyDiff,
  renderAvailabilityHtml,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
  type AvailabilityColumn,
  type DiffReport,
} from "@xsysgen/generator";
import { sinceOf } from "@xsysgen/kernels";
import { Notes } from "./notes.ts";
import { resolveArches, type HostMachine } from "./options.ts";
import { writeOutputFile } from "./output.ts";
import { SCHEMA_VERSION } from "./schema-version.ts";
import { loadSource, sourceSpecFromWord, type LoadedSource } from "./sources.ts";
import type { ReadOptions } from "@xsysgen/reader";

/** The renderings of a diff. */
export const diffFormats = ["text", "markdown", "json", "html"] as const;
/** One of {@link diffFormats}. */
export type DiffFormat = (typeof diffFormats)[number];

/** Options of {@link diff}: `xsysgen diff`'s arguments and flags. */
export interface DiffOptions {
  /** Each side: a kernel (`3.10`, `centos7`, a `uname -r`) or a headers path. Two, or more for `html`. */
  readonly sides: readonly string[];
  /** Only these arches (names or aliases, or `all`). */
  readonly arch?: string | readonly string[];
  /** The rendering: default what `out`'s extension names (`.html`, `.md`, `.json`, `.txt`), else text. */
  readonly format?: DiffFormat;
  /** Write the rendering to this file as well (temp file + rename). */
  readonly out?: string;
  /** Reading headers sides. */
  readonly read?: ReadOptions;
  /** What a side `host` means. */
  readonly host?: HostMachine;
}

/** One arch's changes in a {@link DiffResult}. */
export interface DiffArch {
  readonly added: readonly { readonly name: string; readonly number: number; readonly since: string | null }[];
  readonly removed: readonly { readonly name: string; readonly number: number; readonly since: string | null }[];
  readonly renumbered: readonly { readonly name: string; readonly from: number; readonly to: number }[];
  readonly renamed: readonly { readonly number: number; readonly from: string; readonly to: string }[];
}

/** What {@link diff} returns: `diff --json`'s document, whether anything changed, and the rendering asked for. */
export interface DiffResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** The first side's label (a kernel name or the headers' version). */
  readonly from: string;
  /** The last side's label. */
  readonly to: string;
  /** Per arch both sides have (GOARCH, or x32): what changed from `from` to `to`. */
  readonly arches: Readonly<Record<string, DiffArch>>;
  /** Arches only one side has a table for: listed, not compared. */
  readonly onlyIn: { readonly from: readonly string[]; readonly to: readonly string[] };
  /** Whether any compared arch changed (between any two neighbouring columns, for html). */
  readonly changed: boolean;
  readonly format: DiffFormat;
  /** The rendering in `format`. */
  readonly output: string;
  readonly notes: readonly string[];
}

/** The format an `out` file's extension names (`d.html`, `d.md`, `d.json`, `d.txt`). */
const formatOfExtension: Readonly<Record<string, DiffFormat>> = {
  html: "html",
  htm: "html",
  md: "markdown",
  markdown: "markdown",
  json: "json",
  txt: "text",
};

/** `format`, else what `out`'s extension names, else text; a `format` contradicting the extension is refused. */
function chooseFormat(format: string | undefined, out: string | undefined): DiffFormat {
  if (format !== undefined && !diffFormats.includes(format as DiffFormat))
    throw new UsageError(`diff: --format takes ${diffFormats.join("|")}, not "${format}"`);
  const extension = out === undefined ? undefined : /\.([A-Za-z]+)$/.exec(out)?.[1]?.toLowerCase();
  const byExtension = extension === undefined ? undefined : formatOfExtension[extension];
  if (format !== undefined && byExtension !== undefined && format !== byExtension)
    throw new UsageError(
      `diff: --format ${format} and --out ${out} ask for different formats (${format}, ${byExtension})`,
    );
  return (format as DiffFormat | undefined) ?? byExtension ?? "text";
}

/** `xsysgen diff` as one call. */
export async function diff(options: DiffOptions): Promise<DiffResult> {
  const notes = new Notes();
  const format = chooseFormat(options.format, options.out);
  const words = options.sides;
  if (words.length < 2)
    throw new UsageError("diff: needs two sides: diff <from> <to> (or --kernels a,b,… for more columns)");
  if (format !== "html" && words.length > 2)
    throw new UsageError("diff: more than two kernels only with --format html");
  const arches = resolveArches(options.arch);
  const context = { read: options.read ?? {}, notes, host: options.host };
  const sides: LoadedSource[] = [];
  for (const word of words) sides.push(await loadSource(sourceSpecFromWord(word), arches, context));
  const common = sides[0]!.served.filter((t) => sides.every((s) => s.tables.has(t)));
  if (common.length === 0) throw new UsageError(`diff: ${words.join(", ")} share no arch`);

  const first = sides[0]!;
  const last = sides[sides.length - 1]!;
  const report = reportFor(first, last, common);
  let changed = false;
  for (let i = 1; i < sides.length; i++)
    changed ||= reportFor(sides[i - 1]!, sides[i]!, common).arches.some((d) => !isEmptyDiff(d));
  const json = JSON.parse(renderDiffJson(report)) as Pick<DiffResult, "from" | "to" | "arches" | "onlyIn">;
  let output: string;
  if (format === "html") {
    // Every arch any side has: a column without that arch shows "n/a" (not known), never "absent".
    const union = targetNames.filter((t) => sides.some((side) => side.tables.has(t)));
    const columns: AvailabilityColumn[] = sides.map((side) => ({ label: side.label, tables: pick(side, union) }));
    output = renderAvailabilityHtml(columns, {
      targets: union,
      sinceOf,
      title: `Syscalls: ${sides.map((s) => s.label).join(" → ")}`,
    });
  } else if (format === "json") {
    output = `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...json }, null, 2)}\n`;
  } else output = format === "markdown" ? renderDiffMarkdown(report) : renderDiffText(report);
  if (options.out !== undefined) writeOutputFile(options.out, output);
  return { schemaVersion: SCHEMA_VERSION, ...json, changed, format, output, notes: notes.list() };
}

function pick(side: LoadedSource, targets: readonly TargetName[]): Partial<Record<TargetName, SyscallTable>> {
  const tables: Partial<Record<TargetName, SyscallTable>> = {};
  for (const t of targets) {
    const table = side.tables.get(t);
    if (table !== undefined) tables[t] = table;
  }
  return tables;
}

function reportFor(from: LoadedSource, to: LoadedSource, targets: readonly TargetName[]): DiffReport {
  return {
    from: from.label,
    to: to.label,
    arches: targets.map((t) => diffTables(from.tables.get(t)!, to.tables.get(t)!, sinceOf)),
    onlyFrom: from.served.filter((t) => !to.tables.has(t)),
    onlyTo: to.served.filter((t) => !from.tables.has(t)),
  };
}
