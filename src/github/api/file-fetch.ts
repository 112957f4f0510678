// One file of one commit, fetched alone: the contents API (which says what the path is: a file, a
// submodule, a symlink served as its target), then the blob API for a file over the contents API's
// 1 MB. Every request goes through the delivery's octokit (timeouts, retries, rate limits).
import type { GitHubClient, RepoRef } from "./client.js";

export type FetchedVersion =
  /** `content` null: larger than maxFileBytes, left out as the tarball path leaves it out. */
  | { kind: "file"; sha: string; size: number; content: Buffer | null }
  | { kind: "submodule" }
  | { kind: "other"; type: string };

interface ContentsReply {
  type: string;
  sha: string;
  size: number;
  encoding?: string;
  content?: string;
}

/** `ref` is a commit sha; `file` a repository path that passed repoPath. */
export async function fetchVersion(octokit: GitHubClient, repo: RepoRef, ref: string, file: string, maxFileBytes: number): Promise<FetchedVersion> {
  // The `object` media type answers files of 1-100 MB too, with their content left out.
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}?ref={ref}", { ...repo, path: file, ref, mediaType: { format: "object" } });
  const reply = data as ContentsReply;
  if (reply.type === "submodule") return { kind: "submodule" };
  if (reply.type !== "file") return { kind: "other", type: String(reply.type) };
  if (reply.size > maxFileBytes) return { kind: "file", sha: reply.sha, size: reply.size, content: null };
  const content = reply.encoding === "base64" ? Buffer.from(reply.content ?? "", "base64") : await fetchBlob(octokit, repo, reply.sha);
  return { kind: "file", sha: reply.sha, size: reply.size, content };
}

async function fetchBlob(octokit: GitHubClient, repo: RepoRef, sha: string): Promise<Buffer> {
  const { data } = await octokit.rest.git.getBlob({ ...repo, file_sha: sha });
  return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
}

// The promise pool moved to core, shared with the readers of touched files.
export { mapLimited } from "../../core/map-limited.js";
