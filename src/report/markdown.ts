// The PR comment: verdict first, then only the sections that have something to say, cut to
// GitHub's size limit. Pure: a Review in, a markdown string out.
import type { Review } from "../core/model.js";
import { fitBlocks, type Block } from "./fit.js";
import { adrBlock, boundaryBlocks } from "./markdown-boundaries.js";
import { findingBlocks, resolvedBlock } from "./markdown-findings.js";
import { previewBlock } from "./config-preview.js";
import { hintsBlock, suppressedBlock } from "./markdown-notes.js";
import { codeSpan, escapeText, escapeTextWithCode, type MdContext } from "./md-escape.js";
import { blastRadiusLine, mostImported, statsLine, verdict, type Outcome } from "./summary.js";

/** First line of every comment, so the App finds and updates its own comment instead of adding one. */
export const COMMENT_MARKER = "<!-- archreview:comment -->";

/** GitHub rejects comments over 65,536 characters; the margin leaves room for the caller. */
export const DEFAULT_MAX_CHARS = 65_000;

export interface MarkdownOptions {
  /** e.g. `https://github.com/o/r/blob/<headsha>/`: every file:line becomes a link. */
  linkBase?: string;
  maxChars?: number;
}

const ICON: Record<Outcome, string> = { fail: "❌", warn: "⚠️", pass: "✅" };

function verdictText(review: Review): string {
  const v = verdict(review);
  const heading = `${COMMENT_MARKER}\n### ${ICON[v.outcome]} archreview: ${v.headline}`;
  return v.detail ? `${heading}\n${v.detail}` : heading;
}

function fixed(id: string, text: string | null): Block[] {
  return text === null ? [] : [{ id, head: text, rows: [], tail: "" }];
}

/** Plain module names, not links: the names are what a reviewer scans for here. */
function blastRadius(review: Review): string | null {
  const line = blastRadiusLine(review);
  if (line === null) return null;
  const top = mostImported(review).map((t) => `${codeSpan(t.module)} (${t.dependents})`);
  return top.length > 0 ? `${line}. Most imported: ${top.join(", ")}.` : `${line}.`;
}

/** GitHub's note callout; every line of every notice stays inside the quote. */
function notices(review: Review): string | null {
  if (review.notices.length === 0) return null;
  const [only] = review.notices;
  const body =
    review.notices.length === 1 && only !== undefined
      ? only.split(/\r?\n/).map(escapeTextWithCode)
      : review.notices.map((n) => `- ${escapeTextWithCode(n.replace(/\r?\n/g, " "))}`);
  return ["> [!NOTE]", ...body.map((l) => `> ${l}`)].join("\n");
}

export function renderMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const ctx: MdContext = options.linkBase ? { linkBase: options.linkBase } : {};
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const head = verdictText(review);
  const blocks: Block[] = [
    ...fixed("verdict", head),
    ...findingBlocks(review, ctx),
    ...hintsBlock(review, ctx),
    ...boundaryBlocks(review),
    ...previewBlock(review, ctx),
    ...resolvedBlock(review),
    ...suppressedBlock(review, ctx),
    ...adrBlock(review),
    ...fixed("blast-radius", blastRadius(review)),
    ...fixed("notices", notices(review)),
    ...fixed("footer", `<sub>${escapeText(statsLine(review))}</sub>`),
  ];
  const lastResort = `${head}\n\n_The full report is too large for a comment; the archreview CLI prints it in full._`;
  return fitBlocks(blocks, maxChars, lastResort);
}
