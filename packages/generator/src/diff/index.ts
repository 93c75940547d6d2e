export { diffTables, isEmptyDiff, archKey } from "./diff.ts";
export type { DiffEntry, DiffReport, SinceLookup, TableDiff } from "./diff.ts";
export { renderDiffText, renderDiffMarkdown, renderDiffJson } from "./render.ts";
export { renderAvailabilityHtml } from "./html.ts";
export type { AvailabilityColumn, AvailabilityOptions } from "./html.ts";
