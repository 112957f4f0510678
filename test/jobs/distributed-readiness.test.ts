// Readiness in Redis mode needs no Redis to test: an unreachable one must make /healthz fail
// quickly with the reason, not hang (the client waits for a reconnect forever otherwise).
import { describe, expect, it } from "@jest/globals";
import { DistributedScheduler } from "../../src/jobs/distributed-scheduler.js";

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const steps = {
  start: async (p: unknown) => p,
  run: async () => true,
  superseded: async () => true,
  abandoned: async () => true,
  recover: async () => null,
  started: () => true,
};

describe("DistributedScheduler readiness", () => {
  it("reports an unreachable Redis instead of waiting for it", async () => {
    // Port 1 on the loopback: nothing listens there.
    const scheduler = new DistributedScheduler({ redisUrl: "redis://127.0.0.1:1", steps, log: silent, work: false, concurrency: 1, settleMs: 0 });
    try {
      await expect(scheduler.check()).rejects.toThrow(/Redis did not answer within 2 s/);
    } finally {
      await scheduler.close();
    }
  });
});
