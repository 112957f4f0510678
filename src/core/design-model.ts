// The data of the design review (cohesion, concerns, suppression): per-file notes extract gives,
// and what the Review reports beside its findings. Re-exported by model.ts.
import type { BoundaryCohesionFigures, Finding, MethodGroup } from "./finding.js";

/** A bare (package) import specifier of a file, with the line of its first value import. */
export interface PackageImport {
  specifier: string;
  line: number;
}

/** `// archreview-ignore-next-line <rule>: <reason>`: silences one finding of `rule` on `line`. */
export interface SuppressionComment {
  /** The line the comment silences (the one after the comment). */
  line: number;
  rule: string;
  /** Empty when the comment gives none: such a comment silences nothing. */
  reason: string;
}

/** One boundary's cohesion at base and head (core/cohesion.ts). */
export interface BoundaryCohesion {
  boundary: string;
  base: BoundaryCohesionFigures;
  head: BoundaryCohesionFigures;
}

/** One touched class's LCOM4 at base and head (core/class-cohesion.ts). */
export interface ClassCohesion {
  file: string;
  name: string;
  displayName?: string;
  line: number;
  lcom4: number;
  /** LCOM4 of the same class at base; null when the class is new. */
  baseLcom4: number | null;
  /** Its LCOM4 groups at head. */
  groups: MethodGroup[];
}

/** A new finding a reviewer accepted, and how (core/suppression.ts). */
export interface SuppressedFinding {
  finding: Finding;
  by: "comment" | "config";
  reason: string;
}
