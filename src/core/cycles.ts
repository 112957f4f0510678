// New dependency cycles: every cycle at head that uses an import the base did not have.
// A cycle made only of base imports existed at base, so only edges new to head can close a new one.
import type { CycleFinding, ModuleEdge, Severity } from "./model.js";
import type { PathMap } from "./renames.js";

type Adjacency = Map<string, string[]>;

function adjacency(edges: ModuleEdge[]): Adjacency {
  const adj: Adjacency = new Map();
  for (const e of edges) {
    const list = adj.get(e.from);
    if (list) list.push(e.to);
    else adj.set(e.from, [e.to]);
  }
  return adj;
}

/** Tarjan's strongly connected components, iterative (deep graphs must not overflow the stack). */
export function stronglyConnected(nodes: string[], adj: Adjacency): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const targets = adj.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const to = targets[frame.next++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return component;
}

/** Shortest path from `start` to `goal` staying inside one component (BFS). */
function shortestPath(start: string, goal: string, adj: Adjacency, inComponent: (n: string) => boolean): string[] | null {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    if (node === goal) {
      const path: string[] = [];
      for (let n: string | null = goal; n !== null; n = previous.get(n) ?? null) path.unshift(n);
      return path;
    }
    for (const next of adj.get(node) ?? []) {
      if (!previous.has(next) && inComponent(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

export interface CycleOptions {
  severity: Severity;
  includeTypeOnly: boolean;
}

export function findNewCycles(baseEdges: ModuleEdge[], headEdges: ModuleEdge[], toHead: PathMap, options: CycleOptions): CycleFinding[] {
  const counts = (e: ModuleEdge): boolean => options.includeTypeOnly || !e.typeOnly;
  const head = headEdges.filter(counts);
  const baseKeys = new Set(baseEdges.filter(counts).map((e) => `${toHead(e.from)}\u0000${toHead(e.to)}`));
  const adj = adjacency(head);
  const nodes = [...new Set(head.flatMap((e) => [e.from, e.to]))].sort();
  const component = stronglyConnected(nodes, adj);
  const edgeByKey = new Map(head.map((e) => [`${e.from}\u0000${e.to}`, e]));
  const seen = new Set<string>();
  const cycles: CycleFinding[] = [];
  for (const edge of head) {
    const c = component.get(edge.from);
    if (c === undefined || c !== component.get(edge.to) || baseKeys.has(`${edge.from}\u0000${edge.to}`)) continue;
    // The new import from -> to closes the cycle: to -> ... -> from, then back to `to`.
    const path = edge.from === edge.to ? [edge.from] : shortestPath(edge.to, edge.from, adj, (n) => component.get(n) === c);
    if (!path) continue;
    const key = [...path].sort().join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    const cycleEdges = path.map((from, i) => edgeByKey.get(`${from}\u0000${path[(i + 1) % path.length]}`));
    cycles.push({
      modules: path,
      severity: options.severity,
      typeOnly: cycleEdges.some((e) => e?.typeOnly === true),
      line: edge.line,
    });
  }
  return cycles;
}
