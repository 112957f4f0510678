// `archreview check`: the configuration of one revision applied to that revision, no diff. The
// engine reviews it against git's empty tree, judging by the revision's own rules, so every
// violation, cycle and limit breach there counts as present; report/presence.ts words it so.
import { fails } from "../core/findings.js";
import { renderSarif } from "../report/sarif.js";
import { renderPresenceJson, renderPresenceMarkdown, renderPresenceText, type PresenceContext } from "../report/presence.js";
import { analyseComparison, warnOnStderr, type CliIO, type Session } from "./analysis.js";
import type { CheckArgs } from "./args.js";
import { EMPTY_TREE } from "../git/git.js";
import { resolveNamed } from "./repository.js";
import type { ChosenRevisions } from "./revisions.js";

export async function runCheck(args: CheckArgs, session: Session, io: CliIO): Promise<number> {
  const rev = await resolveNamed(session.repo, session.worktree, args.rev, "--rev");
  const comparison: ChosenRevisions = {
    base: { name: "the empty tree", named: EMPTY_TREE, sha: EMPTY_TREE },
    head: { name: args.rev, sha: rev.sha },
    choice: "tree",
    notice: null,
  };
  const outcome = await analyseComparison(session, comparison, args, io, "head");
  session.progress.done();
  warnOnStderr(outcome, io);
  const ctx: PresenceContext = { rev: args.rev, sha: rev.sha, boundaryModules: outcome.boundaryModules ?? {} };
  const color = io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
  const { review } = outcome;
  // SARIF of a check lists every finding present: code scanning's view of the whole revision.
  io.stdout.write(args.format === "sarif" ? renderSarif(review) : args.format === "json" ? renderPresenceJson(review, ctx) : args.format === "markdown" ? renderPresenceMarkdown(review, ctx) : renderPresenceText(review, ctx, color));
  return fails(review.counts, outcome.config.failOn) ? 1 : 0;
}
