// `archreview check`: what the rules flag at one revision, as it stands (no diff). The review of
// the revision against git's empty tree, worded as "present at REV": grouped by rule with counts,
// with each boundary's module count. Pure: a Review in, text, markdown or JSON out.
import type { Finding, Review, Severity } from "../core/model.js";
import { oneLineComment } from "./finding-sections.js";
import { viewOf } from "./finding-views.js";
import { escapeText, escapeTextWithCode } from "./md-escape.js";
import { plural } from "./summary.js";
import { ANSI, clean, type Paint } from "./terminal-style.js";

export interface PresenceContext {
  /** The revision as the user named it, and its sha. */
  rev: string;
  sha: string;
  /** Source modules per boundary at the revision, in declaration order. */
  boundaryModules: Record<string, number>;
}

export interface RuleTally {
  rule: string;
  severity: Severity;
  count: number;
  findings: Finding[];
}

/** Findings listed per rule in text and markdown; the JSON has them all. */
const LISTED_PER_RULE = 10;

/** One tally per rule (and severity), most findings first, errors before warnings on a tie. */
export function tallyByRule(review: Review): RuleTally[] {
  const tallies = new Map<string, RuleTally>();
  for (const f of review.findings) {
    if (f.status !== "new") continue;
    const key = `${f.severity}\u0000${f.rule}`;
    const tally = tallies.get(key) ?? { rule: f.rule, severity: f.severity, count: 0, findings: [] };
    tally.count += 1;
    tally.findings.push(f);
    tallies.set(key, tally);
  }
  const rank = (t: RuleTally): number => (t.severity === "error" ? 0 : 1);
  return [...tallies.values()].sort((a, b) => b.count - a.count || rank(a) - rank(b) || (a.rule < b.rule ? -1 : 1));
}

export function presenceHeadline(review: Review, ctx: PresenceContext): string {
  const { errors, warnings } = review.counts;
  const at = `${clean(ctx.rev)} (${ctx.sha.slice(0, 7)})`;
  if (errors + warnings === 0) return `nothing flagged at ${at}`;
  const parts = [errors > 0 ? plural(errors, "error") : null, warnings > 0 ? plural(warnings, "warning") : null].filter((p): p is string => p !== null);
  return `${parts.join(", ")} present at ${at}`;
}

/** Size findings have no base here: "(limit 300, new)" would say they are new, and they are not. */
const presentPaint = (paint: Paint): Paint => (style, text) => paint(style, text.replace(/, new\)$/, ")"));

export function renderPresenceText(review: Review, ctx: PresenceContext, color = false): string {
  const paint: Paint = color ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : (_style, text) => text;
  const tallies = tallyByRule(review);
  const out = [paint("bold", `archreview check: ${presenceHeadline(review, ctx)}`)];
  const width = Math.max(0, ...tallies.map((t) => clean(t.rule).length));
  if (tallies.length > 0) out.push("", paint("bold", "By rule"), ...tallies.map((t) => `  ${t.severity === "error" ? "error" : "warn "}  ${clean(t.rule).padEnd(width)}  ${t.count}`));
  out.push("", paint("bold", "Boundaries (source modules)"), ...boundaryLines(ctx));
  for (const t of tallies) {
    const comment = t.findings[0]?.reason.comment;
    out.push("", paint("bold", `${clean(t.rule)} (${t.count})`), ...(comment ? [paint("dim", `  ${clean(oneLineComment(comment))}`)] : []));
    out.push(...t.findings.slice(0, LISTED_PER_RULE).map((f) => `  ${viewOf(f).terminal(f, presentPaint(paint))}`));
    if (t.count > LISTED_PER_RULE) out.push(paint("dim", `  …and ${t.count - LISTED_PER_RULE} more (--format json lists them all)`));
  }
  if (review.notices.length > 0) out.push("", ...review.notices.map((n) => `${paint("yellow", "Note:")} ${clean(n.replace(/\r?\n/g, " "))}`));
  return `${out.join("\n")}\n`;
}

function boundaryLines(ctx: PresenceContext): string[] {
  const names = Object.keys(ctx.boundaryModules);
  if (names.length === 0) return ["  none declared (boundaries: in .github/archreview.yml)"];
  const width = Math.max(...names.map((n) => clean(n).length));
  return names.map((n) => `  ${clean(n).padEnd(width)}  ${ctx.boundaryModules[n]}`);
}

export function renderPresenceMarkdown(review: Review, ctx: PresenceContext): string {
  const tallies = tallyByRule(review);
  const out = [`### archreview check: ${escapeText(presenceHeadline(review, ctx))}`];
  if (tallies.length > 0) {
    out.push("", "| Severity | Rule | Count |", "| --- | --- | ---: |", ...tallies.map((t) => `| ${t.severity} | ${escapeText(t.rule)} | ${t.count} |`));
  }
  const names = Object.keys(ctx.boundaryModules);
  if (names.length > 0) out.push("", "| Boundary | Source modules |", "| --- | ---: |", ...names.map((n) => `| ${escapeText(n)} | ${ctx.boundaryModules[n]} |`));
  for (const t of tallies) {
    const lines = t.findings.slice(0, LISTED_PER_RULE).map((f) => `- ${escapeText(viewOf(f).terminal(f, presentPaint((_s, text) => text)))}`);
    const more = t.count > LISTED_PER_RULE ? [`- …and ${t.count - LISTED_PER_RULE} more`] : [];
    out.push("", `#### ${escapeText(t.rule)} (${t.count})`, "", ...lines, ...more);
  }
  if (review.notices.length > 0) out.push("", ...review.notices.map((n) => `> ${escapeTextWithCode(n.replace(/\r?\n/g, " "))}`));
  return `${out.join("\n")}\n`;
}

/** The JSON of a check: the tallies and boundary counts beside the whole review. */
export function renderPresenceJson(review: Review, ctx: PresenceContext): string {
  const rules = tallyByRule(review).map(({ rule, severity, count }) => ({ rule, severity, count }));
  return `${JSON.stringify({ rev: ctx.rev, sha: ctx.sha, counts: review.counts, rules, boundaries: ctx.boundaryModules, notices: review.notices, findings: review.findings }, null, 2)}\n`;
}
