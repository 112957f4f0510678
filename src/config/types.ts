// The shape of `.github/archreview.yml` once parsed and defaulted.
import type { Severity } from "../core/model.js";

export type SeverityOrOff = Severity | "off";

export interface BoundaryDefinition {
  name: string;
  /** picomatch globs over repo-relative POSIX paths. */
  patterns: string[];
}

export interface BoundaryRule {
  from: string;
  /** Boundaries `from` must not import. Exactly one of disallow / allow is set. */
  disallow?: string[];
  /** The only boundaries `from` may import (besides itself); everything else is a violation. */
  allow?: string[];
  severity: Severity;
  /** Type-only imports do not count against this rule. Default false. */
  allowTypeOnly: boolean;
  comment?: string;
}

/**
 * How much a file, function or class already past its limit at base must grow to be reported again:
 * by `percent` of its base size or by the absolute amount, whichever is larger. Crossing a limit is always reported.
 */
export interface LimitGrowth {
  percent: number;
  fileLines: number;
  functionComplexity: number;
  publicMethods: number;
}

export interface Limits {
  fileLines: number;
  functionComplexity: number;
  publicMethods: number;
  severity: Severity;
  /** Absent: DEFAULT_GROWTH. */
  growth?: LimitGrowth;
}

/** Which touched files count as generated (left out of size and complexity findings; still in the graph). */
export interface GeneratedFiles {
  /** More globs of generated files, besides .gitattributes `linguist-generated`, header markers and suffixes. */
  ignore: string[];
  /** Globs reviewed even when detected as generated (`["**"]` turns detection off). */
  include: string[];
}

/** Cohesion findings: classes (LCOM4) and boundaries (components, relational cohesion). */
export interface CohesionSettings {
  classes: SeverityOrOff;
  boundaries: SeverityOrOff;
  /** A boundary whose relational cohesion drops by at least this percent of its base value is reported. */
  relationalDropPercent: number;
}

/** Responsibility findings: a touched file depending on too many boundaries or mixing concerns. */
export interface ResponsibilitySettings {
  severity: SeverityOrOff;
  /** A file the change makes import more other boundaries than this is reported. */
  maxBoundaries: number;
  /** A file the change makes use more concerns than this is reported (1: two concerns mixed). */
  maxConcerns: number;
}

/** A configured suppression: findings of `rule` (from / to globs narrowing it) are silenced, counted, never dropped. */
export interface SuppressEntry {
  /** A rule name (`no-cycles`, a boundary rule's name) or a finding kind (`cycle`, `boundary`). */
  rule: string;
  from?: string;
  to?: string;
  /** Required: why this is accepted. */
  reason: string;
}

export interface Config {
  /** In declaration order: a file belongs to the first boundary that matches. */
  boundaries: BoundaryDefinition[];
  rules: BoundaryRule[];
  cycles: { severity: SeverityOrOff; includeTypeOnly: boolean };
  stability: SeverityOrOff;
  limits: Limits;
  adr: { directory: string | null; enabled: boolean };
  /** dependency-cruiser `forbidden` rules (dependency and module rules), in its own schema. */
  forbidden: unknown[];
  /** dependency-cruiser `allowed` rules (absent: none); a dependency matching none is `not-in-allowed`. */
  allowed?: unknown[];
  /** Severity of `not-in-allowed` (dependency-cruiser's default: warn). */
  allowedSeverity?: string;
  /** dependency-cruiser `required` rules (absent: none). */
  required?: unknown[];
  /** dependency-cruiser options that shape its graph (an allowlist of data-only options; see config/depcruise-rules.ts). */
  depcruiseOptions?: Record<string, unknown>;
  /** picomatch globs of files left out of the graph entirely. */
  ignore: string[];
  /** Which findings fail the check / make the CLI exit 1. */
  failOn: "error" | "warn" | "never";
  skipDrafts: boolean;
  /** Absent: DEFAULT_GENERATED. */
  generated?: GeneratedFiles;
  /** Absent: DEFAULT_COHESION. */
  cohesion?: CohesionSettings;
  /** Concern name -> package names and path globs; absent: DEFAULT_CONCERNS (the config's entries replace same-named defaults). */
  concerns?: Record<string, string[]>;
  /** Absent: DEFAULT_RESPONSIBILITY. */
  responsibility?: ResponsibilitySettings;
  /** Findings accepted with a reason. */
  suppress?: SuppressEntry[];
}

/** Everything dependency-cruiser judges, in its own schema (rules named, severities defaulted). */
export interface DepcruiseRules {
  forbidden: unknown[];
  allowed: unknown[];
  /** Set when `allowed` is not empty. */
  allowedSeverity?: string;
  required: unknown[];
  options: Record<string, unknown>;
}

/** A precise configuration error: which file, where, which key, why. */
export interface ConfigErrorDetail {
  file: string;
  line: number | null;
  column: number | null;
  /** Dotted key path, e.g. `rules[0].severity`; null when the file as a whole is at fault. */
  key: string | null;
  reason: string;
}
