// Terminal output of the CLI: the verdict first, then one compact line per finding. Colors only
// when asked (the caller knows whether stdout is a TTY); repository strings are stripped of
// control characters so a file name cannot drive the terminal.
import type { BoundaryChange, Review } from "../core/model.js";
import {
  beforeAfter,
  blastRadiusLine,
  changedMetrics,
  instability,
  mostImported,
  plural,
  statsLine,
  verdict,
  type Outcome,
} from "./summary.js";
import { ANSI, clean, loc, type Paint } from "./terminal-style.js";
import { newFindingSections, resolvedSections, section } from "./text-findings.js";
import { previewTextLines } from "./config-preview.js";

export interface TextOptions {
  color?: boolean;
}

/** Crossing imports listed per boundary change; the JSON output has them all. */
const MAX_CROSSING_LISTED = 5;

const ICON: Record<Outcome, string> = { fail: "✖", warn: "⚠", pass: "✔" };
const OUTCOME_COLOR: Record<Outcome, keyof typeof ANSI> = { fail: "red", warn: "yellow", pass: "green" };

function changeLines(paint: Paint, change: BoundaryChange): string[] {
  const name = (b: string | undefined): string => clean(b ?? "?");
  switch (change.kind) {
    case "new-dependency": {
      const imports = change.imports ?? [];
      const listed = imports.slice(0, MAX_CROSSING_LISTED).map((i) => `      ${loc(i.from, i.line)} → ${clean(i.to)}`);
      const more = imports.length > MAX_CROSSING_LISTED ? [paint("dim", `      …and ${imports.length - MAX_CROSSING_LISTED} more`)] : [];
      const count = imports.length > 0 ? `  ${paint("dim", `(${plural(imports.length, "crossing import")})`)}` : "";
      return [`  new dependency      ${name(change.from)} → ${name(change.to)}${count}`, ...listed, ...more];
    }
    case "removed-dependency":
      return [`  removed dependency  ${name(change.from)} → ${name(change.to)}`];
    case "boundary-added":
      return [`  boundary added      ${name(change.boundary)}`];
    case "boundary-removed":
      return [`  boundary removed    ${name(change.boundary)}`];
    case "config-changed":
      return [`  config changed      ${change.file ? clean(change.file) : ""}`.trimEnd()];
  }
}

function couplingLines(review: Review): string[] {
  const moved = changedMetrics(review);
  const width = Math.max(0, ...moved.map((m) => clean(m.boundary).length));
  return moved.map((m) => {
    const ca = beforeAfter(m.base.ca, m.head.ca);
    const ce = beforeAfter(m.base.ce, m.head.ce);
    const i = beforeAfter(instability(m.base.instability), instability(m.head.instability));
    return `  ${clean(m.boundary).padEnd(width)}  Ca ${ca}  Ce ${ce}  instability ${i}`;
  });
}

function findingSections(review: Review, paint: Paint): string[] {
  return [
    ...newFindingSections(review, paint),
    ...section(paint, `Boundary changes (${review.boundaryChanges.length})`, review.boundaryChanges.flatMap((c) => changeLines(paint, c))),
    ...section(paint, "Coupling", couplingLines(review)),
    ...previewTextLines(review, paint),
  ];
}

export function renderText(review: Review, options: TextOptions = {}): string {
  const paint: Paint = options.color ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : (_style, text) => text;
  const v = verdict(review);
  const out = [paint(OUTCOME_COLOR[v.outcome], paint("bold", `${ICON[v.outcome]} archreview: ${v.headline}`))];
  if (v.detail) out.push(`  ${v.detail}`);
  out.push(...findingSections(review, paint), ...resolvedSections(review, paint), ...footerLines(review, paint));
  return `${out.join("\n")}\n`;
}

function footerLines(review: Review, paint: Paint): string[] {
  const lines: string[] = [];
  if (review.adr) lines.push(`ADR stub: ${clean(review.adr.path)}  ${paint("dim", "(--format markdown or --format json shows it)")}`);
  const blast = blastRadiusLine(review);
  if (blast) {
    const top = mostImported(review).map((t) => `${clean(t.module)} (${t.dependents})`);
    lines.push(top.length > 0 ? `${blast}. Most imported: ${top.join(", ")}.` : `${blast}.`);
  }
  for (const notice of review.notices) lines.push(`${paint("yellow", "Note:")} ${notice.split(/\r?\n/).map(clean).join("\n      ")}`);
  lines.push(paint("dim", clean(statsLine(review))));
  return ["", ...lines];
}
