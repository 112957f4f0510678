// One finding of a review, typed by kind: what the change broke (or repaired), where, under which
// rule, with the rule's own words. Every renderer reads these; a kind added here must get its view
// (report/finding-views.ts) or the build fails (ADR 0004).

export type Severity = "error" | "warn";

/** Bumped when the JSON output changes in a way a reader must know about; 2 added `findings`. */
export const REVIEW_SCHEMA_VERSION = 2;

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
} as const;
