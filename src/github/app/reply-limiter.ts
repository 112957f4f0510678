// Replies anyone can provoke (`/archreview help`, an unknown command, a refused rescan) are posted
// at most once per pull request per window: a commenter cannot make the app spam a thread or
// spend its write quota. In memory: with REDIS_URL, each instance answers at most once per window.

export const REPLY_WINDOW_MS = 60 * 60_000;

export class ReplyLimiter {
  private readonly lastReply = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = REPLY_WINDOW_MS,
    private readonly capacity = 10_000,
  ) {}

  /** True (and the window starts) when `key` got no reply within the window. */
  take(key: string): boolean {
    const now = this.now();
    const last = this.lastReply.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.lastReply.delete(key);
    this.lastReply.set(key, now);
    if (this.lastReply.size > this.capacity) this.lastReply.delete(this.lastReply.keys().next().value as string);
    return true;
  }

  /** The reply was not queued after all: the next request may answer. */
  release(key: string): void {
    this.lastReply.delete(key);
  }
}
