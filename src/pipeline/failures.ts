// A failed review, turned into what a maintainer reads on the check run, with the verdict its cause
// deserves: "failure" when the pull request's head caused it (engine/failure-origin.ts), since a
// neutral check counts as passing; "neutral" for our own, GitHub's and the base's failures.
import { ConfigError } from "../config/errors.js";
import { PullRequestCaused, ReviewLimitExceeded, type FailureOrigin } from "../engine/index.js";
import { ForbiddenRulesError } from "../extract/depcruise-run.js";
import { TsConfigExtendsError } from "../extract/tsconfig-extends.js";
import { ExtendsNotFound } from "../github/trees/app-config.js";
import { TooManyChangedFiles } from "../github/trees/compare.js";
import { describeGitHubFailure } from "../github/api/github-errors.js";
import { SnapshotRejected } from "../archive/limits.js";

export interface Problem {
  title: string;
  explanation: string;
  /** "failure" exactly when the pull request caused it. */
  conclusion: "failure" | "neutral";
  origin: FailureOrigin;
}

const fromBase = (title: string, explanation: string): Problem => ({ title, explanation, conclusion: "neutral", origin: "base" });
const ours = (title: string, explanation: string): Problem => ({ title, explanation, conclusion: "neutral", origin: "ours" });
const causedByPullRequest = (title: string, explanation: string): Problem => ({ title, explanation, conclusion: "failure", origin: "head" });

function describeConfigFailure(error: unknown): Problem | null {
  if (error instanceof ConfigError || error instanceof ExtendsNotFound) {
    return fromBase("Invalid archreview configuration", `${error.message}\n\nThe configuration is read from the base branch: fix it there and re-run this check.`);
  }
  if (error instanceof ForbiddenRulesError) return fromBase("Invalid dependency-cruiser rules", `dependency-cruiser rejected the \`forbidden\` rules: ${error.message}`);
  if (error instanceof TsConfigExtendsError) {
    return fromBase("Invalid tsconfig at the base", `${error.message}. The base branch has this problem too, so it is not this pull request's: fix it there and re-run this check.`);
  }
  return null;
}

export function describeFailure(error: unknown): Problem {
  if (error instanceof PullRequestCaused) return causedByPullRequest(error.title, error.reason);
  const config = describeConfigFailure(error);
  if (config) return config;
  if (error instanceof SnapshotRejected) {
    const problem = fromBase("Repository snapshot rejected", `${error.message} Nothing of it was analysed.`);
    return error.reason === "corrupt-archive" ? { ...problem, origin: "github" } : problem;
  }
  if (error instanceof TooManyChangedFiles) {
    // The pull request chose how many files it changes: past the limit it fails, or it could pass by padding itself.
    const enough = (error.count + (error.atLeast ? 1 : 0)).toLocaleString("en-US");
    return causedByPullRequest("Too many changed files", `${error.message} Set ARCHREVIEW_MAX_PR_FILES to ${enough} or more to review it (the operator of this archreview installation can), or split the pull request.`);
  }
  if (error instanceof ReviewLimitExceeded) {
    return ours(error.limit === "time" ? "Review timed out" : "Review ran out of memory", `${error.message} The operator of this archreview installation can raise the limit.`);
  }
  // A GitHub answer or silence, named with the endpoint: "GitHub answered 502 on listing the pull request's files".
  const github = describeGitHubFailure(error);
  if (github) return { ...github, conclusion: "neutral", origin: "github" };
  return ours("Internal error", "archreview failed unexpectedly while reviewing this pull request. Re-run the check to try again; if it persists, please report it.");
}
