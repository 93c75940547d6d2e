/**
 * Text for people fits the screen: the terminal's width when stdout is one, 120 columns otherwise
 * (a pipe, a file, a CI log), as `ls` and `git` size their output. Columns are padded to the widest
 * cell; words past the width wrap under the column they started in.
 */

/** Width of text output for `stream`: its `columns` when it is a terminal, else 120. */
export function outputWidth(stream: { readonly isTTY?: boolean; readonly columns?: number }): number {
  return stream.isTTY === true && typeof stream.columns === "number" && stream.columns >= 40 ? stream.columns : 120;
}

/**
 * `text` broken at spaces into lines of at most `width` columns (a longer word stays whole); its own
 * leading spaces start the first line, `indent` every later one.
 */
export function wrapText(text: string, width: number, indent = ""): string[] {
  const lead = /^ */.exec(text)?.[0] ?? "";
  const lines: string[] = [];
  let line = "";
  for (const word of text.slice(lead.length).split(" ")) {
    if (line === "") line = (lines.length === 0 ? lead : indent) + word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = `${indent}${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * Rows as aligned columns, two spaces apart; the last column wraps at `width`, its continuation
 * lines starting under it.
 */
export function renderColumns(rows: readonly (readonly string[])[], width = Infinity): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const lines: string[] = [];
  for (const row of rows) {
    const lead = row
      .slice(0, -1)
      .map((cell, i) => cell.padEnd(widths[i] ?? 0) + "  ")
      .join("");
    const last = row[row.length - 1] ?? "";
    const room = Math.max(20, width - lead.length);
    const [first = "", ...rest] = wrapText(last, room);
    lines.push((lead + first).trimEnd(), ...rest.map((l) => " ".repeat(lead.length) + l));
  }
  return `${lines.join("\n")}\n`;
}
