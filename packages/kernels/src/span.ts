/** Evaluating and printing version bounds ("4.11", "6.18 or 6.19", "6.13..6.19", "2.6.32 or earlier"). */
import type { Span } from "./model.ts";
import { nextSeries, seriesIndex } from "./series.ts";

/** "yes" at or after the bound's upper end, "no" at or before its lower end, "unknown" inside it. */
export type Reached = "yes" | "no" | "unknown";

// Spans are read by index, not destructured: in V8's unoptimized tiers (where a short command
// stays) `const [a, b] = span` runs the iterator protocol, an allocation per element, and gen
// reads ~26,000 spans.
export function reached(span: Span, series: string): Reached {
  const v = seriesIndex(series);
  const after = span[0];
  const atOrBefore = span[1];
  if (seriesIndex(atOrBefore) <= v) return "yes";
  if (after !== null && v <= seriesIndex(after)) return "no";
  return "unknown";
}

/** A first-kernel span as people read it: `4.11`, `6.18 or 6.19`, `6.13..6.19`, `2.6.32 or earlier`. */
export function formatSpan(span: Span): string {
  const after = span[0];
  const atOrBefore = span[1];
  if (after === null) return `${atOrBefore} or earlier`;
  const first = nextSeries(after);
  if (first === undefined || first === atOrBefore) return atOrBefore;
  if (nextSeries(first) === atOrBefore) return `${first} or ${atOrBefore}`;
  return `${first}..${atOrBefore}`;
}

/** Whether the bound pins one series. */
export function isExact(span: Span): boolean {
  return span[0] !== null && nextSeries(span[0]) === span[1];
}
