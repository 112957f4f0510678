// Fault injection: the real app (probot.receive, the review in its worker) against nock, with
// Probot's Octokit retrying and throttling as in production (only the waits shrunk). For each
// endpoint a review uses and each kind of fault, the first calls fail and then GitHub answers:
// the review must still end with exactly one comment write and one completed check run.
// Permanent failures, ambiguous creates and token expiry: faults-permanent.test.ts.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { COMMENT_MARKER } from "../../../src/report/markdown.js";
import { commentPayload, createTestApp, memoisedAnalysis, pullRequestPayload } from "../app-harness.js";
import {
  CHANGED_FILES_ENDPOINTS,
  COMMAND_ENDPOINTS,
  COMMANDER,
  COMMENT_ID,
  ENDPOINTS,
  FAULTS,
  TEST_POLICY,
  buildChangedFilesFixture,
  buildFixture,
  mockReview,
  warmUpValidators,
  type Endpoint,
  type Fault,
  type ReviewScenario,
  type Writes,
} from "../fault-mock.js";
import { useGitHubMock } from "../github-mock.js";
import { attemptsTimedOut, useHeldAttempts } from "../../helpers/held-attempts.js";

let fixture: Awaited<ReturnType<typeof buildFixture>>;
/** The same change, its merge base cached: the changed files are fetched instead of the tarballs. */
let cached: Awaited<ReturnType<typeof buildChangedFilesFixture>>;
// Every case reviews the same commits: the engine runs once, its outcome is replayed.
const analyse = memoisedAnalysis();

beforeAll(async () => {
  warmUpValidators();
  fixture = await buildFixture();
  cached = await buildChangedFilesFixture();
});

afterAll(() => rmSync(path.dirname(cached.cacheDir), { recursive: true, force: true }));

useGitHubMock({ abortPending: true });
// Attempts time out when a fault holds them, never by the wall clock (robust under load).
useHeldAttempts(TEST_POLICY);

/** Exactly one check run created and completed (with `conclusion`), exactly one comment written. */
function expectOneReview(writes: Writes, conclusion: string): void {
  expect(writes.checkCreates).toHaveLength(1);
  expect(writes.checkUpdates.filter((u) => u.status === "completed")).toEqual([expect.objectContaining({ conclusion })]);
  expect(writes.commentCreates.length + writes.commentUpdates.length).toBe(1);
}

function scenarioFor(endpoint: Endpoint): ReviewScenario {
  if (CHANGED_FILES_ENDPOINTS.has(endpoint)) return { base: cached.base, head: cached.head, orgConfig: cached.orgConfig, changedFiles: cached.changedFiles };
  return {
    ...fixture,
    rescan: COMMAND_ENDPOINTS.has(endpoint),
    ...(endpoint === "comment update" ? { existingComment: { id: COMMENT_ID, body: `${COMMENT_MARKER}\nThe report on an older push.` } } : {}),
  };
}

const WRITES = new Set<Endpoint>(["check-runs create", "check-runs update", "comment create", "comment update", "reactions"]);
const TIMES = 2;

async function reviewDespite(endpoint: Endpoint, fault: Fault): Promise<void> {
  const scenario = scenarioFor(endpoint);
  const app = createTestApp({ github: TEST_POLICY, analyse, ...(scenario.changedFiles ? { cacheDir: cached.cacheDir } : {}) });
  const writes = mockReview(scenario, { endpoint, fault, times: TIMES });
  if (scenario.rescan) await app.receive("issue_comment", commentPayload("/archreview rescan", { login: COMMANDER }));
  else await app.receive("pull_request", pullRequestPayload("opened", { base: scenario.base[0], head: scenario.head[0] }, { changedFiles: scenario.changedFiles?.compare.files.length ?? 1 }));
  expectOneReview(writes, "failure");
  expect(writes.failed).toHaveLength(WRITES.has(endpoint) ? TIMES : 0);
  // The hangs were timed out by holding them (useHeldAttempts), not by a real clock.
  expect(attemptsTimedOut()).toBe(fault === "timeout" || fault === "stalled body" ? TIMES : 0);
}

describe("transient GitHub faults", () => {
  const cases = ENDPOINTS.flatMap((endpoint) => FAULTS.map((fault) => [endpoint, fault] as const));
  it.each(cases)("%s: the first 2 calls answer %s, the review still ends with one comment and one completed check", reviewDespite);

  // Headers arrive, then nothing: the attempt's timeout covers the body too (for the tarball,
  // streamed after the request returned, the download is started again).
  it.each(["codeload download", "pulls files list", "check-runs update", "changed file contents"] as const)("%s: the first 2 answers stall after their headers, the review still completes", (endpoint) =>
    reviewDespite(endpoint, "stalled body"),
  );
});
