// The check run: a conclusion that can block the merge, the review markdown as its summary, and
// one annotation per finding on the line that caused it. Pure: a Review in, the output out; the
// GitHub publisher batches the annotations and enforces the request limits once more.
import { fails } from "../core/findings.js";
import type { Review, Severity } from "../core/model.js";
import { shownFindings } from "./cycle-groups.js";
import { viewOf } from "./finding-views.js";
import { clipText } from "./clip.js";
import { COMMENT_MARKER, renderMarkdown } from "./markdown.js";
import { verdict } from "./summary.js";

export type CheckConclusion = "success" | "failure" | "neutral";

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

export interface CheckRunOutput {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

export interface CheckRunOptions {
  failOn: "error" | "warn" | "never";
  /** e.g. `https://github.com/o/r/blob/<headsha>/`: file:line references in the summary become links. */
  linkBase?: string;
}

/** GitHub's limits on a check run's output (characters unless said otherwise). */
export const CHECK_LIMITS = {
  /** Not documented by GitHub; kept short because the title is shown on one line. */
  title: 1_000,
  summary: 65_535,
  text: 65_535,
  annotationTitle: 255,
  /**
   * The documented limit is 64 KB; a UTF-16 unit is at most 3 UTF-8 bytes, so 20,000 units
   * stay under it whatever the characters.
   */
  annotationMessage: 20_000,
} as const;

const LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = { error: "failure", warn: "warning" };

function annotation(path: string, line: number, severity: Severity, title: string, message: string): CheckAnnotation {
  // GitHub rejects line 0; a finding always belongs on a real line of the file.
  const at = Math.max(1, Math.floor(line));
  return {
    path,
    start_line: at,
    end_line: at,
    annotation_level: LEVEL[severity],
    title: clipText(title, CHECK_LIMITS.annotationTitle),
    message: clipText(message, CHECK_LIMITS.annotationMessage),
  };
}

function findingAnnotations(review: Review): CheckAnnotation[] {
  const present = shownFindings(review).flatMap((f) => {
    if (f.status !== "new") return [];
    const text = viewOf(f).annotation(f);
    if (text === null) return [];
    // The hint travels with the annotation, where the author reads it next to the line.
    const message = f.hint !== undefined ? `${text.message} ${f.hint.replace(/`/g, "")}` : text.message;
    return [annotation(f.file, text.line, f.severity, text.title, message)];
  });
  // Errors first, so they survive if anything downstream ever cuts the list. Array sort is stable.
  return present.sort((a, b) => Number(a.annotation_level !== "failure") - Number(b.annotation_level !== "failure"));
}

/** The comment's marker lets the App find its comment; in a check run it is only noise. */
function withoutMarker(markdown: string): string {
  if (markdown.startsWith(`${COMMENT_MARKER}\n`)) return markdown.slice(COMMENT_MARKER.length + 1);
  return markdown.startsWith(COMMENT_MARKER) ? markdown.slice(COMMENT_MARKER.length) : markdown;
}

export function renderCheckRun(review: Review, options: CheckRunOptions): CheckRunOutput {
  const headline = verdict(review).headline;
  const markdown = renderMarkdown(review, options.linkBase ? { linkBase: options.linkBase, maxChars: 65_000 } : { maxChars: 65_000 });
  return {
    conclusion: fails(review.counts, options.failOn) ? "failure" : "success",
    title: clipText(headline.charAt(0).toUpperCase() + headline.slice(1), CHECK_LIMITS.title),
    summary: clipText(withoutMarker(markdown), CHECK_LIMITS.summary),
    annotations: findingAnnotations(review),
  };
}

/**
 * A review that could not run. Neutral by default: our own or GitHub's failure says nothing about
 * the PR's architecture. "failure" when the PR itself made the review impossible (a hostile head),
 * since neutral counts as passing for required checks.
 */
export function renderUnreviewableCheck(problem: { title: string; explanation: string; conclusion?: "failure" | "neutral" }): CheckRunOutput {
  const title = problem.title.trim() || "Could not review this pull request";
  const summary = problem.explanation.trim() || "archreview could not review this pull request.";
  return {
    conclusion: problem.conclusion ?? "neutral",
    title: clipText(title, CHECK_LIMITS.title),
    summary: clipText(summary, CHECK_LIMITS.summary),
    annotations: [],
  };
}
