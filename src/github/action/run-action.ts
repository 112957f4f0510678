// The GitHub Action (action.yml): the pull request from the event file, its trees from the checkout,
// the review through the same pipeline as the App (pipeline/review-pull-request.ts), published as
// the same check run and sticky comment with the workflow's token, and always in the job summary.
// Exit 1 when the review fails the PR (fail-on, or the head makes it unreviewable); a refused write never does.
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ProbotOctokit } from "probot";
import type { Review } from "../../core/model.js";
import type { CheckRunOutput } from "../../report/check-run.js";
import { reviewPullRequest, type ReviewJobDeps } from "../../pipeline/review-pull-request.js";
import type { GitHubClient } from "../api/client.js";
import { DEFAULT_GITHUB_POLICY } from "../api/github-policy.js";
import { installResilience } from "../api/resilience.js";
import { describeFailure } from "../publish/failures.js";
import { Publisher } from "../publish/publisher.js";
import { ActionPublisher } from "./action-publisher.js";
import { actionLogger, commandText, type ActionLogger } from "./action-log.js";
import { checkoutTrees } from "./checkout-trees.js";
import { readPullRequestEvent } from "./event.js";
import { ActionInputError, readInputs, type ActionInputs } from "./inputs.js";

export interface ActionIO {
  env: Record<string, string | undefined>;
  stderr: { write(text: string): unknown };
  /** SARIF 2.1.0 of a review; the `sarif` input is refused without one. */
  renderSarif?: (review: Review) => string;
  /** The analysis (default: the engine in a worker thread, as in the App). */
  analyse?: ReviewJobDeps["analyse"];
}

function clientFor(inputs: ActionInputs, log: ActionLogger): GitHubClient {
  // Probot's Octokit with a token: the same client type, retries and budget as the App's.
  const octokit = new ProbotOctokit({ auth: { token: inputs.token }, baseUrl: inputs.apiUrl }) as unknown as GitHubClient;
  return installResilience(octokit, { policy: DEFAULT_GITHUB_POLICY, log });
}

async function readConfig(inputs: ActionInputs): Promise<{ file: string; text: string } | null> {
  if (!inputs.config) return null;
  try {
    return { file: inputs.config, text: await readFile(path.resolve(inputs.workspace, inputs.config), "utf8") };
  } catch {
    throw new ActionInputError(`cannot read the config input ${inputs.config}`);
  }
}

function summaryOf(output: CheckRunOutput | null, refused: string[]): string {
  const review = output ? `## ${output.title}\n\n${output.summary}\n${output.text ? `\n${output.text}\n` : ""}` : "## archreview did not finish its review\n";
  const note = refused.length > 0 ? `\n> archreview could not ${refused.join(", ")}: the workflow's token may not (a pull request from a fork gets a read-only token). The review is above.\n` : "";
  return review + note;
}

export async function runAction(io: ActionIO): Promise<number> {
  const log = actionLogger(io.stderr);
  try {
    const inputs = readInputs(io.env);
    if (inputs.sarif && !io.renderSarif) throw new ActionInputError("the sarif input needs archreview's SARIF renderer, which this build lacks");
    const target = await readPullRequestEvent(inputs.eventName, inputs.eventPath);
    const octokit = clientFor(inputs, log);
    const publisher = new ActionPublisher(new Publisher(octokit, target.repo, { log }), { comment: inputs.comment });
    const trees = checkoutTrees({ workspace: inputs.workspace, configOverride: await readConfig(inputs), log });
    let reviewed: Review | null = null;
    const checkRunId = await publisher.startCheck(target.headSha, `archreview-action-${inputs.runId}`);
    const deps: ReviewJobDeps = {
      platform: { trees, publisher, describeFailure },
      log,
      ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
      ...(io.analyse ? { analyse: io.analyse } : {}),
      onReviewed: async (review) => {
        reviewed = review;
      },
    };
    await reviewPullRequest(target, deps, checkRunId);
    if (inputs.summaryPath) await appendFile(inputs.summaryPath, summaryOf(publisher.lastCheck, publisher.refused));
    if (inputs.sarif && reviewed && io.renderSarif) await writeFile(path.resolve(inputs.workspace, inputs.sarif), io.renderSarif(reviewed));
    for (const what of publisher.refused) log.warn({}, `The workflow's token may not ${what}; the review is in the job summary`);
    return publisher.lastCheck?.conclusion === "failure" ? 1 : 0;
  } catch (error) {
    const message = error instanceof ActionInputError ? error.message : `archreview failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    io.stderr.write(`::error::${commandText(message)}\n`);
    return 1;
  }
}
