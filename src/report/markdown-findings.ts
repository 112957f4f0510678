// The finding sections of the PR comment: what the PR makes worse, one row per finding.
import type { CycleFinding, Review, Violation } from "../core/model.js";
import type { Block } from "./fit.js";
import { codeSpan, location, tableHead, tableRow, type Column, type MdContext } from "./md-escape.js";
import { SEVERITY_LABEL } from "./summary.js";

function table(id: string, title: string, columns: Column[], rows: string[][]): Block[] {
  if (rows.length === 0) return [];
  return [{ id, head: `#### ${title} (${rows.length})\n\n${tableHead(columns)}`, rows: rows.map(tableRow), tail: "" }];
}

function atBase(value: number | null): string {
  return value === null ? "new" : String(value);
}

function importCell(v: Violation, ctx: MdContext): string {
  return `${location(v.from, v.line, ctx, true)} → ${codeSpan(v.to, true)}`;
}

function boundariesCell(v: Violation): string {
  if (!v.fromBoundary && !v.toBoundary) return "";
  const name = (b: string | undefined): string => (b ? codeSpan(b, true) : "?");
  return `${name(v.fromBoundary)} → ${name(v.toBoundary)}`;
}

function violationRows(violations: Violation[], ctx: MdContext): string[][] {
  return violations.map((v) => [SEVERITY_LABEL[v.severity], importCell(v, ctx), codeSpan(v.rule, true), boundariesCell(v)]);
}

/** `a.ts → b.ts:7 → a.ts`: the line belongs to the last module, whose import closes the cycle. */
function cycleItem(cycle: CycleFinding, ctx: MdContext): string {
  const [first] = cycle.modules;
  if (first === undefined) return "- (empty cycle)";
  const last = cycle.modules.length - 1;
  const steps = cycle.modules.map((m, i) => (i === last ? location(m, cycle.line, ctx) : codeSpan(m)));
  const typeOnly = cycle.typeOnly ? " — ⚠ type-only imports" : "";
  return `- ${[...steps, codeSpan(first)].join(" → ")}${typeOnly}`;
}

export function findingBlocks(review: Review, ctx: MdContext): Block[] {
  const blocks: Block[] = [];
  blocks.push(
    ...table(
      "violations",
      "New violations",
      [{ title: "Severity" }, { title: "Import" }, { title: "Rule" }, { title: "Boundaries" }],
      violationRows(review.newViolations, ctx),
    ),
  );
  if (review.newCycles.length > 0) {
    const rows = review.newCycles.map((c) => cycleItem(c, ctx));
    blocks.push({ id: "cycles", head: `#### New cycles (${rows.length})\n`, rows, tail: "" });
  }
  blocks.push(
    ...table(
      "oversized",
      "Oversized files",
      [{ title: "File" }, { title: "Lines", numeric: true }, { title: "Limit", numeric: true }, { title: "At base", numeric: true }],
      review.oversizedFiles.map((f) => [location(f.file, null, ctx, true), String(f.lines), String(f.limit), atBase(f.baseLines)]),
    ),
  );
  blocks.push(
    ...table(
      "functions",
      "Complex functions",
      [{ title: "Function" }, { title: "File:line" }, { title: "Complexity", numeric: true }, { title: "Limit", numeric: true }, { title: "At base", numeric: true }],
      review.complexFunctions.map((f) => [
        codeSpan(f.displayName ?? f.name, true),
        location(f.file, f.line, ctx, true),
        String(f.complexity),
        String(f.limit),
        atBase(f.baseComplexity),
      ]),
    ),
  );
  blocks.push(
    ...table(
      "classes",
      "Large classes",
      [{ title: "Class" }, { title: "File:line" }, { title: "Public methods", numeric: true }, { title: "Limit", numeric: true }, { title: "At base", numeric: true }],
      review.largeClasses.map((c) => [
        codeSpan(c.displayName ?? c.name, true),
        location(c.file, c.line, ctx, true),
        String(c.publicMethods),
        String(c.limit),
        atBase(c.basePublicMethods),
      ]),
    ),
  );
  return blocks;
}

/**
 * Collapsed: good news, but nothing to act on. Never linked: the lines are the base's, and the
 * file may no longer exist at head.
 */
export function resolvedBlock(review: Review): Block[] {
  const blocks: Block[] = [];
  const resolved = review.resolvedViolations;
  if (resolved.length > 0) {
    const columns = [{ title: "Import" }, { title: "Rule" }, { title: "Boundaries" }];
    blocks.push({
      id: "resolved",
      head: `<details><summary>Resolved violations (${resolved.length})</summary>\n\n${tableHead(columns)}`,
      rows: resolved.map((v) => tableRow([importCell(v, {}), codeSpan(v.rule, true), boundariesCell(v)])),
      tail: "\n\n</details>",
    });
  }
  const cycles = review.resolvedCycles;
  // The same id: the size ladder shrinks both resolved lists at the same step.
  if (cycles.length > 0) {
    blocks.push({
      id: "resolved",
      head: `<details><summary>Resolved cycles (${cycles.length})</summary>\n`,
      rows: cycles.map((c) => cycleItem(c, {})),
      tail: "\n\n</details>",
    });
  }
  return blocks;
}
