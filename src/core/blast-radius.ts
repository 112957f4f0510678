// How far a change reaches: the modules that transitively import what the PR touched.
import type { BlastRadius, ModuleGraph } from "./model.js";

const TOP = 10;
// Per-module counts cost one traversal each; past this many changed modules only the total is exact.
const PER_MODULE_LIMIT = 200;

function dependentsOf(starts: string[], importers: Map<string, string[]>): Set<string> {
  const reached = new Set<string>(starts);
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    for (const importer of importers.get(queue[i] as string) ?? []) {
      if (!reached.has(importer)) {
        reached.add(importer);
        queue.push(importer);
      }
    }
  }
  return reached;
}

/**
 * How many modules import (transitively) a changed module other than themselves: the union of
 * the per-module counts, so a changed module that imports another changed one counts too and the
 * total is never below one module's count. Each module remembers up to two of the changed modules
 * it reaches (one may be itself), so the walk visits every module at most twice.
 */
function dependentsOfAny(changed: string[], importers: Map<string, string[]>): number {
  const reaches = new Map<string, string[]>();
  const queue: [module: string, source: string][] = changed.map((m) => [m, m]);
  for (let i = 0; i < queue.length; i++) {
    const [module, source] = queue[i] as [string, string];
    for (const importer of importers.get(module) ?? []) {
      const sources = reaches.get(importer) ?? [];
      if (sources.length >= 2 || sources.includes(source)) continue;
      sources.push(source);
      reaches.set(importer, sources);
      queue.push([importer, source]);
    }
  }
  let count = 0;
  for (const [module, sources] of reaches) if (sources.some((s) => s !== module)) count++;
  return count;
}

export function blastRadius(graph: ModuleGraph, touched: string[]): BlastRadius {
  const modules = new Set(graph.modules);
  const changed = touched.filter((f) => modules.has(f));
  const importers = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = importers.get(e.to);
    if (list) list.push(e.from);
    else importers.set(e.to, [e.from]);
  }
  const dependents = dependentsOfAny(changed, importers);
  const top = changed
    .slice(0, PER_MODULE_LIMIT)
    .map((module) => ({ module, dependents: dependentsOf([module], importers).size - 1 }))
    .filter((t) => t.dependents > 0)
    .sort((a, b) => b.dependents - a.dependents || (a.module < b.module ? -1 : 1))
    .slice(0, TOP);
  return { changedModules: changed.length, dependents, top };
}
