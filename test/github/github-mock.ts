// Nock interceptors for the GitHub endpoints a review uses; every write body is validated
// against GitHub's REST description and recorded for the test to inspect.
import { afterEach, beforeEach } from "@jest/globals";
import nock from "nock";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { API, REPO_PATH, serveTarball } from "./app-harness.js";
import { expectValidRequestBody } from "./openapi.js";
import { useNockScope } from "../helpers/nock-scope.js";

export interface Recorded {
  checkCreates: Record<string, unknown>[];
  checkUpdates: Record<string, unknown>[];
  commentCreates: Record<string, unknown>[];
  commentUpdates: Record<string, unknown>[];
}

/** Bodies GitHub's REST description rejects; a test's afterEach asserts it stays empty. */
export const invalidBodies: string[] = [];

export function recorder(): Recorded {
  return { checkCreates: [], checkUpdates: [], commentCreates: [], commentUpdates: [] };
}

function validated(method: "POST" | "PATCH", path: string, sink: Record<string, unknown>[]) {
  return (body: Record<string, unknown>): boolean => {
    try {
      expectValidRequestBody(method, path, body);
    } catch (error) {
      // Thrown inside nock it would surface as an obscure network error: collect it instead.
      invalidBodies.push(String((error as Error).message));
    }
    sink.push(body);
    return true;
  };
}

export function mockCheckCreate(rec: Recorded, id: number): void {
  nock(API)
    .post(`${REPO_PATH}/check-runs`, validated("POST", "/repos/{owner}/{repo}/check-runs", rec.checkCreates))
    .reply(201, { id });
}

export function mockCheckUpdates(rec: Recorded, id: number, times = 1): void {
  nock(API)
    .patch(`${REPO_PATH}/check-runs/${id}`, validated("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", rec.checkUpdates))
    .times(times)
    .reply(200, { id });
}

export interface ExistingComment {
  id: number;
  body: string;
}

export function mockComments(rec: Recorded, number: number, existing: ExistingComment | null, write: "create" | "update" | "none"): void {
  const listed = existing ? [{ id: existing.id, body: existing.body, user: { login: "archreview[bot]", type: "Bot" } }] : [];
  nock(API).get(`${REPO_PATH}/issues/${number}/comments`).query(true).reply(200, listed);
  if (write === "create") {
    nock(API)
      .post(`${REPO_PATH}/issues/${number}/comments`, validated("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", rec.commentCreates))
      .reply(201, { id: 9001 });
  }
  if (write === "update" && existing) {
    nock(API)
      .patch(`${REPO_PATH}/issues/comments/${existing.id}`, validated("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", rec.commentUpdates))
      .reply(200, { id: existing.id });
  }
}

export function mockPullFiles(number: number, files: { filename: string; status: string; previous_filename?: string }[] = []): void {
  nock(API).get(`${REPO_PATH}/pulls/${number}/files`).query(true).reply(200, files);
}

/**
 * GitHub's compare of the PR's base and head: `mergeBase` (default: the base itself, an ancestor
 * of the head) and the changed files (the tarball path reads only their number).
 */
export function mockCompare(base: string, head: string, options: { mergeBase?: string; files?: unknown[] } = {}): void {
  nock(API)
    .get(`${REPO_PATH}/compare/${base}...${head}`)
    .reply(200, { merge_base_commit: { sha: options.mergeBase ?? base }, files: options.files ?? [] });
}

/** The requests of one review, up to the comment: check created, compare, both tarballs, the PR's files. */
export function mockReviewInputs(rec: Recorded, options: { checkId: number; number: number; base: [string, Buffer]; head: [string, Buffer] }, what: { checkCreate?: boolean } = {}): void {
  // checkCreate false: a review resumed on the check run it already has.
  if (what.checkCreate !== false) mockCheckCreate(rec, options.checkId);
  mockCompare(options.base[0], options.head[0]);
  serveTarball(options.base[0], options.base[1]);
  serveTarball(options.head[0], options.head[1]);
  mockPullFiles(options.number);
}

/**
 * Registers the nock lifecycle every App test needs: no real network; after each test no mock
 * left pending and no request body GitHub's description rejects.
 */
export function useGitHubMock(options: { abortPending?: boolean } = {}): void {
  useNockScope({ ...options, leftovers: () => invalidBodies.splice(0) });
}

/** A fresh git repository holding the `layered` fixture (committed as `base`) for each test. */
export function useLayeredRepo(): { repo: SampleRepository; base: string } {
  const state = {} as { repo: SampleRepository; base: string };
  beforeEach(async () => {
    state.repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
    state.base = await state.repo.commit("base");
  });
  afterEach(async () => state.repo.dispose());
  return state;
}
