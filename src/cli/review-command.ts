// `archreview review`: the change between two revisions (or the working tree) -> the review on stdout.
import { fails } from "../core/findings.js";
import type { Review } from "../core/model.js";
import { isSourceFile } from "../engine/index.js";
import { withAdrStub } from "../report/adr.js";
import { renderJson } from "../report/json.js";
import { renderSarif } from "../report/sarif.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderText } from "../report/text.js";
import { analyseComparison, scratchOf, warnOnStderr, type CliIO, type Session } from "./analysis.js";
import { UsageError, type Format, type ReviewArgs } from "./args.js";
import { chooseComparison, comparisonLine, type ChosenRevisions } from "./revisions.js";

/** How many changed paths the "not part of the review" note names. */
const UNREVIEWED_LISTED = 3;

export async function runReview(args: ReviewArgs, session: Session, io: CliIO): Promise<number> {
  if (args.worktree && session.bare) throw new UsageError(`--worktree reviews a working tree, and ${session.top} is a bare repository (no working tree): review a commit with --head`);
  // The sha compared is the merge base unless asked otherwise: rules, graph cache and sparse base all follow it.
  const chosen = await chooseComparison(session.repo, session.worktree, { base: args.base, head: args.head }, args.mergeBase);
  const comparison = args.worktree ? await withWorktreeHead(session, chosen) : chosen;
  // Beside the analysis, not before it: `git status` walks the whole working tree (about 20 ms on a
  // 3,800-file clone, far more on large ones), and the note is only advice: if git cannot say, no note.
  const note = args.worktree || session.bare ? null : noteUnreviewedChanges(session, chosen, io).catch(() => undefined);
  let outcome: Awaited<ReturnType<typeof analyseComparison>>;
  try {
    outcome = await analyseComparison(session, comparison, args, io);
  } finally {
    await note; // said before the review's answer, or before its failure's reason
  }
  const review = withAdrStub(outcome);
  session.progress.done();
  warnOnStderr(outcome, io);
  const color = io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
  io.stdout.write(render(review, args.format, color, comparison));
  return fails(review.counts, outcome.config.failOn) ? 1 : 0;
}

/** The head becomes the working tree, written as a tree object; the base stays the merge base with HEAD. */
async function withWorktreeHead(session: Session, chosen: ChosenRevisions): Promise<ChosenRevisions> {
  const sha = await session.worktree.asTree(await scratchOf(session));
  return { ...chosen, head: { name: "the working tree", sha } };
}

/** When HEAD is reviewed and the working tree changes source files, say that those changes are not in it. */
async function noteUnreviewedChanges(session: Session, chosen: ChosenRevisions, io: CliIO): Promise<void> {
  const head = await session.repo.resolveRevision("HEAD").catch(() => null);
  if (head === null || head.sha !== chosen.head.sha) return;
  const changed = (await session.worktree.changedPaths()).filter(isSourceFile);
  if (changed.length === 0) return;
  const named = changed.slice(0, UNREVIEWED_LISTED).join(", ") + (changed.length > UNREVIEWED_LISTED ? `, … (${changed.length} in all)` : "");
  const text = `archreview: note: uncommitted changes to ${changed.length === 1 ? "1 source file" : `${changed.length} source files`} are not part of this review (${named}); --worktree reviews them too\n`;
  io.stderr.write(text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "\uFFFD"));
}

function render(reviewed: Review, format: Format, color: boolean, comparison: ChosenRevisions): string {
  const review = comparison.notice ? { ...reviewed, notices: [comparison.notice, ...reviewed.notices] } : reviewed;
  if (format === "json") return renderJson(review);
  if (format === "sarif") return renderSarif(review);
  if (format === "markdown") return renderMarkdown(review) + "\n";
  const header = comparisonLine(comparison);
  return `${color ? `\u001b[2m${header}\u001b[0m` : header}\n${renderText(review, { color })}`;
}
