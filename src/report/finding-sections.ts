// The sections findings are grouped in, shared by the PR comment and the terminal: several kinds
// may share one (boundary, forbidden and stability findings are all "violations").
import type { Column } from "./md-escape.js";

export interface Section {
  /** The PR comment's block id (fit.ts shrinks blocks by id). */
  id: string;
  title: string;
  resolvedTitle: string;
  /** `violation`: the summary says `This PR resolves 2 violations`. */
  resolvedNoun: string;
  /** Table columns after the severity; null: a bulleted list with one cell per item. */
  columns: Column[] | null;
  /** New findings show their severity in a first column (resolved ones never do). */
  severityColumn: boolean;
  /** The cell that carries the rule's comment. */
  commentCell: number;
}

export const VIOLATIONS: Section = {
  id: "violations",
  title: "New violations",
  resolvedTitle: "Resolved violations",
  resolvedNoun: "violation",
  columns: [{ title: "Import" }, { title: "Rule" }, { title: "Boundaries" }],
  severityColumn: true,
  commentCell: 1,
};

/** A config file of the PR that does not parse: first, since it breaks every later review. */
export const CONFIG: Section = {
  id: "config",
  title: "Invalid configuration",
  resolvedTitle: "Configuration repaired",
  resolvedNoun: "configuration error",
  columns: null,
  severityColumn: false,
  commentCell: 0,
};

export const CYCLES: Section = { id: "cycles", title: "New cycles", resolvedTitle: "Resolved cycles", resolvedNoun: "cycle", columns: null, severityColumn: false, commentCell: 0 };

const numeric = (title: string): Column => ({ title, numeric: true });

export const OVERSIZED: Section = {
  id: "oversized",
  title: "Oversized files",
  resolvedTitle: "Files back under the line limit",
  resolvedNoun: "oversized file",
  columns: [{ title: "File" }, numeric("Lines"), numeric("Limit"), numeric("At base")],
  severityColumn: false,
  commentCell: 0,
};

export const FUNCTIONS: Section = {
  id: "functions",
  title: "Complex functions",
  resolvedTitle: "Functions back under the complexity limit",
  resolvedNoun: "complex function",
  columns: [{ title: "Function" }, { title: "File:line" }, numeric("Complexity"), numeric("Limit"), numeric("At base")],
  severityColumn: false,
  commentCell: 0,
};

export const CLASSES: Section = {
  id: "classes",
  title: "Large classes",
  resolvedTitle: "Classes back under the public method limit",
  resolvedNoun: "large class",
  columns: [{ title: "Class" }, { title: "File:line" }, numeric("Public methods"), numeric("Limit"), numeric("At base")],
  severityColumn: false,
  commentCell: 0,
};

export const UNANALYSABLE: Section = {
  id: "unanalysable",
  title: "Files that could not be analysed",
  resolvedTitle: "Files analysable again",
  resolvedNoun: "unanalysable file",
  columns: [{ title: "File" }, { title: "Why" }],
  severityColumn: false,
  commentCell: 0,
};

/** Classes (LCOM4) and boundaries (split, relational cohesion) that hold together less than before. */
export const COHESION: Section = { id: "cohesion", title: "Low cohesion", resolvedTitle: "Cohesion restored", resolvedNoun: "cohesion finding", columns: null, severityColumn: false, commentCell: 0 };

/** Files that mix concerns or coordinate too many boundaries. */
export const RESPONSIBILITY: Section = {
  id: "responsibility",
  title: "Mixed responsibilities",
  resolvedTitle: "Responsibilities separated",
  resolvedNoun: "responsibility finding",
  columns: null,
  severityColumn: false,
  commentCell: 0,
};

/** Section order in every output. */
export const SECTIONS: readonly Section[] = [CONFIG, VIOLATIONS, CYCLES, OVERSIZED, FUNCTIONS, CLASSES, COHESION, RESPONSIBILITY, UNANALYSABLE];

/** A check-run annotation's words; the renderer adds the path and level. */
export interface AnnotationText {
  line: number;
  title: string;
  message: string;
}

/** Annotations are plain text: no markdown code spans. */
export function plain(text: string): string {
  return text.replace(/`/g, "").trim();
}

export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A rule comment on one line (it may be a YAML block scalar). */
export function oneLineComment(comment: string): string {
  return comment.replace(/\s*\r?\n\s*/g, " ").trim();
}
