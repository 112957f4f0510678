// One pull request review in the App: check run first, both trees from tarballs, the engine,
// then the sticky comment and the completed check. Every failure ends in a neutral check that
// names it; GitHub faults are retried first (resilience.ts, create-once.ts, snapshot-download.ts).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Review } from "../core/model.js";
import { diskReader } from "../engine/review.js";
import { reviewInWorker, type IsolationLimits } from "../jobs/isolated-review.js";
import { Superseded } from "../jobs/queue.js";
import type { AppMetrics } from "./metrics.js";
import { renderUnreviewableCheck, renderCheckRun } from "../report/check-run.js";
import { COMMENT_MARKER, renderMarkdown } from "../report/markdown.js";
import { resolveConfigOverride } from "./app-config.js";
import { completeCheck } from "./check-completion.js";
import { describeFailure } from "./failures.js";
import { Publisher, type GitHubClient, type RepoRef } from "./publisher.js";
import { policyOf } from "./resilience.js";
import { downloadSnapshot } from "./snapshot-download.js";
import type { SnapshotLimits } from "./tarball.js";

export interface PullRequestTarget {
  repo: RepoRef;
  number: number;
  baseSha: string;
  headSha: string;
  draft: boolean;
  /** https://github.com/owner/repo (or the GHE equivalent), for file:line links. */
  htmlUrl: string;
}

export interface ReviewLogger {
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

export interface ReviewJobDeps {
  octokit: GitHubClient;
  log: ReviewLogger;
  limits?: SnapshotLimits;
  /** Time and heap limits of the analysis, which runs in a worker thread. */
  isolation?: IsolationLimits;
  metrics?: AppMetrics;
  now?: () => Date;
  /** Module graphs cached between reviews (the base of a busy branch is shared by its PRs). */
  cacheDir?: string | null;
  /** Cache in Redis instead (several instances share it). */
  redisUrl?: string | null;
  /** The analysis of the two trees (default: the engine in a worker thread). Tests may memoise it. */
  analyse?: typeof reviewInWorker;
}

/** Head path -> previous path for the files GitHub reports as renamed (it lists at most 3,000 files). */
async function prRenames(octokit: GitHubClient, target: PullRequestTarget): Promise<Map<string, string>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...target.repo, pull_number: target.number, per_page: 100 });
  return new Map(files.filter((f) => f.status === "renamed" && f.previous_filename).map((f) => [f.filename, f.previous_filename as string]));
}

function graphCache(deps: ReviewJobDeps, repository: string) {
  if (deps.redisUrl) return { redisUrl: deps.redisUrl, repository };
  return deps.cacheDir ? { dir: deps.cacheDir, repository } : null;
}

/** Quiet by default: a PR with nothing to say gets no comment (the check says success). */
function worthAComment(review: Review): boolean {
  return review.counts.errors + review.counts.warnings > 0 || review.boundaryChanges.length > 0 || review.resolvedViolations.length > 0;
}

export function supersededCheck(by: string) {
  return renderUnreviewableCheck({ title: `Superseded by ${by.slice(0, 7)}`, explanation: `A newer commit (${by}) was pushed to this pull request; its review replaces this one.` });
}

/** Throws the abort reason (Superseded) at a checkpoint once a newer push arrived. */
function checkpoint(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** Reviews `target` and completes the check run `checkRunId` (created when the event arrived). */
export async function reviewPullRequest(target: PullRequestTarget, deps: ReviewJobDeps, checkRunId: number, signal?: AbortSignal): Promise<void> {
  const started = Date.now();
  const meta = { repo: `${target.repo.owner}/${target.repo.repo}`, pr: target.number, head: target.headSha };
  const publisher = new Publisher(deps.octokit, target.repo, { ...(deps.now ? { now: deps.now } : {}), log: deps.log });
  // Once the report is on the PR, a later failure (completing the check) must not replace it.
  let reportPublished = false;
  const scratch = await mkdtemp(path.join(os.tmpdir(), "archreview-pr-"));
  try {
    const base = { sha: target.baseSha, dir: path.join(scratch, "base") };
    const head = { sha: target.headSha, dir: path.join(scratch, "head") };
    await Promise.all([mkdir(base.dir), mkdir(head.dir)]);
    const policy = policyOf(deps.octokit);
    await downloadSnapshot(deps.octokit, { ...target.repo, sha: base.sha }, base.dir, deps.limits, policy, deps.log);
    await downloadSnapshot(deps.octokit, { ...target.repo, sha: head.sha }, head.dir, deps.limits, policy, deps.log);
    checkpoint(signal);
    const configOverride = await resolveConfigOverride(deps.octokit, target.repo, diskReader(base.dir));
    const renames = await prRenames(deps.octokit, target);
    const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
    const { review, config } = await (deps.analyse ?? reviewInWorker)({ base, head, renames, configOverride, today, cache: graphCache(deps, meta.repo) }, deps.isolation, signal);
    checkpoint(signal);
    if (target.draft && config.skipDrafts) {
      await publisher.finishCheck(checkRunId, renderUnreviewableCheck({ title: "Draft pull request skipped", explanation: "This repository's archreview configuration sets `skipDrafts: true`. Mark the PR ready for review to review it." }));
      return;
    }
    const linkBase = `${target.htmlUrl}/blob/${target.headSha}/`;
    const existing = await publisher.findComment(target.number);
    if (existing || worthAComment(review)) {
      await publisher.upsertComment(target.number, renderMarkdown(review, { linkBase }), existing);
      reportPublished = true;
    }
    await publisher.finishCheck(checkRunId, renderCheckRun(review, { failOn: config.failOn, linkBase }));
    deps.metrics?.review("reviewed", (Date.now() - started) / 1000);
    deps.log.info({ ...meta, outcome: "reviewed", errors: review.counts.errors, warnings: review.counts.warnings, ms: Date.now() - started }, "Review published");
  } catch (error) {
    if (error instanceof Superseded) {
      deps.metrics?.review("superseded", (Date.now() - started) / 1000);
      deps.log.info({ ...meta, outcome: "superseded", by: error.by, ms: Date.now() - started }, "Review superseded");
      await completeCheck(publisher, checkRunId, supersededCheck(error.by), deps.log, meta);
      return;
    }
    const problem = describeFailure(error);
    deps.metrics?.review("unreviewable", (Date.now() - started) / 1000);
    deps.log.warn({ ...meta, outcome: "unreviewable", reason: problem.title, err: error, ms: Date.now() - started }, "Review could not run");
    await completeCheck(publisher, checkRunId, renderUnreviewableCheck(problem), deps.log, meta);
    if (reportPublished) return;
    const body = `${COMMENT_MARKER}\n### ⚠️ archreview could not review this pull request\n\n**${problem.title}.** ${problem.explanation}\n`;
    await publisher.upsertComment(target.number, body).catch((e: unknown) => deps.log.error({ ...meta, err: e }, "Could not update the comment"));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
