// The GitHub client every part of the App shell is handed, and the retry policy that travels with it.
import type { ProbotOctokit } from "probot";
import type { GitHubPolicy } from "./github-policy.js";

/**
 * Probot's Octokit. `retryPolicy`: set by installResilience (resilience.ts) on the clients it wraps;
 * absent on a plain client (unit tests), which then gets no retries of our own.
 */
export type GitHubClient = InstanceType<typeof ProbotOctokit> & { readonly retryPolicy?: GitHubPolicy };

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The policy installed on `client`, if any. */
export function policyOf(client: GitHubClient): GitHubPolicy | undefined {
  return client.retryPolicy;
}

/** Records the policy on the client, once; not enumerable, so it never shows in a logged or copied client. */
export function attachPolicy(client: GitHubClient, policy: GitHubPolicy): void {
  Object.defineProperty(client, "retryPolicy", { value: policy, enumerable: false, writable: false, configurable: false });
}
