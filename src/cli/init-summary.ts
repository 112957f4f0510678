// What `archreview init` found, for the terminal: boundaries, the imports between them as a small
// table (rows import columns), and the cycles that exist today.
import { dependsOn } from "../config/proposal.js";
import type { HeadFacts } from "./init-facts.js";

const MAX_CYCLES_SHOWN = 10;

const pad = (text: string, width: number): string => text + " ".repeat(Math.max(0, width - text.length));
const modules = (n: number): string => `${n} module${n === 1 ? "" : "s"}`;
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");

function boundaryLines(head: HeadFacts): string[] {
  const { boundaries } = head.facts;
  if (boundaries.length === 0) return ["Boundaries: none found (no source folders under src/, lib/, app/ or workspace packages)."];
  const width = Math.max(...boundaries.map((b) => b.name.length));
  return [
    "Boundaries:",
    ...boundaries.map((b) => `  ${pad(clean(b.name), width)}  ${clean(b.patterns.join(", "))}  (${modules(head.modules.get(b.name) ?? 0)}; ${b.origin})`),
  ];
}

/** `from \ to` matrix of import counts; `·` where there is none (those pairs become `disallow`). */
export function dependencyTable(head: HeadFacts): string[] {
  const names = head.facts.boundaries.map((b) => clean(b.name));
  if (names.length < 2) return [];
  const corner = "imports →";
  const first = Math.max(corner.length, ...names.map((n) => n.length));
  const widths = names.map((n) => Math.max(n.length, 3));
  const header = `  ${pad(corner, first)}  ${names.map((n, i) => pad(n, widths[i] ?? 3)).join("  ")}`;
  const rows = names.map((from, r) => {
    const cells = names.map((to, c) => {
      const count = r === c ? "-" : String(dependsOn(head.facts, head.facts.boundaries[r]!.name, head.facts.boundaries[c]!.name) || "·");
      return pad(count, widths[c] ?? 3);
    });
    return `  ${pad(from, first)}  ${cells.join("  ")}`;
  });
  return ["Imports between boundaries today (row imports column; · none, so it becomes a disallow):", header, ...rows];
}

function cycleLines(cycles: string[][]): string[] {
  if (cycles.length === 0) return ["Cycles today: none."];
  const shown = cycles.slice(0, MAX_CYCLES_SHOWN).map((c) => `  ${[...c, c[0] ?? ""].map(clean).join(" → ")}`);
  const more = cycles.length > MAX_CYCLES_SHOWN ? [`  … and ${cycles.length - MAX_CYCLES_SHOWN} more`] : [];
  return [`Cycles today: ${cycles.length} (not reported by reviews; a new one is):`, ...shown, ...more];
}

export function renderInitSummary(head: HeadFacts, written: string): string {
  const { facts } = head;
  const notes = [
    facts.adrDirectory ? `ADR directory: ${facts.adrDirectory}` : "ADR directory: none found (docs/adr, doc/adr, adr)",
    ...(facts.depcruiseConfig ? [`dependency-cruiser config: ${facts.depcruiseConfig} (referenced, not copied)`] : []),
  ];
  const sections = [boundaryLines(head), dependencyTable(head), cycleLines(head.cycles), notes, [`Wrote ${written}. Review it, commit it, and run \`archreview review --base <branch>\` on the next change.`]];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join("\n")).join("\n\n")}\n`;
}
