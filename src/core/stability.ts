// The stable dependencies principle: a boundary should depend only on boundaries at least as
// stable as itself. Judged for the boundary dependencies this PR creates, on head metrics.
import type { BoundaryChange, CouplingMetrics, FindingOf, Severity } from "./model.js";

export const STABILITY_RULE = "stable-dependencies";

/** Instability is a coarse ratio over few modules: smaller gaps than this are noise, not design. */
export const STABILITY_MARGIN = 0.2;

export function stabilityViolations(changes: BoundaryChange[], head: Map<string, CouplingMetrics>, severity: Severity): FindingOf<"stability">[] {
  const violations: FindingOf<"stability">[] = [];
  for (const change of changes) {
    if (change.kind !== "new-dependency" || !change.from || !change.to) continue;
    const from = head.get(change.from);
    const to = head.get(change.to);
    if (!from || !to || to.instability - from.instability < STABILITY_MARGIN) continue;
    const first = change.imports?.[0];
    if (!first) continue;
    violations.push({
      kind: "stability",
      rule: STABILITY_RULE,
      severity,
      status: "new",
      file: first.from,
      line: first.line,
      reason: {},
      to: first.to,
      fromBoundary: change.from,
      toBoundary: change.to,
      fromInstability: from.instability,
      toInstability: to.instability,
    });
  }
  return violations;
}
