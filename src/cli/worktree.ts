// The working tree and the clone's remotes, read with git beside the Git class (git/git.ts: revisions
// and diffs): which files are uncommitted, the working tree as a tree object, the remote names.
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { GitError, runGit, type GitRunner } from "../git/git.js";

export class WorkingTree {
  constructor(
    private readonly repo: string,
    private readonly run: GitRunner = runGit,
  ) {}

  private async ok(args: string[], env?: Record<string, string>): Promise<string> {
    const r = await this.run(args, { cwd: this.repo, ...(env ? { env } : {}) });
    if (r.code !== 0) throw new GitError(`git ${args[0]} failed: ${r.stderr.trim().split("\n")[0] ?? `exit ${r.code}`}`);
    return r.stdout.toString();
  }

  /** The names of the clone's remotes (`origin`...). */
  async remotes(): Promise<string[]> {
    const r = await this.run(["remote"], { cwd: this.repo });
    return r.code === 0 ? r.stdout.toString().split("\n").map((l) => l.trim()).filter((l) => l !== "") : [];
  }

  /**
   * Paths the working tree changes against HEAD (staged, unstaged, untracked and not ignored).
   * GIT_OPTIONAL_LOCKS=0: `git status` must not refresh the user's index.
   */
  async changedPaths(): Promise<string[]> {
    const out = await this.ok(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], { GIT_OPTIONAL_LOCKS: "0" });
    return out.split("\0").filter((entry) => entry.length > 3).map((entry) => entry.slice(3));
  }

  /**
   * The working tree as a git tree object: HEAD's files with every staged, unstaged and untracked
   * change (.gitignore respected), through a copy of the index: the user's own index is untouched.
   * Its blobs land in the object store, unreferenced, as `git stash` would leave them.
   */
  async asTree(scratch: string): Promise<string> {
    const index = path.join(scratch, "index-worktree");
    const own = path.resolve(this.repo, (await this.ok(["rev-parse", "--git-path", "index"])).trim());
    // A copy keeps the index's stat data, so unchanged files are not hashed again; a fresh repository has none.
    await copyFile(own, index).catch(() => undefined);
    const env = { GIT_INDEX_FILE: index, GIT_OPTIONAL_LOCKS: "0" };
    await this.ok(["add", "--all", "--", "."], env);
    return (await this.ok(["write-tree"], env)).trim();
  }
}
