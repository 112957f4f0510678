// The head's snapshot is downloaded after the merge base's: when the base unpacked and the head is
// refused, the pull request added what was refused (a link out of the tree, a device, a path that
// climbs out) or grew the tree past a limit. That fails the change, naming the entry: a neutral
// check would let a PR pass by adding a symlink to /etc/passwd. A corrupt archive is GitHub's
// fault (the PR cannot make git archive write one) and stays neutral.
import { PullRequestCaused } from "../engine/index.js";
import { clipText } from "../report/clip.js";
import { codeSpan } from "../report/md-escape.js";
import { EntryRejected, type RejectedEntry } from "../archive/paths.js";
import { SnapshotRejected, type SnapshotRejection } from "../archive/limits.js";

const LIMIT_REASONS: ReadonlySet<SnapshotRejection> = new Set(["archive-too-large", "too-many-files", "file-too-large", "unpacked-too-large"]);
const ENTRY_TITLES: Partial<Record<SnapshotRejection, string>> = {
  "unsafe-link": "This pull request adds a link that points outside the repository",
  "special-file": "This pull request adds a special file",
  "unsafe-path": "This pull request adds a path that cannot be unpacked safely",
};

/** Archive-controlled text, shortened and made inert for markdown. */
function shown(text: string): string {
  return codeSpan(clipText(text, 200));
}

function whatItIs(reason: SnapshotRejection, entry: RejectedEntry): string {
  if (reason === "unsafe-link" && entry.type === "Link") return `a hard link to ${shown(entry.target ?? "")}`;
  if (reason === "unsafe-link") return `a symbolic link to ${shown(entry.target ?? "")}, outside the repository`;
  if (reason === "special-file") return `a ${entry.type} entry (a device, FIFO or other special file, which source code never needs)`;
  return "a path that would land outside the repository folder, or that cannot be written as a regular file";
}

function entryCaused(error: EntryRejected, title: string): PullRequestCaused {
  const { entry, reason } = error;
  return new PullRequestCaused(
    title,
    `This pull request adds ${shown(entry.path)}: ${whatItIs(reason, entry)}. archreview never follows links out of the tree nor reads special files, and the merge base has no such entry, so the pull request is refused rather than reviewed in part. Remove the entry to have it reviewed.`,
    { cause: error },
  );
}

/** A rejection of the head snapshot (the base's was accepted) as the pull request's failure; anything else unchanged. */
export function blameHeadSnapshot(error: unknown): unknown {
  if (!(error instanceof SnapshotRejected)) return error;
  if (LIMIT_REASONS.has(error.reason)) {
    return new PullRequestCaused(
      "This pull request makes the repository too large to review",
      `${error.message} The merge base is within the limit, so this pull request is what crosses it. The operator of this archreview installation can raise the limit.`,
      { cause: error },
    );
  }
  const title = ENTRY_TITLES[error.reason];
  if (title && error instanceof EntryRejected) return entryCaused(error, title);
  if (title) return new PullRequestCaused(title, `${error.message} The merge base has no such entry, so this pull request added it. Nothing of it was reviewed.`, { cause: error });
  return error;
}
