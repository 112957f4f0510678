// Class cohesion (LCOM4, Hitz & Montazeri) of the classes a change touches, base and head, and the
// finding for a class the change adds or makes less cohesive with LCOM4 >= 2: it holds several
// responsibilities, and its method groups are the split its own structure suggests.
import { DEFAULT_COHESION } from "../config/defaults.js";
import type { Config } from "../config/types.js";
import { baseLineMapper, touchesOwnLines, type Span } from "./change-lines.js";
import { BUILT_IN_RULES } from "./finding.js";
import { matchToBase } from "./function-match.js";
import type { ClassCohesion, ClassFact, FileFacts, FindingOf, LineHunk } from "./model.js";

export interface ClassCohesionInput {
  touched: string[];
  headFacts: Record<string, FileFacts>;
  baseFacts: Record<string, FileFacts>;
  previousPathOf: (headPath: string) => string;
  config: Config;
  hunks?: Record<string, LineHunk[]>;
  generated?: ReadonlySet<string>;
}

const lcom4 = (cls: ClassFact | null): number | null => (cls?.cohesion === undefined ? null : cls.cohesion.length);

/** Touched classes whose cohesion is known, in file then line order. */
export function touchedClassCohesion(input: ClassCohesionInput): ClassCohesion[] {
  const found: ClassCohesion[] = [];
  for (const file of input.touched) {
    const head = input.headFacts[file];
    if (!head || input.generated?.has(file)) continue;
    const base = input.baseFacts[input.previousPathOf(file)] ?? null;
    const hunks = input.hunks?.[file];
    const spans: Span[] = [...head.functions, ...head.classes];
    const toBaseLine = hunks === undefined ? () => null : baseLineMapper(hunks);
    const before = matchToBase(head.classes, base?.classes ?? [], toBaseLine);
    head.classes.forEach((cls, i) => {
      if (cls.cohesion === undefined || (hunks !== undefined && !touchesOwnLines(cls, spans, hunks))) return;
      const display = cls.displayName !== undefined ? { displayName: cls.displayName } : {};
      found.push({ file, name: cls.name, ...display, line: cls.line, lcom4: cls.cohesion.length, baseLcom4: lcom4(before[i] ?? null), groups: cls.cohesion });
    });
  }
  return found;
}

/** A class new with LCOM4 >= 2, or whose LCOM4 the change raised to 2 or more. */
export function lowCohesionFindings(classes: ClassCohesion[], config: Config): FindingOf<"low-cohesion-class">[] {
  const severity = (config.cohesion ?? DEFAULT_COHESION).classes;
  if (severity === "off") return [];
  return classes
    .filter((c) => c.lcom4 >= 2 && (c.baseLcom4 === null || c.baseLcom4 < c.lcom4))
    .map((c) => ({
      kind: "low-cohesion-class" as const,
      rule: BUILT_IN_RULES["low-cohesion-class"],
      severity,
      status: "new" as const,
      file: c.file,
      line: c.line,
      reason: {},
      name: c.name,
      ...(c.displayName !== undefined ? { displayName: c.displayName } : {}),
      lcom4: c.lcom4,
      baseLcom4: c.baseLcom4,
      groups: c.groups,
    }));
}
