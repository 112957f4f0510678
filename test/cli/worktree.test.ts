// The working tree (issue 14 item 5): --worktree (or --head WORKTREE) reviews staged, unstaged and
// untracked source files against --base, .gitignore respected, without touching the user's index;
// without it, uncommitted source changes are named on stderr as not part of the review.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { runCli } from "../../src/cli/run.js";
import { runGit, type GitRunner } from "../../src/git/git.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, layeredRepo, reviewJson } from "./harness.js";

let repo: SampleRepository | undefined;
afterEach(async () => repo?.dispose());

const IMPORTS_INFRASTRUCTURE = 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const store = () => new MemoryUserRepository();\n';

async function git(dir: string, ...args: string[]): Promise<string> {
  const r = await runGit(args, { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout.toString();
}

/** Three domain files importing infrastructure: one staged, one modified and unstaged, one untracked; a fourth ignored. */
async function uncommittedViolations(repo: SampleRepository): Promise<void> {
  await repo.write(".gitignore", "generated/\n");
  await repo.commit("ignore generated/");
  await repo.write("src/domain/staged.ts", IMPORTS_INFRASTRUCTURE);
  await git(repo.dir, "add", "src/domain/staged.ts");
  await repo.write("src/domain/order.ts", `${await readFile(path.join(repo.dir, "src/domain/order.ts"), "utf8")}${IMPORTS_INFRASTRUCTURE.replace("store", "orders")}`);
  await repo.write("src/domain/untracked.ts", IMPORTS_INFRASTRUCTURE);
  await repo.write("generated/src/domain/ignored.ts", IMPORTS_INFRASTRUCTURE);
}

const violatingFiles = (review: { newViolations: { from: string }[] }): string[] => review.newViolations.map((v) => v.from).sort();

describe("archreview review --worktree", () => {
  it("reviews staged, unstaged and untracked source files, not ignored ones, and leaves the index alone", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await uncommittedViolations(repo);
    const indexBefore = await readFile(path.join(repo.dir, ".git/index"));
    const statusBefore = await git(repo.dir, "status", "--porcelain");

    // The harness always names --head: WORKTREE agrees with --worktree; another ref would not.
    const { code, review, stderr } = await reviewJson(repo, "main", "WORKTREE", ["--worktree"]);
    expect(code).toBe(1);
    expect(violatingFiles(review)).toEqual(["src/domain/order.ts", "src/domain/staged.ts", "src/domain/untracked.ts"]);
    expect(stderr).not.toContain("not part of this review");
    expect(await readFile(path.join(repo.dir, ".git/index"))).toEqual(indexBefore);
    expect(await git(repo.dir, "status", "--porcelain")).toBe(statusBefore);
    const both = await cli(["review", "--repo", repo.dir, "--base", "main", "--head", "HEAD", "--worktree"], repo.dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--worktree reviews the working tree: it cannot be combined with --head");
  });

  it("takes --head WORKTREE as --worktree", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/untracked.ts", IMPORTS_INFRASTRUCTURE);
    const run = await reviewJson(repo, r.base, "WORKTREE");
    expect(violatingFiles(run.review)).toEqual(["src/domain/untracked.ts"]);
  });

  it("without it, reviews HEAD and says which uncommitted source files are left out", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await uncommittedViolations(repo);
    const { code, review, stderr } = await reviewJson(repo, "main", "HEAD");
    expect(code).toBe(0);
    expect(review.newViolations).toEqual([]);
    expect(stderr).toContain("archreview: note: uncommitted changes to 3 source files are not part of this review (src/domain/order.ts, src/domain/staged.ts, src/domain/untracked.ts); --worktree reviews them too\n");
  });

  it("says the note before the review's failure, and reviews without it when git cannot say what is uncommitted", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await uncommittedViolations(repo);
    // A configuration that fails: the note comes first, then the reason (git status runs beside the analysis).
    const failing = await cli(["review", "--repo", repo.dir, "--base", "main", "--format", "json", "--no-cache", "--config", path.join(repo.dir, "missing.yml")], repo.dir);
    expect(failing.code).toBe(2);
    const lines = failing.stderr.split("\n").filter((l) => l.startsWith("archreview: ") && !l.endsWith("…"));
    expect(lines[0]).toMatch(/^archreview: note: uncommitted changes to 3 source files/);
    expect(lines[1]).toContain("missing.yml");
    // git status failing: the review is the same, without the note.
    const noStatus: GitRunner = (args, options) => (args[0] === "status" ? Promise.resolve({ code: 128, stdout: Buffer.from(""), stderr: "fatal: index file corrupt" }) : runGit(args, options));
    let stdout = "";
    let stderr = "";
    const code = await runCli(["review", "--repo", repo.dir, "--base", "main", "--format", "json", "--no-cache"], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      cwd: repo.dir,
      env: {},
      today: "2026-11-20",
      git: noStatus,
    });
    expect(code).toBe(0);
    expect(stderr).not.toContain("not part of this review");
    const { stats: _a, ...withoutNote } = JSON.parse(stdout) as { stats: unknown };
    const { stats: _b, ...withNote } = (await reviewJson(repo, "main", "HEAD")).review as unknown as { stats: unknown };
    expect(withoutNote).toEqual(withNote);
  });

  it("says nothing when the working tree is clean, or only non-source files changed", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    expect((await reviewJson(repo, "main", "HEAD")).stderr).not.toContain("not part of this review");
    await repo.write("notes.md", "draft\n");
    expect((await reviewJson(repo, "main", "HEAD")).stderr).not.toContain("not part of this review");
  });
});
