// The checks API down for longer than the retry budget: the review's check cannot be completed,
// so its journal entry stays; a new app instance on the same state dir recovers it and the check
// ends completed, with the review. No check is left in progress.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { DiskJournal } from "../../../src/jobs/disk-journal.js";
import type { ReviewPayload } from "../../../src/github/app/targets.js";
import { API, REPO_PATH, createTestApp, installationToken, memoisedAnalysis, pullRequestPayload, serveTarball } from "../app-harness.js";
import { ATTEMPTS, CHECK_ID, COMMENT_ID, TEST_POLICY, buildFixture, mockCheckUpdate, mockReview, orgConfigPath, warmUpValidators } from "../fault-mock.js";
import { useGitHubMock } from "../github-mock.js";

let fixture: Awaited<ReturnType<typeof buildFixture>>;
const analyse = memoisedAnalysis();
let stateDir: string;

beforeAll(async () => {
  warmUpValidators();
  fixture = await buildFixture();
});
useGitHubMock({ abortPending: true });
beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), "archreview-outage-"));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe("an outage of the checks API longer than the retry budget", () => {
  it("keeps the review in the journal, and the next instance completes its check", async () => {
    const [base, baseTarball] = fixture.base;
    const [head, headTarball] = fixture.head;
    // Every completion of the check answers 502, each with its full retry budget: the review's
    // result, its neutral "GitHub answered 502" replacement, and the minimal neutral last word.
    const first = mockReview(fixture, { endpoint: "check-runs update", fault: "502", times: 3 * ATTEMPTS, permanent: true });
    const crashed = createTestApp({ github: TEST_POLICY, analyse, stateDir });
    await crashed.receive("pull_request", pullRequestPayload("opened", { base, head }));

    expect(first.checkCreates).toHaveLength(1);
    expect(first.checkUpdates).toEqual([]);
    expect(first.failed.filter((w) => w.status === "completed")).toHaveLength(3 * ATTEMPTS);
    const kept = await new DiskJournal<ReviewPayload>(stateDir).list();
    expect(kept.map((e) => e.payload.checkRunId)).toEqual([CHECK_ID]);

    // GitHub is back. A new instance, same state dir: the check is still in progress, the PR open
    // on the same head, so the same check is reviewed again and completed.
    const second = { checkUpdates: [] as Record<string, unknown>[], checkCreates: [], commentCreates: [], commentUpdates: [], failed: [] };
    installationToken();
    nock(API).get(`${REPO_PATH}/check-runs/${CHECK_ID}`).reply(200, { id: CHECK_ID, status: "in_progress", head_sha: head });
    nock(API).get(`${REPO_PATH}/pulls/1`).reply(200, pullRequestPayload("opened", { base, head }).pull_request);
    nock(API).get(`${REPO_PATH}/compare/${base}...${head}`).reply(200, { merge_base_commit: { sha: base }, files: [] });
    serveTarball(base, baseTarball);
    serveTarball(head, headTarball);
    nock(API).get(orgConfigPath).reply(200, fixture.orgConfig);
    nock(API).get(`${REPO_PATH}/pulls/1/files`).query(true).reply(200, []);
    // The report the first instance posted is there already, unchanged: no comment write.
    const posted = String(first.commentCreates[0]?.body);
    nock(API)
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [{ id: COMMENT_ID, body: posted, user: { login: "archreview[bot]", type: "Bot" } }]);
    mockCheckUpdate(second, CHECK_ID);

    const restarted = createTestApp({ github: TEST_POLICY, analyse, stateDir });
    expect(await restarted.recovered).toBe(1);
    await restarted.scheduler.onIdle();

    expect(second.checkUpdates).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it("keeps the entry when the old check still cannot be closed at recovery, and closes it at the next start", async () => {
    const [base] = fixture.base;
    const [head] = fixture.head;
    const closed = { ...pullRequestPayload("closed", { base, head }).pull_request, state: "closed" };
    await new DiskJournal<ReviewPayload>(stateDir).put("interrupted", {
      target: { repo: { owner: "Codertocat", repo: "Hello-World" }, number: 1, baseSha: base, headSha: head, draft: false, htmlUrl: "https://github.com/Codertocat/Hello-World" },
      installationId: 2,
      externalId: "pr-1:outage",
      checkRunId: CHECK_ID,
      delivery: "outage",
      trigger: "opened",
    });
    const writes = { checkUpdates: [] as Record<string, unknown>[], checkCreates: [], commentCreates: [], commentUpdates: [], failed: [] };
    installationToken();
    nock(API).get(`${REPO_PATH}/check-runs/${CHECK_ID}`).times(2).reply(200, { id: CHECK_ID, status: "in_progress", head_sha: head });
    nock(API).get(`${REPO_PATH}/pulls/1`).times(2).reply(200, closed);
    // Still down at the first recovery: both the closing and its minimal form answer 502 every time.
    nock(API).patch(`${REPO_PATH}/check-runs/${CHECK_ID}`).times(2 * ATTEMPTS).reply(502, "bad gateway");

    const stillDown = createTestApp({ github: TEST_POLICY, stateDir });
    expect(await stillDown.recovered).toBe(0);
    expect((await new DiskJournal<ReviewPayload>(stateDir).list()).map((e) => e.id)).toEqual(["interrupted"]);

    installationToken();
    mockCheckUpdate(writes, CHECK_ID);
    const back = createTestApp({ github: TEST_POLICY, stateDir });
    expect(await back.recovered).toBe(0);
    expect(writes.checkUpdates).toEqual([expect.objectContaining({ status: "completed", conclusion: "neutral", output: expect.objectContaining({ title: "Pull request closed" }) })]);
    expect(await readdir(stateDir)).toEqual([]);
  });
});
