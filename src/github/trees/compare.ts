// What a pull request changes, as GitHub's "Files changed" shows it: merge-base...head. Comparing
// with the base branch's tip instead would count everything merged there since the branch left it
// as if the PR had reverted it.
import type { ComparedFile, Comparison } from "../../pipeline/comparison.js";
import type { GitHubClient, RepoRef } from "../api/client.js";

/** The compare API's first page lists at most 300 changed files, and later pages list none. */
export const COMPARE_FILES_CAP = 300;

export async function compareWithBase(octokit: GitHubClient, repo: RepoRef, baseSha: string, headSha: string): Promise<Comparison> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${baseSha}...${headSha}` });
  // No list at all is no proof that nothing changed.
  const listed = data.files !== undefined;
  const files = (data.files ?? []).map((f): ComparedFile => ({
    filename: f.filename,
    status: f.status,
    ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
    sha: f.sha ?? null,
  }));
  return { mergeBase: data.merge_base_commit.sha, files, complete: listed && files.length < COMPARE_FILES_CAP };
}
