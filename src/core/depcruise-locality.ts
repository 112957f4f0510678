// Which dependency-cruiser verdicts a change can alter (issue 15 item 2): with rules that read only
// one import (its module, its attributes, its cycle), a module's verdicts change only when its own
// dependencies (or import lines) changed, or when its strongly connected component did. Everything
// else keeps the base's verdicts. Pure: no dependency-cruiser code, no I/O.
import type { ForbiddenViolation, ModuleGraph } from "./model.js";
import { changedModules, type ComparedGraph } from "./changed-modules.js";
import { stronglyConnected } from "./strong-components.js";

/** Rule keys whose meaning is one rule about one import. */
const RULE_KEYS = new Set(["name", "severity", "comment", "from", "to", "scope"]);
/** `from` attributes of the importing module that do not depend on the rest of the graph (`orphan` does). */
const FROM_KEYS = new Set(["path", "pathNot"]);
/**
 * `to` attributes read from the import alone (or its cycle, which lies in its component). Not here:
 * `reachable`, `numberOfDependents*`, `moreUnstable` (graph-wide), and anything unknown.
 */
const TO_KEYS = new Set([
  "path",
  "pathNot",
  "dependencyTypes",
  "dependencyTypesNot",
  "circular",
  "via",
  "viaOnly",
  "dynamic",
  "preCompilationOnly",
  "couldNotResolve",
  "moreThanOneDependencyType",
  "exoticallyRequired",
  "exoticRequire",
  "exoticRequireNot",
  "license",
  "licenseNot",
]);

const onlyKeys = (value: unknown, keys: Set<string>): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => keys.has(k));

function isImportRule(rule: unknown): boolean {
  if (!onlyKeys(rule, RULE_KEYS)) return false;
  const { from, to, scope } = rule as { from?: unknown; to?: unknown; scope?: unknown };
  return (scope === undefined || scope === "module") && onlyKeys(from ?? {}, FROM_KEYS) && onlyKeys(to ?? {}, TO_KEYS);
}

/**
 * Whether a normalised rule set can be judged locally: only `forbidden` rules, each about one
 * import, with distinct names (a merged list is ordered by each rule's severity, found by name).
 * `allowed` (its `not-in-allowed` verdict) and `required` are judged in full.
 */
export function rulesAreLocal(ruleSet: Record<string, unknown>): boolean {
  const forbidden = (ruleSet.forbidden ?? []) as unknown[];
  if (((ruleSet.allowed as unknown[] | undefined) ?? []).length > 0 || ((ruleSet.required as unknown[] | undefined) ?? []).length > 0) return false;
  const names = forbidden.map((r) => (r as { name?: unknown }).name);
  return forbidden.every(isImportRule) && new Set(names).size === names.length;
}

/** A graph as the locality check reads it: modules, edges, externals and each module's import sites (the lines). */
export type LocalGraph = ComparedGraph;

/** Whether a module of `changed` both imports and is imported (else each is alone in its component): one pass, no adjacency. */
function someImportsAndIsImported(graph: ModuleGraph, changed: Set<string>): boolean {
  const [importing, imported] = [new Set<string>(), new Set<string>()];
  for (const edge of graph.edges) {
    if (changed.has(edge.from)) importing.add(edge.from);
    if (changed.has(edge.to)) imported.add(edge.to);
  }
  return [...importing].some((m) => imported.has(m));
}

/**
 * The members of each changed module's strongly connected component in `graph`'s edges (all of
 * them: a superset of the dependencies dependency-cruiser keeps, so each of its components lies in
 * one of these). A module imported by none, or importing none, is alone: no component to compute.
 */
function componentMembers(graph: ModuleGraph, changed: Set<string>): string[] {
  if (!someImportsAndIsImported(graph, changed)) return [];
  const adjacency = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = adjacency.get(edge.from);
    if (list) list.push(edge.to);
    else adjacency.set(edge.from, [edge.to]);
  }
  const component = stronglyConnected(graph.modules, adjacency);
  const wanted = new Set([...changed].filter((m) => component.has(m)).map((m) => component.get(m)));
  return graph.modules.filter((m) => wanted.has(component.get(m)));
}

/**
 * The modules whose verdicts may differ between base and head: the changed ones and every member
 * of their components at base and at head. Any other module keeps its dependencies, and its
 * component (members and their dependencies) is the same on both sides, so its imports' cycles,
 * and its verdicts, are too; and the modules judged again are whole components of the head.
 */
export function affectedModules(base: LocalGraph, head: LocalGraph): Set<string> {
  const changed = changedModules(base, head);
  return new Set([...changed, ...componentMembers(base, changed), ...componentMembers(head, changed)]);
}

/** `graph` cut down to `modules`: their imports and sites (edges to other modules stay, as imports of analysed modules). */
export function restrictedGraph<G extends LocalGraph>(graph: G, modules: Set<string>): LocalGraph {
  const sites: Record<string, readonly object[]> = {};
  for (const m of modules) if (graph.sites[m]) sites[m] = graph.sites[m];
  return {
    modules: graph.modules.filter((m) => modules.has(m)),
    edges: graph.edges.filter((e) => modules.has(e.from)),
    external: (graph.external ?? []).filter((e) => modules.has(e.from)),
    sites,
  };
}

const SEVERITY_ORDER: Record<string, number> = { error: 1, warn: 2, info: 3, ignore: 4 };
const localeOrder = new Intl.Collator().compare;

/**
 * The base's verdicts on unaffected modules merged with the affected modules' new verdicts, in
 * dependency-cruiser's summary order (graph-utl/compare.mjs compareViolations: the rule's severity,
 * its name, from, to). `severityOf` gives a rule's severity as configured (`info` is reported as warn).
 */
export function mergeVerdicts(base: ForbiddenViolation[], affected: Set<string>, recomputed: ForbiddenViolation[], severityOf: (rule: string) => string): ForbiddenViolation[] {
  const rank = (v: ForbiddenViolation): number => SEVERITY_ORDER[severityOf(v.rule)] ?? -1;
  const order = (a: ForbiddenViolation, b: ForbiddenViolation): number =>
    Math.sign(rank(a) - rank(b)) || localeOrder(a.rule, b.rule) || localeOrder(a.from, b.from) || localeOrder(a.to, b.to);
  const kept = base.filter((v) => !affected.has(v.from));
  // The base's verdicts come in this order already (they were merged so, or dependency-cruiser sorted them):
  // then the few new ones are placed by binary search, not the whole list sorted again (stable either way).
  if (!kept.every((v, i) => i === 0 || order(kept[i - 1] as ForbiddenViolation, v) <= 0)) return [...kept, ...recomputed].sort(order);
  for (const v of [...recomputed].sort(order)) kept.splice(upperBound(kept, v, order), 0, v);
  return kept;
}

/** The first index whose item sorts after `item` (after equal ones: a stable sort puts a later item after them). */
function upperBound<T>(sorted: T[], item: T, order: (a: T, b: T) => number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order(sorted[mid] as T, item) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
