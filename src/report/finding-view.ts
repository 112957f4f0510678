// The shape of one finding kind's view (report/finding-views.ts holds them all).
import type { FindingKind, FindingOf } from "../core/model.js";
import type { AnnotationText, Section } from "./finding-sections.js";
import type { MdContext } from "./md-escape.js";
import type { Paint } from "./terminal-style.js";

export interface SarifRule {
  /** Stable id, e.g. `archreview/boundary`. */
  id: string;
  shortDescription: string;
  /** What to do about it, in plain text. */
  help: string;
}

export interface FindingView<K extends FindingKind> {
  section: Section;
  /** The summary's count phrase: `new cycle`, `large class` / `large classes`. */
  counted: { one: string; many?: string };
  /** Markdown cells after the severity (a one-cell row is a list item when the section has no columns). */
  cells(f: FindingOf<K>, ctx: MdContext): string[];
  /** The terminal line after the severity, repository strings cleaned. */
  terminal(f: FindingOf<K>, paint: Paint): string;
  /** Plain-text annotation; null when the finding has no line to sit on. */
  annotation(f: FindingOf<K>): AnnotationText | null;
  sarif: SarifRule;
}

/** Complete by construction: leaving a kind out, or mistyping one, fails the build. */
export type FindingViews = { [K in FindingKind]: FindingView<K> };
