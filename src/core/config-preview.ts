// A PR that adds or edits the archreview config: what its rules would flag at head, today, so the
// reviewer sees their effect before the merge (after it, they judge every later PR). Boundary rules
// and cycles are judged over the whole head graph; size limits and dependency-cruiser rules need
// per-file facts the review only has for touched files (`archreview check` judges them all).
import type { Config } from "../config/types.js";
import { createBoundaryMatcher } from "./boundaries.js";
import { boundaryCoverage } from "./boundary-coverage.js";
import { findNewCycles } from "./cycles.js";
import { evaluateBoundaryRules } from "./rules.js";
import { BUILT_IN_RULES } from "./finding.js";
import type { Finding, FindingOf, Severity, Snapshot } from "./model.js";

/** Examples kept per rule: a preview, not the full list. */
export const PREVIEW_EXAMPLES = 3;

export interface PreviewedRule {
  rule: string;
  severity: Severity;
  count: number;
  /** The first few findings, as the review would show them. */
  examples: Finding[];
}

export interface ConfigPreview {
  /** The config file the PR edits. */
  file: string;
  /** Per rule, most findings first. */
  rules: PreviewedRule[];
  /** Source modules per boundary of the head config, at head. */
  boundaries: Record<string, number>;
  /** Globs and rules of the head config that match nothing at head. */
  warnings: string[];
}

export function previewConfig(file: string, config: Config, head: Snapshot): ConfigPreview {
  const findings: Finding[] = [...evaluateBoundaryRules(head.graph, createBoundaryMatcher(config.boundaries), config.rules), ...cycleFindings(config, head)];
  const coverage = boundaryCoverage({ boundaries: config.boundaries, rules: config.rules, files: head.files, modules: head.graph.modules, where: "head" });
  return { file, rules: tally(findings), boundaries: coverage.moduleCounts, warnings: coverage.warnings };
}


/** Every cycle at head: the same search as for new cycles, against an empty base. */
function cycleFindings(config: Config, head: Snapshot): FindingOf<"cycle">[] {
  if (config.cycles.severity === "off") return [];
  const options = { severity: config.cycles.severity, includeTypeOnly: config.cycles.includeTypeOnly };
  return findNewCycles([], head.graph.edges, (p) => p, options).map((c) => ({
    kind: "cycle",
    rule: BUILT_IN_RULES.cycle,
    severity: c.severity,
    status: "new",
    file: c.modules[c.modules.length - 1] ?? "",
    line: c.line,
    reason: {},
    modules: c.modules,
    typeOnly: c.typeOnly,
  }));
}

function tally(findings: Finding[]): PreviewedRule[] {
  const rules = new Map<string, PreviewedRule>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.rule}`;
    const entry = rules.get(key) ?? { rule: f.rule, severity: f.severity, count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < PREVIEW_EXAMPLES) entry.examples.push(f);
    rules.set(key, entry);
  }
  return [...rules.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
