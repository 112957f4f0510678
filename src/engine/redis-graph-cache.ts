// The graph cache in Redis, for several app instances sharing their work. Entries expire
// (default 7 days, renewed on read); the memory bound is Redis's own (maxmemory + an LRU policy).
import type { Redis } from "ioredis";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { cacheKeyId, type GraphCache, type GraphCacheKey } from "./graph-cache.js";
import { importEsm } from "../extract/esm-import.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
/** How long a closing connection may take to end its socket (ioredis waits 2 s by default). */
const DISCONNECT_MS = 500;

export class RedisGraphCache implements GraphCache {
  private client: Promise<Redis> | null = null;

  constructor(
    private readonly url: string,
    private readonly ttlSeconds = 7 * 24 * 3600,
    private readonly prefix = "archreview:graph:",
  ) {}

  /** ioredis loads on the first command: a process that never reads the cache never loads it. */
  private connection(): Promise<Redis> {
    this.client ??= importEsm<typeof import("ioredis")>("ioredis").then(({ Redis }) => {
      // A cache must never stall a review: fail fast rather than queue commands while disconnected.
      const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 500, disconnectTimeout: DISCONNECT_MS, retryStrategy: (attempt) => (attempt > 2 ? null : 100) });
      // Connection errors surface as failed commands, which fall back to building the graph.
      redis.on("error", () => undefined);
      return redis;
    });
    return this.client;
  }

  async get<T>(key: GraphCacheKey): Promise<T | null> {
    try {
      const id = this.prefix + cacheKeyId(key);
      const redis = await this.connection();
      const data = await redis.getBuffer(id);
      if (!data) return null;
      await redis.expire(id, this.ttlSeconds);
      return JSON.parse((await gunzipAsync(data)).toString("utf8")) as T;
    } catch {
      return null; // unreachable or damaged: the review builds the graph itself
    }
  }

  async has(key: GraphCacheKey): Promise<boolean> {
    try {
      return (await (await this.connection()).exists(this.prefix + cacheKeyId(key))) === 1;
    } catch {
      return false;
    }
  }

  async set<T>(key: GraphCacheKey, value: T): Promise<void> {
    try {
      await (await this.connection()).set(this.prefix + cacheKeyId(key), await gzipAsync(Buffer.from(JSON.stringify(value))), "EX", this.ttlSeconds);
    } catch {
      // a cache that cannot be written only costs the next review some time
    }
  }

  /** Resolves once the connection has ended: ioredis's disconnect() leaves a timer running (up to its disconnectTimeout) otherwise. */
  async close(): Promise<void> {
    const redis = await this.client;
    // Already ended (the retries gave up): disconnect() would only arm that timer on the dead socket.
    if (!redis || redis.status === "end") return;
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<void>((resolve) => redis.once("end", () => resolve()));
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, DISCONNECT_MS + 50)));
    redis.disconnect();
    await Promise.race([ended, timedOut]);
    clearTimeout(timer);
  }
}
