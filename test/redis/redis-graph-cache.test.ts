// Needs a real Redis: `npm run test:redis` with REDIS_URL set (.ci/run installs and starts one).
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { RedisGraphCache } from "../../src/engine/redis-graph-cache.js";

const url = process.env.REDIS_URL;
let admin: Redis;

beforeAll(async () => {
  if (!url) throw new Error("REDIS_URL is not set: start a Redis (redis-server --port 6379 --save '') and run `REDIS_URL=redis://127.0.0.1:6379 npm run test:redis`");
  admin = new Redis(url);
  await admin.flushdb();
});
afterAll(() => admin?.disconnect());

const key = (sha: string) => ({ repository: "acme/shop", sha, configHash: "c" });

describe("RedisGraphCache", () => {
  it("shares graphs between instances (two clients), with an expiry", async () => {
    const writer = new RedisGraphCache(url as string, 60);
    const reader = new RedisGraphCache(url as string, 60);
    const graph = { modules: ["a.ts", "b.ts"], edges: [{ from: "a.ts", to: "b.ts" }] };
    await writer.set(key("s1"), graph);
    expect(await reader.get(key("s1"))).toEqual(graph);
    expect(await reader.get(key("s2"))).toBeNull();
    expect([await reader.has(key("s1")), await reader.has(key("s2"))]).toEqual([true, false]);
    const ttl = await admin.ttl((await admin.keys("archreview:graph:*"))[0] as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    await Promise.all([writer.close(), reader.close()]);
  });

  it("degrades to no cache when Redis is unreachable, without throwing", async () => {
    const cache = new RedisGraphCache("redis://127.0.0.1:1", 60);
    await cache.set(key("x"), { a: 1 });
    expect(await cache.get(key("x"))).toBeNull();
    // close() returns once the connection has ended: no ioredis timer outlives it (Jest would wait for it).
    await cache.close();
  });
});
