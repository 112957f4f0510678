// dependency-cruiser's summary violations -> archreview's ForbiddenViolations: only what a review
// reports (imports, cycles, modules, reachability, folders), severities mapped, one per rule, from, to.
import type { ForbiddenViolation, Severity } from "./model.js";

/** A violation as dependency-cruiser's summary lists it (cruise result or its own summarize step). */
export interface DcSummaryViolation {
  type?: string;
  from: string;
  to: string;
  unresolvedTo?: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

/**
 * The violation types archreview reports: one import, a cycle, a module (module, required and
 * reachability rules), an import to a more unstable module (`moreUnstable`), and a folder's
 * dependency on a folder (`scope: "folder"` rules: `from` and `to` are folders, there is no line).
 */
const REPORTED_TYPES = new Set(["dependency", "cycle", "module", "reachability", "instability", "folder"]);

export function depcruiseSeverity(s: string | undefined): Severity | null {
  if (s === "error") return "error";
  if (s === "warn" || s === "info") return "warn";
  return null;
}

/** `lineOf(from, specifier)`: the line of the import of `specifier` in `from`, when the violation is about one. */
export type ImportLineOf = (from: string, specifier: string | null) => number | null;

export function forbiddenViolationsFrom(violations: DcSummaryViolation[], lineOf: ImportLineOf): ForbiddenViolation[] {
  const out: ForbiddenViolation[] = [];
  const seen = new Set<string>();
  for (const v of violations) {
    const severity = depcruiseSeverity(v.rule.severity);
    const type = v.type ?? "dependency";
    if (!severity || !REPORTED_TYPES.has(type)) continue;
    const key = `${v.rule.name}\u0000${v.from}\u0000${v.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const violation: ForbiddenViolation = { rule: v.rule.name, severity, from: v.from, to: v.to, line: lineOf(v.from, v.unresolvedTo ?? null) };
    if (type !== "dependency" && type !== "cycle") violation.ruleType = type;
    if (type === "cycle" && v.cycle && v.cycle.length > 0) violation.cycle = v.cycle.map((step) => step.name);
    out.push(violation);
  }
  return out;
}
