// The finding sections of the PR comment: what the PR makes worse, one row per finding, and what
// it resolved. A loop over the sections; each finding's cells come from its kind's view.
import type { Finding, Review } from "../core/model.js";
import { oneLineComment, SECTIONS, type Section } from "./finding-sections.js";
import { shownFindings } from "./cycle-groups.js";
import { viewOf } from "./finding-views.js";
import type { Block } from "./fit.js";
import { GROUP_THRESHOLD, groupedSectionBlocks } from "./markdown-groups.js";
import { escapeText, tableHead, tableRow, type MdContext } from "./md-escape.js";
import { SEVERITY_LABEL } from "./summary.js";

function inSection(review: Review, section: Section, status: Finding["status"]): Finding[] {
  return shownFindings(review).filter((f) => f.status === status && viewOf(f).section === section);
}

/** The view's cells, with the rule's comment under the cell the section names for it. */
function cells(f: Finding, section: Section, ctx: MdContext): string[] {
  const out = viewOf(f).cells(f, ctx);
  const comment = f.reason.comment ? escapeText(oneLineComment(f.reason.comment)) : "";
  if (comment && out[section.commentCell] !== undefined) {
    out[section.commentCell] = section.columns === null ? `${out[section.commentCell]} — ${comment}` : `${out[section.commentCell]}<br>${comment}`;
  }
  return out;
}

/** A section's rows as the flat section shows them: list items, or a table with its head. */
function rowsOf(section: Section, findings: Finding[], ctx: MdContext): { head: string; rows: string[] } {
  if (section.columns === null) return { head: "", rows: findings.map((f) => `- ${cells(f, section, ctx).join(" ")}`) };
  const columns = section.severityColumn ? [{ title: "Severity" }, ...section.columns] : section.columns;
  const rows = findings.map((f) => tableRow(section.severityColumn ? [SEVERITY_LABEL[f.severity], ...cells(f, section, ctx)] : cells(f, section, ctx)));
  return { head: `\n${tableHead(columns)}`, rows };
}

function sectionBlock(section: Section, findings: Finding[], ctx: MdContext): Block[] {
  if (findings.length === 0) return [];
  if (findings.length > GROUP_THRESHOLD) return groupedSectionBlocks(section, findings, (group) => rowsOf(section, group, ctx));
  const { head, rows } = rowsOf(section, findings, ctx);
  return [{ id: section.id, head: `#### ${section.title} (${findings.length})\n${head}`, rows, tail: "" }];
}

export function findingBlocks(review: Review, ctx: MdContext): Block[] {
  return SECTIONS.flatMap((section) => sectionBlock(section, inSection(review, section, "new"), ctx));
}

/**
 * Collapsed: good news, but nothing to act on. Never linked: the lines are the base's, and the
 * file may no longer exist at head. One id for all: the size ladder shrinks them at the same step.
 */
export function resolvedBlock(review: Review): Block[] {
  return SECTIONS.flatMap((section): Block[] => {
    const found = inSection(review, section, "resolved");
    if (found.length === 0) return [];
    const summary = `<details><summary>${section.resolvedTitle} (${found.length})</summary>\n`;
    const rows = found.map((f) => cells(f, section, {}));
    if (section.columns === null) return [{ id: "resolved", head: summary, rows: rows.map((r) => `- ${r.join(" ")}`), tail: "\n\n</details>" }];
    return [{ id: "resolved", head: `${summary}\n${tableHead(section.columns)}`, rows: rows.map(tableRow), tail: "\n\n</details>" }];
  });
}
