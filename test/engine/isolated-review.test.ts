// Runs the compiled worker (npm test builds first).
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { ConfigError } from "../../src/config/errors.js";
import { ReviewLimitExceeded, reviewInWorker } from "../../src/engine/isolated-review.js";
import { cpSync, writeFileSync } from "node:fs";
import { useDemoShortcutTrees } from "../helpers/demo-shortcut-trees.js";

const { request } = useDemoShortcutTrees("archreview-isolated-");

describe("reviewInWorker", () => {
  it("returns the same review as the engine, computed in a worker thread", async () => {
    const { review, config } = await reviewInWorker(request());
    expect(review.newViolations.map((v) => [v.rule, v.from, v.line])).toEqual([["domain-not-to-infrastructure", "src/domain/shortcut.ts", 1]]);
    expect(config.failOn).toBe("error");
  });

  it("ends a review that takes too long with a time-limit error", async () => {
    const error = await reviewInWorker(request(), { timeoutMs: 1, maxHeapMb: 2048 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewLimitExceeded);
    expect((error as ReviewLimitExceeded).limit).toBe("time");
  });

  it("ends a review that needs more memory than allowed with a memory-limit error", async () => {
    const error = await reviewInWorker(request(), { timeoutMs: 60_000, maxHeapMb: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewLimitExceeded);
    expect((error as ReviewLimitExceeded).limit).toBe("memory");
  });

  it("rebuilds a configuration error with its file and line", async () => {
    const broken = path.join(path.dirname(request().base.dir), "broken");
    cpSync(request().base.dir, broken, { recursive: true });
    writeFileSync(path.join(broken, ".github/archreview.yml"), "rules: 3\n");
    const error = await reviewInWorker({ ...request(), base: { sha: "c".repeat(40), dir: broken } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).detail).toEqual(expect.objectContaining({ file: ".github/archreview.yml", line: 1, key: "rules" }));
  });
});
