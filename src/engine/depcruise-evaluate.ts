// dependency-cruiser's rules judged on archreview's own graph (ADR 0007): the graph as its modules
// array, cycles marked per strongly connected component with its getCycle (ported step for step:
// core/depcruise-cycles.ts), then its own dependents / orphans / reachability / metrics /
// validation / summary steps (its summary's de-duplication bucketed: depcruise-summary.ts). No file is read.
import type { DepcruiseRules } from "../config/types.js";
import { ComponentCycles } from "../core/depcruise-cycles.js";
import { affectedModules, mergeVerdicts, restrictedGraph, rulesAreLocal } from "../core/depcruise-locality.js";
import { depcruiseModules, type DcDependency, type DcGraphOptions, type DcModule } from "../core/depcruise-modules.js";
import { forbiddenViolationsFrom } from "../core/depcruise-verdicts.js";
import type { ForbiddenViolation, ModuleGraph } from "../core/model.js";
import { stronglyConnected } from "../core/strong-components.js";
import { loadDepcruiseInternals, type DepcruiseInternals } from "./depcruise-internals.js";
import { summarizeModules } from "./depcruise-summary.js";

/** An import site as the graph index keeps them (extract/fast-scan.ts ScannedImport's fields read here). */
interface Site {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

/** What the evaluation reads of a graph index: the graph and each module's import sites (for lines). */
export interface JudgedGraph extends ModuleGraph {
  sites: Record<string, Site[]>;
}

/** Options a cruise reads that shape its modules array; the rest (resolution) already shaped our graph. */
const SHAPING_OPTIONS = ["exclude", "includeOnly", "doNotFollow", "tsPreCompilationDeps"];

function ruleSetOf(rules: DepcruiseRules): Record<string, unknown> {
  const ruleSet: Record<string, unknown> = { forbidden: rules.forbidden };
  if (rules.allowed.length > 0) {
    ruleSet.allowed = rules.allowed;
    ruleSet.allowedSeverity = rules.allowedSeverity ?? "warn";
  }
  if (rules.required.length > 0) ruleSet.required = rules.required;
  return ruleSet;
}

type RuleList = { to?: Record<string, unknown> }[] | undefined;

/** derive/circular.mjs hasCycleRule: cycles are looked for only when a rule asks. */
function hasCycleRule(ruleSet: Record<string, unknown>): boolean {
  const isCycleRule = (rule: { to?: Record<string, unknown> }): boolean => Object.hasOwn(rule.to ?? {}, "circular");
  return ((ruleSet.forbidden as RuleList) ?? []).some(isCycleRule) || ((ruleSet.allowed as RuleList) ?? []).some(isCycleRule);
}

/**
 * derive/circular.mjs, at the cost of the cycles: an import is circular only inside a strongly
 * connected component, and dependency-cruiser's getCycle (a depth-first search from the import's
 * target back to its source) can only succeed through modules of that component, in the same order;
 * so it runs on the component alone and gives the same cycle as on the whole graph. The search is
 * its getCycle ported to numbered modules (core/depcruise-cycles.ts), tested equal to it.
 */
export function markCycles(modules: DcModule[]): void {
  const bySource = new Map(modules.map((m) => [m.source, m]));
  const adjacency = new Map(modules.map((m) => [m.source, m.dependencies.map((d) => d.resolved).filter((r) => bySource.has(r))]));
  const component = stronglyConnected([...bySource.keys()], adjacency);
  const members = new Map<number, DcModule[]>();
  for (const m of modules) {
    const id = component.get(m.source) as number;
    const list = members.get(id);
    if (list) list.push(m);
    else members.set(id, [m]);
  }
  for (const [id, group] of members) {
    const inside = (d: DcDependency): boolean => component.get(d.resolved) === id;
    const cyclic = group.length > 1 || group.some((m) => m.dependencies.some((d) => d.resolved === m.source));
    if (!cyclic) continue;
    const graph = new ComponentCycles(group.map((m) => ({ source: m.source, dependencies: m.dependencies.filter(inside) })));
    for (const m of group) {
      for (const d of m.dependencies) {
        if (!inside(d)) continue;
        const cycle = graph.cycle(m.source, d.resolved);
        if (cycle.length > 0) Object.assign(d, { circular: true, cycle });
      }
    }
  }
}

function graphOptions(dc: DepcruiseInternals, rules: DepcruiseRules, ruleSet: Record<string, unknown>): { cruise: Record<string, unknown>; shape: DcGraphOptions } {
  const given = Object.fromEntries(Object.entries(rules.options).filter(([k]) => SHAPING_OPTIONS.includes(k)));
  // dependency-cruiser's own default (tsPreCompilationDeps false): the graph marks what TypeScript elides (config/depcruise-graph-shape.ts).
  const cruise = dc.normalizeCruiseOptions({ ...given, ruleSet, validate: true, skipAnalysisNotInRules: true }, ["."]);
  const shape: DcGraphOptions = {
    exclude: (cruise.exclude ?? {}) as DcGraphOptions["exclude"],
    doNotFollow: (cruise.doNotFollow ?? {}) as DcGraphOptions["doNotFollow"],
    tsPreCompilationDeps: cruise.tsPreCompilationDeps === "specify" ? "specify" : cruise.tsPreCompilationDeps !== false,
  };
  if (cruise.includeOnly) shape.includeOnly = cruise.includeOnly as { path?: string };
  return { cruise, shape };
}

function lineLookup(sites: Record<string, Site[]>): (from: string, specifier: string | null) => number | null {
  return (from, specifier) => {
    const at = sites[from];
    if (!at || specifier === null) return null;
    const named = at.filter((s) => s.specifier === specifier || s.specifier === `node:${specifier}`);
    return (named.find((s) => !s.typeOnly) ?? named[0])?.line ?? null;
  };
}

/** The rule set and options as dependency-cruiser normalises them, and what shapes the modules array. */
interface Prepared {
  ruleSet: Record<string, unknown>;
  cruise: Record<string, unknown>;
  shape: DcGraphOptions;
}

function prepare(dc: DepcruiseInternals, rules: DepcruiseRules): Prepared {
  const ruleSet = dc.normalizeRuleSet(ruleSetOf(rules));
  return { ruleSet, ...graphOptions(dc, rules, ruleSet) };
}

/** Every violation of `rules` in `graph`, as dependency-cruiser's CLI would list them for the same modules and imports. */
export async function depcruiseViolations(graph: JudgedGraph, rules: DepcruiseRules): Promise<ForbiddenViolation[]> {
  const dc = await loadDepcruiseInternals();
  try {
    const prepared = prepare(dc, rules);
    return judge(dc, depcruiseModules(graph, prepared.shape), prepared, graph.sites);
  } finally {
    dc.clearRegExpCache();
  }
}

/** How the head was judged: from the base's verdicts and the modules the change can affect, or in full. */
export interface HeadVerdicts {
  violations: ForbiddenViolation[];
  /** Modules judged again; null when the rules read graph-wide facts and the head was judged in full. */
  judged: number | null;
}

/**
 * The head's violations from the base's (`base.violations`, judged on `base.graph` with the same
 * rules): when every rule is about one import (depcruise-locality.ts rulesAreLocal), only the
 * modules whose dependencies, import lines or cycles can differ are judged again; otherwise in full.
 */
export async function depcruiseHeadViolations(base: { graph: JudgedGraph; violations: ForbiddenViolation[] }, head: JudgedGraph, rules: DepcruiseRules): Promise<HeadVerdicts> {
  const dc = await loadDepcruiseInternals();
  try {
    const prepared = prepare(dc, rules);
    if (!rulesAreLocal(prepared.ruleSet)) return { violations: judge(dc, depcruiseModules(head, prepared.shape), prepared, head.sites), judged: null };
    const affected = affectedModules(base.graph, head);
    const recomputed = judge(dc, depcruiseModules(restrictedGraph(head, affected), prepared.shape), prepared, head.sites);
    const severity = new Map(((prepared.ruleSet.forbidden ?? []) as { name: string; severity: string }[]).map((r) => [r.name, r.severity]));
    return { violations: mergeVerdicts(base.violations, affected, recomputed, (rule) => severity.get(rule) ?? ""), judged: affected.size };
  } finally {
    dc.clearRegExpCache();
  }
}

/** dependency-cruiser's analysis and validation steps on `built` (a whole modules array, or every module of the components judged). */
function judge(dc: DepcruiseInternals, built: DcModule[], { ruleSet, cruise }: Prepared, sites: Record<string, Site[]>): ForbiddenViolation[] {
  if (hasCycleRule(ruleSet)) markCycles(built);
  let modules: unknown[] = dc.addDependents(built, cruise);
  modules = dc.deriveOrphans(modules, cruise);
  modules = dc.deriveReachable(modules, ruleSet);
  modules = dc.deriveModuleMetrics(modules, cruise);
  modules = dc.addValidations(modules, ruleSet, true);
  const folders = dc.aggregateToFolders(modules, cruise).folders ?? [];
  const violations = [...summarizeModules(dc, modules, ruleSet), ...dc.summarizeFolders(folders, ruleSet)];
  return forbiddenViolationsFrom(violations, lineLookup(sites));
}
