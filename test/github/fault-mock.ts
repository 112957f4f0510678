// Nock interceptors for one whole review (or a rescan command and its review) in which one
// endpoint misbehaves: its first K calls fail with a chosen fault, then it answers like GitHub.
// Every write body, failed or not, is validated against GitHub's REST description; successful
// writes are recorded apart from failed ones, so a test can count what GitHub really accepted.
import { Readable } from "node:stream";
import nock from "nock";
import type { GitHubPolicy } from "../../src/github/api/github-policy.js";
import { API, OWNER, REPO_PATH, installationToken, pullRequestPayload } from "./app-harness.js";
import { mockChangedFiles, mockTarballs, type ChangedFilesAnswers } from "./fault-trees.js";
import { invalidBodies } from "./github-mock.js";
import { expectValidRequestBody } from "./openapi.js";
import { attemptsHeld, timeOutAttemptOf } from "../helpers/held-attempts.js";

export type Fault = "500" | "502" | "timeout" | "403 secondary rate limit" | "429" | "stalled body" | "422";
/** The faults every endpoint is tried with ("stalled body", headers then silence, is tried on a few). */
export const FAULTS: Fault[] = ["500", "502", "timeout", "403 secondary rate limit", "429"];
/** Faults after which GitHub may have done a write anyway. */
export const AMBIGUOUS = new Set<Fault>(["500", "502", "timeout", "stalled body"]);

export const ENDPOINTS = [
  "check-runs create",
  "check-runs update",
  "compare",
  "changed file contents",
  "changed file blob",
  "tarball redirect",
  "codeload download",
  "pulls files list",
  "issue comments list",
  "comment create",
  "comment update",
  "org config contents",
  "collaborator permission",
  "reactions",
  "pulls get",
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
/** Only the `/archreview rescan` command calls these before its review. */
export const COMMAND_ENDPOINTS = new Set<Endpoint>(["collaborator permission", "reactions", "pulls get"]);
/** Only a review whose merge base is cached calls these (fault-trees.ts, buildChangedFilesFixture). */
export const CHANGED_FILES_ENDPOINTS = new Set<Endpoint>(["changed file contents", "changed file blob"]);

/** Production's policy with test-sized times: attempts time out after 300 ms, waits are milliseconds. */
export const TEST_POLICY: GitHubPolicy = { retries: 3, timeoutMs: 300, downloadTimeoutMs: 500, budgetMs: 10_000, secondMs: 1 };
export const ATTEMPTS = TEST_POLICY.retries + 1;
/** A "timeout" fault answers this late, well past any attempt's timeout. */
const HANG_MS = 3_000;

export { CODELOAD, codeloadPath } from "./fault-trees.js";
export const CHECK_ID = 42;
export const COMMENT_ID = 9001;
export const COMMANDER = "lead";
export const SECONDARY_LIMIT = {
  message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  documentation_url: "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
};

/**
 * Answers the next `times` requests `interceptor` matches with `fault` (register it before the
 * good answer). `retryAfter`: the rate limits' retry-after (default 1 s for 403, 0 for 429).
 */
export function answerWith(interceptor: nock.Interceptor, fault: Fault, times: number, retryAfter?: string): void {
  const repeated = interceptor.times(times);
  if (fault === "500") repeated.reply(500, { message: "Server Error" });
  else if (fault === "502") repeated.reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", { "content-type": "text/html" });
  else if (fault === "timeout" && attemptsHeld()) repeated.reply(function (this: { req: Parameters<typeof timeOutAttemptOf>[0] }) {
    timeOutAttemptOf(this.req);
    return new Promise<never>(() => undefined); // no answer, ever: the attempt has timed out
  });
  else if (fault === "timeout") repeated.delay(HANG_MS).reply(200, {});
  else if (fault === "422") repeated.reply(422, { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "custom", message: "refused" }] });
  else if (fault === "stalled body" && attemptsHeld()) repeated.reply(200, function (this: { req: Parameters<typeof timeOutAttemptOf>[0] }) {
    const request = this.req;
    // Headers go out; the attempt times out once its body is waited for, and nothing comes.
    return new Readable({ read: () => timeOutAttemptOf(request) });
  }, { "content-length": "2" });
  else if (fault === "stalled body") repeated.delayBody(HANG_MS).reply(200, [], { "content-length": "2" });
  else if (fault === "403 secondary rate limit") repeated.reply(403, SECONDARY_LIMIT, { "retry-after": retryAfter ?? "1", "x-ratelimit-remaining": "4321" });
  else repeated.reply(429, SECONDARY_LIMIT, { "retry-after": retryAfter ?? "0" });
}

export interface Writes {
  checkCreates: Record<string, unknown>[];
  checkUpdates: Record<string, unknown>[];
  commentCreates: Record<string, unknown>[];
  commentUpdates: Record<string, unknown>[];
  /** Write attempts answered with a fault. */
  failed: Record<string, unknown>[];
}

type Method = "POST" | "PATCH";

function validated(method: Method, schemaPath: string, sink: Record<string, unknown>[]) {
  return (body: Record<string, unknown>): boolean => {
    try {
      expectValidRequestBody(method, schemaPath, body);
    } catch (error) {
      invalidBodies.push(String((error as Error).message));
    }
    sink.push(body);
    return true;
  };
}

const CHECK_RUNS = "/repos/{owner}/{repo}/check-runs";
const CHECK_RUN = "/repos/{owner}/{repo}/check-runs/{check_run_id}";
const COMMENTS = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
const COMMENT = "/repos/{owner}/{repo}/issues/comments/{comment_id}";
const REACTIONS = "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions";

export { buildChangedFilesFixture, buildFixture } from "./fault-trees.js";

export interface ReviewScenario {
  base: [sha: string, tarball: Buffer];
  head: [sha: string, tarball: Buffer];
  /** The organisation's `.github/archreview.yml` (the base tree has none, so it is fetched); null: 404. */
  orgConfig: string | null;
  /** The App's report from an earlier push: the review updates it instead of creating one. */
  existingComment?: { id: number; body: string };
  /** Started by `/archreview rescan` from COMMANDER rather than by a push. */
  rescan?: boolean;
  /** The review finds nothing to say (no config: nothing violated), so writes no comment. */
  quiet?: boolean;
  /** The merge base is cached (the app's cacheDir): the changed files are fetched one by one, not the tarballs. */
  changedFiles?: ChangedFilesAnswers;
}

/** Registers `good` unless mocking stopped; the endpoint's planned faults first. False once stopped. */
export type Step = (endpoint: Endpoint, fault: () => nock.Interceptor, good: () => void) => boolean;

export interface FaultPlan {
  endpoint: Endpoint;
  fault: Fault;
  /** How many calls fail before the endpoint answers. */
  times: number;
  /**
   * The endpoint never answers well: nothing after it in the review is mocked (the test mocks the
   * failure path itself), and the last ambiguous failure of a create is not followed by a look-up.
   */
  permanent?: boolean;
  /** For the rate limits: the retry-after GitHub sends. */
  retryAfter?: string;
}

export interface MockOptions {
  /** Mock the start too (token, rescan command, check-run create); false to begin at the snapshots. */
  start?: boolean;
  /** The check run the review completes. */
  checkId?: number;
}

export const orgConfigPath = `/repos/${OWNER}/.github/contents/${encodeURIComponent(".github/archreview.yml")}`;

/**
 * Every interceptor of one review, in the order the review calls them; each plan's failures come
 * first on its endpoint. With a permanent plan, mocking stops at the failing endpoint.
 */
export function mockReview(scenario: ReviewScenario, plans?: FaultPlan | FaultPlan[], options: MockOptions = {}): Writes {
  const planFor = (endpoint: Endpoint): FaultPlan | undefined => [plans ?? []].flat().find((p) => p.endpoint === endpoint);
  const writes: Writes = { checkCreates: [], checkUpdates: [], commentCreates: [], commentUpdates: [], failed: [] };
  const checkId = options.checkId ?? CHECK_ID;
  const start = options.start ?? true;
  let stopped = false;
  /** Registers `good` unless mocking stopped; `endpoint`'s faults first. False once stopped. */
  const step: Step = (endpoint: Endpoint, fault: () => nock.Interceptor, good: () => void): boolean => {
    if (stopped) return false;
    const plan = planFor(endpoint);
    if (plan) {
      answerWith(fault(), plan.fault, plan.times, plan.retryAfter);
      if (plan.permanent) {
        stopped = true;
        return false;
      }
    }
    good();
    return true;
  };
  /** Each ambiguous failure of a create is followed by a look-up, except a permanent failure's last. */
  const lookUps = (endpoint: Endpoint): number => {
    const plan = planFor(endpoint);
    return plan && AMBIGUOUS.has(plan.fault) ? plan.times - (plan.permanent ? 1 : 0) : 0;
  };
  const [headSha] = scenario.head;
  const [baseSha] = scenario.base;

  if (start) installationToken();
  if (start && scenario.rescan) {
    const permission = `${REPO_PATH}/collaborators/${COMMANDER}/permission`;
    step(
      "collaborator permission",
      () => nock(API).get(permission),
      () => nock(API).get(permission).reply(200, { permission: "write", role_name: "maintain", user: { login: COMMANDER } }),
    );
    const reactions = `${REPO_PATH}/issues/comments/555/reactions`;
    // A failed reaction does not stop the rescan: mocking goes on.
    const reactionPlan = planFor("reactions");
    if (reactionPlan && !stopped) answerWith(nock(API).post(reactions, validated("POST", REACTIONS, writes.failed)), reactionPlan.fault, reactionPlan.times, reactionPlan.retryAfter);
    if (!reactionPlan?.permanent && !stopped) nock(API).post(reactions, validated("POST", REACTIONS, [])).reply(201, { id: 1, content: "eyes" });
    step(
      "pulls get",
      () => nock(API).get(`${REPO_PATH}/pulls/1`),
      () => nock(API).get(`${REPO_PATH}/pulls/1`).reply(200, pullRequestPayload("opened", { base: baseSha, head: headSha }).pull_request),
    );
  }

  if (start) {
    const checkLookUps = lookUps("check-runs create");
    if (checkLookUps > 0 && !stopped) nock(API).get(`${REPO_PATH}/commits/${headSha}/check-runs`).query(true).times(checkLookUps).reply(200, { total_count: 0, check_runs: [] });
    step(
      "check-runs create",
      () => nock(API).post(`${REPO_PATH}/check-runs`, validated("POST", CHECK_RUNS, writes.failed)),
      () => nock(API).post(`${REPO_PATH}/check-runs`, validated("POST", CHECK_RUNS, writes.checkCreates)).reply(201, { id: checkId }),
    );
  }

  const comparePath = `${REPO_PATH}/compare/${baseSha}...${headSha}`;
  const compared = scenario.changedFiles?.compare ?? { merge_base_commit: { sha: baseSha }, files: [] };
  step("compare", () => nock(API).get(comparePath), () => nock(API).get(comparePath).reply(200, compared));
  // In the order a review asks: the changed files after the configuration (the cache key needs it).
  if (!scenario.changedFiles) mockTarballs(scenario, step, planFor("codeload download"), stopped);
  step(
    "org config contents",
    () => nock(API).get(orgConfigPath),
    () => (scenario.orgConfig === null ? nock(API).get(orgConfigPath).reply(404, { message: "Not Found" }) : nock(API).get(orgConfigPath).reply(200, scenario.orgConfig)),
  );
  if (scenario.changedFiles) mockChangedFiles(scenario.changedFiles, step);
  else {
    step(
      "pulls files list",
      () => nock(API).get(`${REPO_PATH}/pulls/1/files`).query(true),
      () => nock(API).get(`${REPO_PATH}/pulls/1/files`).query(true).reply(200, []),
    );
  }

  const existing = scenario.existingComment;
  const commentLookUps = lookUps("comment create");
  step(
    "issue comments list",
    () => nock(API).get(`${REPO_PATH}/issues/1/comments`).query(true),
    () => mockCommentList(existing, 1 + commentLookUps),
  );
  if (existing) {
    const path = `${REPO_PATH}/issues/comments/${existing.id}`;
    step(
      "comment update",
      () => nock(API).patch(path, validated("PATCH", COMMENT, writes.failed)),
      () => nock(API).patch(path, validated("PATCH", COMMENT, writes.commentUpdates)).reply(200, { id: existing.id }),
    );
  } else if (!scenario.quiet) {
    step(
      "comment create",
      () => nock(API).post(`${REPO_PATH}/issues/1/comments`, validated("POST", COMMENTS, writes.failed)),
      () => mockCommentCreate(writes),
    );
  }
  step(
    "check-runs update",
    () => nock(API).patch(`${REPO_PATH}/check-runs/${checkId}`, validated("PATCH", CHECK_RUN, writes.failed)),
    () => mockCheckUpdate(writes, checkId),
  );
  return writes;
}

/** The comment list: the App's earlier report if any, `times` times. */
export function mockCommentList(existing: { id: number; body: string } | undefined, times = 1): void {
  const listed = existing ? [{ id: existing.id, body: existing.body, user: { login: "archreview[bot]", type: "Bot" } }] : [];
  nock(API).get(`${REPO_PATH}/issues/1/comments`).query(true).times(times).reply(200, listed);
}

export function mockCommentCreate(writes: Writes): void {
  nock(API).post(`${REPO_PATH}/issues/1/comments`, validated("POST", COMMENTS, writes.commentCreates)).reply(201, { id: COMMENT_ID });
}

export function mockCheckUpdate(writes: Writes, id = CHECK_ID): void {
  nock(API).patch(`${REPO_PATH}/check-runs/${id}`, validated("PATCH", CHECK_RUN, writes.checkUpdates)).reply(200, { id });
}

/** `times` more failures of `endpoint` after the review's own (e.g. while posting the failure comment). */
export function failAgain(writes: Writes, endpoint: "issue comments list" | "comment create" | "comment update" | "check-runs update", fault: Fault, times: number, existingId = COMMENT_ID): void {
  if (endpoint === "issue comments list") answerWith(nock(API).get(`${REPO_PATH}/issues/1/comments`).query(true), fault, times);
  if (endpoint === "comment create") answerWith(nock(API).post(`${REPO_PATH}/issues/1/comments`, validated("POST", COMMENTS, writes.failed)), fault, times);
  if (endpoint === "comment update") answerWith(nock(API).patch(`${REPO_PATH}/issues/comments/${existingId}`, validated("PATCH", COMMENT, writes.failed)), fault, times);
  if (endpoint === "check-runs update") answerWith(nock(API).patch(`${REPO_PATH}/check-runs/${CHECK_ID}`, validated("PATCH", CHECK_RUN, writes.failed)), fault, times);
}

/**
 * Compiles the body validators up front: loading GitHub's 13 MB REST description blocks the event
 * loop for longer than a test attempt's timeout, which would time out the first write.
 */
export function warmUpValidators(): void {
  const ok = (method: Method, path: string, body: object) => validated(method, path, [])(body as Record<string, unknown>);
  ok("POST", CHECK_RUNS, { name: "archreview", head_sha: "a" });
  ok("PATCH", CHECK_RUN, { status: "completed", conclusion: "neutral" });
  ok("POST", COMMENTS, { body: "x" });
  ok("PATCH", COMMENT, { body: "x" });
  ok("POST", REACTIONS, { content: "eyes" });
}
