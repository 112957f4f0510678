// What the JSON contract promised before findings were one list: the per-kind arrays, the counts,
// and the failing verdict. All derived from Review.findings, here and nowhere else.
import type { Config } from "../config/types.js";
import type { ComplexFunction, CycleFinding, Finding, FindingOf, LargeClass, OversizedFile, Review, Violation } from "./model.js";

/** The per-kind arrays of the JSON contract: the Review's own fields, so the two cannot drift. */
export type FindingArrays = Pick<Review, "newViolations" | "resolvedViolations" | "newCycles" | "resolvedCycles" | "oversizedFiles" | "complexFunctions" | "largeClasses">;

type ViolationFinding = FindingOf<"boundary"> | FindingOf<"forbidden"> | FindingOf<"stability">;

const instability = (value: number): string => value.toFixed(2);

/** The markdown sentence `Violation.message` always carried (the JSON contract); no renderer reads it. */
export function violationMessage(f: ViolationFinding): string {
  switch (f.kind) {
    case "boundary": {
      const why =
        f.allowed === null
          ? `\`${f.fromBoundary}\` must not import \`${f.toBoundary}\``
          : `\`${f.fromBoundary}\` may only import ${f.allowed.map((a) => `\`${a}\``).join(", ") || "itself"}, not \`${f.toBoundary}\``;
      return f.reason.comment ? `${why}: ${f.reason.comment}` : why;
    }
    case "forbidden":
      return f.reason.comment ?? `violates the dependency-cruiser rule \`${f.rule}\``;
    case "stability":
      return `\`${f.fromBoundary}\` (I=${instability(f.fromInstability)}) now depends on the less stable \`${f.toBoundary}\` (I=${instability(f.toInstability)})`;
  }
}

function asViolation(f: ViolationFinding): Violation {
  const head = { kind: f.kind, rule: f.rule, severity: f.severity, from: f.file, to: f.to, line: f.line };
  if (f.kind === "forbidden") {
    return { ...head, ...(f.reason.comment !== undefined ? { comment: f.reason.comment } : {}), ...(f.cycle !== undefined ? { cycle: f.cycle } : {}), message: violationMessage(f) };
  }
  return { ...head, fromBoundary: f.fromBoundary, toBoundary: f.toBoundary, message: violationMessage(f) };
}

const asCycle = (f: FindingOf<"cycle">): CycleFinding => ({ modules: f.modules, severity: f.severity, typeOnly: f.typeOnly, line: f.line });

const named = (f: { displayName?: string; baseLine?: number | null }) => ({
  ...(f.displayName !== undefined ? { displayName: f.displayName } : {}),
  ...(f.baseLine !== undefined ? { baseLine: f.baseLine } : {}),
});

/** Size findings are only ever new: nothing reports a file that shrank. */
function pushSize(arrays: FindingArrays, f: FindingOf<"oversized-file"> | FindingOf<"complex-function"> | FindingOf<"large-class">): void {
  if (f.status !== "new") return;
  const { file, line, limit, severity } = f;
  if (f.kind === "oversized-file") arrays.oversizedFiles.push({ file, lines: f.lines, limit, baseLines: f.baseLines, severity });
  else if (f.kind === "complex-function") {
    arrays.complexFunctions.push({ file, name: f.name, line: line ?? 0, complexity: f.complexity, limit, baseComplexity: f.baseComplexity, severity, ...named(f) });
  } else {
    arrays.largeClasses.push({ file, name: f.name, line: line ?? 0, publicMethods: f.publicMethods, limit, basePublicMethods: f.basePublicMethods, severity, ...named(f) });
  }
}

export function findingArrays(findings: Finding[]): FindingArrays {
  const arrays: FindingArrays = { newViolations: [], resolvedViolations: [], newCycles: [], resolvedCycles: [], oversizedFiles: [], complexFunctions: [], largeClasses: [] };
  for (const f of findings) {
    const isNew = f.status === "new";
    switch (f.kind) {
      case "boundary":
      case "forbidden":
      case "stability":
        (isNew ? arrays.newViolations : arrays.resolvedViolations).push(asViolation(f));
        break;
      case "cycle":
        (isNew ? arrays.newCycles : arrays.resolvedCycles).push(asCycle(f));
        break;
      case "oversized-file":
      case "complex-function":
      case "large-class":
        pushSize(arrays, f);
        break;
      case "unanalysable-file":
      case "config":
        // Newer than the per-kind arrays: only in `findings` (and the counts).
        break;
    }
  }
  return arrays;
}

/** New findings by severity: what the verdict and the exit code count. */
export function countFindings(findings: Finding[]): Review["counts"] {
  const fresh = findings.filter((f) => f.status === "new");
  return { errors: fresh.filter((f) => f.severity === "error").length, warnings: fresh.filter((f) => f.severity === "warn").length };
}

/** The one failing policy: how many new findings fail the change under `failOn` (CLI exit code, check conclusion). */
export function failingCount(counts: Review["counts"], failOn: Config["failOn"]): number {
  if (failOn === "never") return 0;
  return failOn === "warn" ? counts.errors + counts.warnings : counts.errors;
}

export function fails(counts: Review["counts"], failOn: Config["failOn"]): boolean {
  return failingCount(counts, failOn) > 0;
}
