// Boundary-level changes: a dependency between two boundaries that had none, one removed,
// a boundary added or removed (in the config, or populated for the first time), the config edited.
import type { BoundaryMatcher } from "./boundaries.js";
import type { BoundaryChange, CrossingImport, ModuleGraph, Violation } from "./model.js";

export type BoundaryDependencies = Map<string, CrossingImport[]>;

export function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** Every boundary -> other boundary dependency, with the imports that make it. */
export function boundaryDependencies(graph: ModuleGraph, boundaries: BoundaryMatcher): BoundaryDependencies {
  const deps: BoundaryDependencies = new Map();
  if (boundaries.names.length === 0) return deps; // every module outside any boundary
  for (const e of graph.edges) {
    const from = boundaries.boundaryOf(e.from);
    const to = boundaries.boundaryOf(e.to);
    if (from === null || to === null || from === to) continue;
    const key = pairKey(from, to);
    const list = deps.get(key) ?? [];
    list.push({ from: e.from, to: e.to, line: e.line });
    deps.set(key, list);
  }
  return deps;
}

export interface BoundaryChangeInput {
  baseDeps: BoundaryDependencies;
  headDeps: BoundaryDependencies;
  baseModules: Map<string, number>;
  headModules: Map<string, number>;
  /** Boundary names declared at base and, when the PR edits the config, at head. */
  baseNames: string[];
  headNames: string[] | null;
  configChangedFile: string | null;
}

function split(key: string): [string, string] {
  const [from, to] = key.split("\u0000");
  return [from as string, to as string];
}

export function detectBoundaryChanges(input: BoundaryChangeInput): BoundaryChange[] {
  const changes: BoundaryChange[] = [];
  for (const [key, imports] of input.headDeps) {
    if (input.baseDeps.has(key)) continue;
    const [from, to] = split(key);
    changes.push({ kind: "new-dependency", from, to, imports });
  }
  for (const [key, imports] of input.baseDeps) {
    if (input.headDeps.has(key)) continue;
    const [from, to] = split(key);
    changes.push({ kind: "removed-dependency", from, to, imports });
  }
  const added = new Set<string>();
  const removed = new Set<string>();
  if (input.headNames) {
    for (const n of input.headNames) if (!input.baseNames.includes(n)) added.add(n);
    for (const n of input.baseNames) if (!input.headNames.includes(n)) removed.add(n);
  }
  for (const n of input.baseNames) {
    const before = input.baseModules.get(n) ?? 0;
    const after = input.headModules.get(n) ?? 0;
    if (before === 0 && after > 0) added.add(n);
    if (before > 0 && after === 0) removed.add(n);
  }
  for (const boundary of [...added].sort()) changes.push({ kind: "boundary-added", boundary });
  for (const boundary of [...removed].sort()) changes.push({ kind: "boundary-removed", boundary });
  if (input.configChangedFile) changes.push({ kind: "config-changed", file: input.configChangedFile });
  return changes;
}

/**
 * The boundary changes an ADR should record: decisions, not accidents or clean-ups. A new
 * dependency that breaks a rule is a violation to fix (allowing it means editing the rules, which
 * is itself a recorded config change); a removed dependency only loosens coupling.
 */
export function changesForAdr(changes: BoundaryChange[], newViolations: Violation[]): BoundaryChange[] {
  const violating = new Set(newViolations.filter((v) => v.kind === "boundary").map((v) => pairKey(v.fromBoundary ?? "", v.toBoundary ?? "")));
  return changes.filter((c) => {
    if (c.kind === "removed-dependency") return false;
    if (c.kind === "new-dependency") return !violating.has(pairKey(c.from ?? "", c.to ?? ""));
    return true;
  });
}
