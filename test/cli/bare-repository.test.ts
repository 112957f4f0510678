// A bare repository (a server's copy, as a pre-receive hook sees it, or a mirror): revisions are read
// from git objects, so review and check work there as in a clone and say the same; what needs a
// working tree (--worktree, init, the uncommitted-changes note) says so or is left out.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { runInit } from "../../src/cli/init.js";
import { runCli } from "../../src/cli/run.js";
import { runGit, type GitRunner } from "../../src/git/git.js";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { cli, layeredRepo } from "./harness.js";

let repo: SampleRepository;
let base: string;
let head: string;
let tmp: string;
let bare: string;

beforeAll(async () => {
  ({ repo, base } = await layeredRepo());
  await repo.write("src/domain/shortcut.ts", 'import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const r = new MemoryUserRepository();\n');
  head = await repo.commit("a shortcut");
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-bare-"));
  bare = path.join(tmp, "project.git");
  const cloned = await runGit(["clone", "--quiet", "--bare", repo.dir, bare], { cwd: tmp });
  if (cloned.code !== 0) throw new Error(cloned.stderr);
}, 60_000);
afterAll(async () => {
  await repo.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const withoutStats = (stdout: string): unknown => {
  const { stats: _stats, ...rest } = JSON.parse(stdout) as { stats: unknown };
  return rest;
};

describe("a bare repository", () => {
  it("reviews a change as the clone does, from the merge base or directly, and asks no git status", async () => {
    for (const extra of [[], ["--no-merge-base"]]) {
      const ran: string[] = [];
      const counting: GitRunner = (args, options) => {
        ran.push(args[0] as string);
        return runGit(args, options);
      };
      let stdout = "";
      const code = await runCli(["review", "--repo", bare, "--base", base, "--head", head, "--format", "json", "--no-cache", ...extra], {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => undefined },
        cwd: tmp,
        env: {},
        today: "2026-11-20",
        git: counting,
      });
      const inClone = await cli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "json", "--no-cache", ...extra], repo.dir);
      expect(code).toBe(inClone.code);
      expect(code).toBe(1); // the shortcut breaks a boundary rule
      expect(withoutStats(stdout)).toEqual(withoutStats(inClone.stdout));
      expect(ran).not.toContain("status");
    }
  });

  it("reviews its HEAD by default, and checks a revision as the clone does", async () => {
    const byDefault = await cli(["review", "--repo", bare, "--base", base, "--format", "json", "--no-cache"], tmp);
    expect(byDefault.code).toBe(1);
    expect((JSON.parse(byDefault.stdout) as { head: string }).head).toBe(head);
    const checked = await cli(["check", "--repo", bare, "--rev", head, "--format", "json"], tmp);
    const inClone = await cli(["check", "--repo", repo.dir, "--rev", head, "--format", "json"], repo.dir);
    expect(checked.code).toBe(inClone.code);
    expect(JSON.parse(checked.stdout)).toEqual(JSON.parse(inClone.stdout));
  });

  it("refuses --worktree and init with what to do instead", async () => {
    const worktree = await cli(["review", "--repo", bare, "--base", base, "--worktree", "--no-cache"], tmp);
    expect(worktree.code).toBe(2);
    expect(worktree.stderr).toContain("is a bare repository (no working tree): review a commit with --head");
    let stderr = "";
    const code = await runInit(["--repo", bare], { stdout: { write: () => undefined }, stderr: { write: (t: string) => (stderr += t) }, cwd: tmp, today: "2026-11-20" });
    expect(code).toBe(2);
    expect(stderr).toContain("is a bare repository: init writes .github/archreview.yml into a working tree");
    expect(stderr).not.toContain("internal error");
  });

  it("still tells a folder outside any repository from a bare one", async () => {
    const run = await cli(["review", "--repo", tmp, "--base", base, "--no-cache"], tmp);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is not inside a git repository");
  });
});
