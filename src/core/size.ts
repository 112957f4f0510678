// Size findings limited to what the PR touched: a file, function or class is judged only when the
// change touched its own lines, against the same one at base (matched by its enclosing declarations,
// never by a bare name); new past a limit, crossing it, or grown meaningfully while already past it.
import { DEFAULT_GROWTH } from "../config/defaults.js";
import type { LimitGrowth, Limits } from "../config/types.js";
import { baseLineMapper, touchesOwnLines, type Span } from "./change-lines.js";
import { matchToBase } from "./function-match.js";
import type { ClassFact, ComplexFunction, FileFacts, FunctionFact, LargeClass, LineHunk, OversizedFile } from "./model.js";

export interface SizeInput {
  touched: string[];
  headFacts: Record<string, FileFacts>;
  baseFacts: Record<string, FileFacts>;
  previousPathOf: (headPath: string) => string;
  limits: Limits;
  /** Head path -> line hunks against its base version; a file left out counts as changed everywhere. */
  hunks?: Record<string, LineHunk[]>;
  /** Head paths of generated files: no size findings for them. */
  generated?: ReadonlySet<string>;
}

export interface SizeFindings {
  oversizedFiles: OversizedFile[];
  complexFunctions: ComplexFunction[];
  largeClasses: LargeClass[];
}

/**
 * Past the limit at head, and either new, crossing the limit, or grown by max(percent of base, minimum).
 * Exported for the tests and for documentation: this is the whole "quiet defaults" rule.
 */
export function worthReporting(head: number, base: number | null, limit: number, percent: number, minimum: number): boolean {
  if (head <= limit) return false;
  if (base === null || base <= limit) return true;
  return head - base >= Math.max(Math.ceil((base * percent) / 100), minimum, 1);
}

export function sizeFindings(input: SizeInput): SizeFindings {
  const found: SizeFindings = { oversizedFiles: [], complexFunctions: [], largeClasses: [] };
  for (const file of input.touched) {
    const head = input.headFacts[file];
    if (!head || input.generated?.has(file)) continue;
    const base = input.baseFacts[input.previousPathOf(file)] ?? null;
    fileFindings(input, file, head, base, found);
  }
  return found;
}

function fileFindings(input: SizeInput, file: string, head: FileFacts, base: FileFacts | null, found: SizeFindings): void {
  const { limits } = input;
  const growth: LimitGrowth = limits.growth ?? DEFAULT_GROWTH;
  const hunks = input.hunks?.[file];
  const baseLines = base?.lines ?? null;
  const fileTouched = hunks === undefined || hunks.length > 0;
  if (fileTouched && worthReporting(head.lines, baseLines, limits.fileLines, growth.percent, growth.fileLines)) {
    found.oversizedFiles.push({ file, lines: head.lines, limit: limits.fileLines, baseLines, severity: limits.severity });
  }
  const spans: Span[] = [...head.functions, ...head.classes];
  const touched = (s: Span): boolean => hunks === undefined || touchesOwnLines(s, spans, hunks);
  const toBaseLine = hunks === undefined ? () => null : baseLineMapper(hunks);

  const baseFunctions = matchToBase(head.functions, base?.functions ?? [], toBaseLine);
  head.functions.forEach((fn: FunctionFact, i) => {
    const before = baseFunctions[i] ?? null;
    if (!worthReporting(fn.complexity, before?.complexity ?? null, limits.functionComplexity, growth.percent, growth.functionComplexity)) return;
    if (!touched(fn)) return;
    found.complexFunctions.push({
      file,
      name: fn.name,
      line: fn.line,
      complexity: fn.complexity,
      limit: limits.functionComplexity,
      baseComplexity: before?.complexity ?? null,
      severity: limits.severity,
      displayName: fn.displayName ?? fn.name,
      baseLine: before?.line ?? null,
    });
  });

  const baseClasses = matchToBase(head.classes, base?.classes ?? [], toBaseLine);
  head.classes.forEach((cls: ClassFact, i) => {
    const before = baseClasses[i] ?? null;
    if (!worthReporting(cls.publicMethods, before?.publicMethods ?? null, limits.publicMethods, growth.percent, growth.publicMethods)) return;
    if (!touched(cls)) return;
    found.largeClasses.push({
      file,
      name: cls.name,
      line: cls.line,
      publicMethods: cls.publicMethods,
      limit: limits.publicMethods,
      basePublicMethods: before?.publicMethods ?? null,
      severity: limits.severity,
      displayName: cls.displayName ?? cls.name,
      baseLine: before?.line ?? null,
    });
  });
}
