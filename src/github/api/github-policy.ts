// How hard archreview tries when GitHub fails: per-request timeouts and the retry budget.
// Probot's plugin-retry does the backoff of 5xx answers; these numbers bound it and everything
// archreview retries itself (secondary rate limits, an expired token, ambiguous creates).

export interface GitHubPolicy {
  /** Retries after the first attempt of one request (so at most `retries + 1` attempts). */
  retries: number;
  /** One attempt of an API request: no answer (headers and body) by then counts as a failure. */
  timeoutMs: number;
  /** One attempt of a tarball download, body included (archives are large). */
  downloadTimeoutMs: number;
  /** No new attempt of a request starts later than this after its first (a retry-after beyond it is not waited for). */
  budgetMs: number;
  /**
   * Milliseconds per second that GitHub asks to wait (retry-after) and per step of archreview's
   * own backoff (1 s, 4 s, 9 s...). 1000 in production; tests shrink it.
   */
  secondMs: number;
}

export const DEFAULT_GITHUB_POLICY: GitHubPolicy = {
  retries: 3,
  timeoutMs: 30_000,
  downloadTimeoutMs: 300_000,
  budgetMs: 120_000,
  secondMs: 1000,
};

/** GitHub: without a retry-after, wait at least a minute after a secondary rate limit. */
export const SECONDARY_LIMIT_FALLBACK_SECONDS = 60;

/** Backoff before retry n (1-based), like plugin-retry's: 1, 4, 9... steps. */
export function backoffMs(policy: GitHubPolicy, retry: number): number {
  return retry * retry * policy.secondMs;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
