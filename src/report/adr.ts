// An Architecture Decision Record stub in Michael Nygard's format. The Context is filled with
// facts the review established (which boundary now depends on which, through which imports,
// how coupling moved); Decision and Consequences are the author's to write.
import type { AdrFacts, AdrStub, BoundaryChange, BoundaryMetrics, CrossingImport, Review } from "../core/model.js";
import { codeSpan, escapeText, tableHead, tableRow } from "./md-escape.js";
import { beforeAfter, instability, shortSha } from "./summary.js";

// Naming is the engine's (it decides the path); re-exported for the report layer's callers.
export { adrTitle, slugify } from "../core/adr-title.js";

/** The facts a record is written from; the path is where it goes, not what it says. */
export type AdrInput = Omit<AdrFacts, "path">;

/** A record lists the crossing imports as evidence, not as an inventory. */
const MAX_IMPORTS_LISTED = 20;

function importList(imports: CrossingImport[]): string[] {
  const listed = imports.slice(0, MAX_IMPORTS_LISTED).map((i) => `  - ${codeSpan(i.line === null ? i.from : `${i.from}:${i.line}`)} → ${codeSpan(i.to)}`);
  const rest = imports.length - listed.length;
  return rest > 0 ? [...listed, `  - …and ${rest} more`] : listed;
}

function changeFacts(change: BoundaryChange, base: string, head: string, configFile: string | null): string[] {
  const name = (b: string | undefined): string => codeSpan(b ?? "?");
  const imports = change.imports ?? [];
  switch (change.kind) {
    case "new-dependency":
      return imports.length === 0
        ? [`- ${name(change.from)} now depends on ${name(change.to)}, which it did not at base ${codeSpan(base)}.`]
        : [`- ${name(change.from)} now depends on ${name(change.to)}, which it did not at base ${codeSpan(base)}. Crossing imports:`, ...importList(imports)];
    case "removed-dependency":
      return imports.length === 0
        ? [`- ${name(change.from)} no longer depends on ${name(change.to)}, which it did at base ${codeSpan(base)}.`]
        : [`- ${name(change.from)} no longer depends on ${name(change.to)}, which it did at base ${codeSpan(base)} through:`, ...importList(imports)];
    case "boundary-added":
      return [`- The boundary ${name(change.boundary)} is declared at head ${codeSpan(head)}; it did not exist at base ${codeSpan(base)}.`];
    case "boundary-removed":
      return [`- The boundary ${name(change.boundary)}, declared at base ${codeSpan(base)}, is no longer declared at head ${codeSpan(head)}.`];
    case "config-changed": {
      const file = change.file ?? configFile;
      return [file ? `- The boundary configuration ${codeSpan(file)} changed.` : "- The boundary configuration changed."];
    }
  }
}

function metricsTable(metrics: BoundaryMetrics[], base: string, head: string): string[] {
  if (metrics.length === 0) return [];
  const columns = [{ title: "Boundary" }, { title: "Ca", numeric: true }, { title: "Ce", numeric: true }, { title: "Instability", numeric: true }, { title: "Modules", numeric: true }];
  const rows = metrics.map((m) =>
    tableRow([
      codeSpan(m.boundary, true),
      beforeAfter(m.base.ca, m.head.ca),
      beforeAfter(m.base.ce, m.head.ce),
      beforeAfter(instability(m.base.instability), instability(m.head.instability)),
      beforeAfter(m.base.modules, m.head.modules),
    ]),
  );
  return [
    "",
    `Coupling of the boundaries concerned, base ${codeSpan(base)} → head ${codeSpan(head)}:`,
    "",
    tableHead(columns),
    ...rows,
    "",
    "Ca: modules outside the boundary that import it. Ce: modules inside it that import outside. Instability: Ce / (Ca + Ce), from 0 (stable) to 1.",
  ];
}

export function renderAdr(input: AdrInput): string {
  const base = shortSha(input.base);
  const head = shortSha(input.head);
  const facts = input.changes.flatMap((c) => changeFacts(c, base, head, input.configFile));
  // The engine may know the config file changed without a config-changed entry; still say so.
  if (input.configFile && !input.changes.some((c) => c.kind === "config-changed")) {
    facts.push(`- The boundary configuration ${codeSpan(input.configFile)} changed.`);
  }
  const lines = [
    `# ${input.number}. ${escapeText(input.title)}`,
    "",
    `Date: ${escapeText(input.date)}`,
    "",
    "## Status",
    "",
    "Proposed",
    "",
    "## Context",
    "",
    `Between base ${codeSpan(base)} and head ${codeSpan(head)} the architecture boundaries changed:`,
    "",
    ...facts,
    ...metricsTable(input.metrics, base, head),
    "",
    "## Decision",
    "",
    "<!-- What did we decide, and why is this boundary change acceptable (or how will it be undone)? -->",
    "",
    "## Consequences",
    "",
    "<!-- What becomes easier or harder? Which rules, follow-up work or migrations does this imply? -->",
  ];
  return `${lines.join("\n")}\n`;
}

/** The stub as the JSON output and the PR comment have it. */
export function adrStub(facts: AdrFacts): AdrStub {
  return { path: facts.path, number: facts.number, title: facts.title, markdown: renderAdr(facts) };
}

/** The engine's review with its ADR stub written out: what the shells render and the JSON output carries. */
export function withAdrStub(outcome: { review: Review; adr: AdrFacts | null }): Review {
  return { ...outcome.review, adr: outcome.adr ? adrStub(outcome.adr) : null };
}
