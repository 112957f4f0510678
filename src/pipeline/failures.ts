// A failed review, turned into what a maintainer reads on the check run, with the verdict its cause
// deserves: "failure" when the pull request's head caused it (engine/failure-origin.ts), since a
// neutral check counts as passing; "neutral" for our own, the platform's and the base's failures.
// The platform names its own failures (GitHub's answers: github/publish/failures.ts).
import { ConfigError } from "../config/errors.js";
import { PullRequestCaused, ReviewLimitExceeded, type FailureOrigin } from "../engine/index.js";
import { ForbiddenRulesError } from "../extract/depcruise-run.js";
import { TsConfigExtendsError } from "../extract/tsconfig-extends.js";
import { TooManyChangedFiles } from "./comparison.js";
import { SnapshotRejected } from "../archive/limits.js";

export interface Problem {
  title: string;
  explanation: string;
  /** "failure" exactly when the pull request caused it. */
  conclusion: "failure" | "neutral";
  origin: FailureOrigin;
}

export const fromBase = (title: string, explanation: string): Problem => ({ title, explanation, conclusion: "neutral", origin: "base" });
const ours = (title: string, explanation: string): Problem => ({ title, explanation, conclusion: "neutral", origin: "ours" });
const causedByPullRequest = (title: string, explanation: string): Problem => ({ title, explanation, conclusion: "failure", origin: "head" });

function describeConfigFailure(error: unknown): Problem | null {
  if (error instanceof ConfigError) {
    return fromBase("Invalid archreview configuration", `${error.message}\n\nThe configuration is read from the base branch: fix it there and re-run this check.`);
  }
  if (error instanceof ForbiddenRulesError) return fromBase("Invalid dependency-cruiser rules", `dependency-cruiser rejected the \`forbidden\` rules: ${error.message}`);
  if (error instanceof TsConfigExtendsError) {
    return fromBase("Invalid tsconfig at the base", `${error.message}. The base branch has this problem too, so it is not this pull request's: fix it there and re-run this check.`);
  }
  return null;
}

/** A platform's description of its own failures (an API's answer, a config it fetched), or null. */
export type PlatformFailures = (error: unknown) => Problem | null;

export function describeFailure(error: unknown, platform: PlatformFailures = () => null): Problem {
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
  const described = platform(error);
  if (described) return described;
  return ours("Internal error", "archreview failed unexpectedly while reviewing this pull request. Re-run the check to try again; if it persists, please report it.");
}
