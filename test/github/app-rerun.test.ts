// A check's Re-run (check_run / check_suite rerequested) is acknowledged before any GitHub API call:
// the handler only queues it; the pull request look-ups follow in the background (issue 16, Why 7).
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { API, REPO_PATH, createTestApp, example, pullRequestPayload, tarballOf, type Payload } from "./app-harness.js";
import { invalidBodies, mockCheckUpdates, mockComments, mockReviewInputs, recorder } from "./github-mock.js";

let repo: SampleRepository;
let base: string;
let head: string;

beforeEach(async () => {
  nock.disableNetConnect();
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  base = await repo.commit("base");
  await repo.write("src/domain/money.ts", "export type Money = number;\n");
  head = await repo.commit("head");
});

afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  await repo.dispose();
  expect(pending).toEqual([]);
  expect(invalidBodies.splice(0)).toEqual([]);
});

function expectReview(checkId: number): ReturnType<typeof recorder> {
  const rec = recorder();
  mockReviewInputs(rec, { checkId, number: 1, base: [base, tarballOf(repo.dir, base)], head: [head, tarballOf(repo.dir, head)] });
  mockComments(rec, 1, null, "none");
  mockCheckUpdates(rec, checkId);
  return rec;
}

/** Every API call the Re-run makes, in the order made, into `order`. */
function orderedLookups(order: string[], options: { listPulls: boolean }): void {
  nock(API)
    .post("/app/installations/2/access_tokens")
    .reply(() => (order.push("token"), [200, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" }]));
  if (options.listPulls) {
    nock(API)
      .get(`${REPO_PATH}/pulls`)
      .query(true)
      .reply(() => (order.push("pulls.list"), [200, [{ number: 1, head: { sha: head } }]]));
  }
  nock(API)
    .get(`${REPO_PATH}/pulls/1`)
    .reply(() => (order.push("pulls.get"), [200, pullRequestPayload("opened", { base, head }).pull_request]));
}

function checkRunRerequested(): Payload {
  const payload = example("check_run", "rerequested");
  payload.check_run.name = "archreview";
  payload.check_run.head_sha = head;
  payload.repository = pullRequestPayload("opened", { base, head }).repository;
  payload.check_run.pull_requests = [{ number: 1, id: 1, url: "", head: { sha: head, ref: "x", repo: {} }, base: { sha: base, ref: "main", repo: {} } }];
  payload.installation = { id: 2, node_id: "x" };
  return payload;
}

function checkSuiteRerequested(): Payload {
  const payload = example("check_suite", "rerequested");
  payload.check_suite.head_sha = head;
  payload.check_suite.pull_requests = [];
  payload.repository = pullRequestPayload("opened", { base, head }).repository;
  payload.installation = { id: 2, node_id: "x" };
  return payload;
}

describe("acknowledging a Re-run", () => {
  it("check_run.rerequested: acknowledged before the token and pulls.get; the review follows", async () => {
    const app = createTestApp();
    const order: string[] = [];
    orderedLookups(order, { listPulls: false });
    const rec = expectReview(21);
    await app.deliver("check_run", checkRunRerequested());
    order.push("acknowledged");
    await app.scheduler.onIdle();
    expect(order).toEqual(["acknowledged", "token", "pulls.get"]);
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: head })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("check_suite.rerequested of a fork PR: acknowledged before pulls.list finds it by its head", async () => {
    const app = createTestApp();
    const order: string[] = [];
    orderedLookups(order, { listPulls: true });
    const rec = expectReview(22);
    await app.deliver("check_suite", checkSuiteRerequested());
    order.push("acknowledged");
    await app.scheduler.onIdle();
    expect(order).toEqual(["acknowledged", "token", "pulls.list", "pulls.get"]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("processes GitHub's redelivery of a Re-run whose pull request could not be read", async () => {
    const app = createTestApp();
    const order: string[] = [];
    nock(API)
      .post("/app/installations/2/access_tokens")
      .reply(() => (order.push("token"), [200, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" }]));
    nock(API)
      .get(`${REPO_PATH}/pulls/1`)
      .reply(() => (order.push("pulls.get failed"), [404, { message: "Not Found" }]));
    await app.deliver("check_run", checkRunRerequested(), "delivery-rerun");
    await app.scheduler.onIdle();
    expect(order).toEqual(["token", "pulls.get failed"]);
    // The failed look-up forgot the delivery: the same id is processed again, then ignored once queued.
    nock(API)
      .get(`${REPO_PATH}/pulls/1`)
      .reply(() => (order.push("pulls.get"), [200, pullRequestPayload("opened", { base, head }).pull_request]));
    const rec = expectReview(23);
    await app.deliver("check_run", checkRunRerequested(), "delivery-rerun");
    await app.scheduler.onIdle();
    await app.deliver("check_run", checkRunRerequested(), "delivery-rerun");
    await app.scheduler.onIdle();
    expect(order).toEqual(["token", "pulls.get failed", "pulls.get"]);
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: head })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });
});
