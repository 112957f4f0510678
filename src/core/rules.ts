// Boundary rules (`from: x, disallow/allow: [...]`) evaluated over one module graph.
import type { BoundaryRule } from "../config/types.js";
import type { BoundaryMatcher } from "./boundaries.js";
import type { FindingOf, ModuleGraph } from "./model.js";

export function boundaryRuleName(from: string, to: string): string {
  return `${from}-not-to-${to}`;
}

function breaks(rule: BoundaryRule, to: string): boolean {
  if (rule.disallow) return rule.disallow.includes(to);
  if (rule.allow) return !rule.allow.includes(to);
  return false;
}

export function evaluateBoundaryRules(graph: ModuleGraph, boundaries: BoundaryMatcher, rules: BoundaryRule[]): FindingOf<"boundary">[] {
  if (rules.length === 0) return [];
  const violations: FindingOf<"boundary">[] = [];
  for (const edge of graph.edges) {
    const from = boundaries.boundaryOf(edge.from);
    const to = boundaries.boundaryOf(edge.to);
    if (from === null || to === null || from === to) continue;
    // The strictest matching rule wins, so one import yields one violation.
    const broken = rules.filter((r) => r.from === from && breaks(r, to) && !(r.allowTypeOnly && edge.typeOnly));
    const rule = broken.find((r) => r.severity === "error") ?? broken[0];
    if (!rule) continue;
    violations.push({
      kind: "boundary",
      rule: boundaryRuleName(from, to),
      severity: rule.severity,
      status: "new",
      file: edge.from,
      line: edge.line,
      reason: rule.comment ? { comment: rule.comment } : {},
      to: edge.to,
      fromBoundary: from,
      toBoundary: to,
      // A disallow list wins over an allow list (breaks() judges so too).
      allowed: rule.disallow ? null : (rule.allow ?? []),
    });
  }
  return violations;
}
