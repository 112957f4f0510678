// "Did you mean ...?" for misspelt keys and boundary names.

const MAX_SUGGESTED_LENGTH = 64;
const MAX_CANDIDATES = 1000;

/**
 * The candidate closest to `word`, or undefined when none is close enough to be a plausible typo.
 * Case, `-` and `_` are ignored (`skip_drafts` -> `skipDrafts`); a swap of two letters counts as one edit.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // Edit distance costs length x length: typos are of short names, so longer ones get no suggestion.
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined;
  const typed = normalise(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
    if (candidate.length > MAX_SUGGESTED_LENGTH) continue;
    const known = normalise(candidate);
    const distance = editDistance(typed, known);
    const tolerated = Math.max(1, Math.floor(known.length / 3));
    const isPrefix = typed.length >= 3 && (known.startsWith(typed) || typed.startsWith(known));
    if ((distance <= tolerated || isPrefix) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? "" : ` (did you mean "${match}"?)`;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, "");
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1]!;
      let d = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
