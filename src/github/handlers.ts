// Webhook handlers: validate, then enqueue. Nothing here waits for a review (GitHub gives up on a
// delivery after 10 s and does not redeliver by itself).
import type { Context, Probot } from "probot";
import type { Scheduler } from "../jobs/scheduler.js";
import { HELP, canWrite, parseCommand } from "./commands.js";
import { CHECK_NAME, type GitHubClient, type RepoRef } from "./publisher.js";
import type { PullRequestTarget } from "./review-pull-request.js";
import type { AppMetrics } from "./metrics.js";
import type { GitHubPolicy } from "./github-policy.js";
import { installResilience } from "./resilience.js";
import { targetOf, ticketFor, type PullRequestLike, type ReviewPayload } from "./targets.js";

export interface HandlerOptions {
  scheduler: Scheduler<ReviewPayload>;
  /** Timeouts and retry budget of GitHub requests. */
  github: GitHubPolicy;
  metrics?: AppMetrics;
}

/** Deliveries already handled: GitHub (or an operator's redelivery) may send one twice. */
class DeliveryLog {
  private readonly seen = new Set<string>();
  constructor(private readonly capacity = 5000) {}
  /** True the first time `id` is seen. */
  first(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

export function registerHandlers(app: Probot, options: HandlerOptions): void {
  const deliveries = new DeliveryLog();
  const policy = options.github;
  /** The delivery's octokit, with timeouts, the retry budget and the rest of resilience.ts (once). */
  const client = (context: Context): GitHubClient =>
    installResilience(context.octokit as unknown as GitHubClient, { policy, log: context.log.child({ delivery: context.id }), metrics: options.metrics });

  // The scheduler creates the check run at once but the delivery does not wait for it: Octokit
  // spaces writes a second apart, so a burst of deliveries awaiting their check would wait in
  // line and be acknowledged late. Only queueing is awaited (in Redis mode: the job is durable).
  const enqueueReview = async (context: Context, target: PullRequestTarget, trigger: string): Promise<void> => {
    const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
    if (installation === undefined) {
      context.log.warn({ delivery: context.id }, "A pull request event without an installation: ignored");
      return;
    }
    await options.scheduler.submit(ticketFor(target, installation, context.id, trigger));
  };

  const once = <C extends Context>(handler: (context: C) => Promise<void>) => async (context: C): Promise<void> => {
    if (deliveries.first(context.id)) await handler(context);
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
    if (!issue.pull_request || context.payload.sender.type === "Bot" || comment.user?.type === "Bot") return;
    const command = parseCommand(comment.body);
    if (!command) return;
    const repo = { owner: repository.owner.login, repo: repository.name };
    const octokit = client(context);
    const author = comment.user?.login ?? context.payload.sender.login;
    const reply = (body: string) => octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body });
    if (command.kind === "help") {
      await reply(HELP);
      return;
    }
    if (command.kind === "unknown") {
      await reply(`Unknown command \`${command.word.replace(/`/g, "")}\`.\n\n${HELP}`);
      return;
    }
    if (!(await canWrite(octokit, repo, author))) {
      await reply(`@${author} only people with write access to this repository can run \`/archreview rescan\`.`);
      return;
    }
    // Only an acknowledgement: GitHub failing it must not cost the rescan.
    await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" }).catch((error: unknown) => {
      context.log.warn({ delivery: context.id, err: error }, "Could not react to the rescan command");
    });
    const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: issue.number });
    await enqueueReview(context, targetOf(pr as unknown as PullRequestLike), "rescan");
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
