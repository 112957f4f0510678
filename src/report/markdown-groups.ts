// A section with many findings stays readable: an overview table of its groups (rule and boundary
// pair), worst first, then each group's rows folded in <details>. Small sections keep their flat table.
import type { Finding } from "../core/model.js";
import type { Section } from "./finding-sections.js";
import type { Block } from "./fit.js";
import { codeSpan, escapeHtml, tableHead, tableRow } from "./md-escape.js";
import { SEVERITY_LABEL } from "./summary.js";

/** Past this many findings a section is grouped; at or under it, one flat table as before. */
export const GROUP_THRESHOLD = 10;

interface Group {
  rule: string;
  pair: string | null;
  findings: Finding[];
  errors: number;
}

function pairOf(f: Finding): string | null {
  if (f.kind === "boundary" || f.kind === "stability") return `${f.fromBoundary}\u0000${f.toBoundary}`;
  if (f.kind === "boundary-cohesion") return f.boundary;
  return null;
}

/** Groups by rule and boundary pair; errors first, then the largest, then by name. */
export function groupFindings(findings: Finding[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of findings) {
    const pair = pairOf(f);
    const key = `${f.rule}\u0001${pair ?? ""}`;
    const group = groups.get(key) ?? { rule: f.rule, pair, findings: [], errors: 0 };
    group.findings.push(f);
    if (f.severity === "error") group.errors++;
    groups.set(key, group);
  }
  const name = (g: Group): string => `${g.rule}\u0001${g.pair ?? ""}`;
  return [...groups.values()].sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0) || b.findings.length - a.findings.length || (name(a) < name(b) ? -1 : 1));
}

const pairMd = (pair: string | null): string => (pair === null ? "" : pair.split("\u0000").map((b) => codeSpan(b, true)).join(" → "));
const pairHtml = (pair: string | null): string => (pair === null ? "" : ` · ${pair.split("\u0000").map((b) => `<code>${escapeHtml(b)}</code>`).join(" → ")}`);

/**
 * The grouped blocks of one section: `rows(findings)` lays out a group's own rows (a table head
 * included when the section has columns), exactly as the flat section would.
 */
export function groupedSectionBlocks(section: Section, findings: Finding[], groupRows: (g: Finding[]) => { head: string; rows: string[] }): Block[] {
  const groups = groupFindings(findings);
  const paired = groups.some((g) => g.pair !== null);
  const overview = groups.map((g) =>
    tableRow([g.errors > 0 ? SEVERITY_LABEL.error : SEVERITY_LABEL.warn, codeSpan(g.rule, true), ...(paired ? [pairMd(g.pair)] : []), String(g.findings.length)]),
  );
  const columns = [{ title: "Severity" }, { title: "Rule" }, ...(paired ? [{ title: "Boundaries" }] : []), { title: "Findings", numeric: true }];
  const title = `#### ${section.title} (${findings.length})`;
  // One group needs no overview: its folded rows are the whole section.
  const head = groups.length === 1 ? title : `${title}\n\n${findings.length} findings in ${groups.length} groups by rule${paired ? " and boundaries" : ""}, worst first; each group is folded below.\n\n${tableHead(columns)}`;
  const details = groups.map((g): Block => {
    const { head: rowsHead, rows } = groupRows(g.findings);
    const summary = `<details><summary><code>${escapeHtml(g.rule)}</code>${pairHtml(g.pair)} (${g.findings.length})</summary>\n${rowsHead}`;
    return { id: section.id, head: summary, rows, tail: "\n\n</details>" };
  });
  return [{ id: section.id, head, rows: groups.length === 1 ? [] : overview, tail: "" }, ...details];
}
