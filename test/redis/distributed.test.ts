// Redis mode (REDIS_URL): reviews are BullMQ jobs. The real app in process, GitHub mocked with
// nock, a real Redis (`npm run test:redis`; .ci/run starts one). Each test has its own key prefix.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import type { ReviewPayload } from "../../src/github/app/targets.js";
import { API, INSTALLATION, OWNER, REPO, REPO_PATH, installationToken, pullRequestPayload, tarballOf } from "../github/app-harness.js";
import { mockCheckUpdates, mockComments, mockReviewInputs, recorder, useGitHubMock, useLayeredRepo } from "../github/github-mock.js";
import { useRedisApps } from "../helpers/redis-apps.js";

const redis = useRedisApps();
useGitHubMock();
const fixture = useLayeredRepo();

async function violatingHead(n = 0): Promise<string> {
  await fixture.repo.write("src/domain/shortcut.ts", `import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r${n} = () => new MemoryUserRepository();\n`);
  return fixture.repo.commit(`head ${n}`);
}

async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2400 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe("Redis mode (BullMQ)", () => {
  it("reviews a pull request through the queue: one check run, completed, and one comment", async () => {
    const head = await violatingHead();
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 41, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 41);
    const app = redis.app({ prefix: `t-${randomUUID()}` });
    await app.receive("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: head, status: "in_progress" })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    expect(rec.commentCreates).toHaveLength(1);
    expect(await app.metrics.registry.metrics()).toContain('archreview_reviews_total{outcome="reviewed"} 1');
  });

  it("collapses a burst of pushes: few check runs, every one completed, one review of the last head", async () => {
    const heads: string[] = [];
    for (let i = 0; i < 8; i++) heads.push(await violatingHead(i));
    const last = heads[7] as string;
    const rec = recorder();
    installationToken();
    let nextId = 100;
    const headOf = new Map<string, string>();
    // A push overtaken before its check run was created gets none (start-line.ts): at most 8.
    nock(API)
      .post(`${REPO_PATH}/check-runs`)
      .optionally()
      .times(8)
      .reply(201, (_uri: string, body: Record<string, unknown>) => {
        headOf.set(String(nextId), String(body.head_sha));
        return { id: nextId++ };
      });
    const completions = new Map<string, { conclusion?: string; output?: { title?: string } }>();
    nock(API)
      .patch(/\/repos\/Codertocat\/Hello-World\/check-runs\/\d+/)
      .optionally()
      .times(8)
      .reply(200, (uri: string, body: Record<string, unknown>) => {
        completions.set(uri.split("/").pop() as string, body as never);
        return {};
      });
    mockReviewInputs(rec, { checkId: 0, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [last, tarballOf(fixture.repo.dir, last)] }, { checkCreate: false });
    mockComments(rec, 1, null, "create");
    const app = redis.app({ prefix: `t-${randomUUID()}` });
    for (const head of heads) await app.deliver("pull_request", pullRequestPayload("synchronize", { base: fixture.base, head }));
    const reviewedHeads = () => [...completions.entries()].filter(([, o]) => o.conclusion === "failure").map(([id]) => headOf.get(id));
    await until(() => reviewedHeads().length > 0 && completions.size === headOf.size);
    await app.scheduler.onIdle();
    const created = headOf.size;
    expect(created).toBeLessThanOrEqual(8);
    expect(new Set(headOf.values()).size).toBe(created);
    // Every check run created is completed: the last head's with the review, the others superseded.
    expect([...completions.keys()].sort()).toEqual([...headOf.keys()].sort());
    expect([...completions.values()].filter((o) => o.output?.title?.startsWith("Superseded by"))).toHaveLength(created - 1);
    expect(reviewedHeads()).toEqual([last]);
    expect(String(rec.commentCreates[0]?.body)).toContain(`/blob/${last}/`);
  });

  it("lets one instance receive webhooks and another do the work", async () => {
    const head = await violatingHead();
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 42, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 42);
    const prefix = `t-${randomUUID()}`;
    const web = redis.app({ prefix, role: "web" });
    await web.deliver("pull_request", pullRequestPayload("opened", { base: fixture.base, head }));
    // Only queued: the web instance has no worker.
    expect(await web.scheduler.stats()).toEqual(expect.objectContaining({ waiting: 1, running: 0 }));
    expect(rec.checkCreates).toHaveLength(0);
    const worker = redis.app({ prefix, role: "worker" });
    await until(() => rec.checkUpdates.length > 0);
    await worker.scheduler.onIdle();
    expect(rec.checkCreates).toHaveLength(1);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "failure" })]);
    expect(rec.commentCreates).toHaveLength(1);
  });

  it("re-queues at start a started review whose job is gone, on the same check run", async () => {
    const head = await violatingHead();
    const prefix = `t-${randomUUID()}`;
    const payload: ReviewPayload = {
      target: { repo: { owner: OWNER, repo: REPO }, number: 1, baseSha: fixture.base, headSha: head, draft: false, htmlUrl: `https://github.com/${OWNER}/${REPO}` },
      installationId: INSTALLATION,
      externalId: "pr-1:lost",
      checkRunId: 77,
      delivery: "lost",
      trigger: "opened",
    };
    // What a started review leaves in Redis; its job vanished (e.g. Redis lost it).
    await redis.admin.hset(`${prefix}:journal`, "lost-token", JSON.stringify({ key: `${OWNER}/${REPO}#1`, label: head, group: String(INSTALLATION), payload }));
    const rec = recorder();
    installationToken();
    nock(API).get(`${REPO_PATH}/check-runs/77`).reply(200, { id: 77, status: "in_progress", head_sha: head });
    nock(API).get(`${REPO_PATH}/pulls/1`).reply(200, { ...pullRequestPayload("opened", { base: fixture.base, head }).pull_request, state: "open" });
    mockReviewInputs(rec, { checkId: 0, number: 1, base: [fixture.base, tarballOf(fixture.repo.dir, fixture.base)], head: [head, tarballOf(fixture.repo.dir, head)] }, { checkCreate: false });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 77);
    const app = redis.app({ prefix });
    expect(await app.recovered).toBe(1);
    await app.scheduler.onIdle();
    expect(rec.checkCreates).toHaveLength(0);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    expect(await redis.admin.hlen(`${prefix}:journal`)).toBe(0);
  });
});
