import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { API, REPO_PATH, createTestApp, installationToken, pullRequestPayload, serveTarball, tarballOf } from "./app-harness.js";
import { mockCheckUpdates, mockComments, mockCompare, mockPullFiles, recorder, useGitHubMock, useLayeredRepo } from "./github-mock.js";

useGitHubMock();
const fixture = useLayeredRepo();

describe("bursts, supersede and dedupe", () => {
  it("turns a burst of 20 pushes into at most 2 reviews; the comment describes the last head", async () => {
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
    nock(API)
      .post(`${REPO_PATH}/check-runs`)
      .times(20)
      .reply(201, () => ({ id: nextId++ }));
    const completions = new Map<string, { conclusion?: string; output?: { title?: string } }>();
    nock(API)
      .patch(/\/repos\/Codertocat\/Hello-World\/check-runs\/\d+/)
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

    const outcomes = [...completions.values()];
    expect(outcomes).toHaveLength(20);
    const superseded = outcomes.filter((o) => o.output?.title?.startsWith("Superseded by"));
    expect(superseded).toHaveLength(19);
    expect(outcomes.filter((o) => o.conclusion === "failure")).toHaveLength(1);
    expect(rec.commentCreates).toHaveLength(1);
    expect(String(rec.commentCreates[0]?.body)).toContain(`/blob/${last}/`);
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toContain('archreview_reviews_total{outcome="superseded"} 19');
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
