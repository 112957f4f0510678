// dependency-cruiser's summarize-modules.mjs for dependency violations, without its quadratic
// de-duplication: it keeps a violation unless its own isSameViolation matches one already kept,
// comparing with every kept one (1,400 cycle violations in one tangle: a million comparisons).
// Here the same comparator is asked only within a bucket that holds every violation it could match.
import type { DcViolation, DepcruiseInternals } from "./depcruise-internals.js";

interface ValidatedDependency {
  resolved: string;
  module: string;
  dependencyTypes: string[];
  valid?: boolean;
  rules?: { name: string; severity: string }[];
  cycle?: { name: string; dependencyTypes: string[] }[];
}

interface ValidatedModule {
  source: string;
  valid?: boolean;
  instability?: number;
  dependencies: ValidatedDependency[];
}

type Summary = DcViolation & { unresolvedTo: string; dependencyTypes: string[] };

/** extractDependencyViolations + toDependencyViolationSummary, in their order (modules, dependencies, rules). */
function dependencyViolations(dc: DepcruiseInternals, modules: ValidatedModule[], ruleSet: Record<string, unknown>): Summary[] {
  const out: Summary[] = [];
  for (const m of modules) {
    for (const d of m.dependencies) {
      if (d.valid !== false) continue;
      for (const rule of d.rules ?? []) {
        const v: Summary = { type: "dependency", from: m.source, to: d.resolved, unresolvedTo: d.module, dependencyTypes: d.dependencyTypes, rule };
        const circularRule = Boolean((dc.findRuleByName(ruleSet, rule.name) as { to?: { circular?: unknown } } | undefined)?.to?.circular);
        out.push(Object.hasOwn(d, "cycle") && circularRule ? { ...v, type: "cycle", cycle: d.cycle } : v);
      }
    }
  }
  return out;
}

/**
 * The bucket of a violation: isSameViolation(a, b) holds only for the same rule name and, for two
 * cycles, the same length with every name of one in the other (with no name twice in a cycle: the
 * same set), else the same from and to. Null when that reasoning does not apply (a name repeated).
 */
function bucketOf(v: Summary): string | null {
  if (!v.cycle) return `${v.rule.name}\u0000d\u0000${v.from}\u0000${v.to}`;
  const names = v.cycle.map((step) => step.name);
  if (new Set(names).size !== names.length) return null;
  return `${v.rule.name}\u0000c\u0000${names.sort().join("\u0000")}`;
}

/** Whether one rule's violations mix cycles and plain imports (isSameViolation then compares across the two). */
function mixesKinds(violations: Summary[]): boolean {
  const kind = new Map<string, boolean>();
  for (const v of violations) {
    const cyclic = Boolean(v.cycle);
    if (kind.get(v.rule.name) === !cyclic) return true;
    kind.set(v.rule.name, cyclic);
  }
  return false;
}

/**
 * dependency-cruiser's summarizeModules(modules, ruleSet), the same list in the same order, when no
 * module itself is invalid and no metrics were derived (only dependency violations to list);
 * otherwise its own summarizeModules.
 */
export function summarizeModules(dc: DepcruiseInternals, modules: unknown[], ruleSet: Record<string, unknown>): DcViolation[] {
  const validated = modules as ValidatedModule[];
  if (validated.some((m) => m.valid === false || Object.hasOwn(m, "instability"))) return dc.summarizeModules(modules, ruleSet);
  const sorted = dependencyViolations(dc, validated, ruleSet).sort(dc.compareViolations);
  if (mixesKinds(sorted)) return dc.summarizeModules(modules, ruleSet);
  const buckets = new Map<string, Summary[]>();
  const kept: Summary[] = [];
  for (const v of sorted) {
    const key = bucketOf(v);
    if (key === null) return dc.summarizeModules(modules, ruleSet);
    const bucket = buckets.get(key);
    if (bucket?.some((k) => dc.isSameViolation(v, k))) continue;
    if (bucket) bucket.push(v);
    else buckets.set(key, [v]);
    kept.push(v);
  }
  return kept;
}
