// Strongly connected components of a module graph, in linear time and without recursion:
// a 100,000-module import chain must not overflow the call stack.

/** Successors of each node, nodes numbered 0..n-1. */
export type NumberedAdjacency = readonly (readonly number[])[];

/** Tarjan's algorithm, iterative: the component number of every node (nodes numbered 0..adj.length-1). */
export function componentsOf(adj: NumberedAdjacency): Int32Array {
  const n = adj.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const work: number[] = []; // DFS frames as pairs: node, next successor position
  let counter = 0;
  let components = 0;
  const visit = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    work.push(node, 0);
  };
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    visit(start);
    while (work.length > 0) {
      const node = work[work.length - 2] as number;
      const next = work[work.length - 1] as number;
      const targets = adj[node] as readonly number[];
      if (next < targets.length) {
        work[work.length - 1] = next + 1;
        const to = targets[next] as number;
        if (index[to] === -1) visit(to);
        else if (onStack[to] === 1) low[node] = Math.min(low[node] as number, index[to] as number);
        continue;
      }
      work.length -= 2;
      if (work.length > 0) {
        const parent = work[work.length - 2] as number;
        low[parent] = Math.min(low[parent] as number, low[node] as number);
      }
      if (low[node] !== index[node]) continue;
      let member: number;
      do {
        member = stack.pop() as number;
        onStack[member] = 0;
        component[member] = components;
      } while (member !== node);
      components++;
    }
  }
  return component;
}

/** Components of a graph keyed by module path: every node reachable from `nodes` mapped to its component number. */
export function stronglyConnected(nodes: string[], adj: Map<string, string[]>): Map<string, number> {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.push(name) - 1;
      ids.set(name, id);
    }
    return id;
  };
  const numbered: number[][] = [];
  // Number nodes breadth-first from the starts so that unreachable entries of `adj` stay out, as before.
  for (const start of nodes) idOf(start);
  for (let i = 0; i < names.length; i++) numbered.push((adj.get(names[i] as string) ?? []).map(idOf));
  const component = componentsOf(numbered);
  return new Map(names.map((name, i) => [name, component[i] as number]));
}
