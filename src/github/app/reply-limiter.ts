// Replies anyone can provoke (`/archreview help`, an unknown command, a refused rescan) are posted
// at most once per pull request per window: a commenter cannot make the app spam a thread or
// spend its write quota. The claims are the scheduler's: in memory for one instance, in Redis
// (SET NX PX) when REDIS_URL makes several instances share the work.
import type { WindowClaims } from "../../jobs/window-claims.js";

export const REPLY_WINDOW_MS = 60 * 60_000;

export class ReplyLimiter {
  /** `claims`: read at each call (the Redis ones exist once the scheduler is built). */
  constructor(
    private readonly claims: () => WindowClaims,
    private readonly windowMs = REPLY_WINDOW_MS,
  ) {}

  /** True (and the window starts) when `key` got no reply within the window. */
  take(key: string): Promise<boolean> {
    return this.claims().take(`reply:${key}`, this.windowMs);
  }

  /** The reply was not queued after all: the next request may answer. */
  release(key: string): Promise<void> {
    return this.claims().release(`reply:${key}`);
  }
}
