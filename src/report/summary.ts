// Wording shared by the markdown and terminal renderers, so the PR comment and the CLI say
// exactly the same thing about a review.
import { countFindings } from "../core/findings.js";
import type { Review, Severity } from "../core/model.js";
import { shownFindings } from "./cycle-groups.js";
import { SECTIONS } from "./finding-sections.js";
import { FINDING_KINDS, FINDING_VIEWS, viewOf } from "./finding-views.js";

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Commit shas are shortened to 7 characters; labels such as `WORKTREE` are kept as they are. */
export function shortSha(sha: string): string {
  return /^[0-9a-f]{8,64}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `3` when unchanged, `3 → 5` when it moved: only movement should catch the eye. */
export function beforeAfter(before: string | number, after: string | number): string {
  return before === after ? String(after) : `${before} → ${after}`;
}

export function instability(value: number): string {
  return value.toFixed(2);
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: "error", warn: "warning" };

export type Outcome = "fail" | "warn" | "pass";

export interface Verdict {
  outcome: Outcome;
  /** `2 new errors, 1 warning` or `no new architecture problems`. */
  headline: string;
  /** The categories behind the counts, or what the PR resolved; null when there is nothing to add. */
  detail: string | null;
}

export function verdict(review: Review): Verdict {
  // As shown: a tangle of cycles that dependency-cruiser reports cycle by cycle counts once.
  const shown = new Set(shownFindings(review));
  const hidden = countFindings(review.findings.filter((f) => !shown.has(f)));
  const errors = review.counts.errors - hidden.errors;
  const warnings = review.counts.warnings - hidden.warnings;
  if (errors === 0 && warnings === 0) {
    const resolved = resolvedPhrase(review);
    return { outcome: "pass", headline: "no new architecture problems", detail: resolved ? `This PR resolves ${resolved}.` : null };
  }
  const parts: string[] = [];
  if (errors > 0) parts.push(plural(errors, "new error"));
  // "2 new errors, 1 warning": "new" is said once.
  if (warnings > 0) parts.push(plural(warnings, errors > 0 ? "warning" : "new warning"));
  return { outcome: errors > 0 ? "fail" : "warn", headline: parts.join(", "), detail: categories(review) };
}

/** `2 violations and 3 cycles`, or null when the change resolved nothing. */
export function resolvedPhrase(review: Review): string | null {
  const resolved = shownFindings(review).filter((f) => f.status === "resolved");
  const parts = SECTIONS.map((s) => resolved.filter((f) => viewOf(f).section === s).length)
    .map((n, i) => (n > 0 ? plural(n, SECTIONS[i]!.resolvedNoun) : null))
    .filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(" and ") : null;
}

/** `1 new boundary violation · 2 new cycles`, in the order the views are declared. */
function categories(review: Review): string | null {
  const fresh = shownFindings(review).filter((f) => f.status === "new");
  const named = FINDING_KINDS.flatMap((kind) => {
    const n = fresh.filter((f) => f.kind === kind).length;
    const { one, many } = FINDING_VIEWS[kind].counted;
    return n > 0 ? [plural(n, one, many)] : [];
  });
  return named.length > 0 ? named.join(" · ") : null;
}

/** `Changed modules: 3, imported transitively by 40 modules`, or null when no module changed. */
export function blastRadiusLine(review: Review): string | null {
  const { changedModules, dependents } = review.blastRadius;
  if (changedModules === 0) return null;
  return `Changed modules: ${changedModules}, imported transitively by ${plural(dependents, "module")}`;
}

/** The few most-imported changed modules, which is where a reviewer should look hardest. */
export function mostImported(review: Review, limit = 3): { module: string; dependents: number }[] {
  return review.blastRadius.top.filter((t) => t.dependents > 0).slice(0, limit);
}

/** `base abc1234 → head def5678 · 120 → 123 modules · 1.2 s` */
export function statsLine(review: Review): string {
  const { modulesBase, modulesHead, ms } = review.stats;
  const modules = modulesBase === modulesHead ? plural(modulesHead, "module") : `${modulesBase} → ${modulesHead} modules`;
  const generated = review.generatedFiles?.length ?? 0;
  // Generated files stay in the graph; only their size and complexity are not reviewed.
  const left = generated > 0 ? ` · ${plural(generated, "generated file")} left out of size and complexity checks` : "";
  // Accepted findings are out of the counts, never out of sight.
  const suppressed = review.suppressed?.length ?? 0;
  const accepted = suppressed > 0 ? ` · ${plural(suppressed, "suppressed finding")}` : "";
  return `base ${shortSha(review.base)} → head ${shortSha(review.head)} · ${modules}${left}${accepted} · ${formatDuration(ms)}`;
}

/** Metrics rows worth showing: those whose coupling moved between base and head. */
export function changedMetrics(review: Review): Review["metrics"] {
  return review.metrics.filter(
    (m) => m.base.ca !== m.head.ca || m.base.ce !== m.head.ce || m.base.instability !== m.head.instability,
  );
}
