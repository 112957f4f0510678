// What the renderers show of a dependency-cruiser `circular` rule: dependency-cruiser reports every
// import of a cycle, but a reader needs the cycle once, at the import that closes it. The JSON
// keeps one violation per import (for tooling); the comment, the terminal and the annotations do not.
import type { EdgeRef, Finding, Review } from "../core/model.js";

/** One cycle of one rule, whichever import of it dependency-cruiser started from. */
function cycleKey(f: Finding): string | null {
  if (f.kind !== "forbidden" || f.cycle === undefined) return null;
  return [f.status, f.rule, ...[...new Set([f.file, ...f.cycle])].sort()].join("\u0000");
}

const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;

/**
 * The findings to show, in order: of the imports along one cycle (same rule, same modules), only
 * one, preferably the import the change added (new) or removed (resolved): it closes, or opened, the cycle.
 */
export function shownFindings(review: Pick<Review, "findings" | "edgesAdded" | "edgesRemoved">): Finding[] {
  const changed = (edges: EdgeRef[]): Set<string> => new Set(edges.map((e) => edgeKey(e.from, e.to)));
  const byStatus = { new: changed(review.edgesAdded), resolved: changed(review.edgesRemoved) };
  const chosen = new Map<string, Finding>();
  for (const f of review.findings) {
    const key = cycleKey(f);
    if (key === null || f.kind !== "forbidden") continue;
    const current = chosen.get(key);
    if (current === undefined || (!byStatus[f.status].has(edgeKey(current.file, (current as typeof f).to)) && byStatus[f.status].has(edgeKey(f.file, f.to)))) chosen.set(key, f);
  }
  return review.findings.filter((f) => {
    const key = cycleKey(f);
    return key === null || chosen.get(key) === f;
  });
}
