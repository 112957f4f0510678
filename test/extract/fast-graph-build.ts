// The fast graph of a whole tree in one call, for the parity tests (the review itself composes
// scanModules and resolveEdges in src/extract/graph-index.ts, caching per file).
import type { ModuleEdge } from "../../src/core/model.js";
import { resolveEdges, scanModules, type FastGraphOptions } from "../../src/extract/fast-graph.js";

export interface FastGraph {
  modules: string[];
  edges: ModuleEdge[];
}

export async function buildFastGraph(root: string, options: FastGraphOptions): Promise<FastGraph> {
  const sites = await scanModules(root, options.sourceFiles);
  const edges = await resolveEdges(root, options, sites, options.sourceFiles);
  return { modules: [...options.sourceFiles].sort(), edges };
}
