// Which modules' imports differ between two graphs (for depcruise-locality.ts). Graphs come sorted
// (modules, edges by from, externals by from: model.ts), so one walk over both sides finds them
// without a map of every module's imports; graphs that are not sorted are compared through maps.
// Pure: no I/O.
import type { ModuleGraph } from "./model.js";

/** A graph as the comparison reads it: modules, edges, externals and each module's import sites (the lines). */
export interface ComparedGraph extends ModuleGraph {
  sites: Record<string, readonly object[]>;
}

/** Field by field: primitives, arrays of primitives; anything deeper by its JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i] || sameValue(x, b[i]));
  return typeof a === "object" && typeof b === "object" && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

function sameRecord(a: object, b: object): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

// A head derived from its base shares the unchanged modules' objects: most comparisons stop at ===.
const sameList = (a: readonly object[], b: readonly object[]): boolean => a === b || (a.length === b.length && a.every((x, i) => x === b[i] || sameRecord(x, b[i] as object)));

/**
 * Modules whose imports differ in any way (targets, specifiers, types, lines) or that exist on one
 * side only. A module's dependencies as dependency-cruiser sees them are a function of these alone
 * (and of the options, the same on both sides).
 */
export function changedModules(base: ComparedGraph, head: ComparedGraph): Set<string> {
  return changedInSortedGraphs(base, head) ?? changedThroughMaps(base, head);
}

function isSorted(list: readonly string[]): boolean {
  for (let k = 1; k < list.length; k++) if (!((list[k - 1] as string) < (list[k] as string))) return false;
  return true;
}

/** Whether a sorted list holds `item` (binary search). */
function holds(sorted: readonly string[], item: string): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid] as string;
    if (at === item) return true;
    if (at < item) low = mid + 1;
    else high = mid;
  }
  return false;
}

type FromList = readonly { from: string }[];

// The walks below run once per review over every edge, cold, in V8's interpreter: plain index loops,
// no destructuring (an array and an iterator per step there), no closure per item.

/** Items of a sorted-by-`from` list from `start` while their `from` is `from`: the end of that run. */
function runEnd(items: FromList, start: number, from: string): number {
  let end = start;
  while (end < items.length && (items[end] as { from: string }).from === from) end++;
  return end;
}

function sameRun(a: FromList, aStart: number, aEnd: number, b: FromList, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) {
    const x = a[aStart + k] as object;
    const y = b[bStart + k] as object;
    if (x !== y && !sameRecord(x, y)) return false;
  }
  return true;
}

/** Whether the item at `at` (if any) sorts before `from`: the list is not sorted by `from`. */
const before = (items: FromList, at: number, from: string): boolean => at < items.length && (items[at] as { from: string }).from < from;

/**
 * The `from`s whose runs differ between the two lists (both sorted by `from`, which the walk checks
 * as it goes); null when a list is not so sorted.
 */
function differingRuns(a: FromList, b: FromList): string[] | null {
  const differing: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const fromA = i < a.length ? (a[i] as { from: string }).from : null;
    const fromB = j < b.length ? (b[j] as { from: string }).from : null;
    const from = fromB === null || (fromA !== null && fromA < fromB) ? (fromA as string) : fromB;
    const iEnd = runEnd(a, i, from);
    const jEnd = runEnd(b, j, from);
    // The next run on each side must come after this one: otherwise the list is not sorted.
    if (before(a, iEnd, from) || before(b, jEnd, from)) return null;
    if (!sameRun(a, i, iEnd, b, j, jEnd)) differing.push(from);
    i = iEnd;
    j = jEnd;
  }
  return differing;
}

/** The items of two sorted lists that only one of them holds. */
function oneSided(a: readonly string[], b: readonly string[]): Set<string> {
  const only = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      i++;
      j++;
    } else if (x < y) {
      only.add(x);
      i++;
    } else {
      only.add(y);
      j++;
    }
  }
  for (; i < a.length; i++) only.add(a[i] as string);
  for (; j < b.length; j++) only.add(b[j] as string);
  return only;
}

/** The walk over sorted graphs; null when either graph is not sorted as model.ts says. */
function changedInSortedGraphs(base: ComparedGraph, head: ComparedGraph): Set<string> | null {
  if (!isSorted(base.modules) || !isSorted(head.modules)) return null;
  const edges = differingRuns(base.edges, head.edges);
  const external = differingRuns(base.external ?? [], head.external ?? []);
  if (edges === null || external === null) return null;
  const changed = oneSided(base.modules, head.modules);
  // Imports of modules on both sides (imports from a module neither side has are no module's).
  for (const from of [...edges, ...external]) if (holds(head.modules, from) || holds(base.modules, from)) changed.add(from);
  for (let k = 0; k < head.modules.length; k++) {
    const m = head.modules[k] as string;
    if (!changed.has(m) && !sameList(base.sites[m] ?? [], head.sites[m] ?? [])) changed.add(m);
  }
  return changed;
}

/** What one module contributes to its dependencies: its edges and its external imports. */
interface ModuleFacts {
  edges: object[];
  external: object[];
}

function factsByModule(graph: ComparedGraph): Map<string, ModuleFacts> {
  const facts = new Map<string, ModuleFacts>(graph.modules.map((m) => [m, { edges: [], external: [] }]));
  for (const edge of graph.edges) facts.get(edge.from)?.edges.push(edge);
  for (const external of graph.external ?? []) facts.get(external.from)?.external.push(external);
  return facts;
}

/** The same answer for graphs in any order: each module's imports gathered in a map, then compared. */
export function changedThroughMaps(base: ComparedGraph, head: ComparedGraph): Set<string> {
  const before = factsByModule(base);
  const changed = new Set<string>();
  // forEach, not for-of: no [module, facts] pair per module of a whole graph, in code a review runs once, cold.
  factsByModule(head).forEach((now, m) => {
    const then = before.get(m);
    before.delete(m);
    const same = then !== undefined && sameList(then.edges, now.edges) && sameList(then.external, now.external) && sameList(base.sites[m] ?? [], head.sites[m] ?? []);
    if (!same) changed.add(m);
  });
  for (const gone of before.keys()) changed.add(gone);
  return changed;
}
