/** Text, Markdown and JSON renderings of a DiffReport (pure strings, one trailing newline). */
import type { TargetName } from "@xsysgen/core";
import { archKey, isEmptyDiff, type DiffEntry, type DiffReport, type TableDiff } from "./diff.ts";

function sinceNote(e: DiffEntry): string {
  return e.since === undefined ? "" : ` (since ${e.since})`;
}

function counts(d: TableDiff): string {
  const parts = [
    [d.added.length, "added"],
    [d.removed.length, "removed"],
    [d.renumbered.length, "renumbered"],
    [d.renamed.length, "renamed"],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  return parts.length === 0 ? "no changes" : parts.join(", ");
}

/** "only in 6.1 (not compared): ppc64le, riscv64" lines for the arches one side lacks. */
function oneSided(report: DiffReport): string[] {
  const line = (label: string, only: readonly TargetName[] | undefined) =>
    only === undefined || only.length === 0 ? [] : [`only in ${label} (not compared): ${only.map(archKey).join(", ")}`];
  return [...line(report.from, report.onlyFrom), ...line(report.to, report.onlyTo)];
}

/** A {@link DiffReport} as plain text, one block per arch. */
export function renderDiffText(report: DiffReport): string {
  const lines = [`${report.from} -> ${report.to}`, ...oneSided(report)];
  for (const d of report.arches) {
    lines.push("", `${archKey(d.target)}: ${counts(d)}`);
    for (const e of d.added) lines.push(`  + ${e.number} ${e.name}${sinceNote(e)}`);
    for (const e of d.removed) lines.push(`  - ${e.number} ${e.name}${sinceNote(e)}`);
    for (const r of d.renumbered) lines.push(`  ~ ${r.name}: ${r.from} -> ${r.to}`);
    for (const r of d.renamed) lines.push(`  ~ ${r.number}: ${r.from} -> ${r.to}`);
  }
  return `${lines.join("\n")}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** A {@link DiffReport} as Markdown, one section per arch. */
export function renderDiffMarkdown(report: DiffReport): string {
  const lines = [`# Syscall changes: \`${mdCell(report.from)}\` → \`${mdCell(report.to)}\``];
  const only = oneSided(report);
  if (only.length > 0) lines.push("", ...only.map((l) => `- ${mdCell(l)}`));
  for (const d of report.arches) {
    lines.push("", `## ${archKey(d.target)}`, "");
    if (isEmptyDiff(d)) {
      lines.push("No changes.");
      continue;
    }
    lines.push(`${counts(d)}.`, "", "| change | number | syscall | first kernel |", "|---|---:|---|---|");
    for (const e of d.added) lines.push(`| added | ${e.number} | \`${e.name}\` | ${e.since ?? ""} |`);
    for (const e of d.removed) lines.push(`| removed | ${e.number} | \`${e.name}\` | ${e.since ?? ""} |`);
    for (const r of d.renumbered) lines.push(`| renumbered | ${r.from} → ${r.to} | \`${r.name}\` | |`);
    for (const r of d.renamed) lines.push(`| renamed | ${r.number} | \`${r.from}\` → \`${r.to}\` | |`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `{ "from", "to", "arches": { "<goarch>": { "added", "removed", "renumbered", "renamed" } },
 * "onlyIn": { "from": [<goarch>…], "to": [<goarch>…] } }`.
 */
export function renderDiffJson(report: DiffReport): string {
  const arches: Record<string, unknown> = {};
  const entry = (e: DiffEntry) => ({ name: e.name, number: e.number, since: e.since ?? null });
  for (const d of report.arches) {
    arches[archKey(d.target)] = {
      added: d.added.map(entry),
      removed: d.removed.map(entry),
      renumbered: d.renumbered.map((r) => ({ name: r.name, from: r.from, to: r.to })),
      renamed: d.renamed.map((r) => ({ number: r.number, from: r.from, to: r.to })),
    };
  }
  const onlyIn = { from: (report.onlyFrom ?? []).map(archKey), to: (report.onlyTo ?? []).map(archKey) };
  return `${JSON.stringify({ from: report.from, to: report.to, arches, onlyIn }, null, 2)}\n`;
}
