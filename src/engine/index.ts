// The engine's one door: what the shells (src/cli, src/github, src/index.ts) may use of it. Our own
// .github/archreview.yml forbids them any other engine module, so its internals can change freely.
// (The worker entries review-worker.ts and config-worker.ts are started by path, never imported.)
export type { LoadedConfig, TreeReader } from "./config.js";
export { blameTreeFailure, PullRequestCaused, type FailureOrigin, type ReviewedTrees } from "./failure-origin.js";
export type { CacheLocation } from "./graphs.js";
export { DEFAULT_ISOLATION_LIMITS, reviewInWorker, standbyReviewWorker } from "./isolated-review.js";
export { ReviewLimitExceeded, type IsolationLimits, type StandbyWorker } from "./worker-limits.js";
export type { ListedTrees } from "./listed-trees.js";
export { listingCache, type ListingCache } from "./listing-cache.js";
export type { ConfigOverride, PartialReviewPlan, PartialReviewQuery } from "./partial-review.js";
export type { ReviewOutcome, ReviewRequest } from "./review.js";
export { planPartialReview, reviewTrees } from "./on-demand.js";
export { makeScratchDir, removeScratchDir, removeScratchDirsOnSignals } from "./scratch-dirs.js";
export { diskReader, gitSide, openTrees, readerOf, type OpenTrees, type ReviewedSide } from "./tree-sources.js";
// What the CLI's own git reads share with the engine: the same refusal and size cap for tree files,
// and the tsconfig error it explains (light modules: no TypeScript is loaded through them).
export { SUPPORT_FILE_MAX_BYTES, TreeFileRefusedError } from "../extract/tree-file.js";
export { isSourceFile } from "../extract/files.js";
export { TsConfigExtendsError } from "../extract/tsconfig-extends-error.js";
