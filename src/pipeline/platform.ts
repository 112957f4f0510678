// What a review pipeline needs from where it runs (ADR 0008): where the two trees come from, where
// the review is published, and how the platform's own failures read. The GitHub App and the GitHub
// Action are two such platforms; a test may be a third.
import type { ConfigOverride } from "../engine/index.js";
import type { CheckRunOutput } from "../report/check-run.js";
import type { Comparison } from "./comparison.js";
import type { Problem } from "./failures.js";
import type { ReviewInputs } from "./review-inputs.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The report comment found on a pull request. */
export interface FoundReport {
  id: number;
  body: string;
}

/** The check run and the one sticky comment a review is published as. */
export interface ReviewPublisher {
  finishCheck(checkRunId: number, output: CheckRunOutput): Promise<void>;
  findComment(issueNumber: number): Promise<FoundReport | null>;
  /** `known`: the result of an earlier findComment, to spare reading the comments twice. */
  upsertComment(issueNumber: number, body: string, known?: FoundReport | null): Promise<unknown>;
}

/** Where the merge base's and the head's trees come from (an API, tarballs, a local checkout). */
export interface TreeSource {
  /** The merge base of `baseSha` and `headSha`, and the files the change touches. */
  compare(baseSha: string, headSha: string): Promise<Comparison>;
  /** True when the trees are read where they are (the Action's checkout, as git objects): no scratch folder is made, and `scratch` is "". */
  readonly readsInPlace?: boolean;
  /** Both trees under `scratch`, the cheapest way the platform has. */
  gather(comparison: Comparison, scratch: string, signal?: AbortSignal): Promise<ReviewInputs>;
  /** Both trees in full, when what `gather` gave was not enough; `configOverride` when already resolved. */
  full(comparison: Comparison, scratch: string, reason: string, configOverride?: ConfigOverride | null): Promise<ReviewInputs>;
}

export interface Platform {
  trees: TreeSource;
  publisher: ReviewPublisher;
  /** Every failure as a check-run verdict, the platform's own included (pipeline/failures.ts). */
  describeFailure(error: unknown): Problem;
}
