// The pull request a workflow run is about, from its event payload (GITHUB_EVENT_PATH).
import { readFile } from "node:fs/promises";
import type { PullRequestTarget } from "../../pipeline/review-pull-request.js";
import { ActionInputError } from "./inputs.js";

/** Events whose payload carries `pull_request`; `pull_request_target` runs with the base's workflow. */
const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);

interface PullRequestEvent {
  pull_request?: {
    number: number;
    draft?: boolean;
    changed_files?: number;
    base: { sha: string; repo: { name: string; owner: { login: string }; html_url: string } };
    head: { sha: string };
  };
}

export async function readPullRequestEvent(eventName: string, eventPath: string): Promise<PullRequestTarget> {
  if (!PULL_REQUEST_EVENTS.has(eventName)) {
    throw new ActionInputError(`archreview reviews pull requests: run it on pull_request (this run is for "${eventName}")`);
  }
  const payload = JSON.parse(await readFile(eventPath, "utf8")) as PullRequestEvent;
  const pr = payload.pull_request;
  if (!pr) throw new ActionInputError(`the ${eventName} event at ${eventPath} has no pull_request`);
  const { repo } = pr.base;
  return {
    repo: { owner: repo.owner.login, repo: repo.name },
    number: pr.number,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
    draft: pr.draft === true,
    htmlUrl: repo.html_url,
    ...(typeof pr.changed_files === "number" ? { changedFiles: pr.changed_files } : {}),
  };
}
