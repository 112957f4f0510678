import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { API, REPO_PATH, createTestApp, installationToken, pullRequestPayload, serveTarball, tarballOf } from "../app-harness.js";
import { mockCheckUpdates, mockComments, mockCompare, mockPullFiles, recorder, useGitHubMock, useLayeredRepo } from "../github-mock.js";

useGitHubMock();
const fixture = useLayeredRepo();

describe("bursts, supersede and dedupe", () => {
  it("turns a burst of 20 pushes into at most 2 reviews and few check runs, every one completed; the comment describes the last head", async () => {
    const heads: string[] = [];
    for (let i = 0; i < 20; i++) {
      await fixture.repo.write("src/domain/shortcut.ts", `import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const v${i} = () => new MemoryUserRepository();\n`);
      heads.push(await fixture.repo.commit(`push ${i}`));
    }
    const last = heads[19] as string;
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    let nextId = 100;
    const headOf = new Map<string, string>();
    // A push overtaken before its check run was created gets none (start-line.ts): at most 20.
    nock(API)
      .post(`${REPO_PATH}/check-runs`)
      .optionally()
      .times(20)
      .reply(201, (_uri: string, body: Record<string, unknown>) => {
        headOf.set(String(nextId), String(body.head_sha));
        return { id: nextId++ };
      });
    const completions = new Map<string, { conclusion?: string; output?: { title?: string } }>();
    nock(API)
      .patch(/\/repos\/Codertocat\/Hello-World\/check-runs\/\d+/)
      .optionally()
      .times(20)
      .reply(200, (uri: string, body: Record<string, unknown>) => {
        completions.set(uri.split("/").pop() as string, body as never);
        return {};
      });
    // The first push may start downloading before the second aborts it.
    const baseTarball = tarballOf(fixture.repo.dir, fixture.base);
    serveTarball(fixture.base, baseTarball);
    for (const sha of [heads[0] as string, fixture.base]) {
      nock(API).get(`${REPO_PATH}/tarball/${sha}`).optionally().reply(302, "", { Location: `https://codeload.github.com/x/${sha}` });
      nock("https://codeload.github.com").get(`/x/${sha}`).optionally().reply(200, sha === fixture.base ? baseTarball : tarballOf(fixture.repo.dir, sha));
    }
    mockPullFiles(1);
    nock(API).get(`${REPO_PATH}/pulls/1/files`).query(true).optionally().reply(200, []);
    // Every review starts with the compare; only the last one surely gets that far.
    mockCompare(fixture.base, last);
    nock(API).get(/\/compare\//).optionally().times(20).reply(200, { merge_base_commit: { sha: fixture.base }, files: [] });
    serveTarball(last, tarballOf(fixture.repo.dir, last));
    mockComments(rec, 1, null, "create");

    for (const head of heads) await app.deliver("pull_request", pullRequestPayload("synchronize", { base: fixture.base, head }));
    await app.queue.onIdle();

    const created = headOf.size;
    expect(created).toBeLessThan(20);
    expect(new Set(headOf.values()).size).toBe(created);
    // Every check run created is completed: the last head's with the review, the others superseded.
    expect([...completions.keys()].sort()).toEqual([...headOf.keys()].sort());
    const superseded = [...completions.values()].filter((o) => o.output?.title?.startsWith("Superseded by"));
    expect(superseded).toHaveLength(created - 1);
    const reviewed = [...completions.entries()].filter(([, o]) => o.conclusion === "failure");
    expect(reviewed.map(([id]) => headOf.get(id))).toEqual([last]);
    expect(rec.commentCreates).toHaveLength(1);
    expect(String(rec.commentCreates[0]?.body)).toContain(`/blob/${last}/`);
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toContain(`archreview_reviews_total{outcome="superseded"} ${created - 1}`);
    expect(metrics).toContain('archreview_reviews_total{outcome="reviewed"} 1');
  });

  it("handles a delivery only once", async () => {
    await fixture.repo.write("src/domain/money.ts", "export type Money = number;\n");
    const head = await fixture.repo.commit("head");
    const app = createTestApp();
    const rec = recorder();
    installationToken();
    nock(API).post(`${REPO_PATH}/check-runs`).reply(201, { id: 1 });
    mockCompare(fixture.base, head);
    serveTarball(fixture.base, tarballOf(fixture.repo.dir, fixture.base));
    serveTarball(head, tarballOf(fixture.repo.dir, head));
    mockPullFiles(1);
    mockComments(rec, 1, null, "none");
    mockCheckUpdates(rec, 1);
    const payload = pullRequestPayload("opened", { base: fixture.base, head });
    await app.deliver("pull_request", payload, "same-delivery");
    await app.deliver("pull_request", payload, "same-delivery");
    await app.queue.onIdle();
    expect(rec.checkUpdates).toHaveLength(1);
  });
});
