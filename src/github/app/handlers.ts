// Webhook handlers: validate, then enqueue. Nothing here waits for a review or calls GitHub's API
// (GitHub gives up on a delivery after 10 s and does not redeliver by itself).
import type { Context, Probot } from "probot";
import type { Scheduler } from "../../jobs/scheduler.js";
import { parseCommand } from "./commands.js";
import { replyKey } from "./command-steps.js";
import type { DeliveryLog } from "./delivery-log.js";
import { CHECK_NAME } from "../publish/publisher.js";
import type { RepoRef } from "../api/client.js";
import type { PullRequestTarget } from "../../pipeline/review-pull-request.js";
import type { ReplyLimiter } from "./reply-limiter.js";
import { commandTicket, rerunTicket, targetOf, ticketFor, type JobPayload, type PullRequestLike, type PullRequestCommand } from "./targets.js";

export interface HandlerOptions {
  scheduler: Scheduler<JobPayload>;
  /** Shared with the command steps, which forget a delivery whose start failed. */
  deliveries: DeliveryLog;
  /** Shared with the command steps: help and unknown commands answer once per PR per window. */
  replies: ReplyLimiter;
}

export function registerHandlers(app: Probot, options: HandlerOptions): void {
  const { deliveries, replies } = options;

  // The scheduler creates the check run at once but the delivery does not wait for it: Octokit
  // spaces writes a second apart, so a burst of deliveries awaiting their check would wait in
  // line and be acknowledged late. Only queueing is awaited (in Redis mode: the job is durable).
  const installationOf = (context: Context): number | undefined => {
    const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
    if (installation === undefined) context.log.warn({ delivery: context.id }, "An event without an installation: ignored");
    return installation;
  };
  const enqueueReview = async (context: Context, target: PullRequestTarget, trigger: string): Promise<void> => {
    const installation = installationOf(context);
    if (installation !== undefined) await options.scheduler.submit(ticketFor(target, installation, context.id, trigger));
  };

  // The delivery counts as handled only once its work is queued; a failure propagates (Probot
  // answers 500) and GitHub's redelivery with the same id is processed.
  const once = <C extends Context>(handler: (context: C) => Promise<void>) => (context: C): Promise<void> => deliveries.handle(context.id, () => handler(context));

  /** Queues the command; no API call before the delivery is acknowledged. Help answers once per PR per window. */
  const enqueueCommand = async (context: Context, command: PullRequestCommand): Promise<void> => {
    const installation = installationOf(context);
    if (installation === undefined) return;
    const ticket = commandTicket(command, installation, context.id);
    const limited = command.kind === "rescan" ? null : replyKey(ticket.payload, "help");
    if (limited !== null && !(await replies.take(limited))) {
      context.log.info({ delivery: context.id, pr: command.number, command: command.kind }, "Help already given on this pull request within the hour: not answered");
      return;
    }
    try {
      await options.scheduler.submit(ticket);
    } catch (error) {
      if (limited !== null) await replies.release(limited);
      throw error;
    }
  };

  app.on(
    ["pull_request.opened", "pull_request.reopened", "pull_request.synchronize", "pull_request.ready_for_review"],
    once(async (context) => enqueueReview(context, targetOf(context.payload.pull_request as PullRequestLike), context.payload.action)),
  );

  app.on(
    "pull_request.edited",
    once(async (context) => {
      // Only a new base branch changes what the review compares.
      if (context.payload.changes.base) await enqueueReview(context, targetOf(context.payload.pull_request as PullRequestLike), "base-changed");
    }),
  );

  app.on("issue_comment.created", once(async (context) => {
    const { comment, issue, repository } = context.payload;
    // Bots are ignored, so the app never answers itself.
    if (!issue.pull_request || context.payload.sender.type === "Bot" || comment.user?.type === "Bot") return;
    const command = parseCommand(comment.body);
    if (!command) return;
    await enqueueCommand(context, {
      kind: command.kind,
      ...(command.kind === "unknown" ? { word: command.word } : {}),
      repo: { owner: repository.owner.login, repo: repository.name },
      number: issue.number,
      commentId: comment.id,
      author: comment.user?.login ?? context.payload.sender.login,
    });
  }));

  /** Queues the Re-run; its pull requests are read in the background (command-steps.ts), after the acknowledgement. */
  const rerequested = async (context: Context, repo: RepoRef, headSha: string, numbers: number[]): Promise<void> => {
    const installation = installationOf(context);
    if (installation !== undefined) await options.scheduler.submit(rerunTicket({ repo, headSha, numbers }, installation, context.id));
  };

  app.on("check_run.rerequested", once(async (context) => {
    const { check_run: run, repository } = context.payload;
    if (run.name !== CHECK_NAME) return;
    await rerequested(context, { owner: repository.owner.login, repo: repository.name }, run.head_sha, run.pull_requests.map((p) => p.number));
  }));

  app.on("check_suite.rerequested", once(async (context) => {
    const { check_suite: suite, repository } = context.payload;
    await rerequested(context, { owner: repository.owner.login, repo: repository.name }, suite.head_sha, suite.pull_requests.map((p) => p.number));
  }));
}
