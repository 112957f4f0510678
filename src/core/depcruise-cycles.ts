// dependency-cruiser's IndexedModuleGraph.getCycle (graph-utl/indexed-module-graph.mjs), step for
// step, on numbered modules: the same cycle for every import, without its per-step array copies,
// string sets and map look-ups (one call per import of a tangle made the search quadratic in
// allocations). Its quirks are kept: the dependencies tried at a module are those unvisited when
// the module was entered, a module met twice is entered twice, and a way back that runs through
// the module being left is refused.

/** One step of a cycle, as getCycle gives it. */
export interface CycleStep {
  name: string;
  dependencyTypes: string[];
}

interface Edge {
  to: number;
  types: string[];
}

/** The modules of one strongly connected component, with the dependencies between them, in order. */
export interface CycleModule {
  source: string;
  dependencies: { resolved: string; dependencyTypes?: string[] }[];
}

export class ComponentCycles {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly edges: Edge[][] = [];
  /** When each module was first visited: a running count shared by every search, so nothing is reset. */
  private readonly stamp: Float64Array;
  private clock = 0;

  constructor(modules: CycleModule[]) {
    modules.forEach((m, i) => {
      this.ids.set(m.source, i);
      this.names.push(m.source);
    });
    for (const m of modules) {
      // A dependency leaving the component has no vertex: getCycle would fail on it, markCycles filters them out first.
      this.edges.push(m.dependencies.filter((d) => this.ids.has(d.resolved)).map((d) => ({ to: this.ids.get(d.resolved) as number, types: d.dependencyTypes ?? [] })));
    }
    this.stamp = new Float64Array(modules.length);
  }

  /** getCycle(from, to): the way from `to` back to `from` its search finds first, `to` first and `from` last; [] when none. */
  cycle(from: string, to: string): CycleStep[] {
    const start = this.ids.get(from);
    if (start === undefined) return [];
    const first = (this.edges[start] as Edge[]).find((e) => this.names[e.to] === to);
    if (!first) return [];
    const base = this.clock;
    const steps = this.search(start, first, base);
    return steps.map((e) => ({ name: this.names[e.to] as string, dependencyTypes: e.types }));
  }

  /** #getCycle(initial, current, visited): visited means stamped after `base`. */
  private search(initial: number, current: Edge, base: number): Edge[] {
    const entered = this.clock;
    const stamp = this.stamp;
    // Unvisited at entry: never stamped in this search, or stamped after this module was entered.
    const open = (e: Edge): boolean => (stamp[e.to] as number) <= base || (stamp[e.to] as number) > entered;
    const all = this.edges[current.to] as Edge[];
    const back = all.find((e) => e.to === initial && open(e));
    if (back) return initial === current.to ? [back] : [current, back];
    for (const next of all) {
      if (!open(next)) continue;
      if ((stamp[next.to] as number) <= base) stamp[next.to] = ++this.clock;
      const rest = this.search(initial, next, base);
      if (rest.length > 0 && !rest.some((e) => e.to === current.to)) return [current, ...rest];
    }
    return [];
  }
}
