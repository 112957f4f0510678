// Two snapshots + what changed + the base's rules -> the Review of this change only.
import type { Config } from "../config/types.js";
import { blastRadius } from "./blast-radius.js";
import { previewConfig } from "./config-preview.js";
import { lowCohesionFindings, touchedClassCohesion } from "./class-cohesion.js";
import { boundaryCohesion } from "./cohesion.js";
import { withHints } from "./hints.js";
import { responsibilityFindings } from "./responsibility.js";
import { applySuppressions } from "./suppression.js";
import { boundaryDependencies, detectBoundaryChanges } from "./boundary-changes.js";
import { createBoundaryMatcher } from "./boundaries.js";
import { findNewCycles } from "./cycles.js";
import { edgeDiff } from "./edge-diff.js";
import { BUILT_IN_RULES, REVIEW_SCHEMA_VERSION } from "./finding.js";
import { countFindings, findingArrays } from "./findings.js";
import { couplingMetrics } from "./metrics.js";
import type { BoundaryMetrics, CycleFinding, FileChange, Finding, FindingOf, FindingStatus, LineHunk, Review, Snapshot } from "./model.js";
import { previousPathOf, renameMap, touchedPaths, type PathMap } from "./renames.js";
import { evaluateBoundaryRules } from "./rules.js";
import { sizeFindings, type SizeFindings } from "./size.js";
import { stabilityViolations } from "./stability.js";
import { unresolvedImports } from "./unresolved-imports.js";

export interface ReviewInput {
  base: Snapshot;
  head: Snapshot;
  changes: FileChange[];
  /** The configuration at base: the rules that judge the change. */
  config: Config;
  /** Boundary names of the head's config when the PR edits it (and it parses); null otherwise. */
  headBoundaryNames: string[] | null;
  configChangedFile: string | null;
  notices: string[];
  /** Head path -> line hunks of touched files (size findings only where the change touched); absent: whole files. */
  hunks?: Record<string, LineHunk[]>;
  /** Touched head paths recognised as generated: no size findings, counted in the footer. */
  generated?: string[];
  /** The head's archreview config when the PR edits it and it parses: previewed on the head graph. */
  headConfig?: Config | null;
  /** Config files of the PR that do not parse (engine/config.ts): shown first, they fail the change. */
  configFindings?: FindingOf<"config">[];
}

/** Touched files the parser could not analyse: a warning naming each, so that no finding disappears silently. */
function unanalysableFindings(touched: string[], head: Snapshot): FindingOf<"unanalysable-file">[] {
  return touched.flatMap((file) => {
    const problem = head.facts[file]?.unanalysable;
    if (problem === undefined) return [];
    return [{ kind: "unanalysable-file" as const, rule: BUILT_IN_RULES["unanalysable-file"], severity: "warn" as const, status: "new" as const, file, line: null, reason: {}, problem }];
  });
}

type ImportFinding = FindingOf<"boundary"> | FindingOf<"forbidden">;

const violationKey = (v: ImportFinding, map: PathMap = (p) => p): string => `${v.rule}\u0000${map(v.file)}\u0000${map(v.to)}`;

function diffViolations(base: ImportFinding[], head: ImportFinding[], toHead: PathMap): { added: ImportFinding[]; resolved: ImportFinding[] } {
  const baseKeys = new Set(base.map((v) => violationKey(v, toHead)));
  const headKeys = new Set(head.map((v) => violationKey(v)));
  return {
    added: head.filter((v) => !baseKeys.has(violationKey(v))),
    resolved: base.filter((v) => !headKeys.has(violationKey(v, toHead))).map((v) => ({ ...v, status: "resolved" as const })),
  };
}

function forbiddenFindings(snapshot: Snapshot): FindingOf<"forbidden">[] {
  return snapshot.forbiddenViolations.map((v) => ({
    kind: "forbidden" as const,
    rule: v.rule,
    severity: v.severity,
    status: "new" as const,
    file: v.from,
    line: v.line,
    reason: v.comment !== undefined ? { comment: v.comment } : {},
    to: v.to,
    ...(v.cycle !== undefined ? { cycle: v.cycle } : {}),
  }));
}

/** The cycle's last module holds the import that closes it. */
function cycleFindings(cycles: CycleFinding[], status: FindingStatus): FindingOf<"cycle">[] {
  const rule = BUILT_IN_RULES.cycle;
  return cycles.map((c) => ({ kind: "cycle", rule, severity: c.severity, status, file: c.modules[c.modules.length - 1] ?? "", line: c.line, reason: {}, modules: c.modules, typeOnly: c.typeOnly }));
}

function sizeFindingList(sizes: SizeFindings): Finding[] {
  const common = { status: "new" as const, reason: {} };
  return [
    ...sizes.oversizedFiles.map(({ file, lines, limit, baseLines, severity }) => ({ kind: "oversized-file" as const, rule: BUILT_IN_RULES["oversized-file"], severity, ...common, file, line: null, lines, limit, baseLines })),
    ...sizes.complexFunctions.map((f) => ({ kind: "complex-function" as const, rule: BUILT_IN_RULES["complex-function"], ...common, ...f })),
    ...sizes.largeClasses.map((c) => ({ kind: "large-class" as const, rule: BUILT_IN_RULES["large-class"], ...common, ...c })),
  ];
}

const bySeverityThenPlace = <T extends { severity: string; line?: number | null }>(place: (t: T) => string) => (a: T, b: T): number =>
  a.severity !== b.severity ? (a.severity === "error" ? -1 : 1) : place(a) < place(b) ? -1 : place(a) > place(b) ? 1 : (a.line ?? 0) - (b.line ?? 0);

/** New cycles, and the base's cycles that used an import gone at head (the same search with the sides swapped). */
function cycleChanges(input: ReviewInput, toHead: PathMap): { newCycles: CycleFinding[]; resolvedCycles: CycleFinding[] } {
  const { cycles } = input.config;
  if (cycles.severity === "off") return { newCycles: [], resolvedCycles: [] };
  const options = { severity: cycles.severity, includeTypeOnly: cycles.includeTypeOnly };
  return {
    newCycles: findNewCycles(input.base.graph.edges, input.head.graph.edges, toHead, options),
    resolvedCycles: findNewCycles(input.head.graph.edges, input.base.graph.edges, previousPathOf(input.changes), options),
  };
}

export function reviewChange(input: ReviewInput): Review {
  const { base, head, config } = input;
  const toHead = renameMap(input.changes);
  const touched = [...touchedPaths(input.changes)].sort();
  const boundaries = createBoundaryMatcher(config.boundaries);

  const baseViolations = [...evaluateBoundaryRules(base.graph, boundaries, config.rules), ...forbiddenFindings(base)];
  const headViolations = [...evaluateBoundaryRules(head.graph, boundaries, config.rules), ...forbiddenFindings(head)];
  const { added, resolved } = diffViolations(baseViolations, headViolations, toHead);

  const baseMetrics = couplingMetrics(base.graph, boundaries);
  const headMetrics = couplingMetrics(head.graph, boundaries);
  const boundaryChanges = detectBoundaryChanges({
    baseDeps: boundaryDependencies(base.graph, boundaries),
    headDeps: boundaryDependencies(head.graph, boundaries),
    baseModules: new Map([...baseMetrics].map(([n, m]) => [n, m.modules])),
    headModules: new Map([...headMetrics].map(([n, m]) => [n, m.modules])),
    baseNames: boundaries.names,
    headNames: input.headBoundaryNames,
    configChangedFile: input.configChangedFile,
  });
  // An explicit rule already condemns these pairs: a stability warning on top would only be noise.
  const ruled = new Set(headViolations.filter((v) => v.kind === "boundary").map((v) => `${v.fromBoundary}\u0000${v.toBoundary}`));
  const stability = (config.stability === "off" ? [] : stabilityViolations(boundaryChanges, headMetrics, config.stability)).filter(
    (v) => !ruled.has(`${v.fromBoundary}\u0000${v.toBoundary}`),
  );
  const newViolations = [...added, ...stability].sort(bySeverityThenPlace((v) => v.file));

  const { newCycles, resolvedCycles } = cycleChanges(input, toHead);
  const generated = new Set(input.generated ?? []);
  const sizes = sizeFindings({
    touched,
    headFacts: head.facts,
    baseFacts: base.facts,
    previousPathOf: previousPathOf(input.changes),
    limits: config.limits,
    ...(input.hunks ? { hunks: input.hunks } : {}),
    generated,
  });
  const metrics: BoundaryMetrics[] = boundaries.names.map((boundary) => ({
    boundary,
    base: baseMetrics.get(boundary) as BoundaryMetrics["base"],
    head: headMetrics.get(boundary) as BoundaryMetrics["head"],
  }));
  const edges = edgeDiff(base.graph.edges, head.graph.edges);
  const unresolved = unresolvedImports(base, head, toHead);
  // Absent when nothing is unresolved: the JSON of such reviews stays as it was.
  const unresolvedStats = unresolved.base + unresolved.head > 0 ? { unresolvedBase: unresolved.base, unresolvedHead: unresolved.head } : {};

  const design = { touched, headFacts: head.facts, baseFacts: base.facts, previousPathOf: previousPathOf(input.changes), config, generated, ...(input.hunks ? { hunks: input.hunks } : {}) };
  const classCohesion = touchedClassCohesion(design);
  const cohesion = boundaryCohesion(base.graph, head.graph, boundaries, toHead, config);
  const responsibility = responsibilityFindings({ ...design, base, head, boundaries });

  // One line per detector; the order is the order of the sections.
  const detected: Finding[] = [
    ...(input.configFindings ?? []),
    ...newViolations,
    ...cycleFindings(newCycles, "new"),
    ...sizeFindingList(sizes),
    ...lowCohesionFindings(classCohesion, config),
    ...cohesion.findings,
    ...responsibility,
    ...unanalysableFindings(touched.filter((f) => !generated.has(f)), head),
    ...resolved,
    ...cycleFindings(resolvedCycles, "resolved"),
  ];
  const { kept, suppressed, notices: suppressionNotices } = applySuppressions(detected, head.facts, config.suppress ?? []);
  const findings = withHints(kept, { base: base.graph, head: head.graph, headFacts: head.facts, boundaries, toHead });
  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    base: base.sha,
    head: head.sha,
    ...findingArrays(findings),
    boundaryChanges,
    metrics,
    edgesAdded: edges.added,
    edgesRemoved: edges.removed,
    blastRadius: blastRadius(head.graph, touched),
    adr: null,
    ...(generated.size > 0 ? { generatedFiles: touched.filter((f) => generated.has(f)) } : {}),
    ...(unresolved.added.length > 0 ? { unresolved: unresolved.added } : {}),
    notices: [...input.notices, ...(unresolved.notice ? [unresolved.notice] : []), ...suppressionNotices],
    counts: countFindings(findings),
    ...(input.headConfig && input.configChangedFile ? { configPreview: previewConfig(input.configChangedFile, input.headConfig, head) } : {}),
    stats: { modulesBase: base.graph.modules.length, modulesHead: head.graph.modules.length, filesParsed: base.graph.modules.length + head.graph.modules.length, ms: 0, ...unresolvedStats },
    findings,
    cohesion: cohesion.cohesion,
    classCohesion,
    suppressed,
  };
}
