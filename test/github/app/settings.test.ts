import { describe, expect, it } from "@jest/globals";
import { maxWebhookBytesFromEnv, settingsFromEnv } from "../../../src/github/app/settings.js";

describe("settingsFromEnv", () => {
  it("uses the defaults, and the operator's values when given", () => {
    expect(settingsFromEnv({})).toEqual({
      limits: { maxArchiveBytes: 200 * 2 ** 20, maxFiles: 50_000, maxFileBytes: 5 * 2 ** 20, maxTotalBytes: 1024 * 2 ** 20, maxPrFiles: 3000 },
      isolation: { timeoutMs: 120_000, maxHeapMb: 2048 },
      concurrency: undefined,
      settleMs: 1500,
      github: { retries: 3, timeoutMs: 30_000, downloadTimeoutMs: 300_000, budgetMs: 120_000, secondMs: 1000 },
      cacheDir: expect.stringMatching(/archreview-graph-cache$/),
      redisUrl: null,
      role: "all",
      stateDir: expect.stringMatching(/archreview-state$/),
      jobLockMs: 30_000,
      redisPrefix: "archreview",
    });
    expect(settingsFromEnv({ ARCHREVIEW_STATE_DIR: "off" }).stateDir).toBeNull();
    const worker = settingsFromEnv({ REDIS_URL: "redis://r:6379", ARCHREVIEW_ROLE: "worker", ARCHREVIEW_JOB_LOCK_SECONDS: "5" });
    expect([worker.role, worker.jobLockMs]).toEqual(["worker", 5_000]);
    expect(settingsFromEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).redisUrl).toBe("redis://127.0.0.1:6379");
    expect(settingsFromEnv({ ARCHREVIEW_CACHE_DIR: "off" }).cacheDir).toBeNull();
    expect(settingsFromEnv({ ARCHREVIEW_CACHE_DIR: "/var/cache/ar" }).cacheDir).toBe("/var/cache/ar");
    const s = settingsFromEnv({ ARCHREVIEW_REVIEW_TIMEOUT_SECONDS: "30", ARCHREVIEW_MAX_FILES: "100", ARCHREVIEW_CONCURRENCY: "3", ARCHREVIEW_MAX_PR_FILES: "500" });
    expect([s.isolation.timeoutMs, s.limits.maxFiles, s.concurrency, s.limits.maxPrFiles]).toEqual([30_000, 100, 3, 500]);
    const g = settingsFromEnv({ ARCHREVIEW_GITHUB_RETRIES: "0", ARCHREVIEW_GITHUB_TIMEOUT_SECONDS: "5", ARCHREVIEW_GITHUB_DOWNLOAD_TIMEOUT_SECONDS: "60", ARCHREVIEW_GITHUB_RETRY_BUDGET_SECONDS: "20" }).github;
    expect(g).toEqual({ retries: 0, timeoutMs: 5_000, downloadTimeoutMs: 60_000, budgetMs: 20_000, secondMs: 1000 });
  });

  it("names the variable of a bad value", () => {
    expect(() => settingsFromEnv({ ARCHREVIEW_REVIEW_MEMORY_MB: "lots" })).toThrow('ARCHREVIEW_REVIEW_MEMORY_MB must be a positive number, got "lots"');
    expect(() => settingsFromEnv({ ARCHREVIEW_ROLE: "web" })).toThrow("ARCHREVIEW_ROLE=web needs REDIS_URL");
    expect(() => settingsFromEnv({ REDIS_URL: "redis://r:6379", ARCHREVIEW_ROLE: "boss" })).toThrow('ARCHREVIEW_ROLE must be all, web or worker, got "boss"');
    expect(() => settingsFromEnv({ ARCHREVIEW_MAX_PR_FILES: "0" })).toThrow('ARCHREVIEW_MAX_PR_FILES must be a positive number, got "0"');
    expect(() => settingsFromEnv({ ARCHREVIEW_GITHUB_RETRIES: "2.5" })).toThrow('ARCHREVIEW_GITHUB_RETRIES must be a whole number (0 or more), got "2.5"');
  });

  it("caps webhook bodies at GitHub's 25 MB unless the operator says otherwise", () => {
    expect(maxWebhookBytesFromEnv({})).toBe(25 * 2 ** 20);
    expect(maxWebhookBytesFromEnv({ ARCHREVIEW_MAX_WEBHOOK_MB: "1" })).toBe(2 ** 20);
    expect(() => maxWebhookBytesFromEnv({ ARCHREVIEW_MAX_WEBHOOK_MB: "none" })).toThrow('ARCHREVIEW_MAX_WEBHOOK_MB must be a positive number, got "none"');
  });
});
