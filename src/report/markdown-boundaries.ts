// The architecture sections of the PR comment: how boundaries and their coupling moved, the
// graph of the boundaries touched, and the ADR stub that records the decision.
import type { BoundaryChange, BoundaryCohesion, Review } from "../core/model.js";
import type { Block } from "./fit.js";
import { backtickFence, codeSpan, escapeHtml, tableHead, tableRow } from "./md-escape.js";
import { renderBoundaryGraph } from "./mermaid.js";
import { beforeAfter, changedMetrics, instability, plural } from "./summary.js";

function changeItem(change: BoundaryChange): string {
  const name = (b: string | undefined): string => codeSpan(b ?? "?");
  switch (change.kind) {
    case "new-dependency": {
      const crossing = change.imports?.length ?? 0;
      const count = crossing > 0 ? ` (${plural(crossing, "crossing import")})` : "";
      return `- New dependency ${name(change.from)} → ${name(change.to)}${count}`;
    }
    case "removed-dependency":
      return `- Removed dependency ${name(change.from)} → ${name(change.to)}`;
    case "boundary-added":
      return `- Boundary added: ${name(change.boundary)}`;
    case "boundary-removed":
      return `- Boundary removed: ${name(change.boundary)}`;
    case "config-changed":
      return change.file ? `- Boundary configuration changed: ${codeSpan(change.file)}` : "- Boundary configuration changed";
  }
}

export function boundaryBlocks(review: Review): Block[] {
  const blocks: Block[] = [];
  const changes = review.boundaryChanges;
  if (changes.length > 0) {
    blocks.push({ id: "boundaries", head: `#### Boundary changes (${changes.length})\n`, rows: changes.map(changeItem), tail: "" });
  }
  const coupling = couplingBlock(review);
  if (coupling !== null) blocks.push(coupling);
  const graph = renderBoundaryGraph(review);
  if (graph !== null) {
    blocks.push({ id: "mermaid", head: `#### Boundary graph\n\n\`\`\`mermaid\n${graph}\n\`\`\``, rows: [], tail: "", standIn: null });
  }
  return blocks;
}

const figure = (value: number | null): string => (value === null ? "–" : value.toFixed(2));

/** Boundaries whose cohesion moved (relational cohesion or components). */
function movedCohesion(review: Review): Map<string, BoundaryCohesion> {
  const moved = (review.cohesion ?? []).filter((c) => c.base.relational !== c.head.relational || c.base.components !== c.head.components);
  return new Map(moved.map((c) => [c.boundary, c]));
}

/**
 * Coupling (Martin's Ca, Ce, I) of the boundaries that moved, as base → head; cohesion columns
 * ((R+1)/N and internal components) only when some boundary's cohesion moved.
 */
function couplingBlock(review: Review): Block | null {
  // Unchanged boundaries would only bury the ones that moved.
  const coupled = new Set(changedMetrics(review).map((m) => m.boundary));
  const cohesion = movedCohesion(review);
  const moved = review.metrics.filter((m) => coupled.has(m.boundary) || cohesion.has(m.boundary));
  if (moved.length === 0) return null;
  const columns = [{ title: "Boundary" }, { title: "Ca", numeric: true }, { title: "Ce", numeric: true }, { title: "Instability", numeric: true }];
  const withCohesion = cohesion.size > 0;
  if (withCohesion) columns.push({ title: "Cohesion (R+1)/N", numeric: true }, { title: "Components", numeric: true });
  const rows = moved.map((m) => {
    const cells = [codeSpan(m.boundary, true), beforeAfter(m.base.ca, m.head.ca), beforeAfter(m.base.ce, m.head.ce), beforeAfter(instability(m.base.instability), instability(m.head.instability))];
    const c = (review.cohesion ?? []).find((x) => x.boundary === m.boundary);
    if (withCohesion) cells.push(c ? beforeAfter(figure(c.base.relational), figure(c.head.relational)) : "", c ? beforeAfter(c.base.components, c.head.components) : "");
    return tableRow(cells);
  });
  return { id: "coupling", head: `#### Coupling\n\n${tableHead(columns)}`, rows, tail: "" };
}

/** Collapsed, because it is long; the 4+ backtick fence keeps the stub's own fences intact. */
export function adrBlock(review: Review): Block[] {
  const adr = review.adr;
  if (!adr) return [];
  const fence = backtickFence(adr.markdown, 4);
  const head = [
    `<details><summary>Proposed ADR: <code>${escapeHtml(adr.path)}</code></summary>`,
    "",
    `A record of this boundary change, to be saved as ${codeSpan(adr.path)} once Decision and Consequences are filled in:`,
    "",
    `${fence}markdown`,
    adr.markdown.replace(/\n+$/, ""),
    fence,
    "",
    "</details>",
  ].join("\n");
  const standIn = `_The proposed ADR ${codeSpan(adr.path)} is left out to keep this comment within GitHub's size limit._`;
  return [{ id: "adr", head, rows: [], tail: "", standIn }];
}
