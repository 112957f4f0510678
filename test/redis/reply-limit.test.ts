// `/archreview help` answers at most once per pull request per hour across every instance of a
// Redis deployment: the claim is a SET NX PX in the scheduler's Redis (issue 16, Why 9).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import nock from "nock";
import { REPLY_WINDOW_MS } from "../../src/github/app/reply-limiter.js";
import { RedisWindowClaims } from "../../src/jobs/redis-window-claims.js";
import { API, REPO_PATH, commentPayload, installationToken } from "../github/app-harness.js";
import { useGitHubMock } from "../github/github-mock.js";
import { useRedisApps } from "../helpers/redis-apps.js";

const redis = useRedisApps();
useGitHubMock();

describe("RedisWindowClaims", () => {
  it("lets one taker claim a key per window, expiring with the window, and frees it on release", async () => {
    const prefix = `t-${randomUUID()}`;
    // Two instances: two connections, one Redis.
    const one = new RedisWindowClaims(redis.admin, prefix);
    const other = new RedisWindowClaims(redis.admin.duplicate(), prefix);
    expect(await one.take("k", 60_000)).toBe(true);
    expect(await other.take("k", 60_000)).toBe(false);
    expect(await one.take("k", 60_000)).toBe(false);
    const ttl = await redis.admin.pttl(`${prefix}:claim:k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await one.release("k");
    expect(await other.take("k", 60_000)).toBe(true);
    expect(await one.take("another", 60_000)).toBe(true);
    (other as unknown as { redis: Redis }).redis.disconnect();
  });
});

describe("/archreview help in Redis mode", () => {
  it("answers once per pull request per hour even when the requests reach different instances", async () => {
    const prefix = `t-${randomUUID()}`;
    const first = redis.app({ prefix });
    const second = redis.app({ prefix });
    installationToken();
    const replies: string[] = [];
    nock(API)
      .post(`${REPO_PATH}/issues/1/comments`, (body: { body: string }) => (replies.push(body.body), true))
      .times(3)
      .reply(201, { id: 1 });
    await first.receive("issue_comment", commentPayload("/archreview help", { login: "stranger" }));
    await second.receive("issue_comment", commentPayload("/archreview help", { login: "someone" }));
    await second.receive("issue_comment", commentPayload("/archreview nonsense", { login: "someone" }));
    await first.scheduler.onIdle();
    expect(replies).toEqual([expect.stringContaining("/archreview rescan")]);
    // Room was left for a reply per request (so a second reply would be seen): the unused room goes.
    nock.cleanAll();
    // The window is Redis's expiry on the PR's claim: an hour.
    const ttl = await redis.admin.pttl(`${prefix}:claim:reply:Codertocat/Hello-World#1:help`);
    expect(ttl).toBeGreaterThan(REPLY_WINDOW_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(REPLY_WINDOW_MS);
  });
});
