// Which file a worker starts from: the bundle `npm run build` writes (dist/engine/worker-bundle/),
// only when it is at least as new as tsc's compiled worker (a `tsc` alone leaves a stale bundle, not used);
// and the heap limits it starts with.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { bundledOrCompiled, startStandbyWorker, WORKER_BUNDLE_DIR } from "../../src/engine/worker-limits.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "archreview-worker-script-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `file` under dir with the given modification time (seconds since the epoch). */
function written(file: string, mtime: number): string {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, "");
  utimesSync(full, mtime, mtime);
  return full;
}

describe("bundledOrCompiled", () => {
  it("starts the compiled worker when there is no bundle", () => {
    const compiled = written("review-worker.js", 1_000);
    expect(bundledOrCompiled(dir, "review-worker.js")).toBe(compiled);
  });

  it("starts the bundle when it was built after the compiled worker, or at the same time", () => {
    written("review-worker.js", 1_000);
    const bundled = written(`${WORKER_BUNDLE_DIR}/review-worker.js`, 1_001);
    expect(bundledOrCompiled(dir, "review-worker.js")).toBe(bundled);
    utimesSync(bundled, 1_000, 1_000);
    expect(bundledOrCompiled(dir, "review-worker.js")).toBe(bundled);
  });

  it("ignores a bundle older than the compiled worker (tsc ran again, the bundle was not rebuilt)", () => {
    const compiled = written("review-worker.js", 2_000);
    written(`${WORKER_BUNDLE_DIR}/review-worker.js`, 1_000);
    expect(bundledOrCompiled(dir, "review-worker.js")).toBe(compiled);
  });

  it("starts the bundle when only it is there, and looks for a bundle of the named worker only", () => {
    const bundled = written(`${WORKER_BUNDLE_DIR}/review-worker.js`, 1_000);
    expect(bundledOrCompiled(dir, "review-worker.js")).toBe(bundled);
    const compiled = written("config-worker.js", 500);
    expect(bundledOrCompiled(dir, "config-worker.js")).toBe(compiled);
  });
});

describe("a review worker's resource limits", () => {
  it("cap the old generation at --max-memory (its meaning unchanged) and the young one at 8 MB", async () => {
    const worker = startStandbyWorker("review-worker.js", 512).take("review-worker.js", 512);
    if (worker === null) throw new Error("the standby worker was not usable");
    try {
      await new Promise((resolve) => worker.once("online", resolve));
      expect(worker.resourceLimits).toMatchObject({ maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 8 });
    } finally {
      await worker.terminate();
    }
  });
});
