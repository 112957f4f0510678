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

export interface Limits {
  fileLines: number;
  functionComplexity: number;
  publicMethods: number;
  severity: Severity;
}

export interface Config {
  /** In declaration order: a file belongs to the first boundary that matches. */
  boundaries: BoundaryDefinition[];
  rules: BoundaryRule[];
  cycles: { severity: SeverityOrOff; includeTypeOnly: boolean };
  stability: SeverityOrOff;
  limits: Limits;
  adr: { directory: string | null; enabled: boolean };
  /** dependency-cruiser `forbidden` rules, in its own schema. */
  forbidden: unknown[];
  /** picomatch globs of files left out of the graph entirely. */
  ignore: string[];
  /** Which findings fail the check / make the CLI exit 1. */
  failOn: "error" | "warn" | "never";
  skipDrafts: boolean;
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
