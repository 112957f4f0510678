// A claim on a key for a window of time: the first taker within the window wins, every other
// caller is told no. In memory for one instance; redis-window-claims.ts shares them between the
// instances of a Redis deployment (the scheduler's own connection).

export interface WindowClaims {
  /** True (and the window starts) when `key` was not claimed within the last `windowMs`. */
  take(key: string, windowMs: number): Promise<boolean>;
  /** The claimed work did not happen after all: the next taker may claim `key` at once. */
  release(key: string): Promise<void>;
}

/** Per process; the oldest keys are dropped past `capacity` (a window then may start early, never late). */
export class MemoryWindowClaims implements WindowClaims {
  private readonly claimedAt = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly capacity = 10_000,
  ) {}

  async take(key: string, windowMs: number): Promise<boolean> {
    const now = this.now();
    const last = this.claimedAt.get(key);
    if (last !== undefined && now - last < windowMs) return false;
    this.claimedAt.delete(key);
    this.claimedAt.set(key, now);
    if (this.claimedAt.size > this.capacity) this.claimedAt.delete(this.claimedAt.keys().next().value as string);
    return true;
  }

  async release(key: string): Promise<void> {
    this.claimedAt.delete(key);
  }
}
