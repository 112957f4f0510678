// The steps of a `/archreview` command job, around the review steps (review-steps.ts). The webhook
// handler only queues the command; here, in the background, the commenter's permission is
// checked, the comment gets its reaction, the pull request is read and its review submitted (under
// the PR's own key, so it coalesces with pushes). Replies anyone can provoke are rate limited.
// A check's Re-run is queued the same way: its pull requests are read here, not in the handler.
import type { ReviewSteps, Ticket } from "../../jobs/scheduler.js";
import { HELP, canWrite } from "./commands.js";
import type { DeliveryLog } from "./delivery-log.js";
import type { GitHubClient } from "../api/client.js";
import type { ReplyLimiter } from "./reply-limiter.js";
import type { StepLogger } from "./review-steps.js";
import { isCommand, isRerun, targetOf, ticketFor, type CommandPayload, type JobPayload, type PullRequestLike, type RerunPayload, type ReviewPayload } from "./targets.js";

export interface CommandStepOptions {
  octokitFor(installationId: number): Promise<GitHubClient>;
  /** Queues the review a rescan asks for (the scheduler's submit). */
  submit(ticket: Ticket<ReviewPayload>): Promise<void>;
  /** A delivery whose start failed is forgotten, so GitHub's redelivery of it is processed. */
  deliveries: DeliveryLog;
  replies: ReplyLimiter;
  log: StepLogger;
}

/** The key of a PR's rate-limited replies: help and unknown commands share one, refusals another. */
export function replyKey(payload: CommandPayload, kind: "help" | "refusal"): string {
  const { repo, number } = payload.command;
  return `${repo.owner}/${repo.repo}#${number}:${kind}`;
}

export function unknownCommandReply(word: string): string {
  return `Unknown command \`${word.replace(/`/g, "")}\`.\n\n${HELP}`;
}

async function runCommand(p: CommandPayload, options: CommandStepOptions): Promise<void> {
  const { command } = p;
  const octokit = await options.octokitFor(p.installationId);
  const log = options.log.child({ delivery: p.delivery, repo: `${command.repo.owner}/${command.repo.repo}`, pr: command.number, command: command.kind });
  const reply = async (body: string) => {
    await octokit.rest.issues.createComment({ ...command.repo, issue_number: command.number, body });
  };
  if (command.kind === "help") return reply(HELP);
  if (command.kind === "unknown") return reply(unknownCommandReply(command.word ?? ""));
  if (!(await canWrite(octokit, command.repo, command.author))) {
    log.info({ author: command.author }, "Rescan refused: the commenter cannot write to the repository");
    if (await options.replies.take(replyKey(p, "refusal"))) await reply(`@${command.author} only people with write access to this repository can run \`/archreview rescan\`.`);
    return;
  }
  // Only an acknowledgement: GitHub failing it must not cost the rescan.
  await octokit.rest.reactions.createForIssueComment({ ...command.repo, comment_id: command.commentId, content: "eyes" }).catch((error: unknown) => {
    log.warn({ err: error }, "Could not react to the rescan command");
  });
  const { data: pr } = await octokit.rest.pulls.get({ ...command.repo, pull_number: command.number });
  await options.submit(ticketFor(targetOf(pr as unknown as PullRequestLike), p.installationId, p.delivery, "rescan"));
}

/** Queues a review of each open pull request whose head is still the re-run check's sha. */
async function runRerun(p: RerunPayload, options: CommandStepOptions): Promise<void> {
  const { repo, headSha, numbers: listed } = p.rerun;
  const octokit = await options.octokitFor(p.installationId);
  // Fork PRs are missing from the event's `pull_requests`: find open PRs whose head is this sha.
  const numbers =
    listed.length > 0 ? listed : (await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "open", per_page: 100 })).filter((pr) => pr.head.sha === headSha).map((pr) => pr.number);
  for (const number of numbers) {
    const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    if (pr.head.sha === headSha) await options.submit(ticketFor(targetOf(pr as unknown as PullRequestLike), p.installationId, p.delivery, "rerequested"));
  }
}

/** A command or a Re-run: all its work is in `start`; it has no check run of its own. */
const isRequest = (p: JobPayload): p is CommandPayload | RerunPayload => isCommand(p) || isRerun(p);

/** The review steps, plus command and Re-run jobs; a failed start forgets its delivery. */
export function withCommands(reviews: ReviewSteps<ReviewPayload>, options: CommandStepOptions): ReviewSteps<JobPayload> {
  return {
    // A request's work is all in `start`, which always runs on submit.
    started: (p) => !isRequest(p) && reviews.started(p),

    async start(p, again) {
      try {
        if (!isRequest(p)) return await reviews.start(p, again);
        await (isCommand(p) ? runCommand(p, options) : runRerun(p, options));
        return p;
      } catch (error) {
        options.deliveries.forget(p.delivery);
        if (isCommand(p) && p.command.kind !== "rescan") await options.replies.release(replyKey(p, "help"));
        throw error;
      }
    },

    // A request job has no check run of its own: nothing is left to complete (true).
    run: async (p, signal) => (isRequest(p) ? true : reviews.run(p, signal)),
    superseded: async (p, by) => (isRequest(p) ? true : reviews.superseded(p, by)),
    abandoned: async (p, reason) => (isRequest(p) ? true : reviews.abandoned(p, reason)),

    // A journaled request has done its work (the journal only holds started jobs).
    recover: async (p) => (isRequest(p) ? null : reviews.recover(p)),
  };
}
