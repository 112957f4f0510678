// One pull request review, on any platform (platform.ts, ADR 0008): with its check run created,
// what the PR changed since its merge base, both trees (the platform's cheapest way, then in full if
// that was not enough: review-inputs.ts), the engine, then the sticky comment and the completed
// check. Every failure ends in a check that names it: failed when the PR's head caused it, neutral
// otherwise (failures.ts); the platform retries its own faults first (github/api/resilience.ts).
import type { Config } from "../config/types.js";
import type { Review } from "../core/model.js";
import { reviewInWorker, makeScratchDir, removeScratchDir, type IsolationLimits } from "../engine/index.js";
import { Superseded } from "../jobs/queue.js";
import type { ReviewMetrics } from "./metrics.js";
import { PhaseTimer } from "./phases.js";
import { withAdrStub } from "../report/adr.js";
import { renderUnreviewableCheck, renderCheckRun } from "../report/check-run.js";
import { COMMENT_MARKER, renderMarkdown } from "../report/markdown.js";
import { completeCheck } from "./check-completion.js";
import { DEFAULT_MAX_PR_FILES, checkChangedFiles, type Comparison } from "./comparison.js";
import type { Platform, RepoRef } from "./platform.js";
import { analyseInputs, type ReviewInputs } from "./review-inputs.js";

export interface PullRequestTarget {
  repo: RepoRef;
  number: number;
  baseSha: string;
  headSha: string;
  draft: boolean;
  /** https://github.com/owner/repo (or the GHE equivalent), for file:line links. */
  htmlUrl: string;
  /** How many files the PR changes (the payload's `changed_files`), when known. */
  changedFiles?: number;
}

export interface ReviewLogger {
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

export interface ReviewJobDeps {
  /** Where the trees come from and where the review goes. */
  platform: Platform;
  log: ReviewLogger;
  /** At most this many changed files are reviewed (default: GitHub's 3,000). */
  maxPrFiles?: number;
  /** Time and heap limits of the analysis, which runs in a worker thread. */
  isolation?: IsolationLimits;
  metrics?: ReviewMetrics;
  now?: () => Date;
  /** Overrides the configuration's `failOn` (the Action's `fail-on` input). */
  failOn?: Config["failOn"];
  /** Called with the published review (the Action writes SARIF and the job summary from it). */
  onReviewed?: (review: Review) => Promise<void>;
  /** The analysis of the two trees (default: the engine in a worker thread). Tests may memoise it. */
  analyse?: typeof reviewInWorker;
}

/** Quiet by default: a PR with nothing to say gets no comment (the check says success). */
function worthAComment(review: Review): boolean {
  return review.counts.errors + review.counts.warnings > 0 || review.boundaryChanges.length > 0 || review.resolvedViolations.length > 0 || review.resolvedCycles.length > 0;
}

export function supersededCheck(by: string) {
  return renderUnreviewableCheck({ title: `Superseded by ${by.slice(0, 7)}`, explanation: `A newer commit (${by}) was pushed to this pull request; its review replaces this one.` });
}

/** Throws the abort reason (Superseded) at a checkpoint once a newer push arrived. */
function checkpoint(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/**
 * Reviews `target` and completes the check run `checkRunId` (created when the event arrived).
 * True once the check is completed on GitHub; false when GitHub accepted no completion at all
 * (the scheduler's journal then keeps the review for recovery).
 */
export async function reviewPullRequest(target: PullRequestTarget, deps: ReviewJobDeps, checkRunId: number, signal?: AbortSignal): Promise<boolean> {
  const started = Date.now();
  const meta: Record<string, unknown> = { repo: `${target.repo.owner}/${target.repo.repo}`, pr: target.number, head: target.headSha };
  const { publisher, trees } = deps.platform;
  // Once the report is on the PR, a later failure (completing the check) must not replace it.
  let reportPublished = false;
  const phases = new PhaseTimer();
  // Registered: a stopping signal removes it (index.ts), as the finally below does on the normal path.
  // None for trees read in place: nothing of the PR is written to the temp folder.
  const scratch = trees.readsInPlace ? null : await makeScratchDir("archreview-pr-");
  try {
    const maxPrFiles = deps.maxPrFiles ?? DEFAULT_MAX_PR_FILES;
    // Nothing is fetched for a PR past the limit: the payload says how many files it changes.
    checkChangedFiles(target.changedFiles, maxPrFiles);
    const comparison = await phases.time("fetch", () => trees.compare(target.baseSha, target.headSha));
    meta.base = comparison.mergeBase;
    if (target.changedFiles === undefined) checkChangedFiles(comparison.files.length, maxPrFiles, !comparison.complete);
    const { outcome, inputs } = await analyse(comparison, scratch ?? "", { ...deps, phases }, signal);
    const { config } = outcome;
    const review = withAdrStub(outcome);
    Object.assign(meta, { fetch: inputs.fetch, filesFetched: inputs.filesFetched, ...(inputs.reason ? { fetchReason: inputs.reason } : {}) });
    deps.metrics?.fetched(inputs.fetch, inputs.filesFetched);
    checkpoint(signal);
    if (target.draft && config.skipDrafts) {
      await publisher.finishCheck(checkRunId, renderUnreviewableCheck({ title: "Draft pull request skipped", explanation: "This repository's archreview configuration sets `skipDrafts: true`. Mark the PR ready for review to review it." }));
      return true;
    }
    const linkBase = `${target.htmlUrl}/blob/${target.headSha}/`;
    const existing = await phases.time("publish", () => publisher.findComment(target.number));
    if (existing || worthAComment(review)) {
      const comment = phases.timeSync("render", () => renderMarkdown(review, { linkBase }));
      await phases.time("publish", () => publisher.upsertComment(target.number, comment, existing));
      reportPublished = true;
    }
    const check = phases.timeSync("render", () => renderCheckRun(review, { failOn: deps.failOn ?? config.failOn, linkBase }));
    await phases.time("publish", () => publisher.finishCheck(checkRunId, check));
    await deps.onReviewed?.(review);
    deps.metrics?.review("reviewed", (Date.now() - started) / 1000);
    deps.metrics?.phases(phases.seconds());
    deps.log.info({ ...meta, outcome: "reviewed", errors: review.counts.errors, warnings: review.counts.warnings, ms: Date.now() - started, phasesMs: phases.split() }, "Review published");
    return true;
  } catch (error) {
    if (error instanceof Superseded) {
      deps.metrics?.review("superseded", (Date.now() - started) / 1000);
      deps.log.info({ ...meta, outcome: "superseded", by: error.by, ms: Date.now() - started }, "Review superseded");
      return completeCheck(deps.platform, checkRunId, supersededCheck(error.by), deps.log, meta);
    }
    // The verdict follows who caused it: failure when the PR's head did (failures.ts), else neutral.
    const problem = deps.platform.describeFailure(error);
    deps.metrics?.review("unreviewable", (Date.now() - started) / 1000);
    deps.log.warn({ ...meta, outcome: "unreviewable", reason: problem.title, origin: problem.origin, err: error, ms: Date.now() - started, phasesMs: phases.split() }, "Review could not run");
    const completed = await completeCheck(deps.platform, checkRunId, renderUnreviewableCheck(problem), deps.log, meta);
    if (reportPublished) return completed;
    const heading = problem.conclusion === "failure" ? "❌ archreview cannot review this pull request as it is" : "⚠️ archreview could not review this pull request";
    const body = `${COMMENT_MARKER}\n### ${heading}\n\n**${problem.title}.** ${problem.explanation}\n`;
    await publisher.upsertComment(target.number, body).catch((e: unknown) => deps.log.error({ ...meta, err: e }, "Could not update the comment"));
    return completed;
  } finally {
    if (scratch !== null) await removeScratchDir(scratch);
  }
}

/**
 * Fetches the trees and runs the analysis (with the tarballs again if the listed trees were not enough).
 * The analysis' time is the engine's graph time plus the rest ("review": the worker's start included).
 */
async function analyse(comparison: Comparison, scratch: string, deps: ReviewJobDeps & { phases: PhaseTimer }, signal: AbortSignal | undefined) {
  const { phases } = deps;
  const { trees } = deps.platform;
  const inputs = await phases.time("fetch", () => trees.gather(comparison, scratch, signal));
  checkpoint(signal);
  const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
  const run = async (request: ReviewInputs["request"]) => {
    const started = performance.now();
    let graphMs = 0;
    try {
      const outcome = await (deps.analyse ?? reviewInWorker)({ ...request, today }, deps.isolation, signal);
      graphMs = outcome.timings?.graphMs ?? 0;
      return outcome;
    } finally {
      phases.addAnalysis(performance.now() - started, graphMs);
    }
  };
  const fallback = () => phases.time("fetch", () => trees.full(comparison, scratch, "the listed trees were not enough", inputs.request.configOverride ?? null));
  return analyseInputs(inputs, run, fallback, deps.log);
}
