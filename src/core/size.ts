// Size findings limited to what the PR touched: new past a limit, or grown while past it.
import type { Limits } from "../config/types.js";
import type { ComplexFunction, FileFacts, LargeClass, OversizedFile } from "./model.js";

export interface SizeInput {
  touched: string[];
  headFacts: Record<string, FileFacts>;
  baseFacts: Record<string, FileFacts>;
  previousPathOf: (headPath: string) => string;
  limits: Limits;
}

function grewPast(head: number, base: number | null, limit: number): boolean {
  return head > limit && (base === null || head > base);
}

export function sizeFindings(input: SizeInput): { oversizedFiles: OversizedFile[]; complexFunctions: ComplexFunction[]; largeClasses: LargeClass[] } {
  const { limits } = input;
  const oversizedFiles: OversizedFile[] = [];
  const complexFunctions: ComplexFunction[] = [];
  const largeClasses: LargeClass[] = [];
  for (const file of input.touched) {
    const head = input.headFacts[file];
    if (!head) continue;
    const base = input.baseFacts[input.previousPathOf(file)] ?? null;
    const baseLines = base?.lines ?? null;
    if (grewPast(head.lines, baseLines, limits.fileLines)) {
      oversizedFiles.push({ file, lines: head.lines, limit: limits.fileLines, baseLines, severity: limits.severity });
    }
    for (const fn of head.functions) {
      const before = base?.functions.find((f) => f.name === fn.name)?.complexity ?? null;
      if (!grewPast(fn.complexity, before, limits.functionComplexity)) continue;
      complexFunctions.push({ file, name: fn.name, line: fn.line, complexity: fn.complexity, limit: limits.functionComplexity, baseComplexity: before, severity: limits.severity });
    }
    for (const cls of head.classes) {
      const before = base?.classes.find((c) => c.name === cls.name)?.publicMethods ?? null;
      if (!grewPast(cls.publicMethods, before, limits.publicMethods)) continue;
      largeClasses.push({ file, name: cls.name, line: cls.line, publicMethods: cls.publicMethods, limit: limits.publicMethods, basePublicMethods: before, severity: limits.severity });
    }
  }
  return { oversizedFiles, complexFunctions, largeClasses };
}
