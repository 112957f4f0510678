// Terminal output of the CLI: the verdict first, then one compact line per finding. Colors only
// when asked (the caller knows whether stdout is a TTY); repository strings are stripped of
// control characters so a file name cannot drive the terminal.
import { replaceControlChars } from "./control-chars.js";
import type { BoundaryChange, CycleFinding, Review, Severity, Violation } from "../core/model.js";
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

export interface TextOptions {
  color?: boolean;
}

const ANSI = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33 } as const;
type Paint = (style: keyof typeof ANSI, text: string) => string;

const clean = replaceControlChars;

/** Crossing imports listed per boundary change; the JSON output has them all. */
const MAX_CROSSING_LISTED = 5;

const ICON: Record<Outcome, string> = { fail: "✖", warn: "⚠", pass: "✔" };
const OUTCOME_COLOR: Record<Outcome, keyof typeof ANSI> = { fail: "red", warn: "yellow", pass: "green" };

const loc = (file: string, line: number | null): string => clean(line === null ? file : `${file}:${line}`);
const atBase = (value: number | null): string => (value === null ? "new" : `base ${value}`);

function severity(paint: Paint, s: Severity): string {
  return s === "error" ? paint("red", "error") : paint("yellow", "warn ");
}

function violationLine(paint: Paint, v: Violation): string {
  return `  ${severity(paint, v.severity)}  ${loc(v.from, v.line)} → ${clean(v.to)}  ${paint("dim", `(${clean(v.rule)})`)}`;
}

function cyclePath(paint: Paint, c: CycleFinding): string {
  const last = c.modules.length - 1;
  const steps = c.modules.map((m, i) => (i === last ? loc(m, c.line) : clean(m)));
  const typeOnly = c.typeOnly ? `  ${paint("dim", "(type-only)")}` : "";
  return `${[...steps, clean(c.modules[0] ?? "")].join(" → ")}${typeOnly}`;
}

function cycleLine(paint: Paint, c: CycleFinding): string {
  return `  ${severity(paint, c.severity)}  ${cyclePath(paint, c)}`;
}

/** Resolved items listed per section; the JSON output has them all. */
const MAX_RESOLVED_LISTED = 20;

function capped(paint: Paint, lines: string[]): string[] {
  if (lines.length <= MAX_RESOLVED_LISTED) return lines;
  const hidden = lines.length - MAX_RESOLVED_LISTED;
  return [...lines.slice(0, MAX_RESOLVED_LISTED), paint("dim", `  …and ${hidden} more (--format json lists them all)`)];
}

/** What the change fixed, named: the lines are the base's, where the import was. */
function resolvedSections(review: Review, paint: Paint): string[] {
  const violations = review.resolvedViolations.map((v) => `  ${loc(v.from, v.line)} → ${clean(v.to)}  ${paint("dim", `(${clean(v.rule)})`)}`);
  const cycles = review.resolvedCycles.map((c) => `  ${cyclePath(paint, c)}`);
  return [
    ...section(paint, `Resolved violations (${violations.length})`, capped(paint, violations)),
    ...section(paint, `Resolved cycles (${cycles.length})`, capped(paint, cycles)),
  ];
}

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

function section(paint: Paint, title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ["", paint("bold", title), ...lines];
}

function findingSections(review: Review, paint: Paint): string[] {
  const titled = (title: string, items: unknown[]): string => `${title} (${items.length})`;
  const limits = (limit: number, base: number | null): string => paint("dim", `(limit ${limit}, ${atBase(base)})`);
  return [
    ...section(paint, titled("New violations", review.newViolations), review.newViolations.map((v) => violationLine(paint, v))),
    ...section(paint, titled("New cycles", review.newCycles), review.newCycles.map((c) => cycleLine(paint, c))),
    ...section(
      paint,
      titled("Oversized files", review.oversizedFiles),
      review.oversizedFiles.map((f) => `  ${severity(paint, f.severity)}  ${clean(f.file)}  ${f.lines} lines  ${limits(f.limit, f.baseLines)}`),
    ),
    ...section(
      paint,
      titled("Complex functions", review.complexFunctions),
      review.complexFunctions.map(
        (f) => `  ${severity(paint, f.severity)}  ${loc(f.file, f.line)}  ${clean(f.displayName ?? f.name)}  complexity ${f.complexity}  ${limits(f.limit, f.baseComplexity)}`,
      ),
    ),
    ...section(
      paint,
      titled("Large classes", review.largeClasses),
      review.largeClasses.map(
        (c) => `  ${severity(paint, c.severity)}  ${loc(c.file, c.line)}  ${clean(c.displayName ?? c.name)}  ${plural(c.publicMethods, "public method")}  ${limits(c.limit, c.basePublicMethods)}`,
      ),
    ),
    ...section(paint, titled("Boundary changes", review.boundaryChanges), review.boundaryChanges.flatMap((c) => changeLines(paint, c))),
    ...section(paint, "Coupling", couplingLines(review)),
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
