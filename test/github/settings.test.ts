import { describe, expect, it } from "@jest/globals";
import { settingsFromEnv } from "../../src/github/settings.js";

describe("settingsFromEnv", () => {
  it("uses the defaults, and the operator's values when given", () => {
    expect(settingsFromEnv({})).toEqual({
      limits: { maxArchiveBytes: 200 * 2 ** 20, maxFiles: 50_000, maxFileBytes: 5 * 2 ** 20, maxTotalBytes: 1024 * 2 ** 20 },
      isolation: { timeoutMs: 120_000, maxHeapMb: 2048 },
      concurrency: undefined,
      settleMs: 1500,
    });
    const s = settingsFromEnv({ ARCHREVIEW_REVIEW_TIMEOUT_SECONDS: "30", ARCHREVIEW_MAX_FILES: "100", ARCHREVIEW_CONCURRENCY: "3" });
    expect([s.isolation.timeoutMs, s.limits.maxFiles, s.concurrency]).toEqual([30_000, 100, 3]);
  });

  it("names the variable of a bad value", () => {
    expect(() => settingsFromEnv({ ARCHREVIEW_REVIEW_MEMORY_MB: "lots" })).toThrow('ARCHREVIEW_REVIEW_MEMORY_MB must be a positive number, got "lots"');
  });
});
