// Needs a real Redis (`npm run test:redis`): with REDIS_URL the App's graph cache is Redis, and a
// review whose merge base another instance cached there fetches only the changed files.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { reviewTrees } from "../../src/engine/review.js";
import { fetchChangedFiles } from "../../src/github/trees/changed-files.js";
import type { ComparedFile } from "../../src/pipeline/comparison.js";
import type { GitHubClient } from "../../src/github/api/client.js";
import { DEFAULT_SNAPSHOT_LIMITS } from "../../src/archive/limits.js";
import { OWNER, REPO } from "../github/app-harness.js";
import { compareOf, serveFilesFrom } from "../github/git-github.js";
import { PlainOctokit as Octokit } from "../helpers/plain-octokit.js";

const url = process.env.REDIS_URL as string;
let repo: SampleRepository;
let scratch: string;

beforeAll(async () => {
  if (!url) throw new Error("REDIS_URL is not set: see redis-graph-cache.test.ts");
  repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  scratch = mkdtempSync(path.join(os.tmpdir(), "archreview-redis-changed-"));
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.enableNetConnect();
  rmSync(scratch, { recursive: true, force: true });
  await repo.dispose();
});
afterEach(() => nock.cleanAll());

function checkout(sha: string, name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive --format=tar ${sha} | tar -x -C '${dir}'`], { cwd: repo.dir });
  return dir;
}

describe("changed files with the graph cache in Redis", () => {
  it("finds the merge base's manifest and graph another instance left, and reviews as from the whole trees", async () => {
    const base = await repo.commit("base");
    await repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n');
    const head = await repo.commit("head");
    const repository = `${OWNER}/${REPO}-${Date.now()}`;
    const whole = { base: { sha: base, dir: checkout(base, "base") }, head: { sha: head, dir: checkout(head, "head") } };
    await reviewTrees({ base: whole.base, head: whole.base, changes: [], today: "2026-11-20", cache: { redisUrl: url, repository, manifests: true } });

    const served = serveFilesFrom(repo.dir);
    const dirs = { base: path.join(scratch, "listed-base"), head: path.join(scratch, "listed-head") };
    Object.values(dirs).forEach((d) => mkdirSync(d));
    const compared = compareOf(repo.dir, base, head);
    const outcome = await fetchChangedFiles({
      octokit: new Octokit({ auth: "token" }) as unknown as GitHubClient,
      repo: { owner: OWNER, repo: REPO },
      comparison: { mergeBase: base, files: compared.files as ComparedFile[], complete: true },
      headSha: head,
      dirs,
      cache: { redisUrl: url, repository },
      limits: DEFAULT_SNAPSHOT_LIMITS,
    });
    if (outcome.use !== "changed-files") throw new Error(`expected the changed files, got the tarballs: ${outcome.reason}`);
    expect(served.contents).toEqual([`${head}:src/domain/shortcut.ts`]);
    const listed = await reviewTrees({ base: { sha: base, dir: dirs.base }, head: { sha: head, dir: dirs.head }, trees: outcome.trees, changes: outcome.changes, today: "2026-11-20", cache: { redisUrl: url, repository } });
    const full = await reviewTrees({ ...whole, today: "2026-11-20" });
    const untimed = ({ stats: { ms: _ms, filesParsed: _f, ...stats }, ...rest }: typeof full.review) => ({ ...rest, stats });
    expect(untimed(listed.review)).toEqual(untimed(full.review));
    expect(listed.review.newViolations).toHaveLength(1);
  });
});
