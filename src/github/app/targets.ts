// What a review is about, from a webhook's or the API's pull request object, and the ticket that
// queues it (plain JSON: it may wait in Redis and run in another instance).
import type { Ticket } from "../../jobs/scheduler.js";
import type { RepoRef } from "../api/client.js";
import type { PullRequestTarget } from "../../pipeline/review-pull-request.js";

export interface PullRequestLike {
  number: number;
  draft?: boolean;
  changed_files?: number;
  base: { sha: string; repo: { owner: { login: string }; name: string; html_url: string } };
  head: { sha: string };
}

export function targetOf(pr: PullRequestLike): PullRequestTarget {
  const repo: RepoRef = { owner: pr.base.repo.owner.login, repo: pr.base.repo.name };
  const changedFiles = typeof pr.changed_files === "number" ? { changedFiles: pr.changed_files } : {};
  return { repo, number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha, draft: pr.draft === true, htmlUrl: pr.base.repo.html_url, ...changedFiles };
}

/** One review's job data: the pull request, who may act on it, and (once started) its check run. */
export interface ReviewPayload {
  target: PullRequestTarget;
  installationId: number;
  /** Unique to this start: a check run created ambiguously (5xx, timeout) is found by it. */
  externalId: string;
  checkRunId?: number;
  delivery: string;
  trigger: string;
}

export function ticketFor(target: PullRequestTarget, installationId: number, delivery: string, trigger: string): Ticket<ReviewPayload> {
  return {
    key: `${target.repo.owner}/${target.repo.repo}#${target.number}`,
    label: target.headSha,
    group: String(installationId),
    payload: { target, installationId, externalId: `pr-${target.number}:${delivery}`, delivery, trigger },
  };
}

/** A `/archreview` command from a PR comment, as the webhook saw it: nothing checked, nothing fetched yet. */
export interface PullRequestCommand {
  kind: "rescan" | "help" | "unknown";
  /** The unknown word (unknown commands only). */
  word?: string;
  repo: RepoRef;
  number: number;
  commentId: number;
  author: string;
}

/**
 * A command's job data: the handler queues it and acknowledges at once; its permission check,
 * reaction, reply and pulls.get run as the job's start step (command-steps.ts).
 */
export interface CommandPayload {
  command: PullRequestCommand;
  installationId: number;
  delivery: string;
}

/**
 * A check's Re-run (check_run or check_suite rerequested), as the webhook saw it: the handler
 * queues it and acknowledges at once; the pull requests of the head are read as the job's start.
 */
export interface RerunPayload {
  rerun: { repo: RepoRef; headSha: string; numbers: number[] };
  installationId: number;
  delivery: string;
}

/** What the scheduler carries: a review, or a request (a command, a Re-run) that may lead to one. */
export type JobPayload = ReviewPayload | CommandPayload | RerunPayload;

export function isCommand(payload: JobPayload): payload is CommandPayload {
  return "command" in payload;
}

export function isRerun(payload: JobPayload): payload is RerunPayload {
  return "rerun" in payload;
}

/** Keyed per delivery: a Re-run not yet resolved to its pull requests must not supersede their reviews. */
export function rerunTicket(rerun: RerunPayload["rerun"], installationId: number, delivery: string): Ticket<RerunPayload> {
  return {
    key: `${rerun.repo.owner}/${rerun.repo.repo}@${rerun.headSha}/rerun-${delivery}`,
    label: `rerun-${delivery}`,
    group: String(installationId),
    payload: { rerun, installationId, delivery },
  };
}

/** Keyed per comment, not per PR: an unchecked command must not supersede the PR's review. */
export function commandTicket(command: PullRequestCommand, installationId: number, delivery: string): Ticket<CommandPayload> {
  return {
    key: `${command.repo.owner}/${command.repo.repo}#${command.number}/comment-${command.commentId}`,
    label: `comment-${command.commentId}`,
    group: String(installationId),
    payload: { command, installationId, delivery },
  };
}
