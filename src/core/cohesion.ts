// Boundary cohesion, base and head: relational cohesion H = (R + 1) / N (R internal dependencies,
// N modules; Larman / Martin's package metrics family) and the connected components of the
// boundary's internal import graph. A finding when the change splits a component of the base into
// parts that no longer import each other, or drops H by the configured percent.
import { DEFAULT_COHESION } from "../config/defaults.js";
import type { Config } from "../config/types.js";
import type { BoundaryMatcher } from "./boundaries.js";
import { BUILT_IN_RULES } from "./finding.js";
import type { BoundaryCohesion, BoundaryCohesionFigures, FindingOf, ModuleGraph } from "./model.js";
import type { PathMap } from "./renames.js";

interface Measured {
  figures: BoundaryCohesionFigures;
  /** Module -> its component's id (the component's smallest module). */
  componentOf: Map<string, string>;
}

function find(parent: Map<string, string>, m: string): string {
  let at = m;
  while (parent.get(at) !== at) at = parent.get(at)!;
  return at;
}

function measure(modules: string[], edges: [string, string][]): Measured {
  const parent = new Map(modules.map((m) => [m, m]));
  const pairs = new Set<string>();
  for (const [from, to] of edges) {
    pairs.add(`${from}\u0000${to}`);
    const a = find(parent, from);
    const b = find(parent, to);
    // The smaller path is the root, so a component's id does not depend on edge order.
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const componentOf = new Map(modules.map((m) => [m, find(parent, m)]));
  const n = modules.length;
  const relational = n === 0 ? null : Math.round(((pairs.size + 1) / n) * 100) / 100;
  return { figures: { modules: n, internalDependencies: pairs.size, relational, components: new Set(componentOf.values()).size }, componentOf };
}

function measureAll(graph: ModuleGraph, boundaries: BoundaryMatcher): Map<string, Measured> {
  if (boundaries.names.length === 0) return new Map();
  const modules = new Map<string, string[]>(boundaries.names.map((b) => [b, []]));
  const edges = new Map<string, [string, string][]>(boundaries.names.map((b) => [b, []]));
  for (const m of graph.modules) {
    const b = boundaries.boundaryOf(m);
    if (b !== null) modules.get(b)!.push(m);
  }
  for (const e of graph.edges) {
    const b = boundaries.boundaryOf(e.from);
    if (b !== null && e.from !== e.to && boundaries.boundaryOf(e.to) === b) edges.get(b)!.push([e.from, e.to]);
  }
  return new Map(boundaries.names.map((b) => [b, measure(modules.get(b)!, edges.get(b)!)]));
}

/** Base components whose surviving modules fall into two or more head components: the parts, largest first. */
function splitParts(base: Measured, head: Measured, toHead: PathMap): string[][] {
  const byBaseComponent = new Map<string, Map<string, string[]>>();
  for (const [module, component] of base.componentOf) {
    const headModule = toHead(module);
    const headComponent = head.componentOf.get(headModule);
    if (headComponent === undefined) continue; // deleted or moved out of the boundary: not a split
    const parts = byBaseComponent.get(component) ?? new Map<string, string[]>();
    parts.set(headComponent, [...(parts.get(headComponent) ?? []), headModule]);
    byBaseComponent.set(component, parts);
  }
  const split = [...byBaseComponent.values()].find((parts) => parts.size >= 2);
  if (split === undefined) return [];
  return [...split.values()].map((p) => p.sort()).sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
}

export interface BoundaryCohesionResult {
  cohesion: BoundaryCohesion[];
  findings: FindingOf<"boundary-cohesion">[];
}

const MODULES_PER_PART = 5;

export function boundaryCohesion(base: ModuleGraph, head: ModuleGraph, boundaries: BoundaryMatcher, toHead: PathMap, config: Config): BoundaryCohesionResult {
  const settings = config.cohesion ?? DEFAULT_COHESION;
  const atBase = measureAll(base, boundaries);
  const atHead = measureAll(head, boundaries);
  const cohesion: BoundaryCohesion[] = [];
  const findings: FindingOf<"boundary-cohesion">[] = [];
  for (const boundary of boundaries.names) {
    const b = atBase.get(boundary)!;
    const h = atHead.get(boundary)!;
    cohesion.push({ boundary, base: b.figures, head: h.figures });
    if (settings.boundaries === "off") continue;
    const parts = splitParts(b, h, toHead);
    const dropped = droppedPastThreshold(b.figures, h.figures, settings.relationalDropPercent);
    if (parts.length === 0 && !dropped) continue;
    const shown = parts.map((p) => p.slice(0, MODULES_PER_PART));
    // The finding sits on the first module of the smallest part: the one that came loose.
    const file = shown[shown.length - 1]?.[0] ?? head.modules.find((m) => boundaries.boundaryOf(m) === boundary) ?? "";
    findings.push({
      kind: "boundary-cohesion",
      rule: BUILT_IN_RULES["boundary-cohesion"],
      severity: settings.boundaries,
      status: "new",
      file,
      line: null,
      reason: {},
      boundary,
      trigger: parts.length > 0 ? "split" : "relational-drop",
      base: b.figures,
      head: h.figures,
      parts: shown,
    });
  }
  return { cohesion, findings };
}

/**
 * Only boundaries of 5+ modules at base (in smaller ones one new file is a large share), and only when
 * the boundary gained modules: removing imports (breaking a cycle) also lowers H, and that is no news.
 */
function droppedPastThreshold(base: BoundaryCohesionFigures, head: BoundaryCohesionFigures, percent: number): boolean {
  if (base.relational === null || head.relational === null || base.modules < 5 || head.modules <= base.modules) return false;
  return base.relational - head.relational >= (base.relational * percent) / 100;
}
