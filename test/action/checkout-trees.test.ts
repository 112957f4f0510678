// The Action's trees, in process (the end-to-end runs are in action.test.ts): from a one-commit
// checkout as actions/checkout makes it, the base and the history to the merge base are fetched,
// and both sides are handed to the engine as git objects of the checkout, never as directories.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEMO_SAMPLE_DIR, SampleRepository } from "../../src/cli/sample-repo.js";
import { reviewTrees } from "../../src/engine/index.js";
import { runGit } from "../../src/git/git.js";
import { checkoutTrees } from "../../src/github/action/checkout-trees.js";
import type { Comparison } from "../../src/pipeline/comparison.js";

const VIOLATION = '// a shortcut through the layers\nimport { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n';

let repo: SampleRepository | undefined;
let tmp: string | undefined;
afterEach(async () => {
  await repo?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  repo = undefined;
  tmp = undefined;
});

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await runGit(args, { cwd });
  if (r.code !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
  return r.stdout.toString().trim();
}

describe("the Action's checkout trees", () => {
  it("fetch what a one-commit checkout lacks, then give the engine both sides as git objects of the checkout", async () => {
    repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
    const base = await repo.commit("base");
    await repo.write("src/domain/shortcut.ts", VIOLATION);
    const head = await repo.commit("violation");
    tmp = await mkdtemp(path.join(os.tmpdir(), "archreview-checkout-trees-"));
    const workspace = path.join(tmp, "checkout");
    await git(tmp, "clone", "--quiet", "--depth=1", "--branch=main", `file://${repo.dir}`, workspace);
    expect((await runGit(["cat-file", "-e", `${base}^{commit}`], { cwd: workspace })).code).not.toBe(0);
    const warnings: unknown[] = [];
    const trees = checkoutTrees({ workspace, configOverride: null, log: { warn: (meta) => void warnings.push(meta) } });

    const comparison: Comparison = await trees.compare(base, head);
    expect(comparison).toEqual({ mergeBase: base, files: [{ filename: "src/domain/shortcut.ts", status: "added", sha: null }], complete: true });
    expect(warnings).toEqual([]);
    expect(trees.readsInPlace).toBe(true);

    const inputs = await trees.gather(comparison, "");
    const { request } = inputs;
    expect([request.base.git, request.base.sha, request.head.git, request.head.sha]).toEqual([workspace, base, workspace, head]);
    // The names the resolver sees are under a root no review writes to, not under any scratch folder.
    expect(request.head.dir.startsWith(path.join(path.parse(workspace).root, "archreview-git-objects"))).toBe(true);
    expect(inputs.fetch).toBe("checkout");

    const { review } = await reviewTrees({ ...request, today: "2026-12-04" });
    expect(review.findings.filter((f) => f.status === "new" && f.kind === "boundary").map((f) => [f.file, f.line])).toEqual([["src/domain/shortcut.ts", 2]]);
  });
});
