// The steps of one pull request review, as the scheduler runs them (src/jobs/scheduler.ts): create
// the check run, review, or close the check as superseded or abandoned; after a restart, decide
// what an interrupted review becomes: every journaled one ends with its check completed or
// reviewed again, including a check GitHub would not let us complete during an outage. Each step gets its installation's client from the payload,
// so a job may run in another process than the one that received the webhook.
import type { ReviewSteps, Ticket } from "../../jobs/scheduler.js";
import { renderUnreviewableCheck } from "../../report/check-run.js";
import type { SnapshotLimits } from "../../archive/limits.js";
import { completeCheck } from "../../pipeline/check-completion.js";
import type { Platform } from "../../pipeline/platform.js";
import type { GraphCacheSettings } from "../../pipeline/review-inputs.js";
import { statusOf } from "../api/github-errors.js";
import { describeFailure } from "../publish/failures.js";
import { Publisher } from "../publish/publisher.js";
import { apiTrees } from "../trees/api-trees.js";
import type { GitHubClient } from "../api/client.js";
import { reviewPullRequest, supersededCheck, type ReviewJobDeps, type ReviewLogger } from "../../pipeline/review-pull-request.js";
import { targetOf, ticketFor, type PullRequestLike, type ReviewPayload } from "./targets.js";

export interface StepLogger extends ReviewLogger {
  child(bindings: object): StepLogger;
}

export interface StepOptions extends Omit<ReviewJobDeps, "platform" | "log" | "maxPrFiles">, GraphCacheSettings {
  /** The installation's client, retries and timeouts installed. */
  octokitFor(installationId: number): Promise<GitHubClient>;
  log: StepLogger;
  limits?: SnapshotLimits;
}

/** GitHub accepted no completion of a recovered review's check: its journal entry is kept. */
export class CheckNotCompleted extends Error {
  constructor(readonly checkRunId: number) {
    super(`GitHub accepted no completion of check run ${checkRunId}`);
    this.name = "CheckNotCompleted";
  }
}

/** Gone for good: the repository, the check or the installation no longer exist for this app. */
const GONE = new Set([403, 404, 410]);

export function reviewSteps(options: StepOptions): ReviewSteps<ReviewPayload> {
  const { octokitFor, log: baseLog, limits, cacheDir, redisUrl, ...deps } = options;
  const logOf = (p: ReviewPayload) =>
    baseLog.child({ delivery: p.delivery, installation: p.installationId, repo: `${p.target.repo.owner}/${p.target.repo.repo}`, pr: p.target.number, head: p.target.headSha, trigger: p.trigger });
  const publisherFor = (octokit: GitHubClient, p: ReviewPayload) => new Publisher(octokit, p.target.repo, { ...(deps.now ? { now: deps.now } : {}), log: logOf(p) });
  const publisherOf = async (p: ReviewPayload) => publisherFor(await octokitFor(p.installationId), p);
  // The App's platform: trees through the API, the review published as this installation.
  const platformOf = async (p: ReviewPayload): Promise<Platform> => {
    const octokit = await octokitFor(p.installationId);
    const trees = apiTrees(p.target, { octokit, log: logOf(p), ...(limits ? { limits } : {}), cacheDir: cacheDir ?? null, redisUrl: redisUrl ?? null });
    return { trees, publisher: publisherFor(octokit, p), describeFailure };
  };
  const completerOf = async (p: ReviewPayload) => ({ publisher: await publisherOf(p), describeFailure });
  const checkOf = (p: ReviewPayload): number => {
    if (p.checkRunId === undefined) throw new Error("the review has no check run yet");
    return p.checkRunId;
  };
  const close = async (p: ReviewPayload, title: string, explanation: string): Promise<boolean> =>
    completeCheck(await completerOf(p), checkOf(p), renderUnreviewableCheck({ title, explanation }), logOf(p));

  const steps: ReviewSteps<ReviewPayload> = {
    started: (p) => p.checkRunId !== undefined,

    async start(p, again) {
      const publisher = await publisherOf(p);
      // Run again after a crash, the first attempt may have created the run already.
      const found = again ? await publisher.findCheck(p.target.headSha, p.externalId) : null;
      const checkRunId = found ?? (await publisher.startCheck(p.target.headSha, { externalId: p.externalId }));
      logOf(p).info({ checkRunId }, "Review queued");
      return { ...p, checkRunId };
    },

    async run(p, signal) {
      const maxPrFiles = limits?.maxPrFiles;
      return reviewPullRequest(p.target, { ...deps, platform: await platformOf(p), log: logOf(p), ...(maxPrFiles !== undefined ? { maxPrFiles } : {}) }, checkOf(p), signal);
    },

    async superseded(p, by) {
      deps.metrics?.review("superseded", 0);
      logOf(p).info({ outcome: "superseded", by }, "Review superseded before it started");
      return completeCheck(await completerOf(p), checkOf(p), supersededCheck(by), logOf(p));
    },

    async abandoned(p, reason) {
      deps.metrics?.review("unreviewable", 0);
      logOf(p).warn({ outcome: "unreviewable", reason }, "Review abandoned");
      return close(p, "archreview stopped reviewing this pull request", `The review's worker stopped more than once while reviewing it (${reason}). Re-run the check to try again.`);
    },

    async recover(p): Promise<Ticket<ReviewPayload> | null> {
      const octokit = await octokitFor(p.installationId);
      const { repo, number } = p.target;
      const settled = (completed: boolean) => {
        if (!completed) throw new CheckNotCompleted(checkOf(p));
      };
      try {
        const pullRequest = async () => (await octokit.rest.pulls.get({ ...repo, pull_number: number })).data;
        if (!steps.started(p)) {
          // Never got its check run (GitHub was down, or a crash): review what the PR is now.
          const pr = await pullRequest();
          return pr.state === "open" ? ticketFor(targetOf(pr as unknown as PullRequestLike), p.installationId, p.delivery, "recovered") : null;
        }
        const { data: run } = await octokit.rest.checks.get({ ...repo, check_run_id: checkOf(p) });
        if (run.status === "completed") return null;
        const pr = await pullRequest();
        if (pr.state !== "open") {
          settled(await close(p, "Pull request closed", "The pull request was closed before archreview could finish its review."));
          return null;
        }
        const current = targetOf(pr as unknown as PullRequestLike);
        if (current.headSha !== p.target.headSha) {
          settled(await steps.superseded(p, current.headSha));
          return ticketFor(current, p.installationId, `${p.delivery}-${current.headSha.slice(0, 7)}`, "recovered");
        }
        logOf(p).info({ checkRunId: p.checkRunId }, "Resuming an interrupted review");
        return { ...ticketFor(current, p.installationId, p.delivery, "recovered"), payload: { ...p, target: current, trigger: "recovered" } };
      } catch (error) {
        if (GONE.has(statusOf(error) ?? 0)) return null;
        throw error;
      }
    },
  };
  return steps;
}
