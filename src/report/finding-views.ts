// How each kind of finding is shown, in one place: its section, its table cells, its terminal
// line, its annotation, its SARIF rule. The mapped type makes the compiler reject a finding kind
// without a view (ADR 0004); the renderers only loop.
import type { Finding, FindingKind, FindingOf } from "../core/model.js";
import { codeSpan, escapeText, location, type MdContext } from "./md-escape.js";
import { CLASSES, CONFIG, CYCLES, FUNCTIONS, OVERSIZED, plain, sentence, UNANALYSABLE, VIOLATIONS, type AnnotationText, type Section } from "./finding-sections.js";
import { DESIGN_VIEWS } from "./design-views.js";
import type { FindingView, FindingViews, SarifRule } from "./finding-view.js";
import { clean, loc, type Paint } from "./terminal-style.js";

export type { FindingView, FindingViews, SarifRule } from "./finding-view.js";

type ImportKind = "boundary" | "forbidden" | "stability";

const importCell = (f: FindingOf<ImportKind>, ctx: MdContext): string => `${location(f.file, f.line, ctx, true)} → ${codeSpan(f.to, true)}`;
const boundariesCell = (from: string, to: string): string => `${codeSpan(from, true)} → ${codeSpan(to, true)}`;
/** `a.ts:3 → b.ts → a.ts`: the import at the line opens the cycle dependency-cruiser followed back to its file. */
const ruleCycleCell = (f: FindingOf<"forbidden">, cycle: string[], ctx: MdContext): string => [location(f.file, f.line, ctx, true), ...cycle.map((m) => codeSpan(m, true))].join(" → ");
const importLine = (f: FindingOf<ImportKind>, paint: Paint): string => `${loc(f.file, f.line)} → ${clean(f.to)}  ${paint("dim", `(${clean(f.rule)})`)}`;
const importAnnotation = (f: FindingOf<ImportKind>, why: string): AnnotationText | null =>
  // Without a line GitHub has nowhere to put it; the summary still lists it.
  f.line === null ? null : { line: f.line, title: f.rule, message: sentence(`${f.file} imports ${f.to}: ${plain(why)}`) };
const withComment = (why: string, comment: string | undefined): string => (comment ? `${why}: ${comment}` : why);

const atBase = (value: number | null): string => (value === null ? "new" : String(value));
const atBaseText = (value: number | null): string => (value === null ? "new" : `base ${value}`);
const atBaseSentence = (value: number | null, what: string): string => (value === null ? `new ${what}` : `${value} at base`);
const limits = (paint: Paint, limit: number, base: number | null): string => paint("dim", `(limit ${limit}, ${atBaseText(base)})`);

function cycleSteps(f: FindingOf<"cycle">, step: (m: string) => string, last: (m: string) => string): string[] {
  const end = f.modules.length - 1;
  return [...f.modules.map((m, i) => (i === end ? last(m) : step(m))), step(f.modules[0] ?? "")];
}

const AFTER_MERGE = "Once merged, every later review fails until it is fixed.";

export const FINDING_VIEWS: FindingViews = {
  config: {
    section: CONFIG,
    counted: { one: "invalid configuration file" },
    cells: (f, ctx) => [`${location(f.file, f.line, ctx)} — ${escapeText(f.problem)}. ${AFTER_MERGE}`],
    terminal: (f) => `${loc(f.file, f.line)}  ${clean(f.problem)}`,
    // A parse error without a line (an unreadable file) belongs on the first.
    annotation: (f) => ({ line: f.line ?? 1, title: "Invalid archreview configuration", message: `${sentence(f.problem)} ${AFTER_MERGE}` }),
    sarif: { id: "archreview/config", shortDescription: "Configuration file that does not parse", help: "Fix the file as the message says; `archreview check --rev HEAD` reads it as the App will after the merge." },
  },
  boundary: {
    section: VIOLATIONS,
    counted: { one: "new boundary violation" },
    cells: (f, ctx) => [importCell(f, ctx), codeSpan(f.rule, true), boundariesCell(f.fromBoundary, f.toBoundary)],
    terminal: importLine,
    annotation: (f) =>
      importAnnotation(
        f,
        withComment(
          f.allowed === null
            ? `${f.fromBoundary} must not import ${f.toBoundary}`
            : `${f.fromBoundary} may only import ${f.allowed.join(", ") || "itself"}, not ${f.toBoundary}`,
          f.reason.comment,
        ),
      ),
    sarif: { id: "archreview/boundary", shortDescription: "Import across architecture boundaries that a rule forbids", help: "Move the code, invert the dependency, or change the boundary rules in .github/archreview.yml (and record why in an ADR)." },
  },
  forbidden: {
    section: VIOLATIONS,
    counted: { one: "new forbidden dependency", many: "new forbidden dependencies" },
    // A `circular` rule's violation is shown as its cycle (cycle-groups.ts shows one per cycle).
    cells: (f, ctx) => [f.cycle ? ruleCycleCell(f, f.cycle, ctx) : importCell(f, ctx), codeSpan(f.rule, true), ""],
    terminal: (f, paint) => (f.cycle ? `${[loc(f.file, f.line), ...f.cycle.map(clean)].join(" → ")}  ${paint("dim", `(${clean(f.rule)})`)}` : importLine(f, paint)),
    annotation: (f) => {
      const why = f.reason.comment ?? `violates the dependency-cruiser rule ${f.rule}`;
      if (!f.cycle || f.line === null) return importAnnotation(f, why);
      return { line: f.line, title: f.rule, message: sentence(`${f.file} imports ${f.to}, which closes the cycle ${[f.file, ...f.cycle].join(" → ")}: ${plain(why)}`) };
    },
    sarif: { id: "archreview/forbidden", shortDescription: "Import that a dependency-cruiser forbidden rule forbids", help: "Remove the import or change the forbidden rule; the rule's comment says why it exists." },
  },
  stability: {
    section: VIOLATIONS,
    counted: { one: "new stability violation" },
    cells: (f, ctx) => [importCell(f, ctx), codeSpan(f.rule, true), boundariesCell(f.fromBoundary, f.toBoundary)],
    terminal: importLine,
    annotation: (f) =>
      importAnnotation(f, `${f.fromBoundary} (I=${f.fromInstability.toFixed(2)}) now depends on the less stable ${f.toBoundary} (I=${f.toInstability.toFixed(2)})`),
    sarif: { id: "archreview/stability", shortDescription: "New dependency on a less stable boundary", help: "Depend on a more stable boundary (an interface owned by the caller), or accept it in an ADR." },
  },
  cycle: {
    section: CYCLES,
    counted: { one: "new cycle" },
    // `a.ts → b.ts:7 → a.ts`: the line belongs to the last module, whose import closes the cycle.
    cells: (f, ctx) => [`${cycleSteps(f, (m) => codeSpan(m), (m) => location(m, f.line, ctx)).join(" → ")}${f.typeOnly ? " — ⚠ type-only imports" : ""}`],
    terminal: (f, paint) => `${cycleSteps(f, clean, (m) => loc(m, f.line)).join(" → ")}${f.typeOnly ? `  ${paint("dim", "(type-only)")}` : ""}`,
    annotation: (f) => {
      const [first] = f.modules;
      if (first === undefined || f.line === null) return null;
      const typeOnly = f.typeOnly ? " The cycle exists only through type-only imports." : "";
      return { line: f.line, title: "New dependency cycle", message: `${f.file} imports ${first}, which closes the cycle ${[...f.modules, first].join(" → ")}.${typeOnly}` };
    },
    sarif: { id: "archreview/cycle", shortDescription: "New import cycle", help: "Break the cycle: move the shared part into a module both can import, or invert one import." },
  },
  "oversized-file": {
    section: OVERSIZED,
    counted: { one: "oversized file" },
    cells: (f, ctx) => [location(f.file, null, ctx, true), String(f.lines), String(f.limit), atBase(f.baseLines)],
    terminal: (f, paint) => `${clean(f.file)}  ${f.lines} lines  ${limits(paint, f.limit, f.baseLines)}`,
    // A whole-file finding sits on the first line.
    annotation: (f) => ({ line: 1, title: `File over ${f.limit} lines`, message: `${f.file} has ${f.lines} lines, over the limit of ${f.limit} (${atBaseSentence(f.baseLines, "file")}).` }),
    sarif: { id: "archreview/oversized-file", shortDescription: "File over the line limit", help: "Split the file by responsibility." },
  },
  "complex-function": {
    section: FUNCTIONS,
    counted: { one: "complex function" },
    cells: (f, ctx) => [codeSpan(f.displayName ?? f.name, true), location(f.file, f.line, ctx, true), String(f.complexity), String(f.limit), atBase(f.baseComplexity)],
    terminal: (f, paint) => `${loc(f.file, f.line)}  ${clean(f.displayName ?? f.name)}  complexity ${f.complexity}  ${limits(paint, f.limit, f.baseComplexity)}`,
    annotation: (f) => ({
      line: f.line ?? 1,
      title: `Complexity over ${f.limit}`,
      message: `${f.displayName ?? f.name} has a complexity of ${f.complexity}, over the limit of ${f.limit} (${atBaseSentence(f.baseComplexity, "function")}).`,
    }),
    sarif: { id: "archreview/complex-function", shortDescription: "Function over the cyclomatic complexity limit", help: "Extract the branches into named functions or a lookup table." },
  },
  "large-class": {
    section: CLASSES,
    counted: { one: "large class", many: "large classes" },
    cells: (f, ctx) => [codeSpan(f.displayName ?? f.name, true), location(f.file, f.line, ctx, true), String(f.publicMethods), String(f.limit), atBase(f.basePublicMethods)],
    terminal: (f, paint) => `${loc(f.file, f.line)}  ${clean(f.displayName ?? f.name)}  ${f.publicMethods} public method${f.publicMethods === 1 ? "" : "s"}  ${limits(paint, f.limit, f.basePublicMethods)}`,
    annotation: (f) => ({
      line: f.line ?? 1,
      title: `Class over ${f.limit} public methods`,
      message: `${f.displayName ?? f.name} has ${f.publicMethods} public methods, over the limit of ${f.limit} (${atBaseSentence(f.basePublicMethods, "class")}).`,
    }),
    sarif: { id: "archreview/large-class", shortDescription: "Class over the public method limit", help: "Split the class by the clients it serves." },
  },
  "unanalysable-file": {
    section: UNANALYSABLE,
    counted: { one: "file that could not be analysed", many: "files that could not be analysed" },
    cells: (f, ctx) => [location(f.file, null, ctx, true), `${f.problem}: its functions and classes are not reviewed`],
    terminal: (f, paint) => `${clean(f.file)}  could not be analysed  ${paint("dim", `(${clean(f.problem)})`)}`,
    annotation: (f) => ({ line: 1, title: "File could not be analysed", message: `${f.file} could not be analysed for function complexity and class size (${f.problem}): its functions and classes are not reviewed.` }),
    sarif: {
      id: "archreview/unanalysable-file",
      shortDescription: "File the parser could not analyse for complexity and class size",
      help: "Flatten the nesting (early returns, extracted functions) so the file can be reviewed.",
    },
  },
  ...DESIGN_VIEWS,
};

/** A view as the renderers call it, for whichever finding they hold. */
export interface AnyFindingView {
  section: Section;
  counted: { one: string; many?: string };
  cells(f: Finding, ctx: MdContext): string[];
  terminal(f: Finding, paint: Paint): string;
  annotation(f: Finding): AnnotationText | null;
  sarif: SarifRule;
}

/** The view of any finding. The one cast: the mapped type already ties each kind to its own view. */
export function viewOf(f: Finding): AnyFindingView {
  return FINDING_VIEWS[f.kind] as unknown as AnyFindingView;
}

/** Kinds in the order their views are declared: the order of counts in the summary. */
export const FINDING_KINDS = Object.keys(FINDING_VIEWS) as FindingKind[];
