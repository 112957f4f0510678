// The retry budget counts time on the wire, not time queued behind plugin-throttling's write
// queue: Probot's Octokit with the throttle on (writes spaced apart, one at a time), a burst of
// writes whose queue lasts longer than the budget, and every one of them still goes out.
import { describe, expect, it } from "@jest/globals";
import Bottleneck from "bottleneck";
import nock from "nock";
import { ProbotOctokit } from "probot";
import type { GitHubPolicy } from "../../../src/github/api/github-policy.js";
import type { GitHubClient } from "../../../src/github/api/client.js";
import { installResilience } from "../../../src/github/api/resilience.js";
import { API, REPO_PATH } from "../app-harness.js";
import { useNockScope } from "../../helpers/nock-scope.js";

const SPACING_MS = 20;
const WRITES = 40;
/** Far less than the queue the burst builds (WRITES x SPACING_MS = 800 ms at the least). */
const POLICY: GitHubPolicy = { retries: 3, timeoutMs: 300, downloadTimeoutMs: 500, budgetMs: 300, secondMs: 1 };

/** Probot's Octokit with its throttle on, writes spaced SPACING_MS apart (production: 1 s). */
function pacedClient(): GitHubClient {
  const write = new Bottleneck.Group({ maxConcurrent: 1, minTime: SPACING_MS });
  const Paced = ProbotOctokit.defaults((o: Record<string, unknown>) => ({
    ...o,
    retry: { retryAfterBaseValue: 1 },
    throttle: { ...(o.throttle as object), enabled: true, retryAfterBaseValue: 1, write },
  }));
  return installResilience(new Paced({ auth: { token: "ghs_test" } }) as unknown as GitHubClient, { policy: POLICY });
}

useNockScope();

describe("the retry budget and the write queue", () => {
  it("a burst of writes queued longer than the budget all go out", async () => {
    const octokit = pacedClient();
    const sentAt: number[] = [];
    nock(API)
      .patch(/\/repos\/Codertocat\/Hello-World\/check-runs\/\d+/)
      .times(WRITES)
      .reply(200, () => (sentAt.push(Date.now()), { id: 1 }));
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: WRITES }, (_, i) => octokit.request(`PATCH ${REPO_PATH}/check-runs/${i}`)),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    // The queue really was longer than the budget: the last write left after it was spent.
    expect((sentAt.at(-1) as number) - started).toBeGreaterThan(POLICY.budgetMs);
  });

  it("a 5xx is still retried within the budget once the request has left the queue", async () => {
    const octokit = pacedClient();
    nock(API).patch(`${REPO_PATH}/check-runs/7`).times(2).reply(502, "bad gateway");
    nock(API).patch(`${REPO_PATH}/check-runs/7`).reply(200, { id: 7 });
    const { data } = await octokit.request(`PATCH ${REPO_PATH}/check-runs/7`);
    expect(data).toEqual({ id: 7 });
  });
});
