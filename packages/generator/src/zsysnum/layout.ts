/**
 * gofmt's layout of a `const ( … )` block of `NAME = N` specs with optional trailing `//`
 * comments, as go/printer and text/tabwriter produce it.
 *
 * go/printer writes each spec as `NAME \v = N` and, when a comment follows, two more `\v`
 * (the unused type and value columns) before it. text/tabwriter aligns a column across a run
 * of consecutive lines that have a cell in it: every spec has a name cell, so all names pad to
 * the longest plus one space; only commented specs have a terminated `= N` cell, so comments
 * align within each run of consecutive commented specs; the empty cell is discarded.
 */

export interface ConstLine {
  readonly name: string;
  readonly value: string;
  readonly comment?: string;
}

/** The lines between `const (` and `)`, each starting with a tab. */
export function layoutConstBlock(lines: readonly ConstLine[]): string[] {
  const nameWidth = Math.max(0, ...lines.map((l) => width(l.name)));
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as ConstLine;
    if (line.comment === undefined) {
      out.push(`\t${pad(line.name, nameWidth)} = ${line.value}`);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]?.comment !== undefined) end++;
    const run = lines.slice(i, end);
    const valueWidth = Math.max(...run.map((l) => width(`= ${l.value}`)));
    for (const l of run) {
      const comment = l.comment === "" ? "//" : `// ${l.comment}`;
      out.push(`\t${pad(l.name, nameWidth)} ${pad(`= ${l.value}`, valueWidth)} ${comment}`);
    }
    i = end;
  }
  return out;
}

const surrogate = /[\uD800-\uDFFF]/;

/** tabwriter measures cells in runes (code points: UTF-16 length unless a surrogate is present). */
function width(text: string): number {
  return surrogate.test(text) ? [...text].length : text.length;
}

function pad(text: string, to: number): string {
  const count = to - width(text);
  let padding = paddings[count];
  if (padding === undefined) paddings[count] = padding = " ".repeat(count);
  return text + padding;
}

/** Runs of spaces by length: a zsysnum file pads ~450 names to one width. */
const paddings: string[] = [];
