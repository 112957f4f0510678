// The review a change gets: what the core returns and every renderer reads (re-exported by model.ts).
import type { ConfigPreview } from "./config-preview.js";
import type { BoundaryCohesion, ClassCohesion, SuppressedFinding } from "./design-model.js";
import type { Finding, Severity } from "./finding.js";

export type ViolationKind = "boundary" | "forbidden" | "stability";

export interface Violation {
  kind: ViolationKind;
  rule: string;
  severity: Severity;
  from: string;
  to: string;
  line: number | null;
  fromBoundary?: string;
  toBoundary?: string;
  /** A `forbidden` rule's comment. */
  comment?: string;
  /** A dependency-cruiser `circular` rule: the cycle through this import, `to` first and `from` last (one violation per import of the cycle). */
  cycle?: string[];
  /** Markdown sentence kept for the JSON contract, derived from the finding (core/findings.ts); renderers use the finding. */
  message: string;
}

export interface CycleFinding {
  /** Repo-relative paths in cycle order; the last imports the first. */
  modules: string[];
  severity: Severity;
  /** The cycle exists only through type-only imports. */
  typeOnly: boolean;
  /** Line of the import that closes the cycle (in modules[last] -> modules[0] when known). */
  line: number | null;
}

export interface OversizedFile {
  file: string;
  lines: number;
  limit: number;
  /** Size at base (under the previous name for renames); null for a new file. */
  baseLines: number | null;
  severity: Severity;
}

export interface ComplexFunction {
  file: string;
  name: string;
  line: number;
  complexity: number;
  limit: number;
  /** Complexity of the same function at base (matched by its enclosing declarations); null when it is new. */
  baseComplexity: number | null;
  severity: Severity;
  /** `findChangedColumns › filter callback`: the name to show (`name` is kept for compatibility). */
  displayName?: string;
  /** Line of the same function at base; null when it is new. */
  baseLine?: number | null;
}

export interface LargeClass {
  file: string;
  name: string;
  line: number;
  publicMethods: number;
  limit: number;
  basePublicMethods: number | null;
  severity: Severity;
  displayName?: string;
  baseLine?: number | null;
}

export type BoundaryChangeKind =
  | "new-dependency"
  | "removed-dependency"
  | "boundary-added"
  | "boundary-removed"
  | "config-changed";

export interface CrossingImport {
  from: string;
  to: string;
  line: number | null;
}

export interface BoundaryChange {
  kind: BoundaryChangeKind;
  from?: string;
  to?: string;
  boundary?: string;
  /** For new/removed dependencies: the imports that cross (head imports for new, base for removed). */
  imports?: CrossingImport[];
  /** For config-changed: the config file. */
  file?: string;
}

export interface CouplingMetrics {
  /** Afferent coupling: modules outside the boundary that import a module inside. */
  ca: number;
  /** Efferent coupling: modules inside the boundary that import a module outside. */
  ce: number;
  /** Ce / (Ca + Ce); 0 when both are 0. Rounded to 2 decimals. */
  instability: number;
  modules: number;
}

export interface BoundaryMetrics {
  boundary: string;
  base: CouplingMetrics;
  head: CouplingMetrics;
}

export interface EdgeRef {
  from: string;
  to: string;
}

export interface BlastRadius {
  /** Repo files the PR added, modified or renamed that are modules. */
  changedModules: number;
  /** Modules at head that transitively import a changed module other than themselves (a changed module importing another counts). */
  dependents: number;
  /** Up to 10 of the most-imported changed modules, with their dependents count. */
  top: { module: string; dependents: number }[];
}

/** What the engine establishes for an ADR stub; report/adr.ts words it. */
export interface AdrFacts {
  number: number;
  /** Repo-relative path where the record belongs, e.g. docs/adr/0004-allow-domain-to-depend-on-infrastructure.md */
  path: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  base: string;
  head: string;
  /** The boundary changes to decide on, with their crossing imports. */
  changes: BoundaryChange[];
  /** Coupling of the boundaries concerned by the changes. */
  metrics: BoundaryMetrics[];
  /** The boundary configuration file, when the PR changed it. */
  configFile: string | null;
}

/** The ADR stub as the JSON output has it (report/adr.ts renders it from AdrFacts). */
export interface AdrStub {
  /** Repo-relative path where the record belongs, e.g. docs/adr/0004-allow-domain-to-depend-on-infrastructure.md */
  path: string;
  number: number;
  title: string;
  markdown: string;
}

export interface ReviewStats {
  modulesBase: number;
  modulesHead: number;
  filesParsed: number;
  ms: number;
  /** Imports that resolve to no file (couldNotResolve) at base and at head; both absent when neither side has any. */
  unresolvedBase?: number;
  unresolvedHead?: number;
}

/** An import of the head that resolves to no file and did not at base: its edge is missing from the graph. */
export interface UnresolvedImport {
  file: string;
  line: number | null;
  specifier: string;
}

/**
 * The review of one change. `findings` is the source; the per-kind arrays and `counts` are derived
 * from it (core/findings.ts) and kept because the JSON output promises them.
 */
export interface Review {
  /** core/finding.ts REVIEW_SCHEMA_VERSION. */
  schemaVersion: number;
  base: string;
  head: string;
  newViolations: Violation[];
  resolvedViolations: Violation[];
  newCycles: CycleFinding[];
  /** Cycles of the base that the change broke (paths and the closing import's line are the base's). */
  resolvedCycles: CycleFinding[];
  oversizedFiles: OversizedFile[];
  complexFunctions: ComplexFunction[];
  largeClasses: LargeClass[];
  boundaryChanges: BoundaryChange[];
  metrics: BoundaryMetrics[];
  edgesAdded: EdgeRef[];
  edgesRemoved: EdgeRef[];
  blastRadius: BlastRadius;
  adr: AdrStub | null;
  /** Touched files recognised as generated (head paths): left out of size and complexity findings, still in the graph. */
  generatedFiles?: string[];
  /** The change's new unresolved imports (core/unresolved-imports.ts); absent when there are none. */
  unresolved?: UnresolvedImport[];
  /** Things the user must know that are not findings (JS config ignored, no boundaries declared, ...). */
  notices: string[];
  /** Counts of new findings by severity (derived, for quick reading by other tools). */
  counts: { errors: number; warnings: number };
  stats: ReviewStats;
  /** Every finding, new and resolved, in the order the sections show them (suppressed ones are not here). */
  findings: Finding[];
  /** When the PR adds or edits the archreview config (and it parses): what its rules flag at head. */
  configPreview?: ConfigPreview;
  /** Per boundary: relational cohesion and internal components, base and head (core/cohesion.ts). */
  cohesion: BoundaryCohesion[];
  /** LCOM4 of the classes the change touched, base and head (core/class-cohesion.ts). */
  classCohesion: ClassCohesion[];
  /** New findings accepted by a suppression comment or a `suppress:` entry, with its reason: out of `findings` and the counts, never dropped. */
  suppressed: SuppressedFinding[];
}
