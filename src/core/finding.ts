// One finding of a review, typed by kind: what the change broke (or repaired), where, under which
// rule, with the rule's own words. Every renderer reads these; a kind added here must get its view
// (report/finding-views.ts) or the build fails (ADR 0004).

export type Severity = "error" | "warn";

/** Bumped when the JSON output changes in a way a reader must know about; 2 added `findings`; 3 added the design finding kinds, `hint`, `cohesion`, `classCohesion` and `suppressed`. */
export const REVIEW_SCHEMA_VERSION = 3;

/** One LCOM4 component of a class: methods linked by the fields they share or by calling each other. */
export interface MethodGroup {
  methods: string[];
  /** The instance fields the group's methods use, sorted. */
  fields: string[];
}

/** Why it is a finding, as data: renderers word it. */
export interface FindingReason {
  /** The broken rule's `comment` as the user wrote it (archreview.yml or dependency-cruiser's `forbidden`). */
  comment?: string;
}

/** Each kind's own facts, beside what every finding has. One entry per kind. */
export interface FindingFacts {
  /** The PR's archreview config does not parse: once merged, every later review would fail. `line` is the parser's. */
  config: { problem: string; column: number | null };
  /** An import across boundaries that a rule of archreview.yml forbids. */
  boundary: {
    to: string;
    fromBoundary: string;
    toBoundary: string;
    /** The rule's `allow` list when it is an allow rule; null for a `disallow` rule. */
    allowed: string[] | null;
  };
  /** An import that breaks a dependency-cruiser `forbidden` rule. */
  forbidden: {
    to: string;
    /** For a `circular` rule: the cycle through this import, `to` first and the importing file last (dependency-cruiser's path). */
    cycle?: string[];
  };
  /** A new boundary dependency on a less stable boundary (the stable dependencies principle). */
  stability: { to: string; fromBoundary: string; toBoundary: string; fromInstability: number; toInstability: number };
  /** `file` is the last module, whose import at `line` closes the cycle. */
  cycle: {
    /** Repo-relative paths in cycle order; the last imports the first. */
    modules: string[];
    typeOnly: boolean;
  };
  "oversized-file": { lines: number; limit: number; baseLines: number | null };
  "complex-function": {
    name: string;
    displayName?: string;
    complexity: number;
    limit: number;
    baseComplexity: number | null;
    baseLine?: number | null;
  };
  "large-class": {
    name: string;
    displayName?: string;
    publicMethods: number;
    limit: number;
    basePublicMethods: number | null;
    baseLine?: number | null;
  };
  /** A touched file the parser could not analyse (nesting too deep, say): its functions and classes go unreviewed, so it is named. */
  "unanalysable-file": { problem: string };
  /** A class the change adds or makes less cohesive whose LCOM4 is 2 or more: `groups` is the split its own structure suggests. */
  "low-cohesion-class": {
    name: string;
    displayName?: string;
    lcom4: number;
    baseLcom4: number | null;
    groups: MethodGroup[];
  };
  /** A boundary whose modules the change splits into parts with no import between them, or whose relational cohesion drops past the threshold. */
  "boundary-cohesion": {
    boundary: string;
    trigger: "split" | "relational-drop";
    base: BoundaryCohesionFigures;
    head: BoundaryCohesionFigures;
    /** For a split: the parts of one base component that no longer import each other (modules sorted, at most 5 each). */
    parts: string[][];
  };
  /** A touched file that newly mixes two or more concerns (persistence, http, ui...): a missing layer. */
  "mixed-concerns": {
    concerns: ConcernUse[];
    /** Concerns the file had at base (empty for a new file). */
    baseConcerns: string[];
  };
  /** A touched file the change makes depend on more boundaries than the limit. */
  "boundary-fan-out": {
    boundaries: string[];
    baseBoundaries: number | null;
    limit: number;
  };
}

/** One concern a file brings in, with the imports that bring it. */
export interface ConcernUse {
  concern: string;
  imports: { specifier: string; line: number | null }[];
}

/** Cohesion of one boundary in one snapshot. */
export interface BoundaryCohesionFigures {
  modules: number;
  /** Imports between distinct modules of the boundary (one per importing/imported pair). */
  internalDependencies: number;
  /** (R + 1) / N, 2 decimals; null for an empty boundary. */
  relational: number | null;
  /** Connected components of the boundary's internal import graph (directions ignored). */
  components: number;
}

export type FindingKind = keyof FindingFacts;

/** New: the change introduced it (it counts). Resolved: the base had it, the head no longer does (file and line are the base's). */
export type FindingStatus = "new" | "resolved";

export interface FindingCommon<K extends FindingKind> {
  kind: K;
  /** The rule broken: a boundary rule's name, a `forbidden` rule's name, `no-cycles`, `max-file-lines`... */
  rule: string;
  severity: Severity;
  status: FindingStatus;
  file: string;
  /** 1-based; null when the finding belongs to the whole file or no line was found. */
  line: number | null;
  reason: FindingReason;
  /** How the change could fix it, from the facts of this case (core/hints.ts); absent when nothing specific is known. */
  hint?: string;
}

export type FindingOf<K extends FindingKind> = FindingCommon<K> & FindingFacts[K];

/** The discriminated union of every finding kind. */
export type Finding = { [K in FindingKind]: FindingOf<K> }[FindingKind];

/** Rule names of the findings that no user rule names. */
export const BUILT_IN_RULES = {
  config: "valid-config",
  cycle: "no-cycles",
  "oversized-file": "max-file-lines",
  "complex-function": "max-function-complexity",
  "large-class": "max-public-methods",
  "unanalysable-file": "analysable-source",
  "low-cohesion-class": "class-cohesion",
  "boundary-cohesion": "boundary-cohesion",
  "mixed-concerns": "mixed-concerns",
  "boundary-fan-out": "max-boundaries-per-file",
} as const;
