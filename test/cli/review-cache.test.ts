// The graph cache: a second review of the same base reads only the changed files, and says the same.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { layeredRepo, reviewJson } from "./harness.js";

let repo: SampleRepository | undefined;
let cacheDir: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

describe("archreview review --cache-dir", () => {
  it("reuses the base graph: the next review reads only what changed and reports the same", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    cacheDir = mkdtempSync(path.join(os.tmpdir(), "archreview-cli-cache-"));
    await repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n');
    const first = await repo.commit("first push");
    await repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "@infra/memory-user-repository.js";\nexport const r = () => new MemoryUserRepository();\n');
    await repo.write("src/domain/money.ts", "export type Money = number;\n");
    const second = await repo.commit("second push");

    const cold = await reviewJson(repo, r.base, first, ["--cache-dir", cacheDir]);
    // Head in full; the base is derived from it, and the only change (an added file) needs no reading.
    expect(cold.review.stats.filesParsed).toBe(cold.review.stats.modulesHead);
    const warm = await reviewJson(repo, r.base, second, ["--cache-dir", cacheDir]);
    const uncached = await reviewJson(repo, r.base, second);
    expect(warm.review.stats.filesParsed).toBe(2); // the two files the second push changed
    const { stats: _w, ...warmReview } = warm.review;
    const { stats: _u, ...uncachedReview } = uncached.review;
    expect(warmReview).toEqual(uncachedReview);
    expect(warm.review.newViolations.map((v) => [v.from, v.line])).toEqual([["src/domain/shortcut.ts", 1]]);
  });
});
