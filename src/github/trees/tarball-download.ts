/**
 * Repository snapshots for review: download GitHub's tarball of one commit and unpack it
 * (src/archive/), under limits, into a private folder. The repository is untrusted.
 */
import { types } from "node:util";
import { extractTarball, type SnapshotSummary } from "../../archive/extract.js";
import { DEFAULT_SNAPSHOT_LIMITS, archiveTooLarge, type SnapshotLimits } from "../../archive/limits.js";
import type { GitHubClient } from "../api/client.js";

export interface CommitRef {
  owner: string;
  repo: string;
  sha: string;
}

/**
 * Downloads `ref.sha` of `ref.owner/ref.repo` and unpacks it into the empty
 * folder `dir`. For a fork pull request pass the BASE repository with the head
 * sha: GitHub serves fork commits from the base repository, where the app is installed.
 */
export async function downloadTree(
  octokit: GitHubClient,
  ref: CommitRef,
  dir: string,
  limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS,
): Promise<SnapshotSummary> {
  const archive = await fetchArchive(octokit, ref, limits);
  return extractTarball(archive, dir, limits);
}

async function fetchArchive(octokit: GitHubClient, ref: CommitRef, limits: SnapshotLimits): Promise<Buffer> {
  // The API answers 302 to codeload.github.com; fetch follows it and drops the Authorization header
  // on the cross-origin hop (the redirect URL carries its own short-lived token).
  // An unparsed body lets us refuse an oversized archive without holding all of it.
  const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
    owner: ref.owner,
    repo: ref.repo,
    ref: ref.sha,
    request: { parseSuccessResponseBody: false },
  });
  const body: unknown = response.data;
  const stream = isReadableStream(body) ? body : undefined;
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.maxArchiveBytes) {
    await stream?.cancel().catch(() => undefined);
    throw archiveTooLarge(limits, `Content-Length ${declared}`);
  }
  if (stream) return readAtMost(stream, limits);
  // Fallback for a client that parsed the body anyway (e.g. a custom fetch): still checked.
  if (types.isArrayBuffer(body) || types.isArrayBufferView(body)) {
    const archive = types.isArrayBuffer(body) ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (archive.length > limits.maxArchiveBytes) throw archiveTooLarge(limits, `received ${archive.length} bytes`);
    return archive;
  }
  throw new Error(`Unexpected tarball response body for ${ref.owner}/${ref.repo}@${ref.sha}: ${typeof body}`);
}

/** Duck-typed: fetch's stream class can come from another realm than this module's global. */
function isReadableStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof body === "object" && body !== null && typeof (body as ReadableStream).getReader === "function";
}

/** Content-Length may be missing (chunked) or wrong: the received bytes are what counts. */
async function readAtMost(body: ReadableStream<Uint8Array>, limits: SnapshotLimits): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limits.maxArchiveBytes) {
      await reader.cancel().catch(() => undefined);
      throw archiveTooLarge(limits, `received more than ${limits.maxArchiveBytes} bytes`);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, received);
}
