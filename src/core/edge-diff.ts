// The edges a change adds and removes, by their ends (from, to). Graphs come sorted by (from, to)
// (extract/fast-graph.ts compareEdges): one merge walk per direction instead of ~23,000 string keys
// on a large repository; graphs in any other order take the keyed path. Pure: no I/O.
import type { EdgeRef, ModuleEdge } from "./model.js";

const compareEnds = (a: EdgeRef, b: EdgeRef): number => (a.from === b.from ? (a.to === b.to ? 0 : a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1);

/**
 * The edges of `from` whose ends `other` lacks, in their order; null when `from` is not sorted by
 * its ends (checked as the walk goes; `other`'s order is checked by the walk the other way).
 * Index loops: this runs once per review over every edge, cold, in V8's interpreter, and a head
 * derived from its base shares its unchanged edges' objects, so most steps stop at ===.
 */
function missingFromSorted(from: readonly EdgeRef[], other: readonly EdgeRef[]): EdgeRef[] | null {
  const missing: EdgeRef[] = [];
  let j = 0;
  for (let i = 0; i < from.length; i++) {
    const e = from[i] as EdgeRef;
    if (i > 0 && compareEnds(from[i - 1] as EdgeRef, e) > 0) return null;
    if (j < other.length && other[j] === e) continue;
    let order = -1;
    while (j < other.length && (order = compareEnds(other[j] as EdgeRef, e)) < 0) j++;
    if (j >= other.length || order !== 0) missing.push({ from: e.from, to: e.to });
  }
  return missing;
}

export function edgeDiff(base: readonly ModuleEdge[], head: readonly ModuleEdge[]): { added: EdgeRef[]; removed: EdgeRef[] } {
  const added = missingFromSorted(head, base);
  const removed = added === null ? null : missingFromSorted(base, head);
  if (added !== null && removed !== null) return { added, removed };
  const key = (e: EdgeRef): string => `${e.from}\u0000${e.to}`;
  const baseKeys = new Set(base.map(key));
  const headKeys = new Set(head.map(key));
  return {
    added: head.filter((e) => !baseKeys.has(key(e))).map(({ from, to }) => ({ from, to })),
    removed: base.filter((e) => !headKeys.has(key(e))).map(({ from, to }) => ({ from, to })),
  };
}
