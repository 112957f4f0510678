// A branch is reviewed from its merge base with --base (what `git diff main...feature` shows), so
// what main gained or lost since the branch point is never the branch's; --no-merge-base compares
// main's tip itself.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { EMPTY_TREE } from "../../src/git/git.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import type { Review } from "../../src/core/model.js";
import { cli, layeredRepo, reviewJson } from "./harness.js";

let repo: SampleRepository | undefined;
let cacheDir: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

const SHORTCUT = 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = () => new MemoryUserRepository();\n';
const CYCLE_A = 'import { b } from "./b.js";\nexport const a = () => b;\n';
const CYCLE_B = 'import { a } from "./a.js";\nexport const b = () => a;\n';
const CLEAN = "export type Money = number;\n";

const withoutTiming = ({ stats: { ms: _ms, ...stats }, ...rest }: Review) => ({ ...rest, stats });

/** feature branches off `branchPoint` with a clean change; main then commits `onMain`. */
async function diverged(prepare: (r: SampleRepository) => Promise<void>, onMain: (r: SampleRepository) => Promise<void>) {
  const r = await layeredRepo();
  repo = r.repo;
  await prepare(repo);
  const branchPoint = await repo.commit("branch point");
  await repo.checkout(branchPoint, "feature");
  await repo.write("src/domain/money.ts", CLEAN);
  const feature = await repo.commit("feature: a clean change");
  await repo.checkout("main");
  await onMain(repo);
  const main = await repo.commit("main moves on");
  return { repo, branchPoint, feature, main };
}

function expectNothingOfMain(review: Review): void {
  expect(review.newViolations).toEqual([]);
  expect(review.resolvedViolations).toEqual([]);
  expect(review.newCycles).toEqual([]);
  expect(review.boundaryChanges).toEqual([]);
  expect(review.edgesAdded).toEqual([]);
  expect(review.edgesRemoved).toEqual([]);
  expect(review.adr).toBeNull();
  expect(review.notices.join("\n")).not.toContain("merge base");
}

describe("archreview review: the branch's change starts at its merge base with --base", () => {
  it("does not report a violation and a cycle main added after the branch point as resolved by the branch", async () => {
    const d = await diverged(
      async () => {},
      async (r) => {
        await r.write("src/domain/shortcut.ts", SHORTCUT);
        await r.write("src/domain/a.ts", CYCLE_A);
        await r.write("src/domain/b.ts", CYCLE_B);
      },
    );
    const { code, review } = await reviewJson(d.repo, "main", "feature");
    expect(code).toBe(0);
    expect([review.base, review.head]).toEqual([d.branchPoint, d.feature]);
    expectNothingOfMain(review);
    expect(review.blastRadius.changedModules).toBe(1); // src/domain/money.ts only

    const direct = await reviewJson(d.repo, "main", "feature", ["--no-merge-base"]);
    expect(direct.review.base).toBe(d.main);
    expect(direct.review.resolvedViolations.map((v) => [v.rule, v.from])).toEqual([["domain-not-to-infrastructure", "src/domain/shortcut.ts"]]);
    expect(direct.review.boundaryChanges).toEqual([expect.objectContaining({ kind: "removed-dependency", from: "domain", to: "infrastructure" })]);
    expect(direct.review.edgesRemoved).toHaveLength(3);

    const text = await cli(["review", "--repo", d.repo.dir, "--base", "main", "--head", "feature", "--no-cache"], d.repo.dir);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toBe(`Reviewing feature (${d.feature.slice(0, 7)}) against main (merge base ${d.branchPoint.slice(0, 7)})`);
    expect(lines.at(-2)).toMatch(new RegExp(`^base ${d.branchPoint.slice(0, 7)} → head ${d.feature.slice(0, 7)} `));
    const textDirect = await cli(["review", "--repo", d.repo.dir, "--base", "main", "--head", "feature", "--no-cache", "--no-merge-base"], d.repo.dir);
    expect(textDirect.stdout.split("\n")[0]).toBe(`Reviewing feature (${d.feature.slice(0, 7)}) against main (${d.main.slice(0, 7)}, compared directly)`);
  });

  it("does not report a violation and a cycle main fixed after the branch point as re-added by the branch", async () => {
    const d = await diverged(
      async (r) => {
        await r.write("src/domain/shortcut.ts", SHORTCUT);
        await r.write("src/domain/a.ts", CYCLE_A);
        await r.write("src/domain/b.ts", CYCLE_B);
      },
      async (r) => {
        await r.remove("src/domain/shortcut.ts");
        await r.write("src/domain/b.ts", "export const b = () => 1;\n");
      },
    );
    const { code, review } = await reviewJson(d.repo, "main", "feature");
    expect(code).toBe(0);
    expect(review.base).toBe(d.branchPoint);
    expectNothingOfMain(review);

    const direct = await reviewJson(d.repo, "main", "feature", ["--no-merge-base"]);
    expect(direct.code).toBe(1);
    expect(direct.review.newViolations.map((v) => [v.rule, v.from])).toEqual([["domain-not-to-infrastructure", "src/domain/shortcut.ts"]]);
    expect(direct.review.newCycles.map((c) => [...c.modules].sort())).toEqual([["src/domain/a.ts", "src/domain/b.ts"]]);
    expect(direct.review.boundaryChanges.map((c) => [c.kind, c.from, c.to])).toEqual([["new-dependency", "domain", "infrastructure"]]);
    // That new dependency is a plain violation: something to fix, not a decision to record.
    expect(direct.review.adr).toBeNull();
  });

  it("reviews exactly as before when --base is an ancestor of --head, or a tree", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/shortcut.ts", SHORTCUT);
    const head = await repo.commit("domain imports infrastructure");
    const viaMergeBase = await reviewJson(repo, r.base, head);
    const direct = await reviewJson(repo, r.base, head, ["--no-merge-base"]);
    expect(viaMergeBase.code).toBe(1);
    expect(viaMergeBase.review.base).toBe(r.base);
    expect(viaMergeBase.review.newViolations).toHaveLength(1);
    expect(withoutTiming(viaMergeBase.review)).toEqual(withoutTiming(direct.review));

    const text = await cli(["review", "--repo", repo.dir, "--base", "HEAD~1", "--no-cache"], repo.dir);
    expect(text.stdout.split("\n")[0]).toBe(`Reviewing HEAD (${head.slice(0, 7)}) against HEAD~1 (${r.base.slice(0, 7)})`);

    // A tree has no history: compared directly, silently (the empty tree has no config: judged by defaults).
    const fromNothing = await reviewJson(repo, EMPTY_TREE, head);
    expect(fromNothing.review.base).toBe(EMPTY_TREE);
    expect(fromNothing.review.notices.join("\n")).not.toContain("merge base");
    expect(fromNothing.review.edgesAdded).toContainEqual({ from: "src/domain/shortcut.ts", to: "src/infrastructure/memory-user-repository.ts" });
  });

  it("falls back to --base itself, and says so, when the histories are unrelated", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.checkout("main", "unrelated", { orphan: true });
    await repo.write("src/domain/shortcut.ts", SHORTCUT);
    const head = await repo.commit("a root commit of its own, with a violation");
    const { code, review } = await reviewJson(repo, "main", "unrelated");
    expect(code).toBe(1);
    expect(review.base).toBe(r.base);
    expect(review.notices[0]).toContain("main and unrelated have no merge base (their histories are unrelated)");
    expect(review.newViolations.map((v) => v.from)).toEqual(["src/domain/shortcut.ts"]);
    const direct = await reviewJson(repo, "main", "unrelated", ["--no-merge-base"]);
    expect(withoutTiming({ ...review, notices: review.notices.slice(1) })).toEqual(withoutTiming(direct.review));

    const text = await cli(["review", "--repo", repo.dir, "--base", "main", "--head", "unrelated", "--no-cache"], repo.dir);
    expect(text.stdout.split("\n")[0]).toBe(`Reviewing unrelated (${head.slice(0, 7)}) against main (${r.base.slice(0, 7)}, no merge base, compared directly)`);
    expect(text.stdout).toContain("Note: main and unrelated have no merge base");
  });

  it("keys the graph cache on the merge base, not on the tip of --base", async () => {
    const d = await diverged(
      async () => {},
      async (r) => r.write("src/domain/shortcut.ts", SHORTCUT),
    );
    cacheDir = mkdtempSync(path.join(os.tmpdir(), "archreview-cli-merge-base-"));
    // A direct review caches main's tip; the merge-base review must not take it for its base.
    await reviewJson(d.repo, "main", "feature", ["--no-merge-base", "--cache-dir", cacheDir]);
    const cold = await reviewJson(d.repo, "main", "feature", ["--cache-dir", cacheDir]);
    const warm = await reviewJson(d.repo, "main", "feature", ["--cache-dir", cacheDir]);
    const uncached = await reviewJson(d.repo, "main", "feature");
    expect(warm.review.stats.filesParsed).toBeLessThan(uncached.review.stats.filesParsed); // both graphs came from the cache
    for (const run of [cold, warm]) {
      expect(run.review.base).toBe(d.branchPoint);
      expect(withoutTiming({ ...run.review, stats: uncached.review.stats })).toEqual(withoutTiming(uncached.review));
    }
    expectNothingOfMain(warm.review);
  });
});
