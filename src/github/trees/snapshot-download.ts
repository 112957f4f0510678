// A tarball download whose body breaks off is retried here. The request itself (up to the
// response headers) is retried by plugin-retry like any other; but tarball-download.ts reads the body as a
// stream after the request has returned, so a stall (the attempt's timeout fires) or a cut
// connection there surfaces outside every request hook.
import { mkdir, rm } from "node:fs/promises";
import { GitHubStreamBroken, GitHubTimeout, recordAttempts, statusOf } from "../api/github-errors.js";
import { backoffMs, sleep, type GitHubPolicy } from "../api/github-policy.js";
import type { GitHubClient } from "../api/client.js";
import { downloadTree, type CommitRef } from "./tarball-download.js";
import type { SnapshotLimits } from "../../archive/limits.js";
import type { SnapshotSummary } from "../../archive/extract.js";

export interface DownloadLog {
  warn(meta: object, message: string): void;
}

const WHAT = "downloading the repository snapshot";

/** A failure of the body stream, not an answer from GitHub nor a rejected archive. */
function isBrokenStream(error: unknown): boolean {
  if (statusOf(error) !== undefined) return false;
  if (error instanceof GitHubTimeout) return true;
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  if (e.name === "AbortError" || e.name === "TimeoutError") return true;
  if (e.name === "TypeError" && /terminated|fetch failed|other side closed/i.test(String(e.message))) return true;
  return typeof e.code === "string" && /^(?:ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_)/.test(e.code);
}

/** downloadTree, again into an emptied `dir` after a broken body, at most `policy.retries` more times. */
export async function downloadSnapshot(
  octokit: GitHubClient,
  ref: CommitRef,
  dir: string,
  limits: SnapshotLimits | undefined,
  policy: GitHubPolicy | undefined,
  log?: DownloadLog,
): Promise<SnapshotSummary> {
  const attempts = (policy?.retries ?? 0) + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadTree(octokit, ref, dir, limits);
    } catch (error) {
      if (!isBrokenStream(error)) throw error;
      if (attempt >= attempts || !policy) {
        const final = error instanceof GitHubTimeout ? error : new GitHubStreamBroken(WHAT, attempt, { cause: error });
        recordAttempts(final, attempt, WHAT);
        throw final;
      }
      log?.warn({ sha: ref.sha, attempt, err: error }, "The snapshot download broke off: downloading it again");
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await sleep(backoffMs(policy, attempt));
    }
  }
}
