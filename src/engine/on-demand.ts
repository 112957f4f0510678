// The engine's analysis (graphs, review, dependency-cruiser's rules) loads on first use: a shell's
// main thread that only starts workers (the CLI, the App's web role) never pays for its modules, and
// `import("../engine/index.js")` stays light (test/engine/door-on-demand.test.ts).
import type { PartialReviewPlan, PartialReviewQuery } from "./partial-review.js";
import type { ReviewOutcome, ReviewRequest } from "./review.js";

/** review.ts reviewTrees, loaded on first call. */
export async function reviewTrees(request: ReviewRequest): Promise<ReviewOutcome> {
  return (await import("./review.js")).reviewTrees(request);
}

/** partial-review.ts planPartialReview, loaded on first call. */
export async function planPartialReview(query: PartialReviewQuery): Promise<PartialReviewPlan> {
  return (await import("./partial-review.js")).planPartialReview(query);
}
