// Embedded mode after a crash: the reviews journaled on disk (started, check in progress, no job
// any more) are re-queued when the app starts again: the same check run is completed, a moved-on
// PR gets its new head reviewed, and a check already completed is left alone.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { DiskJournal } from "../../../src/jobs/disk-journal.js";
import type { ReviewPayload } from "../../../src/github/app/targets.js";
import { API, INSTALLATION, OWNER, REPO, REPO_PATH, createTestApp, installationToken, pullRequestPayload, tarballOf } from "../app-harness.js";
import { mockCheckUpdates, mockComments, mockReviewInputs, recorder, useGitHubMock, useLayeredRepo } from "../github-mock.js";

useGitHubMock();
const fixture = useLayeredRepo();
let stateDir: string;

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), "archreview-state-"));
});
afterEach(async () => rm(stateDir, { recursive: true, force: true }));

function interrupted(head: string, checkRunId: number): ReviewPayload {
  return {
    target: { repo: { owner: OWNER, repo: REPO }, number: 1, baseSha: fixture.base, headSha: head, draft: false, htmlUrl: `https://github.com/${OWNER}/${REPO}` },
    installationId: INSTALLATION,
    externalId: `pr-1:before-the-crash`,
    checkRunId,
    delivery: "before-the-crash",
    trigger: "synchronize",
  };
}

async function violatingHead(): Promise<string> {
  await fixture.repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = () => new MemoryUserRepository();\n');
  return fixture.repo.commit("head");
}

function servePull(head: string, state = "open"): void {
  const pr = pullRequestPayload("synchronize", { base: fixture.base, head }).pull_request;
  nock(API).get(`${REPO_PATH}/pulls/1`).reply(200, { ...pr, state });
}

describe("re-queueing reviews a crash interrupted (embedded journal)", () => {
  it("completes the same check run, once, and clears the journal", async () => {
    const head = await violatingHead();
    await new DiskJournal<ReviewPayload>(stateDir).put("interrupted", interrupted(head, 77));
    const rec = recorder();
    installationToken();
    nock(API).get(`${REPO_PATH}/check-runs/77`).reply(200, { id: 77, status: "in_progress", head_sha: head });
    servePull(head);
    mockReviewInputs(rec, { checkId: 77, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] }, { checkCreate: false });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 77);

    const app = createTestApp({ stateDir });
    expect(await app.recovered).toBe(1);
    await app.scheduler.onIdle();

    expect(rec.checkCreates).toHaveLength(0);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    expect(rec.commentCreates).toHaveLength(1);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it("closes the old check as superseded and reviews the PR's new head when it moved on meanwhile", async () => {
    const old = await violatingHead();
    await fixture.repo.write("src/domain/money.ts", "export type Money = number;\n");
    const current = await fixture.repo.commit("pushed while the app was down");
    await new DiskJournal<ReviewPayload>(stateDir).put("interrupted", interrupted(old, 77));
    const rec = recorder();
    installationToken();
    nock(API).get(`${REPO_PATH}/check-runs/77`).reply(200, { id: 77, status: "in_progress", head_sha: old });
    servePull(current);
    mockCheckUpdates(rec, 77);
    mockReviewInputs(rec, { checkId: 78, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [current, tarballOf(fixture.repo.dir, current)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 78);

    const app = createTestApp({ stateDir });
    expect(await app.recovered).toBe(1);
    await app.scheduler.onIdle();

    expect(rec.checkUpdates[0]).toEqual(expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: `Superseded by ${current.slice(0, 7)}` }) }));
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: current, status: "in_progress" })]);
    expect(rec.checkUpdates[1]).toEqual(expect.objectContaining({ status: "completed", conclusion: "failure" }));
    expect(String(rec.commentCreates[0]?.body)).toContain(`/blob/${current}/`);
  });

  it("leaves alone a check that was completed after all, and one of a closed PR gets a neutral end", async () => {
    const head = await violatingHead();
    const journal = new DiskJournal<ReviewPayload>(stateDir);
    await journal.put("done", interrupted(head, 77));
    await journal.put("closed", { ...interrupted(head, 80), target: { ...interrupted(head, 80).target, number: 1 } });
    const rec = recorder();
    installationToken();
    nock(API).get(`${REPO_PATH}/check-runs/77`).reply(200, { id: 77, status: "completed", head_sha: head });
    nock(API).get(`${REPO_PATH}/check-runs/80`).reply(200, { id: 80, status: "in_progress", head_sha: head });
    servePull(head, "closed");
    mockCheckUpdates(rec, 80);

    const app = createTestApp({ stateDir });
    expect(await app.recovered).toBe(0);
    await app.scheduler.onIdle();

    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: "Pull request closed" }) })]);
    expect(await readdir(stateDir)).toEqual([]);
  });
});
