// What a file's line hunks say about one function or class: did the change touch its own lines,
// and where was an unchanged head line at base. Pure; hunks come from extract/line-diff.ts.
import type { LineHunk } from "./model.js";

export interface Span {
  line: number;
  /** Inclusive; the start line when unknown. */
  endLine?: number;
}

const endOf = (s: Span): number => s.endLine ?? s.line;

/** Head line -> base line for unchanged lines; null for a line the change added or edited. */
export function baseLineMapper(hunks: LineHunk[]): (headLine: number) => number | null {
  const sorted = [...hunks].sort((x, y) => x.headStart - y.headStart);
  return (headLine) => {
    let offset = 0;
    for (const h of sorted) {
      if (h.headCount > 0 && headLine >= h.headStart && headLine < h.headStart + h.headCount) return null;
      // The first line after the hunk on each side.
      const nextHead = h.headCount > 0 ? h.headStart + h.headCount : h.headStart + 1;
      const nextBase = h.baseCount > 0 ? h.baseStart + h.baseCount : h.baseStart + 1;
      if (nextHead > headLine) break;
      offset = nextBase - nextHead;
    }
    return headLine + offset;
  };
}

/**
 * True when the change touched lines of `span` that are its own: lines inside a nested function
 * (strictly between its first and last line) belong to that function, not to `span`. A deletion
 * counts when it sits between two of the span's own lines.
 */
export function touchesOwnLines(span: Span, nested: Span[], hunks: LineHunk[]): boolean {
  const start = span.line;
  const end = endOf(span);
  const interiors = nested
    .filter((n) => n !== span && n.line >= start && endOf(n) <= end && endOf(n) - n.line >= 2)
    .map((n) => [n.line + 1, endOf(n) - 1] as const);
  const inInterior = (line: number): boolean => interiors.some(([lo, hi]) => line >= lo && line <= hi);
  for (const h of hunks) {
    if (h.headCount === 0) {
      const after = h.headStart;
      if (after >= start && after + 1 <= end && !(inInterior(after) && inInterior(after + 1))) return true;
      continue;
    }
    const lo = Math.max(start, h.headStart);
    const hi = Math.min(end, h.headStart + h.headCount - 1);
    for (let line = lo; line <= hi; line++) if (!inInterior(line)) return true;
  }
  return false;
}
