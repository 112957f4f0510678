// One small change to the demo sample (a new file under src/domain), committed as base -> head in a
// fresh repository for each test, and the GitHub side of reviewing it: the App suites that test
// commands and Re-runs share these instead of each writing its own copy.
import { afterEach, beforeEach } from "@jest/globals";
import nock from "nock";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { API, REPO_PATH, example, pullRequestPayload, tarballOf, type Payload } from "../github/app-harness.js";
import { mockCheckUpdates, mockComments, mockReviewInputs, recorder, type Recorded } from "../github/github-mock.js";

export interface SampleChange {
  repo: SampleRepository;
  base: string;
  head: string;
}

export function useSampleChange(): SampleChange {
  const change = {} as SampleChange;
  beforeEach(async () => {
    change.repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
    change.base = await change.repo.commit("base");
    await change.repo.write("src/domain/money.ts", "export type Money = number;\n");
    change.head = await change.repo.commit("head");
  });
  afterEach(async () => change.repo.dispose());
  return change;
}

/** The pull request (number 1) as GitHub's pulls.get answers it. */
export function pullRequestOf(change: SampleChange, number = 1): Record<string, unknown> {
  return pullRequestPayload("opened", { base: change.base, head: change.head }, { number }).pull_request;
}

/** The whole review of the change on check run `checkId`: it violates nothing, so no comment is written. */
export function mockQuietReview(change: SampleChange, checkId: number): Recorded {
  const rec = recorder();
  const { repo, base, head } = change;
  mockReviewInputs(rec, { checkId, number: 1, base: [base, tarballOf(repo.dir, base)], head: [head, tarballOf(repo.dir, head)] });
  mockComments(rec, 1, null, "none");
  mockCheckUpdates(rec, checkId);
  return rec;
}

/** The installation token request, noted in `order` when it is made. */
export function orderedToken(order: string[]): void {
  nock(API)
    .post("/app/installations/2/access_tokens")
    .reply(() => (order.push("token"), [200, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" }]));
}

/** pulls.get of the change's pull request, noted in `order` as `label`. */
export function orderedPullRequest(change: SampleChange, order: string[], label = "pulls.get"): void {
  nock(API)
    .get(`${REPO_PATH}/pulls/1`)
    .reply(() => (order.push(label), [200, pullRequestOf(change)]));
}

/** "Re-run" on the archreview check of the change's pull request. */
export function checkRunRerequested(change: SampleChange): Payload {
  const { base, head } = change;
  const payload = example("check_run", "rerequested");
  payload.check_run.name = "archreview";
  payload.check_run.head_sha = head;
  payload.repository = pullRequestPayload("opened", { base, head }).repository;
  payload.check_run.pull_requests = [{ number: 1, id: 1, url: "", head: { sha: head, ref: "x", repo: {} }, base: { sha: base, ref: "main", repo: {} } }];
  payload.installation = { id: 2, node_id: "x" };
  return payload;
}

/** "Re-run all" on the head's check suite, which lists no pull request (as for a fork's). */
export function checkSuiteRerequested(change: SampleChange): Payload {
  const payload = example("check_suite", "rerequested");
  payload.check_suite.head_sha = change.head;
  payload.check_suite.pull_requests = [];
  payload.repository = pullRequestPayload("opened", { base: change.base, head: change.head }).repository;
  payload.installation = { id: 2, node_id: "x" };
  return payload;
}
