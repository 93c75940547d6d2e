/**
 * "Did you mean …": the candidate nearest to a mistyped word, as git (`help.autocorrect`'s
 * similarity) and cargo (`lev_distance`, at most a third of the word's length) suggest one.
 * Distance is optimal string alignment: insertions, deletions, substitutions and swaps of two
 * neighbouring characters (`gne` → `gen`, `amd46` → `amd64`) each cost 1; case is ignored.
 */

/** Edit distance between two words (optimal string alignment, case-insensitive). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  // Three rows: the one two back is what a swap of neighbours costs from.
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[y.length] as number;
}

/**
 * The candidate closest to `word`, or undefined when none is close enough to be what was meant:
 * within a third of the longer word's length (at least 1), the nearest first, ties in the
 * candidates' order. A candidate that starts with the word (`--kern` → `--kernel`) is close too.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const wanted = word.toLowerCase();
  if (wanted === "") return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === wanted) return candidate;
    const limit = Math.max(1, Math.floor(Math.max(c.length, wanted.length) / 3));
    const distance = editDistance(wanted, c);
    const abbreviation = wanted.length >= 3 && c.startsWith(wanted);
    if ((distance <= limit || abbreviation) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `did you mean "x"? ` to put before a message's list of choices, or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : `did you mean "${match}"? `;
}
