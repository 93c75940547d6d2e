/**
 * Unified diffs (`diff -u` format, 3 lines of context) for `apply --dry-run`. Common prefix and
 * suffix are trimmed before the LCS, so the quadratic part only sees the edited region.
 */

type Edit = { readonly kind: " " | "-" | "+"; readonly line: string };

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function edits(a: readonly string[], b: readonly string[]): Edit[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        am[i] === bm[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const out: Edit[] = a.slice(0, pre).map((line) => ({ kind: " ", line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      out.push({ kind: " ", line: am[i]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) {
      out.push({ kind: "+", line: bm[j++]! });
    } else {
      out.push({ kind: "-", line: am[i++]! });
    }
  }
  for (const line of a.slice(a.length - suf)) out.push({ kind: " ", line });
  // Deletions before insertions inside each changed run, as diff -u prints them.
  for (let k = 0; k < out.length;) {
    if (out[k]!.kind === " ") {
      k++;
      continue;
    }
    let e = k;
    while (e < out.length && out[e]!.kind !== " ") e++;
    const run = out.slice(k, e);
    out.splice(k, e - k, ...run.filter((x) => x.kind === "-"), ...run.filter((x) => x.kind === "+"));
    k = e;
  }
  return out;
}

/** `--- a/<oldLabel>` / `+++ b/<newLabel>` diff of two texts; "" when equal. undefined text = absent file. */
export function renderUnifiedDiff(
  oldLabel: string,
  newLabel: string,
  before: string | undefined,
  after: string | undefined,
  context = 3,
): string {
  if (before === after) return "";
  const es = edits(splitLines(before ?? ""), splitLines(after ?? ""));
  const head = [
    `--- ${before === undefined ? "/dev/null" : `a/${oldLabel}`}`,
    `+++ ${after === undefined ? "/dev/null" : `b/${newLabel}`}`,
  ];
  const hunks: string[] = [];
  let k = 0;
  while (k < es.length) {
    while (k < es.length && es[k]!.kind === " ") k++;
    if (k === es.length) break;
    let start = Math.max(0, k - context);
    let end = k;
    // Extend while the next change is within 2*context unchanged lines.
    for (;;) {
      while (end < es.length && es[end]!.kind !== " ") end++;
      let gap = end;
      while (gap < es.length && es[gap]!.kind === " ") gap++;
      if (gap < es.length && gap - end <= 2 * context) end = gap;
      else break;
    }
    const stop = Math.min(es.length, end + context);
    let oldStart = 1;
    let newStart = 1;
    for (let x = 0; x < start; x++) {
      if (es[x]!.kind !== "+") oldStart++;
      if (es[x]!.kind !== "-") newStart++;
    }
    const body = es.slice(start, stop);
    const oldLen = body.filter((x) => x.kind !== "+").length;
    const newLen = body.filter((x) => x.kind !== "-").length;
    const range = (s: number, l: number) => (l === 1 ? `${s}` : `${l === 0 ? s - 1 : s},${l}`);
    hunks.push(
      `@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`,
      ...body.map((x) => `${x.kind}${x.line}`),
    );
    start = stop;
    k = stop;
  }
  const noEol = (t: string | undefined) => t !== undefined && t !== "" && !t.endsWith("\n");
  if (noEol(before) || noEol(after)) hunks.push("\\ No newline at end of file");
  return `${[...head, ...hunks].join("\n")}\n`;
}
