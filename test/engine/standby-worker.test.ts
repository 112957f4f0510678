// A review worker started before its request (the CLI starts it while it reads revisions): it takes
// the request as its first message and answers as a worker started with it does, under the same limits.
// Runs the compiled worker (npm test builds first).
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { useDemoShortcutTrees } from "../helpers/demo-shortcut-trees.js";
import { ReviewLimitExceeded, reviewInWorker, standbyReviewWorker } from "../../src/engine/isolated-review.js";
import { startStandbyWorker } from "../../src/engine/worker-limits.js";

const { request } = useDemoShortcutTrees("archreview-standby-");
const LIMITS = { timeoutMs: 60_000, maxHeapMb: 2048 };

describe("a standby review worker", () => {
  it("gives the review a worker started with the request gives, and reports its progress", async () => {
    const stages: string[] = [];
    const fresh = await reviewInWorker(request(), LIMITS);
    const early = await reviewInWorker(request(), LIMITS, undefined, (s) => stages.push(s), standbyReviewWorker(LIMITS));
    expect(early.review.newViolations.map((v) => [v.rule, v.from, v.line])).toEqual([["domain-not-to-infrastructure", "src/domain/shortcut.ts", 1]]);
    // Only the measured times differ.
    const untimed = (o: typeof fresh) => ({ ...o, timings: null, review: { ...o.review, stats: { ...o.review.stats, ms: 0 } } });
    expect(untimed(early)).toEqual(untimed(fresh));
    expect(stages).toContain("comparing");
  });

  it("is taken once, and only by a run of its script under its heap cap (else it is stopped)", async () => {
    const standby = startStandbyWorker("review-worker.js", 512);
    const taken = standby.take("review-worker.js", 512);
    expect(taken).not.toBeNull();
    expect(standby.take("review-worker.js", 512)).toBeNull();
    await taken?.terminate();
    const other = startStandbyWorker("review-worker.js", 512);
    expect(other.take("review-worker.js", 1024)).toBeNull();
  });

  it("keeps the time limit", async () => {
    const error = await reviewInWorker(request(), { timeoutMs: 1, maxHeapMb: 2048 }, undefined, undefined, standbyReviewWorker({ timeoutMs: 1, maxHeapMb: 2048 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewLimitExceeded);
    expect((error as ReviewLimitExceeded).limit).toBe("time");
  });

  it("keeps the memory limit, whether the standby ran out while loading or after its request", async () => {
    const limits = { timeoutMs: 60_000, maxHeapMb: 4 };
    const error = await reviewInWorker(request(), limits, undefined, undefined, standbyReviewWorker(limits)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewLimitExceeded);
    expect((error as ReviewLimitExceeded).limit).toBe("memory");
  });

  it("passes errors back as a worker started with the request does: a configuration error with its file and line", async () => {
    const broken = path.join(path.dirname(request().base.dir), "broken");
    cpSync(request().base.dir, broken, { recursive: true });
    writeFileSync(path.join(broken, ".github/archreview.yml"), "rules: 3\n");
    const error = await reviewInWorker({ ...request(), base: { sha: "c".repeat(40), dir: broken } }, LIMITS, undefined, undefined, standbyReviewWorker(LIMITS)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConfigError", detail: expect.objectContaining({ file: ".github/archreview.yml", line: 1, key: "rules" }) });
  });
});
