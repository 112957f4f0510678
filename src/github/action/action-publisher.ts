// Publishing from a workflow: the same check run and sticky comment as the App (publish/publisher.ts),
// but a write the token may not make (a fork's read-only GITHUB_TOKEN: 403) is noted, not fatal:
// the review still reaches the job summary, and the job's verdict is the review's.
import type { CheckRunOutput } from "../../report/check-run.js";
import type { FoundReport, ReviewPublisher } from "../../pipeline/platform.js";
import { statusOf } from "../api/github-errors.js";
import type { Publisher } from "../publish/publisher.js";

export class ActionPublisher implements ReviewPublisher {
  /** The writes GitHub refused, named for the job log. */
  readonly refused: string[] = [];
  /** The check run's last output, published or not: the job summary and the exit status follow it. */
  lastCheck: CheckRunOutput | null = null;
  private checkRunId: number | null = null;

  constructor(
    private readonly github: Publisher,
    private readonly options: { comment: boolean },
  ) {}

  /** Runs `write`; a 403 is recorded as refused and yields `fallback`. */
  private async allowed<T>(what: string, write: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (statusOf(error) !== 403) throw error;
      this.refused.push(what);
      return fallback;
    }
  }

  /** The check run's id, or 0 when the token may not create one (its completions are then skipped). */
  async startCheck(headSha: string, externalId: string): Promise<number> {
    this.checkRunId = await this.allowed("create the check run", () => this.github.startCheck(headSha, { externalId }), null);
    return this.checkRunId ?? 0;
  }

  async finishCheck(checkRunId: number, output: CheckRunOutput): Promise<void> {
    this.lastCheck = output;
    if (this.checkRunId === null) return;
    await this.allowed("complete the check run", () => this.github.finishCheck(checkRunId, output), undefined);
  }

  async findComment(issueNumber: number): Promise<FoundReport | null> {
    if (!this.options.comment) return null;
    return this.allowed("read the pull request's comments", () => this.github.findComment(issueNumber), null);
  }

  async upsertComment(issueNumber: number, body: string, known?: FoundReport | null): Promise<unknown> {
    if (!this.options.comment) return null;
    return this.allowed("write the pull request comment", () => this.github.upsertComment(issueNumber, body, known), null);
  }
}
