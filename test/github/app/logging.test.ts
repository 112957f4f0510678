// Secrets never reach the logs: every line the app writes, at trace level, through a review
// that succeeds and one that fails on a GitHub error, is searched for the token and the key.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../../src/cli/sample-repo.js";
import { API, PRIVATE_KEY, REPO_PATH, createTestApp, installationToken, pullRequestPayload, tarballOf } from "../app-harness.js";
import { mockCheckUpdates, mockComments, mockCompare, mockReviewInputs, recorder } from "../github-mock.js";
import { capturingLogger } from "../../helpers/captured-log.js";

let repo: SampleRepository;
let base: string;
let head: string;
const lines: string[] = [];
const capture = () => capturingLogger("trace", lines);

beforeEach(async () => {
  nock.disableNetConnect();
  lines.length = 0;
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  base = await repo.commit("base");
  await repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n');
  head = await repo.commit("head");
});

afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await repo.dispose();
});

function expectNoSecrets(): void {
  const all = lines.join("");
  expect(lines.length).toBeGreaterThan(2);
  expect(all).not.toContain("ghs_test");
  expect(all).not.toContain("PRIVATE KEY");
  expect(all).not.toContain(PRIVATE_KEY.split("\n")[1] as string);
}

describe("logs", () => {
  it("carry delivery, repository, PR, head, outcome and duration, and no token or key", async () => {
    const app = createTestApp({ log: capture() });
    const rec = recorder();
    installationToken();
    mockReviewInputs(rec, { checkId: 1, number: 1, base: [base, tarballOf(repo.dir, base)], head: [head, tarballOf(repo.dir, head)] });
    mockComments(rec, 1, null, "create");
    mockCheckUpdates(rec, 1);
    await app.receive("pull_request", pullRequestPayload("opened", { base, head }));
    const published = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === "Review published");
    expect(published).toEqual(expect.objectContaining({ delivery: "delivery-1", repo: "Codertocat/Hello-World", pr: 1, head, outcome: "reviewed", ms: expect.any(Number) }));
    expectNoSecrets();
  });

  it("keep secrets out of logged GitHub errors too", async () => {
    const app = createTestApp({ log: capture() });
    const rec = recorder();
    installationToken();
    nock(API).post(`${REPO_PATH}/check-runs`).reply(201, { id: 2 });
    mockCompare(base, head);
    nock(API).get(`${REPO_PATH}/tarball/${base}`).reply(500, { message: "Server Error" });
    mockCheckUpdates(rec, 2);
    mockComments(rec, 1, null, "create");
    await app.receive("pull_request", pullRequestPayload("opened", { base, head }));
    expect(rec.checkUpdates[0]).toEqual(expect.objectContaining({ conclusion: "neutral" }));
    expect(lines.some((l) => l.includes('"outcome":"unreviewable"'))).toBe(true);
    expectNoSecrets();
  });
});
