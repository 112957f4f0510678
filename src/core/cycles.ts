// New dependency cycles: every cycle at head that uses an import the base did not have.
// A cycle made only of base imports existed at base, so only edges new to head can close a new one.
// Bounded work (a hostile PR controls the graph): each tangle (strongly connected component) gets the
// shortest cycle through its first new import; a later new import gets a search of its own only when no
// reported cycle already shows it, and those further searches share a budget proportional to the graph.
// A 100,000-module ring is one search, not 100,000.
import type { CycleFinding, ModuleEdge, Severity } from "./model.js";
import type { PathMap } from "./renames.js";
import { componentsOf } from "./strong-components.js";

export { stronglyConnected } from "./strong-components.js";

export interface CycleOptions {
  severity: Severity;
  includeTypeOnly: boolean;
}

/** Edges scanned by searches: this many per module and edge, plus a floor so small graphs are searched in full. */
const SEARCH_BUDGET_PER_ITEM = 8;
const SEARCH_BUDGET_FLOOR = 100_000;

const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;

/** The head graph with modules numbered in sorted order (ids keep the search deterministic and cheap). */
interface Search {
  names: string[];
  idOf: Map<string, number>;
  adj: number[][];
  component: Int32Array;
  edgeByKey: Map<string, ModuleEdge>;
  /** Breadth-first search scratch, reused: `seenIn[n] === round` marks n visited in this search. */
  previous: Int32Array;
  seenIn: Int32Array;
  round: number;
  /** Components that already have a reported cycle of two or more modules. */
  reported: Set<number>;
  /** Edges lying on a reported cycle. */
  shown: Set<string>;
  /** Sorted module sets of reported cycles. */
  seen: Set<string>;
  spent: number;
  budget: number;
}

function searchOver(head: ModuleEdge[]): Search {
  const names = [...new Set(head.flatMap((e) => [e.from, e.to]))].sort();
  const idOf = new Map(names.map((name, i) => [name, i]));
  const adj: number[][] = names.map(() => []);
  for (const e of head) (adj[idOf.get(e.from) as number] as number[]).push(idOf.get(e.to) as number);
  return {
    names,
    idOf,
    adj,
    component: componentsOf(adj),
    edgeByKey: new Map(head.map((e) => [edgeKey(e.from, e.to), e])),
    previous: new Int32Array(names.length),
    seenIn: new Int32Array(names.length),
    round: 0,
    reported: new Set(),
    shown: new Set(),
    seen: new Set(),
    spent: 0,
    budget: SEARCH_BUDGET_PER_ITEM * (names.length + head.length) + SEARCH_BUDGET_FLOOR,
  };
}

/** Shortest path from `start` to `goal` inside their component (BFS), charging the edges it scans. */
function shortestPath(start: number, goal: number, s: Search): string[] | null {
  const round = ++s.round;
  const c = s.component[start];
  s.seenIn[start] = round;
  s.previous[start] = -1;
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as number;
    if (node === goal) {
      const path: string[] = [];
      for (let n = goal; n !== -1; n = s.previous[n] as number) path.push(s.names[n] as string);
      return path.reverse();
    }
    const targets = s.adj[node] as number[];
    s.spent += targets.length + 1;
    for (const next of targets) {
      if (s.seenIn[next] === round || s.component[next] !== c) continue;
      s.seenIn[next] = round;
      s.previous[next] = node;
      queue.push(next);
    }
  }
  return null;
}

/** The cycle a new import closes (to -> ... -> from, then back to `to`), or null when it needs no report of its own. */
function cycleThrough(edge: ModuleEdge, c: number, s: Search): string[] | null {
  if (edge.from === edge.to) return [edge.from];
  if (s.reported.has(c) && (s.shown.has(edgeKey(edge.from, edge.to)) || s.spent > s.budget)) return null;
  return shortestPath(s.idOf.get(edge.to) as number, s.idOf.get(edge.from) as number, s);
}

function record(path: string[], edge: ModuleEdge, c: number, s: Search, options: CycleOptions): CycleFinding | null {
  const key = [...path].sort().join("\u0000");
  if (s.seen.has(key)) return null;
  s.seen.add(key);
  if (path.length > 1) s.reported.add(c);
  let typeOnly = false;
  path.forEach((from, i) => {
    const to = path[(i + 1) % path.length] as string;
    s.shown.add(edgeKey(from, to));
    if (s.edgeByKey.get(edgeKey(from, to))?.typeOnly === true) typeOnly = true;
  });
  return { modules: path, severity: options.severity, typeOnly, line: edge.line };
}

/** from -> its import targets, in head's names (nested sets: no key string built per edge, a graph of 10,000 edges is a few ms). */
function importsByModule(edges: ModuleEdge[], toHead: PathMap): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>();
  for (const e of edges) {
    const from = toHead(e.from);
    let set = targets.get(from);
    if (!set) targets.set(from, (set = new Set()));
    set.add(toHead(e.to));
  }
  return targets;
}

export function findNewCycles(baseEdges: ModuleEdge[], headEdges: ModuleEdge[], toHead: PathMap, options: CycleOptions): CycleFinding[] {
  const counts = (e: ModuleEdge): boolean => options.includeTypeOnly || !e.typeOnly;
  const head = headEdges.filter(counts);
  const atBase = importsByModule(baseEdges.filter(counts), toHead);
  const fresh = head.filter((e) => atBase.get(e.from)?.has(e.to) !== true);
  // No import new to head (most small changes): no new cycle, and no search of the whole graph.
  if (fresh.length === 0) return [];
  const s = searchOver(head);
  const cycles: CycleFinding[] = [];
  for (const edge of fresh) {
    const c = s.component[s.idOf.get(edge.from) as number] as number;
    if (c !== s.component[s.idOf.get(edge.to) as number]) continue;
    const path = cycleThrough(edge, c, s);
    const finding = path ? record(path, edge, c, s, options) : null;
    if (finding) cycles.push(finding);
  }
  return cycles;
}
