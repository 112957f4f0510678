// What a review is about, from a webhook's or the API's pull request object, and the ticket that
// queues it (plain JSON: it may wait in Redis and run in another instance).
import type { Ticket } from "../jobs/scheduler.js";
import type { RepoRef } from "./publisher.js";
import type { PullRequestTarget } from "./review-pull-request.js";

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
