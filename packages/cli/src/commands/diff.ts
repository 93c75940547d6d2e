/**
 * `xsysgen diff <from> <to> [--arch …] [--format text|markdown|json|html] [--kernels a,b,…]
 *  [--out <file>] [--exit-code]` — each side a kernel version/alias or a headers path.
 * `--exit-code` turns "there are differences" into exit 1, like `git diff --exit-code`.
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
import { archList, parseStrict, stringArg, type Parsed } from "../args.ts";
import type { Settings } from "../environment.ts";
import type { CliIo } from "../io.ts";
import { writeOutputFile } from "../output.ts";
import { loadSource, sourceSpecFromWord, type LoadedSource } from "../sources.ts";
import { SCHEMA_VERSION } from "../schema-version.ts";

const formats = ["text", "markdown", "json", "html"] as const;
type Format = (typeof formats)[number];

/** The format an `--out` file's extension names (`d.html`, `d.md`, `d.json`, `d.txt`). */
const formatOfExtension: Readonly<Record<string, Format>> = {
  html: "html",
  htm: "html",
  md: "markdown",
  markdown: "markdown",
  json: "json",
  txt: "text",
};

/**
 * `--format`, else `--json`, else what `--out`'s extension names, else text. Two of them that
 * disagree (`--format text --out d.html`, `--json --format html`) are a usage error, not a guess.
 */
function chooseFormat(parsed: Parsed): Format {
  const given = stringArg(parsed, "format");
  if (given !== undefined && !formats.includes(given as Format))
    throw new UsageError(`diff: --format takes ${formats.join("|")}, not "${given}"`);
  const out = stringArg(parsed, "out");
  const extension = out === undefined ? undefined : /\.([A-Za-z]+)$/.exec(out)?.[1]?.toLowerCase();
  const byExtension = extension === undefined ? undefined : formatOfExtension[extension];
  const named: [string, Format][] = [
    ...(given === undefined ? [] : [[`--format ${given}`, given as Format] as [string, Format]]),
    ...(parsed.json === true ? [["--json", "json"] as [string, Format]] : []),
    ...(byExtension === undefined ? [] : [[`--out ${out}`, byExtension] as [string, Format]]),
  ];
  const [first, ...rest] = named;
  const other = rest.find(([, f]) => f !== first?.[1]);
  if (first !== undefined && other !== undefined)
    throw new UsageError(`diff: ${first[0]} and ${other[0]} ask for different formats (${first[1]}, ${other[1]})`);
  return first?.[1] ?? "text";
}

export async function diffCommand(argv: readonly string[], io: CliIo, settings: Settings): Promise<number> {
  const parsed = parseStrict("diff", argv);
  const format = chooseFormat(parsed);
  const arches = archList(stringArg(parsed, "arch"));
  const kernelsWord = stringArg(parsed, "kernels");
  const words =
    kernelsWord !== undefined
      ? kernelsWord
          .split(",")
          .map((w) => w.trim())
          .filter((w) => w.length > 0)
      : parsed._;
  if (kernelsWord !== undefined && parsed._.length > 0)
    throw new UsageError("diff: give <from> <to> or --kernels a,b,…, not both");
  if (words.length < 2)
    throw new UsageError("diff: needs two sides: diff <from> <to> (or --kernels a,b,… for more columns)");
  if (format !== "html" && words.length > 2)
    throw new UsageError("diff: more than two kernels only with --format html");

  const sides: LoadedSource[] = [];
  for (const word of words) sides.push(await loadSource(sourceSpecFromWord(word), arches, settings.read));
  const common = commonTargets(sides);
  if (common.length === 0) throw new UsageError(`diff: ${words.join(", ")} share no arch`);

  let text: string;
  let changed = false;
  if (format === "html") {
    // Every arch any side has: a column without that arch shows "n/a" (not known), never "absent".
    const union = targetNames.filter((t) => sides.some((side) => side.tables.has(t)));
    const columns: AvailabilityColumn[] = sides.map((side) => ({ label: side.label, tables: pick(side, union) }));
    text = renderAvailabilityHtml(columns, {
      targets: union,
      sinceOf,
      title: `Syscalls: ${sides.map((s) => s.label).join(" → ")}`,
    });
    for (let i = 1; i < sides.length; i++)
      changed ||= reportFor(sides[i - 1]!, sides[i]!, common).arches.some((d) => !isEmptyDiff(d));
  } else {
    const report = reportFor(sides[0]!, sides[1]!, common);
    changed = report.arches.some((d) => !isEmptyDiff(d));
    const document = () => ({ schemaVersion: SCHEMA_VERSION, ...(JSON.parse(renderDiffJson(report)) as object) });
    text =
      format === "json"
        ? `${JSON.stringify(document(), null, 2)}\n`
        : format === "markdown"
          ? renderDiffMarkdown(report)
          : renderDiffText(report);
  }

  const out = stringArg(parsed, "out");
  if (out === undefined) io.stdout.write(text);
  else {
    writeOutputFile(out, text);
    io.stdout.write(`wrote ${out}\n`);
  }
  return parsed["exit-code"] === true && changed ? 1 : 0;
}

function commonTargets(sides: readonly LoadedSource[]): TargetName[] {
  const [first, ...rest] = sides;
  return (first?.served ?? []).filter((t) => rest.every((s) => s.tables.has(t)));
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
