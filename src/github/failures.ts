// Our own failures, turned into what a maintainer reads on a neutral check run.
import { ConfigError } from "../config/errors.js";
import { ForbiddenRulesError } from "../extract/graph.js";
import { ExtendsNotFound } from "./app-config.js";
import { TooManyChangedFiles } from "./compare.js";
import { describeGitHubFailure } from "./github-errors.js";
import { ReviewLimitExceeded } from "../engine/isolated-review.js";
import { SnapshotRejected } from "./tarball.js";

export interface Problem {
  title: string;
  explanation: string;
}

export function describeFailure(error: unknown): Problem {
  if (error instanceof ConfigError || error instanceof ExtendsNotFound) {
    return { title: "Invalid archreview configuration", explanation: `${error.message}\n\nThe configuration is read from the base branch: fix it there and re-run this check.` };
  }
  if (error instanceof ForbiddenRulesError) {
    return { title: "Invalid dependency-cruiser rules", explanation: `dependency-cruiser rejected the \`forbidden\` rules: ${error.message}` };
  }
  if (error instanceof SnapshotRejected) {
    return { title: "Repository snapshot rejected", explanation: `${error.message} Nothing of it was analysed.` };
  }
  if (error instanceof TooManyChangedFiles) {
    const enough = (error.count + (error.atLeast ? 1 : 0)).toLocaleString("en-US");
    return { title: "Too many changed files", explanation: `${error.message} Set ARCHREVIEW_MAX_PR_FILES to ${enough} or more to review it (the operator of this archreview installation can), or split the pull request.` };
  }
  if (error instanceof ReviewLimitExceeded) {
    return { title: error.limit === "time" ? "Review timed out" : "Review ran out of memory", explanation: `${error.message} The operator of this archreview installation can raise the limit.` };
  }
  // A GitHub answer or silence, named with the endpoint: "GitHub answered 502 on listing the pull request's files".
  const github = describeGitHubFailure(error);
  if (github) return github;
  return { title: "Internal error", explanation: "archreview failed unexpectedly while reviewing this pull request. Re-run the check to try again; if it persists, please report it." };
}
