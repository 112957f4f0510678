// An Architecture Decision Record stub in Michael Nygard's format. The Context is filled with
// facts the review established (which boundary now depends on which, through which imports,
// how coupling moved); Decision and Consequences are the author's to write.
import type { BoundaryChange, BoundaryMetrics, CrossingImport } from "../core/model.js";
import { codeSpan, escapeText, tableHead, tableRow } from "./md-escape.js";
import { beforeAfter, instability, shortSha } from "./summary.js";

export interface AdrInput {
  number: number;
  title: string;
  /** YYYY-MM-DD, passed in: rendering stays pure. */
  date: string;
  base: string;
  head: string;
  changes: BoundaryChange[];
  /** Coupling of the boundaries concerned by the changes. */
  metrics: BoundaryMetrics[];
  /** The boundary configuration file, when the PR changed it. */
  configFile: string | null;
}

/** A record lists the crossing imports as evidence, not as an inventory. */
const MAX_IMPORTS_LISTED = 20;

const TITLE_CHANGES_LISTED = 3;

/** The title names the decision to be made, e.g. `Allow domain to depend on infrastructure`. */
export function adrTitle(changes: BoundaryChange[]): string {
  const structural = changes.filter((c) => c.kind !== "config-changed");
  const [only] = structural;
  if (structural.length === 1 && only) {
    const { from = "?", to = "?", boundary = "?" } = only;
    if (only.kind === "new-dependency") return `Allow ${from} to depend on ${to}`;
    if (only.kind === "removed-dependency") return `Remove the dependency of ${from} on ${to}`;
    if (only.kind === "boundary-added") return `Add boundary ${boundary}`;
    return `Remove boundary ${boundary}`;
  }
  if (structural.length === 0) return "Change architecture boundaries configuration";
  const phrase = (c: BoundaryChange): string => {
    if (c.kind === "new-dependency") return `${c.from ?? "?"} → ${c.to ?? "?"}`;
    if (c.kind === "removed-dependency") return `no ${c.from ?? "?"} → ${c.to ?? "?"}`;
    return `${c.kind === "boundary-added" ? "add" : "remove"} ${c.boundary ?? "?"}`;
  };
  const listed = structural.slice(0, TITLE_CHANGES_LISTED).map(phrase);
  const rest = structural.length - listed.length;
  return `Boundary changes: ${listed.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
}

/**
 * `a-b-b-c` -> `a-b-c`, `x-ui-kit-ui-kit-y` -> `x-ui-kit-y`: a title chaining boundaries
 * (`a → b, b → c`) repeats the middle name once the arrows are gone.
 */
function withoutRepeatedRuns(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    out.push(word);
    for (let k = 1; 2 * k <= out.length; k++) {
      const first = out.slice(out.length - 2 * k, out.length - k);
      if (first.every((w, i) => w === out[out.length - k + i])) {
        out.length -= k;
        break;
      }
    }
  }
  return out;
}

/** Lowercase ASCII words joined by dashes, without repeated runs, at most 60 characters, cut between words. */
export function slugify(title: string): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const words = withoutRepeatedRuns(ascii.split("-")).join("-");
  if (words.length <= 60) return words || "untitled";
  const cut = words.slice(0, 61);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, 60)).replace(/-+$/, "");
}

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
