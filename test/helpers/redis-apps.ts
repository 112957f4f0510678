// The setup of the Redis suites (`npm run test:redis`, REDIS_URL set) written once: an admin
// connection for the test to inspect Redis, and App instances in Redis mode whose schedulers
// (BullMQ queues, workers and connections) are closed after each test, so none outlives its file.
import { afterAll, afterEach, beforeAll } from "@jest/globals";
import { Redis } from "ioredis";
import { createTestApp, type RedisMode, type TestApp } from "../github/app-harness.js";

export interface RedisApps {
  readonly url: string;
  /** A plain connection to the same Redis, for what a test reads or plants itself. */
  readonly admin: Redis;
  /** An App instance in Redis mode; closed after the test. */
  app(mode: Omit<RedisMode, "url">): TestApp;
}

export function useRedisApps(): RedisApps {
  const url = process.env.REDIS_URL ?? "";
  const apps: TestApp[] = [];
  let admin: Redis | undefined;
  beforeAll(() => {
    if (!url) throw new Error("REDIS_URL is not set: run `REDIS_URL=redis://127.0.0.1:6379 npm run test:redis` with a Redis started");
    admin = new Redis(url);
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.scheduler.close()));
  });
  afterAll(() => admin?.disconnect());
  return {
    url,
    get admin() {
      return admin as Redis;
    },
    app(mode) {
      const app = createTestApp({ redis: { url, ...mode } });
      apps.push(app);
      return app;
    },
  };
}
