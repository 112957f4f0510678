// Line-level changes between a file's base and head text, as unified-diff hunks: which head lines
// the change touched, and where unchanged head lines were at base. Myers' O(ND) algorithm on the
// part between the common prefix and suffix; past MAX_EDITS the whole middle counts as changed
// (a rewrite is a rewrite, and the cost stays bounded).

import type { LineHunk } from "../core/model.js";

const MAX_EDITS = 1500;

/** Lines as countLines sees them: \r\n, \n and a lone \r end a line; a final newline does not start one. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Every line of head is new (an added file). */
export function addedFileHunks(headText: string): LineHunk[] {
  const count = splitLines(headText).length;
  return count === 0 ? [] : [{ baseStart: 0, baseCount: 0, headStart: 1, headCount: count }];
}

export function lineHunks(baseText: string, headText: string, maxEdits = MAX_EDITS): LineHunk[] {
  const ids = new Map<string, number>();
  const idOf = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const a = splitLines(baseText).map(idOf);
  const b = splitLines(headText).map(idOf);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  if (midA.length === 0 && midB.length === 0) return [];
  const matches = myersMatches(midA, midB, maxEdits) ?? [];
  return hunksFromMatches(matches, midA.length, midB.length, prefix);
}

/** Matched (i, j) index pairs of a longest common subsequence, ascending; null when more than maxEdits edits. */
function myersMatches(a: number[], b: number[], maxEdits: number): [number, number][] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(maxEdits, n + m);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    // The furthest x per diagonal after d - 1 edits, for diagonals -d..d.
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], edits: number, n: number, m: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = edits; d >= 0; d--) {
    const before = trace[d]!;
    const at = (k: number): number => before[k + d]!;
    const k = x - y;
    if (d === 0) {
      while (x > 0 && y > 0) pairs.push([--x, --y]);
      break;
    }
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) pairs.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

/** Gaps between matched lines become hunks (1-based, shifted past the common prefix). */
function hunksFromMatches(matches: [number, number][], n: number, m: number, prefix: number): LineHunk[] {
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...matches, [n, m] as [number, number]]) {
    if (mi > i || mj > j) {
      const baseCount = mi - i;
      const headCount = mj - j;
      hunks.push({
        baseStart: prefix + (baseCount > 0 ? i + 1 : i),
        baseCount,
        headStart: prefix + (headCount > 0 ? j + 1 : j),
        headCount,
      });
    }
    i = mi + 1;
    j = mj + 1;
  }
  return hunks;
}
