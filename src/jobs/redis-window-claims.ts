// Window claims shared by every instance of a Redis deployment: SET NX with an expiry is atomic,
// so of several instances receiving the same kind of request, exactly one claim wins per window.
import type { Redis } from "ioredis";
import type { WindowClaims } from "./window-claims.js";

export class RedisWindowClaims implements WindowClaims {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(key: string): string {
    return `${this.prefix}:claim:${key}`;
  }

  async take(key: string, windowMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(key), "1", "PX", Math.max(1, Math.round(windowMs)), "NX")) === "OK";
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }
}
