// Writes a review to GitHub: the `archreview` check run (conclusion, summary, annotations) and
// one PR comment that is updated in place on every push instead of piling up.
import { CHECK_LIMITS, type CheckAnnotation, type CheckRunOutput } from "../../report/check-run.js";
import { clipText } from "../../report/clip.js";
import { createOnce, type CreateOnceLog } from "../api/create-once.js";
import { commentBody, pickReportComment, type FoundComment } from "./publisher-comments.js";
import { policyOf, type GitHubClient, type RepoRef } from "../api/client.js";

export interface PublisherOptions {
  /** Pinned in tests; the check run's started_at / completed_at. */
  now?: () => Date;
  /** e.g. `archreview[bot]`: when known, only this bot's comment is ever updated. */
  botLogin?: string;
  /** Where a create that failed ambiguously is reported. */
  log?: CreateOnceLog;
}

export const CHECK_NAME = "archreview";

/** GitHub accepts at most 50 annotations per create/update request; further updates append. */
export const ANNOTATIONS_PER_REQUEST = 50;

export type UpsertAction = "created" | "updated" | "unchanged";

function batches(annotations: CheckAnnotation[]): CheckAnnotation[][] {
  const out: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) out.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  // With no annotations there is still the one request that completes the run.
  return out.length > 0 ? out : [[]];
}

/** The output object of one update; the renderer already fits the limits, this guards the API call. */
function outputFor(output: CheckRunOutput, annotations: CheckAnnotation[]) {
  return {
    title: clipText(output.title, CHECK_LIMITS.title),
    summary: clipText(output.summary, CHECK_LIMITS.summary),
    ...(output.text !== undefined ? { text: clipText(output.text, CHECK_LIMITS.text) } : {}),
    ...(annotations.length > 0
      ? {
          annotations: annotations.map((a) => ({
            ...a,
            title: clipText(a.title, CHECK_LIMITS.annotationTitle),
            message: clipText(a.message, CHECK_LIMITS.annotationMessage),
          })),
        }
      : {}),
  };
}

export class Publisher {
  private readonly now: () => Date;
  private readonly botLogin: string | undefined;
  private readonly log: CreateOnceLog | undefined;

  constructor(
    private readonly octokit: GitHubClient,
    private readonly repo: RepoRef,
    options: PublisherOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.botLogin = options.botLogin;
    this.log = options.log;
  }

  /**
   * Creates the `archreview` check run, in progress, so the PR shows the review is under way.
   * Give each start its own `externalId`: after a create that failed ambiguously (5xx, timeout)
   * the run is looked up by it before creating another, so there is never a second run left in
   * progress. Without one such a failure is not retried.
   */
  async startCheck(headSha: string, options: { externalId?: string; detailsUrl?: string } = {}): Promise<number> {
    const create = async () => {
      const { data } = await this.octokit.rest.checks.create({
        ...this.repo,
        name: CHECK_NAME,
        head_sha: headSha,
        status: "in_progress",
        started_at: this.now().toISOString(),
        ...(options.externalId !== undefined ? { external_id: options.externalId } : {}),
        ...(options.detailsUrl !== undefined ? { details_url: options.detailsUrl } : {}),
      });
      return data.id;
    };
    const externalId = options.externalId;
    if (externalId === undefined) return create();
    return createOnce(create, () => this.findCheck(headSha, externalId), policyOf(this.octokit), this.log);
  }

  /** The id of this app's `archreview` run on `headSha` carrying `externalId`, if GitHub has one. */
  async findCheck(headSha: string, externalId: string): Promise<number | null> {
    const runs = await this.octokit.paginate(this.octokit.rest.checks.listForRef, { ...this.repo, ref: headSha, check_name: CHECK_NAME, filter: "all", per_page: 100 });
    return runs.find((run) => run.external_id === externalId)?.id ?? null;
  }

  /**
   * Sends the annotations 50 at a time while the run is still in progress and completes it with
   * the last batch, so the conclusion only appears once every annotation is there. If a request
   * fails the run stays in progress; the caller reports the failure (e.g. with a neutral output).
   */
  async finishCheck(checkRunId: number, output: CheckRunOutput): Promise<void> {
    const all = batches(output.annotations);
    const last = all.length - 1;
    for (const [i, batch] of all.entries()) {
      const base = { ...this.repo, check_run_id: checkRunId, output: outputFor(output, batch) };
      if (i < last) {
        await this.octokit.rest.checks.update(base);
      } else {
        await this.octokit.rest.checks.update({
          ...base,
          status: "completed",
          conclusion: output.conclusion,
          completed_at: this.now().toISOString(),
        });
      }
    }
  }

  /** The App's earlier report on this PR, if any (every page of comments is read). */
  async findComment(issueNumber: number): Promise<FoundComment | null> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    return pickReportComment(comments, this.botLogin);
  }

  /**
   * One report comment per PR: created once, then edited; no write at all when nothing changed.
   * `known` is the result of an earlier findComment, to spare listing the comments twice.
   */
  async upsertComment(issueNumber: number, body: string, known?: FoundComment | null): Promise<{ action: UpsertAction; id: number }> {
    const fitted = commentBody(body);
    const existing = known === undefined ? await this.findComment(issueNumber) : known;
    if (existing === null) {
      // After an ambiguous failure the comment may exist: found by its marker, it is not created twice.
      const create = async (): Promise<{ action: UpsertAction; id: number }> => {
        const { data } = await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issueNumber, body: fitted });
        return { action: "created", id: data.id };
      };
      const find = async (): Promise<{ action: UpsertAction; id: number } | null> => {
        const found = await this.findComment(issueNumber);
        if (found === null) return null;
        if (found.body !== fitted) await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: found.id, body: fitted });
        return { action: "created", id: found.id };
      };
      return createOnce(create, find, policyOf(this.octokit), this.log);
    }
    if (existing.body === fitted) return { action: "unchanged", id: existing.id };
    await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: existing.id, body: fitted });
    return { action: "updated", id: existing.id };
  }
}
