// What a pull request changes, as GitHub's "Files changed" shows it: merge-base...head. Comparing
// with the base branch's tip instead would count everything merged there since the branch left it
// as if the PR had reverted it.
import type { GitHubClient, RepoRef } from "../api/client.js";

/** One entry of the compare API's `files` (a diff entry). */
export interface ComparedFile {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  previous_filename?: string;
  /** The blob at head (for a removed file, the one removed); null when GitHub gives none. */
  sha: string | null;
}

export interface Comparison {
  /** The commit the PR's change starts from: the base itself when the base is an ancestor of the head. */
  mergeBase: string;
  files: ComparedFile[];
  /** False when GitHub cut the file list (it lists at most COMPARE_FILES_CAP files). */
  complete: boolean;
}

/** The compare API's first page lists at most 300 changed files, and later pages list none. */
export const COMPARE_FILES_CAP = 300;

/** GitHub lists at most 3,000 files of a pull request (pulls.listFiles). */
export const DEFAULT_MAX_PR_FILES = 3000;

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

/** The pull request changes more files than the operator lets archreview review. */
export class TooManyChangedFiles extends Error {
  constructor(
    readonly count: number,
    readonly atLeast: boolean,
    readonly max: number,
  ) {
    const n = count.toLocaleString("en-US");
    super(`This pull request changes ${atLeast ? `at least ${n}` : n} files; archreview reviews at most ${max.toLocaleString("en-US")}.`);
    this.name = "TooManyChangedFiles";
  }
}

/** Throws TooManyChangedFiles past `max`; a count that is only a lower bound counts once it passes it. */
export function checkChangedFiles(count: number | undefined, max: number, atLeast = false): void {
  if (count !== undefined && count > max) throw new TooManyChangedFiles(count, atLeast, max);
}
