// Finding and sizing the App's own PR comment. The comment is found by the hidden marker that
// renderMarkdown puts on its first line, but only on comments written by a bot: anyone can type
// the marker, and the App must never overwrite a person's comment with its report.
import { COMMENT_MARKER } from "../../report/markdown.js";
import { clipText } from "../../report/clip.js";

/** GitHub answers 422 to a comment body over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536;

const TRUNCATED_NOTE = "\n\n_The report was cut to fit GitHub's comment size limit._";

export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login: string; type: string } | null;
}

export interface FoundComment {
  id: number;
  body: string;
}

/** True for the App's report: a bot's comment (and the given bot's, when its login is known) that starts with the marker. */
function isReport(comment: IssueComment, botLogin: string | undefined): comment is IssueComment & { body: string } {
  if (typeof comment.body !== "string" || !comment.body.startsWith(COMMENT_MARKER)) return false;
  if (comment.user?.type !== "Bot") return false;
  return botLogin === undefined || comment.user.login === botLogin;
}

/** The first (oldest) report, so a duplicate created by a race never takes over. */
export function pickReportComment(comments: IssueComment[], botLogin?: string): FoundComment | null {
  const found = comments.find((c) => isReport(c, botLogin));
  return found ? { id: found.id, body: found.body } : null;
}

/** Checks the caller's body and fits it to GitHub's limit, keeping the marker on the first line. */
export function commentBody(body: string): string {
  // A body without the marker could never be found again: every run would add a new comment.
  if (!body.startsWith(COMMENT_MARKER)) throw new Error(`Comment body must start with ${COMMENT_MARKER} (use renderMarkdown)`);
  if (body.length <= MAX_COMMENT_CHARS) return body;
  return clipText(body, MAX_COMMENT_CHARS - TRUNCATED_NOTE.length) + TRUNCATED_NOTE;
}
