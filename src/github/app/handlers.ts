// Webhook handlers: validate, then enqueue. Nothing here waits for a review (GitHub gives up on a
// delivery after 10 s and does not redeliver by itself).
import type { Context, Probot } from "probot";
import type { Scheduler } from "../../jobs/scheduler.js";
import { parseCommand } from "./commands.js";
import { replyKey } from "./command-steps.js";
import type { DeliveryLog } from "./delivery-log.js";
import { CHECK_NAME } from "../publish/publisher.js";
import type { GitHubClient, RepoRef } from "../api/client.js";
import type { PullRequestTarget } from "../../pipeline/review-pull-request.js";
import type { AppMetrics } from "./metrics.js";
import type { GitHubPolicy } from "../api/github-policy.js";
import type { ReplyLimiter } from "./reply-limiter.js";
import { installResilience } from "../api/resilience.js";
import { commandTicket, targetOf, ticketFor, type JobPayload, type PullRequestLike, type PullRequestCommand } from "./targets.js";

export interface HandlerOptions {
  scheduler: Scheduler<JobPayload>;
  /** Timeouts and retry budget of GitHub requests. */
  github: GitHubPolicy;
  metrics?: AppMetrics;
  /** Shared with the command steps, which forget a delivery whose start failed. */
  deliveries: DeliveryLog;
  /** Shared with the command steps: help and unknown commands answer once per PR per window. */
  replies: ReplyLimiter;
}

export function registerHandlers(app: Probot, options: HandlerOptions): void {
  const { deliveries, replies } = options;
  const policy = options.github;
  /** The delivery's octokit, with timeouts, the retry budget and the rest of resilience.ts (once). */
  const client = (context: Context): GitHubClient =>
    installResilience(context.octokit as unknown as GitHubClient, { policy, log: context.log.child({ delivery: context.id }), metrics: options.metrics });

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
    if (limited !== null && !replies.take(limited)) {
      context.log.info({ delivery: context.id, pr: command.number, command: command.kind }, "Help already given on this pull request within the hour: not answered");
      return;
    }
    try {
      await options.scheduler.submit(ticket);
    } catch (error) {
      if (limited !== null) replies.release(limited);
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

  const rerequested = async (context: Context, repo: RepoRef, headSha: string, prNumbers: number[]): Promise<void> => {
    const octokit = client(context);
    // Fork PRs are missing from `pull_requests`: find open PRs whose head is this sha.
    const numbers =
      prNumbers.length > 0
        ? prNumbers
        : (await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "open", per_page: 100 })).filter((p) => p.head.sha === headSha).map((p) => p.number);
    for (const number of numbers) {
      const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
      if (pr.head.sha === headSha) await enqueueReview(context, targetOf(pr as unknown as PullRequestLike), "rerequested");
    }
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
