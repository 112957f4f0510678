// Robert C. Martin's package metrics per boundary: Ca, Ce and instability I = Ce / (Ca + Ce).
import type { BoundaryMatcher } from "./boundaries.js";
import type { CouplingMetrics, ModuleGraph } from "./model.js";

export function couplingMetrics(graph: ModuleGraph, boundaries: BoundaryMatcher): Map<string, CouplingMetrics> {
  // No boundary declared (a repository without a config): nothing to measure, and no pass over every edge.
  if (boundaries.names.length === 0) return new Map();
  const afferent = new Map<string, Set<string>>();
  const efferent = new Map<string, Set<string>>();
  const size = new Map<string, number>();
  for (const name of boundaries.names) {
    afferent.set(name, new Set());
    efferent.set(name, new Set());
    size.set(name, 0);
  }
  for (const m of graph.modules) {
    const b = boundaries.boundaryOf(m);
    if (b !== null) size.set(b, (size.get(b) ?? 0) + 1);
  }
  for (const e of graph.edges) {
    const from = boundaries.boundaryOf(e.from);
    const to = boundaries.boundaryOf(e.to);
    if (from === to) continue;
    if (to !== null) afferent.get(to)?.add(e.from);
    if (from !== null) efferent.get(from)?.add(e.from);
  }
  const result = new Map<string, CouplingMetrics>();
  for (const name of boundaries.names) {
    const ca = afferent.get(name)?.size ?? 0;
    const ce = efferent.get(name)?.size ?? 0;
    const instability = ca + ce === 0 ? 0 : Math.round((ce / (ca + ce)) * 100) / 100;
    result.set(name, { ca, ce, instability, modules: size.get(name) ?? 0 });
  }
  return result;
}
