// The CLI's finding sections: one line per finding from its kind's view, the rule's comment on
// the line below; resolved findings after the architecture sections, capped.
import type { Finding, Review, Severity } from "../core/model.js";
import { oneLineComment, SECTIONS, type Section } from "./finding-sections.js";
import { shownFindings } from "./cycle-groups.js";
import { viewOf } from "./finding-views.js";
import { clean, type Paint } from "./terminal-style.js";

/** Resolved items listed per section; the JSON output has them all. */
const MAX_RESOLVED_LISTED = 20;

/** Under the finding, past the severity column. */
const COMMENT_INDENT = "         ";

export function section(paint: Paint, title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ["", paint("bold", title), ...lines];
}

function severity(paint: Paint, s: Severity): string {
  return s === "error" ? paint("red", "error") : paint("yellow", "warn ");
}

const inSection = (review: Review, s: Section, status: Finding["status"]): Finding[] => shownFindings(review).filter((f) => f.status === status && viewOf(f).section === s);

function newLines(paint: Paint, f: Finding): string[] {
  const line = `  ${severity(paint, f.severity)}  ${viewOf(f).terminal(f, paint)}`;
  const why = f.reason.comment ? [`${COMMENT_INDENT}${paint("dim", clean(oneLineComment(f.reason.comment)))}`] : [];
  // Hints are our own sentences with backticked names: plain in a terminal.
  const fix = f.hint !== undefined ? [`${COMMENT_INDENT}${paint("dim", `fix: ${clean(f.hint.replace(/`/g, ""))}`)}`] : [];
  return [line, ...why, ...fix];
}

export function newFindingSections(review: Review, paint: Paint): string[] {
  return SECTIONS.flatMap((s) => {
    const found = inSection(review, s, "new");
    return section(paint, `${s.title} (${found.length})`, found.flatMap((f) => newLines(paint, f)));
  });
}

function capped(paint: Paint, lines: string[]): string[] {
  if (lines.length <= MAX_RESOLVED_LISTED) return lines;
  const hidden = lines.length - MAX_RESOLVED_LISTED;
  return [...lines.slice(0, MAX_RESOLVED_LISTED), paint("dim", `  …and ${hidden} more (--format json lists them all)`)];
}

/** What the change fixed, named: the lines are the base's, where the import was. */
export function resolvedSections(review: Review, paint: Paint): string[] {
  return SECTIONS.flatMap((s) => {
    const found = inSection(review, s, "resolved");
    return section(paint, `${s.resolvedTitle} (${found.length})`, capped(paint, found.map((f) => `  ${viewOf(f).terminal(f, paint)}`)));
  });
}
