// A check's Re-run (check_run / check_suite rerequested) is acknowledged before any GitHub API call:
// the handler only queues it; the pull request look-ups follow in the background (issue 16, Why 7).
import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { API, REPO_PATH, createTestApp } from "./app-harness.js";
import { useGitHubMock } from "./github-mock.js";
import { checkRunRerequested, checkSuiteRerequested, mockQuietReview, orderedPullRequest, orderedToken, useSampleChange } from "../helpers/sample-change.js";

useGitHubMock();
const change = useSampleChange();

/** Every API call the Re-run makes, in the order made, into `order`. */
function orderedLookups(order: string[], options: { listPulls: boolean }): void {
  orderedToken(order);
  if (options.listPulls) {
    nock(API)
      .get(`${REPO_PATH}/pulls`)
      .query(true)
      .reply(() => (order.push("pulls.list"), [200, [{ number: 1, head: { sha: change.head } }]]));
  }
  orderedPullRequest(change, order);
}

describe("acknowledging a Re-run", () => {
  it("check_run.rerequested: acknowledged before the token and pulls.get; the review follows", async () => {
    const app = createTestApp();
    const order: string[] = [];
    orderedLookups(order, { listPulls: false });
    const rec = mockQuietReview(change, 21);
    await app.deliver("check_run", checkRunRerequested(change));
    order.push("acknowledged");
    await app.scheduler.onIdle();
    expect(order).toEqual(["acknowledged", "token", "pulls.get"]);
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: change.head })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("check_suite.rerequested of a fork PR: acknowledged before pulls.list finds it by its head", async () => {
    const app = createTestApp();
    const order: string[] = [];
    orderedLookups(order, { listPulls: true });
    const rec = mockQuietReview(change, 22);
    await app.deliver("check_suite", checkSuiteRerequested(change));
    order.push("acknowledged");
    await app.scheduler.onIdle();
    expect(order).toEqual(["acknowledged", "token", "pulls.list", "pulls.get"]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("processes GitHub's redelivery of a Re-run whose pull request could not be read", async () => {
    const app = createTestApp();
    const order: string[] = [];
    orderedToken(order);
    nock(API)
      .get(`${REPO_PATH}/pulls/1`)
      .reply(() => (order.push("pulls.get failed"), [404, { message: "Not Found" }]));
    await app.deliver("check_run", checkRunRerequested(change), "delivery-rerun");
    await app.scheduler.onIdle();
    expect(order).toEqual(["token", "pulls.get failed"]);
    // The failed look-up forgot the delivery: the same id is processed again, then ignored once queued.
    orderedPullRequest(change, order);
    const rec = mockQuietReview(change, 23);
    await app.deliver("check_run", checkRunRerequested(change), "delivery-rerun");
    await app.scheduler.onIdle();
    await app.deliver("check_run", checkRunRerequested(change), "delivery-rerun");
    await app.scheduler.onIdle();
    expect(order).toEqual(["token", "pulls.get failed", "pulls.get"]);
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: change.head })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });
});
