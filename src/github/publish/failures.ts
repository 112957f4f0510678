// A failed review on GitHub: the pipeline's verdicts (pipeline/failures.ts) plus what only GitHub
// causes, an API answer or silence, and an `_extends` config GitHub could not give us.
import { describeFailure as describeReviewFailure, fromBase, type Problem } from "../../pipeline/failures.js";
import { describeGitHubFailure } from "../api/github-errors.js";
import { ExtendsNotFound } from "../trees/app-config.js";

function describeGitHubSide(error: unknown): Problem | null {
  if (error instanceof ExtendsNotFound) {
    return fromBase("Invalid archreview configuration", `${error.message}\n\nThe configuration is read from the base branch: fix it there and re-run this check.`);
  }
  // A GitHub answer or silence, named with the endpoint: "GitHub answered 502 on listing the pull request's files".
  const github = describeGitHubFailure(error);
  return github ? { ...github, conclusion: "neutral", origin: "github" } : null;
}

export function describeFailure(error: unknown): Problem {
  return describeReviewFailure(error, describeGitHubSide);
}
