// 200 pushes to one pull request, back to back, against a fake GitHub (nock) with Probot's write
// throttle on (writes one at a time, spaced apart; shrunk from 1 s to a few ms) and a retry budget
// far shorter than the burst: every check run created ends completed, the last head is reviewed,
// no head gets two check runs, and the journal is empty at the end.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import Bottleneck from "bottleneck";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import type { GitHubPolicy } from "../../../src/github/api/github-policy.js";
import type { Scheduler } from "../../../src/jobs/scheduler.js";
import { ReviewQueue } from "../../../src/jobs/queue.js";
import type { ReviewPayload } from "../../../src/github/app/targets.js";
import { createArchreview } from "../../../src/index.js";
import { API, OWNER, PRIVATE_KEY, REPO, REPO_PATH, installationToken, pullRequestPayload } from "../app-harness.js";
import { useLayeredRepo } from "../github-mock.js";
import { capturingLogger } from "../../helpers/captured-log.js";

const PUSHES = 200;
const POLICY: GitHubPolicy = { retries: 3, timeoutMs: 2_000, downloadTimeoutMs: 5_000, budgetMs: 500, secondMs: 1 };
const fixture = useLayeredRepo();
let stateDir: string;
const lines: string[] = [];

beforeEach(async () => {
  nock.disableNetConnect();
  lines.length = 0;
  stateDir = await mkdtemp(path.join(os.tmpdir(), "archreview-burst-"));
});
afterEach(async () => {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.enableNetConnect();
  await rm(stateDir, { recursive: true, force: true });
});

interface FakeRun {
  id: number;
  head_sha: string;
  external_id?: string;
  status: string;
  conclusion?: string;
  title?: string;
}

/** The endpoints a review uses, answered from state (check runs, comments) as GitHub would. */
function fakeGitHub(base: string, tarballFor: (sha: string) => Buffer) {
  const runs: FakeRun[] = [];
  const comments: { id: number; body: string; user: object }[] = [];
  nock(API)
    .persist()
    .post(`${REPO_PATH}/check-runs`)
    .reply(201, (_uri: string, body: Record<string, unknown>) => {
      const run: FakeRun = { id: runs.length + 1, head_sha: String(body.head_sha), status: String(body.status), ...(body.external_id ? { external_id: String(body.external_id) } : {}) };
      runs.push(run);
      return run;
    });
  nock(API)
    .persist()
    .patch(/\/repos\/Codertocat\/Hello-World\/check-runs\/\d+$/)
    .reply((uri: string, raw) => {
      const body = raw as Record<string, unknown>;
      const run = runs.find((r) => r.id === Number(uri.split("/").pop()));
      if (!run) return [404, { message: "Not Found" }] as [number, object];
      Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion, title: (body.output as { title?: string } | undefined)?.title ?? run.title });
      return [200, run] as [number, object];
    });
  nock(API)
    .persist()
    .get(/\/repos\/Codertocat\/Hello-World\/commits\/[0-9a-f]+\/check-runs/)
    .reply((uri: string) => {
      const sha = uri.split("/commits/")[1]?.split("/")[0];
      const found = runs.filter((r) => r.head_sha === sha);
      return [200, { total_count: found.length, check_runs: found.map((r) => ({ ...r, name: "archreview" })) }];
    });
  nock(API)
    .persist()
    .get(/\/repos\/Codertocat\/Hello-World\/compare\//)
    .reply(200, { merge_base_commit: { sha: base }, files: [] });
  nock(API)
    .persist()
    .get(/\/repos\/Codertocat\/Hello-World\/tarball\/[0-9a-f]+$/)
    .reply((uri: string) => [302, "", { Location: `https://codeload.github.com/x/${uri.split("/").pop()}` }]);
  nock("https://codeload.github.com")
    .persist()
    .get(/\/x\/[0-9a-f]+$/)
    .reply((uri: string) => [200, tarballFor(uri.split("/").pop() as string), { "content-type": "application/x-gzip" }]);
  nock(API).persist().get(`${REPO_PATH}/pulls/1/files`).query(true).reply(200, []);
  nock(API).persist().get(`${REPO_PATH}/issues/1/comments`).query(true).reply(200, () => comments);
  nock(API)
    .persist()
    .post(`${REPO_PATH}/issues/1/comments`)
    .reply(201, (_uri: string, body: Record<string, unknown>) => {
      const comment = { id: 9000 + comments.length, body: String(body.body), user: { login: "archreview[bot]", type: "Bot" } };
      comments.push(comment);
      return comment;
    });
  nock(API)
    .persist()
    .patch(/\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+$/)
    .reply((uri: string, raw) => {
      const body = raw as Record<string, unknown>;
      const comment = comments.find((c) => c.id === Number(uri.split("/").pop()));
      if (comment) comment.body = String(body.body);
      return [200, comment ?? {}];
    });
  return { runs, comments };
}

/** The app as in production, plugin-throttling on, only its spacing shrunk (writes 5 ms, notifications 10 ms). */
function pacedApp(): { probot: Probot; ready: Promise<Scheduler<ReviewPayload>> } {
  const write = new Bottleneck.Group({ maxConcurrent: 1, minTime: 5 });
  const notifications = new Bottleneck.Group({ maxConcurrent: 1, minTime: 10 });
  const Paced = ProbotOctokit.defaults((o: Record<string, unknown>) => ({
    ...o,
    retry: { retryAfterBaseValue: 1 },
    throttle: { ...(o.throttle as object), enabled: true, retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0, write, notifications },
  }));
  const log = capturingLogger("warn", lines);
  const probot = new Probot({ appId: 123, privateKey: PRIVATE_KEY, log: log as never, Octokit: Paced });
  let resolve: (s: Scheduler<ReviewPayload>) => void = () => undefined;
  const ready = new Promise<Scheduler<ReviewPayload>>((r) => (resolve = r));
  void probot.load(
    createArchreview({
      queue: new ReviewQueue(log, { concurrency: 2, settleMs: 150 }),
      cacheDir: null,
      stateDir,
      redisUrl: null,
      github: POLICY,
      now: () => new Date("2026-11-20T12:00:00Z"),
      onScheduler: (s) => resolve(s),
    }),
  );
  return { probot, ready };
}

describe(`a burst of ${PUSHES} pushes to one pull request, write throttle on`, () => {
  it("ends with every check run completed, the last head reviewed and the journal empty", async () => {
    await fixture.repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const v = () => new MemoryUserRepository();\n');
    const content = await fixture.repo.commit("the violating change");
    // 200 distinct heads with the same tree: GitHub's tarball of each has its own top folder.
    const heads = Array.from({ length: PUSHES }, (_, i) => (i + 1).toString(16).padStart(8, "0") + content.slice(8));
    const tarballFor = (sha: string) =>
      execFileSync("git", ["archive", "--format=tar.gz", `--prefix=${OWNER}-${REPO}-${sha.slice(0, 7)}/`, sha === fixture.base ? fixture.base : content], { cwd: fixture.repo.dir });
    installationToken();
    const github = fakeGitHub(fixture.base, tarballFor);
    const { probot, ready } = pacedApp();
    const scheduler = await ready;

    for (const [i, head] of heads.entries()) {
      await probot.receive({ name: "pull_request", id: `push-${i}`, payload: pullRequestPayload(i === 0 ? "opened" : "synchronize", { base: fixture.base, head }) } as never);
    }
    await scheduler.onIdle();

    const last = heads.at(-1) as string;
    expect(github.runs.filter((r) => r.status !== "completed")).toEqual([]);
    const perHead = new Map<string, number>();
    for (const run of github.runs) perHead.set(run.head_sha, (perHead.get(run.head_sha) ?? 0) + 1);
    expect([...perHead.values()].filter((n) => n > 1)).toEqual([]);
    expect(github.runs.filter((r) => r.head_sha === last)).toEqual([expect.objectContaining({ status: "completed", conclusion: "failure" })]);
    expect(github.runs.filter((r) => r.head_sha !== last).every((r) => r.title?.startsWith("Superseded by"))).toBe(true);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain(`/blob/${last}/`);
    expect(await readdir(stateDir)).toEqual([]);
    const warnings = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(warnings.filter((m) => /failed ambiguously|could not be completed|retry budget/i.test(m))).toEqual([]);
  });
});
