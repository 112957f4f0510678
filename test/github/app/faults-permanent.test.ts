// Fault injection, continued (see faults.test.ts): GitHub failing for good, creates that failed
// although GitHub did them, and an installation token that stops working mid-review.
import { rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { COMMENT_MARKER } from "../../../src/report/markdown.js";
import { API, INSTALLATION, REPO_PATH, commentPayload, createTestApp, memoisedAnalysis, pullRequestPayload } from "../app-harness.js";
import {
  ATTEMPTS,
  COMMANDER,
  COMMENT_ID,
  TEST_POLICY,
  buildChangedFilesFixture,
  buildFixture,
  failAgain,
  mockCheckUpdate,
  mockCommentCreate,
  mockCommentList,
  mockReview,
  warmUpValidators,
  type Endpoint,
  type Fault,
  type Writes,
} from "../fault-mock.js";
import { useGitHubMock } from "../github-mock.js";
import { capturingLogger } from "../../helpers/captured-log.js";

let fixture: Awaited<ReturnType<typeof buildFixture>>;
// Every case reviews the same commits: the engine runs once, its outcome is replayed.
const analyse = memoisedAnalysis();
const lines: string[] = [];
const capture = () => capturingLogger("warn", lines);
const logged = (message: string) => lines.map((l) => JSON.parse(l) as { msg: string }).filter((l) => l.msg.includes(message));

beforeAll(async () => {
  warmUpValidators();
  fixture = await buildFixture();
});

useGitHubMock({ abortPending: true });
beforeEach(() => {
  lines.length = 0;
});

const opened = () => pullRequestPayload("opened", { base: fixture.base[0], head: fixture.head[0] });
const rescan = () => commentPayload("/archreview rescan", { login: COMMANDER });
const OLD_REPORT = { id: COMMENT_ID, body: `${COMMENT_MARKER}\nThe report on an older push.` };

type Completed = { status: string; conclusion: string; output: { title: string; summary: string } };
const completed = (writes: Writes) => writes.checkUpdates.filter((u) => u.status === "completed") as Completed[];

/** The failure path after the review gave up: the neutral check, then the failure comment. */
function mockFailurePath(writes: Writes, existing?: { id: number; body: string }): void {
  mockCheckUpdate(writes);
  mockCommentList(existing);
  if (existing) nock(API).patch(`${REPO_PATH}/issues/comments/${existing.id}`).reply(200, { id: existing.id });
  else mockCommentCreate(writes);
}

describe("permanent failures end in a neutral check naming the reason", () => {
  // [endpoint, fault, title of the neutral check]
  const reads: [Endpoint, Fault, string][] = [
    ["compare", "500", "GitHub answered 500 on comparing the pull request with its base"],
    ["compare", "403 secondary rate limit", "GitHub's secondary rate limit on comparing the pull request with its base"],
    ["tarball redirect", "500", "GitHub answered 500 on downloading the repository snapshot"],
    ["codeload download", "502", "GitHub answered 502 on downloading the repository snapshot"],
    ["codeload download", "stalled body", "GitHub did not answer in time on downloading the repository snapshot"],
    ["org config contents", "timeout", "GitHub did not answer in time on reading a configuration file"],
    ["pulls files list", "500", "GitHub answered 500 on listing the pull request's files"],
    ["pulls files list", "429", "GitHub's secondary rate limit on listing the pull request's files"],
    ["pulls files list", "403 secondary rate limit", "GitHub's secondary rate limit on listing the pull request's files"],
  ];
  it.each(reads)("%s answering %s on every attempt: neutral check and a comment saying why", async (endpoint, fault, title) => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    const writes = mockReview(fixture, { endpoint, fault, times: ATTEMPTS, permanent: true });
    mockFailurePath(writes);
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "neutral", output: { title, summary: expect.stringContaining(`(${ATTEMPTS} attempts)`) } })]);
    expect(writes.commentCreates).toEqual([{ body: expect.stringContaining(title) }]);
  });

  it("the blob of a changed file failing for good (merge base cached): neutral check naming it", async () => {
    const cached = await buildChangedFilesFixture();
    try {
      const app = createTestApp({ github: TEST_POLICY, analyse, cacheDir: cached.cacheDir });
      const scenario = { base: cached.base, head: cached.head, orgConfig: cached.orgConfig, changedFiles: cached.changedFiles };
      const writes = mockReview(scenario, { endpoint: "changed file blob", fault: "502", times: ATTEMPTS, permanent: true });
      mockFailurePath(writes);
      await app.receive("pull_request", pullRequestPayload("opened", { base: cached.base[0], head: cached.head[0] }, { changedFiles: cached.changedFiles.compare.files.length }));
      const title = "GitHub answered 502 on reading the changed files";
      expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "neutral", output: { title, summary: expect.stringContaining(`(${ATTEMPTS} attempts)`) } })]);
      expect(writes.commentCreates).toEqual([{ body: expect.stringContaining(title) }]);
    } finally {
      rmSync(path.dirname(cached.cacheDir), { recursive: true, force: true });
    }
  });

  it("a secondary rate limit asking to wait past the budget fails the request at once, without waiting", async () => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    const writes = mockReview(fixture, { endpoint: "pulls files list", fault: "403 secondary rate limit", times: 1, permanent: true, retryAfter: "86400" });
    mockFailurePath(writes);
    const started = Date.now();
    await app.receive("pull_request", opened());
    expect(Date.now() - started).toBeLessThan(TEST_POLICY.budgetMs);
    expect(completed(writes)[0]?.output.title).toBe("GitHub's secondary rate limit on listing the pull request's files");
    expect(completed(writes)[0]?.output.summary).toContain("retry after 86400 s");
  });

  it("issue comments list failing for good: the check is still completed neutral (the failure comment is given up and logged)", async () => {
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse });
    const writes = mockReview(fixture, { endpoint: "issue comments list", fault: "500", times: ATTEMPTS, permanent: true });
    mockCheckUpdate(writes);
    failAgain(writes, "issue comments list", "500", ATTEMPTS);
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: "GitHub answered 500 on listing the pull request's comments" }) })]);
    expect(logged("Could not update the comment")).toHaveLength(1);
  });

  it("comment create failing for good (ambiguously): looked up before every new attempt, never duplicated, the check completes neutral", async () => {
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse });
    const writes = mockReview(fixture, { endpoint: "comment create", fault: "502", times: ATTEMPTS, permanent: true });
    mockCheckUpdate(writes);
    // The failure comment: one list, then the same dance again.
    mockCommentList(undefined, ATTEMPTS);
    failAgain(writes, "comment create", "502", ATTEMPTS);
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: "GitHub answered 502 on creating the pull request comment" }) })]);
    expect(writes.failed).toHaveLength(2 * ATTEMPTS);
    expect(writes.commentCreates).toEqual([]);
  });

  it("comment update failing for good: the check completes neutral, the earlier report stays", async () => {
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse });
    const writes = mockReview({ ...fixture, existingComment: OLD_REPORT }, { endpoint: "comment update", fault: "500", times: ATTEMPTS, permanent: true });
    mockCheckUpdate(writes);
    mockCommentList(OLD_REPORT);
    failAgain(writes, "comment update", "500", ATTEMPTS);
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: "GitHub answered 500 on updating the pull request comment" }) })]);
    expect(writes.failed).toHaveLength(2 * ATTEMPTS);
  });

  it("check-runs update failing for good: the report is posted once, the final and the minimal completion are tried, then it is logged", async () => {
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse });
    const writes = mockReview(fixture, { endpoint: "check-runs update", fault: "500", times: 3 * ATTEMPTS, permanent: true });
    await app.receive("pull_request", opened());
    expect(writes.commentCreates).toHaveLength(1);
    expect(writes.failed.map((u) => u.conclusion)).toEqual([...Array(ATTEMPTS).fill("failure"), ...Array(2 * ATTEMPTS).fill("neutral")]);
    expect(logged("The check run could not be completed")).toHaveLength(1);
  });

  it("check-runs update exhausting the budget once: the check still ends completed, neutral, naming the reason; the report is not replaced", async () => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    const writes = mockReview(fixture, { endpoint: "check-runs update", fault: "502", times: ATTEMPTS });
    await app.receive("pull_request", opened());
    expect(writes.commentCreates).toEqual([{ body: expect.stringContaining("domain-not-to-infrastructure") }]);
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: "GitHub answered 502 on updating the check run" }) })]);
  });

  it("check-runs update refusing even the neutral reason: the minimal completion lands", async () => {
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse });
    const writes = mockReview(fixture, { endpoint: "check-runs update", fault: "500", times: 2 * ATTEMPTS });
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([
      expect.objectContaining({ conclusion: "neutral", output: { title: "archreview could not publish its result: GitHub answered 500 on updating the check run", summary: expect.stringContaining("GitHub answered 500") } }),
    ]);
    expect(logged("trying a minimal neutral completion")).toHaveLength(1);
  });

  it("check-runs create failing for good: the delivery is still acknowledged at once, nothing else is written", async () => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    const writes = mockReview(fixture, { endpoint: "check-runs create", fault: "500", times: ATTEMPTS, permanent: true });
    // The handler never waits for a write (fast acknowledgement); the queued job fails instead.
    await app.receive("pull_request", opened());
    expect(writes.failed).toHaveLength(ATTEMPTS);
    expect(writes.checkUpdates).toEqual([]);
  });

  it.each(["collaborator permission", "pulls get"] as const)("%s failing for good: the rescan fails before any check is created", async (endpoint) => {
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse });
    const writes = mockReview({ ...fixture, rescan: true }, { endpoint, fault: "500", times: ATTEMPTS, permanent: true });
    // The delivery is acknowledged before any API call (issue 16); the command fails in the background.
    await app.receive("issue_comment", rescan());
    expect(writes.checkCreates).toEqual([]);
    expect(logged("Could not start the review")).toHaveLength(1);
  });

  it("reactions failing for good: only the acknowledgement is lost, the rescan reviews", async () => {
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse });
    const writes = mockReview({ ...fixture, rescan: true }, { endpoint: "reactions", fault: "500", times: ATTEMPTS, permanent: true });
    await app.receive("issue_comment", rescan());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "failure" })]);
    expect(writes.commentCreates).toHaveLength(1);
    expect(logged("Could not react")).toHaveLength(1);
  });
});

describe("definite answers are not retried", () => {
  it("a 404 (no organisation config) is asked once: plugin-retry's per-request retries are not let loose on it", async () => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    // Without any config nothing is violated: a quiet, successful review.
    const writes = mockReview({ ...fixture, orgConfig: null, quiet: true });
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("a 422 on the comment create is final: no look-up, no second POST, a neutral check naming it", async () => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    const writes = mockReview(fixture, { endpoint: "comment create", fault: "422", times: 1, permanent: true });
    mockCheckUpdate(writes);
    mockCommentList(undefined);
    failAgain(writes, "comment create", "422", 1);
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: "GitHub answered 422 on creating the pull request comment" }) })]);
  });
});

describe("creates that failed although GitHub did them", () => {
  it("a comment POST answered 502 is found by its marker: not posted twice", async () => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    const writes = mockReview(fixture, { endpoint: "comment create", fault: "502", times: 1, permanent: true });
    // GitHub created it: the look-up lists it, with the body that was sent.
    nock(API)
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, () => [{ id: COMMENT_ID, body: writes.failed[0]?.body, user: { login: "archreview[bot]", type: "Bot" } }]);
    mockCheckUpdate(writes);
    await app.receive("pull_request", opened());
    expect(writes.failed).toHaveLength(1);
    expect(writes.commentCreates).toEqual([]);
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "failure" })]);
  });

  it("a check-run POST that timed out is found by its external id: no second run, the found one is completed", async () => {
    const app = createTestApp({ github: TEST_POLICY, analyse });
    const start = mockReview(fixture, { endpoint: "check-runs create", fault: "timeout", times: 1, permanent: true });
    nock(API)
      .get(`${REPO_PATH}/commits/${fixture.head[0]}/check-runs`)
      .query({ check_name: "archreview", filter: "all", per_page: "100" })
      .reply(200, () => ({ total_count: 2, check_runs: [{ id: 7, external_id: "pr-1:an-older-delivery" }, { id: 77, external_id: start.failed[0]?.external_id }] }));
    const rest = mockReview(fixture, undefined, { start: false, checkId: 77 });
    await app.receive("pull_request", opened());
    expect(start.failed).toEqual([expect.objectContaining({ external_id: expect.stringMatching(/^pr-1:delivery-\d+$/) })]);
    expect(start.checkCreates).toEqual([]);
    expect(completed(rest)).toEqual([expect.objectContaining({ conclusion: "failure" })]);
  });
});

describe("Probot's Octokit as shipped", () => {
  it("retries a 500 and waits out a secondary rate limit with its real timings, within the same budget", async () => {
    const app = createTestApp({ github: { ...TEST_POLICY, secondMs: 1000 }, analyse, productionOctokit: true });
    const writes = mockReview(fixture, [
      { endpoint: "pulls files list", fault: "500", times: 1 },
      { endpoint: "comment create", fault: "403 secondary rate limit", times: 1, retryAfter: "1" },
    ]);
    await app.receive("pull_request", opened());
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "failure" })]);
    expect(writes.commentCreates).toHaveLength(1);
  }, 30_000);
});

describe("installation token", () => {
  it("expired mid-review (GitHub answers 401 Bad credentials): a new token is fetched and the review completes", async () => {
    // The app holds a token it got ten minutes ago (old enough that auth-app does not wait out a
    // replication delay) and that GitHub has since stopped accepting. No clock is faked: a fake
    // Date left the real one cleared by Jest for timers that outlive the file (plugin-throttling's).
    const tokens = new Map<string, string>();
    const issuedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    tokens.set(String(INSTALLATION), ["ghs_old", issuedAt, new Date(Date.now() - 60_000).toISOString(), "all", "checks!,contents,issues!,pull_requests!", ""].join("|"));
    const app = createTestApp({ github: TEST_POLICY, log: capture(), analyse, tokenCache: { get: (key) => tokens.get(key), set: (key, value) => void tokens.set(key, value) } });
    nock(API).persist().get(/.*/).matchHeader("authorization", "token ghs_old").reply(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const writes = mockReview(fixture); // its token (ghs_test) is the renewed one
    await app.receive("pull_request", opened());
    expect(writes.checkCreates).toHaveLength(1);
    expect(completed(writes)).toEqual([expect.objectContaining({ conclusion: "failure" })]);
    expect(writes.commentCreates).toHaveLength(1);
    expect(logged("GitHub refused the installation token")).toHaveLength(1);
    expect(tokens.get(String(INSTALLATION))).toMatch(/^ghs_test\|/);
  });
});
