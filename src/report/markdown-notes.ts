// The collapsed notes of the PR comment: how to fix each new finding (its `hint`) and the findings
// a reviewer accepted with a reason. Folded: they explain, the sections above are what to act on.
import type { Finding, Review } from "../core/model.js";
import type { Block } from "./fit.js";
import { codeSpan, escapeTextWithCode, location, type MdContext } from "./md-escape.js";
import { plural } from "./summary.js";

const where = (f: Finding, ctx: MdContext): string => location(f.file, f.line, ctx);

/** `Why and how to fix (N)`: one item per new finding with a hint, rule first. */
export function hintsBlock(review: Review, ctx: MdContext): Block[] {
  const hinted = review.findings.filter((f) => f.status === "new" && f.hint !== undefined);
  if (hinted.length === 0) return [];
  const rows = hinted.map((f) => {
    const why = f.reason.comment ? ` — ${escapeTextWithCode(f.reason.comment.replace(/\s*\r?\n\s*/g, " "))}.` : "";
    return `- ${codeSpan(f.rule)} ${where(f, ctx)}${why} ${escapeTextWithCode(f.hint ?? "")}`;
  });
  return [{ id: "hints", head: `<details><summary>How to fix (${plural(hinted.length, "hint")})</summary>\n`, rows, tail: "\n\n</details>" }];
}

/** Every suppressed finding with who accepted it and why. */
export function suppressedBlock(review: Review, ctx: MdContext): Block[] {
  const suppressed = review.suppressed ?? [];
  if (suppressed.length === 0) return [];
  const rows = suppressed.map((s) => `- ${codeSpan(s.finding.rule)} ${where(s.finding, ctx)} — ${escapeTextWithCode(s.reason)} (${s.by === "comment" ? "suppression comment" : "`suppress` in the config"})`);
  return [{ id: "suppressed", head: `<details><summary>Suppressed findings (${suppressed.length})</summary>\n`, rows, tail: "\n\n</details>" }];
}
