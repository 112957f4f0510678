import { describe, expect, it, jest } from "@jest/globals";
import nock from "nock";
import { parseCommand } from "../../../src/github/app/commands.js";
import { API, REPO_PATH, commentPayload, createTestApp, installationToken, pullRequestPayload } from "../app-harness.js";
import { useGitHubMock } from "../github-mock.js";
import { checkRunRerequested, checkSuiteRerequested, mockQuietReview, orderedPullRequest, orderedToken, pullRequestOf, useSampleChange } from "../../helpers/sample-change.js";

useGitHubMock();
const change = useSampleChange();

function permission(login: string, level: string, role = level): void {
  nock(API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission: level, role_name: role, user: { login } });
}

function pullRequest(number = 1): void {
  nock(API).get(`${REPO_PATH}/pulls/${number}`).reply(200, pullRequestOf(change, number));
}

describe("/archreview commands", () => {
  it("refuses a read-only commenter's rescan with a reply, and reviews nothing", async () => {
    const app = createTestApp();
    installationToken();
    permission("reader", "read");
    let reply = "";
    nock(API)
      .post(`${REPO_PATH}/issues/1/comments`, (body: { body: string }) => ((reply = body.body), true))
      .reply(201, { id: 1 });
    await app.receive("issue_comment", commentPayload("/archreview rescan", { login: "reader" }));
    expect(reply).toContain("only people with write access");
  });

  it("rescans for a maintainer: acknowledges with a reaction, then reviews the PR's head", async () => {
    const app = createTestApp();
    installationToken();
    permission("lead", "write", "maintain");
    nock(API).post(`${REPO_PATH}/issues/comments/555/reactions`, { content: "eyes" }).reply(201, { id: 1 });
    pullRequest();
    const rec = mockQuietReview(change, 11);
    await app.receive("issue_comment", commentPayload("Looks odd.\n/archreview rescan", { login: "lead" }));
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: change.head })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("ignores bots (and so itself) without a single API call", async () => {
    const app = createTestApp();
    await app.receive("issue_comment", commentPayload("/archreview rescan", { login: "archreview[bot]", type: "Bot" }));
    await app.receive("issue_comment", commentPayload("/archreview rescan", { login: "dependabot[bot]", type: "Bot" }));
  });

  it("answers help and unknown commands with the list of commands", async () => {
    const app = createTestApp();
    installationToken();
    const replies: string[] = [];
    // Two pull requests: on one, help and an unknown command share the once-an-hour reply.
    for (const number of [1, 2]) {
      nock(API)
        .post(`${REPO_PATH}/issues/${number}/comments`, (body: { body: string }) => (replies.push(body.body), true))
        .reply(201, { id: number });
    }
    await app.receive("issue_comment", commentPayload("/archreview help", { number: 1 }));
    await app.receive("issue_comment", commentPayload("/archreview deploy", { number: 2 }));
    expect(replies[0]).toContain("/archreview rescan");
    expect(replies[1]).toMatch(/Unknown command `deploy`[\s\S]*\/archreview rescan/);
  });

  it("ignores comments without a command and comments on issues", async () => {
    const app = createTestApp();
    await app.receive("issue_comment", commentPayload("Nice work, see /archreview docs later"));
    const onIssue = commentPayload("/archreview rescan");
    delete onIssue.issue.pull_request;
    await app.receive("issue_comment", onIssue);
  });
});

describe("re-run", () => {
  it("reviews the head again when the check's Re-run is requested", async () => {
    const app = createTestApp();
    installationToken();
    pullRequest();
    const rec = mockQuietReview(change, 12);
    await app.receive("check_run", checkRunRerequested(change));
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: change.head })]);
  });

  it("finds a fork PR by its head sha when the suite lists no pull requests", async () => {
    const app = createTestApp();
    installationToken();
    nock(API)
      .get(`${REPO_PATH}/pulls`)
      .query(true)
      .reply(200, [{ number: 1, head: { sha: change.head } }, { number: 2, head: { sha: "0".repeat(40) } }]);
    pullRequest();
    const rec = mockQuietReview(change, 13);
    await app.receive("check_suite", checkSuiteRerequested(change));
    expect(rec.checkUpdates).toHaveLength(1);
  });
});

describe("parseCommand", () => {
  it("reads the first /archreview line", () => {
    expect(parseCommand("/archreview rescan")).toEqual({ kind: "rescan" });
    expect(parseCommand("text\n  /ARCHREVIEW Rescan please")).toEqual({ kind: "rescan" });
    expect(parseCommand("/archreview")).toEqual({ kind: "help" });
    expect(parseCommand("/archreview nuke")).toEqual({ kind: "unknown", word: "nuke" });
    expect(parseCommand("see /archreview rescan")).toBeNull();
  });
});

describe("acknowledging commands and deliveries", () => {
  it("acknowledges a rescan before any GitHub API call; the permission check, reaction and pulls.get follow in the background", async () => {
    const app = createTestApp();
    const order: string[] = [];
    orderedToken(order);
    nock(API)
      .get(`${REPO_PATH}/collaborators/lead/permission`)
      .reply(() => (order.push("permission"), [200, { permission: "write", role_name: "write", user: { login: "lead" } }]));
    nock(API)
      .post(`${REPO_PATH}/issues/comments/555/reactions`)
      .reply(() => (order.push("reaction"), [201, { id: 1 }]));
    orderedPullRequest(change, order);
    const rec = mockQuietReview(change, 15);
    await app.deliver("issue_comment", commentPayload("/archreview rescan", { login: "lead" }));
    order.push("acknowledged");
    await app.scheduler.onIdle();
    expect(order).toEqual(["acknowledged", "token", "permission", "reaction", "pulls.get"]);
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: change.head })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("processes GitHub's redelivery of a delivery whose queueing failed, then ignores further copies", async () => {
    const app = createTestApp();
    await app.recovered;
    const submit = jest.spyOn(app.scheduler, "submit").mockRejectedValueOnce(new Error("queue unavailable"));
    const opened = pullRequestPayload("opened", { base: change.base, head: change.head });
    await expect(app.deliver("pull_request", opened, "delivery-lost")).rejects.toThrow("queue unavailable");
    installationToken();
    const rec = mockQuietReview(change, 16);
    await app.deliver("pull_request", opened, "delivery-lost");
    await app.scheduler.onIdle();
    await app.deliver("pull_request", opened, "delivery-lost");
    await app.scheduler.onIdle();
    expect(submit).toHaveBeenCalledTimes(2);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("processes the redelivery of a delivery whose check run could not be created", async () => {
    const app = createTestApp();
    installationToken();
    nock(API).post(`${REPO_PATH}/check-runs`).reply(422, { message: "Validation Failed" });
    const opened = pullRequestPayload("opened", { base: change.base, head: change.head });
    await app.deliver("pull_request", opened, "delivery-no-check");
    await app.scheduler.onIdle();
    const rec = mockQuietReview(change, 17);
    await app.deliver("pull_request", opened, "delivery-no-check");
    await app.scheduler.onIdle();
    expect(rec.checkCreates).toEqual([expect.objectContaining({ head_sha: change.head })]);
    expect(rec.checkUpdates).toEqual([expect.objectContaining({ conclusion: "success" })]);
  });

  it("answers /archreview help at most once per pull request per hour, from anyone", async () => {
    let clock = Date.parse("2026-11-20T12:00:00Z");
    const app = createTestApp({ now: () => new Date(clock) });
    installationToken();
    const replies: string[] = [];
    nock(API)
      .post(`${REPO_PATH}/issues/1/comments`, (body: { body: string }) => (replies.push(body.body), true))
      .times(2)
      .reply(201, { id: 1 });
    await app.receive("issue_comment", commentPayload("/archreview help", { login: "stranger" }));
    await app.receive("issue_comment", commentPayload("/archreview help", { login: "stranger" }));
    clock += 59 * 60_000;
    await app.receive("issue_comment", commentPayload("/archreview nonsense", { login: "someone-else" }));
    expect(replies).toHaveLength(1);
    clock += 2 * 60_000;
    await app.receive("issue_comment", commentPayload("/archreview help", { login: "stranger" }));
    expect(replies).toHaveLength(2);
    expect(replies.every((r) => r.includes("/archreview rescan"))).toBe(true);
  });

  it("refuses read-only commenters' rescans with one reply per pull request per hour", async () => {
    const app = createTestApp();
    installationToken();
    permission("reader", "read");
    permission("reader", "read");
    const replies: string[] = [];
    nock(API)
      .post(`${REPO_PATH}/issues/1/comments`, (body: { body: string }) => (replies.push(body.body), true))
      .reply(201, { id: 1 });
    await app.receive("issue_comment", commentPayload("/archreview rescan", { login: "reader" }));
    await app.receive("issue_comment", commentPayload("/archreview rescan", { login: "reader" }));
    expect(replies).toEqual([expect.stringContaining("only people with write access")]);
  });
});
