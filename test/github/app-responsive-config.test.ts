// One tenant's large config at base must not stall the others (issue 16, Why 5): configuration is
// read in a worker thread (the review's, or config-worker.ts), so while it is parsed the App keeps
// acknowledging and answering other deliveries. Expressed as an order of events, not a stopwatch:
// a config parsed on the main thread would be one synchronous step that no delivery could interleave.
import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { reviewInWorker } from "../../src/engine/isolated-review.js";
import { API, REPO_PATH, commentPayload, createTestApp, installationToken, pullRequestPayload, tarballOf } from "./app-harness.js";
import { mockCheckUpdates, mockComments, mockReviewInputs, recorder, useGitHubMock, useLayeredRepo } from "./github-mock.js";

useGitHubMock();
const fixture = useLayeredRepo();

// 20,000 boundaries, just under the 256 KB a config may have: the most a base config can make us parse.
const LARGE_CONFIG = `boundaries:\n${Array.from({ length: 20_000 }, (_, i) => `  b${i}: a`).join("\n")}\n`;

/** Turns the event loop until `done` (each turn is a chance for the App to run its callbacks). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe("a large config at base, in the App", () => {
  it("answers three other pull requests' deliveries while that config's review is under way", async () => {
    expect(Buffer.byteLength(LARGE_CONFIG)).toBeGreaterThan(200 * 1024);
    await fixture.repo.write(".github/archreview.yml", LARGE_CONFIG);
    const base = await fixture.repo.commit("large config at base");
    await fixture.repo.write("src/domain/money.ts", "export type Money = number;\n");
    const head = await fixture.repo.commit("change");
    const events: string[] = [];
    const app = createTestApp({
      analyse: (request, limits, signal) => {
        events.push("analysis started");
        return reviewInWorker(request, limits, signal).finally(() => events.push("analysis finished"));
      },
    });
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 31, number: 1, base: [base, tarballOf(fixture.repo.dir, base)], head: [head, tarballOf(fixture.repo.dir, head)] });
    mockCheckUpdates(rec, 31);
    mockComments(rec, 1, null, "none");
    const others = [2, 3, 4];
    for (const number of others) {
      nock(API)
        .post(`${REPO_PATH}/issues/${number}/comments`)
        .reply(() => (events.push(`PR ${number} answered`), [201, { id: number }]));
    }

    await app.deliver("pull_request", pullRequestPayload("opened", { base, head }));
    await until(() => events.includes("analysis started"));
    for (const number of others) {
      await app.deliver("issue_comment", commentPayload("/archreview help", { number }));
      events.push(`PR ${number} acknowledged`);
    }
    await until(() => events.filter((e) => e.endsWith("answered")).length === others.length || events.includes("analysis finished"));
    await app.scheduler.onIdle();

    const finished = events.indexOf("analysis finished");
    for (const number of others) {
      expect(events.indexOf(`PR ${number} acknowledged`)).toBeLessThan(finished);
      expect(events.indexOf(`PR ${number} answered`)).toBeLessThan(finished);
    }
    expect(events[0]).toBe("analysis started");
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ status: "completed" })]);
  });
});
