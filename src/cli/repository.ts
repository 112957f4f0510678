// The repository a command reads, and git's failures turned into what to do next: a folder that
// does not exist, one outside any clone, git missing from PATH, a ref that only a fetch would bring.
import { stat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./args.js";
import { bareGitDir, Git, GitError, type GitRunner } from "../git/git.js";
import type { RevisionQuery } from "../git/revision-batch.js";
import type { WorkingTree } from "./worktree.js";

/**
 * The repository at (or above) `--repo`, or the current directory: a Git at its top level (a bare
 * repository's own folder: revisions are read from git objects, so a server-side hook or a mirror can
 * be reviewed too). With `wanted`, the revisions the command will resolve are read in the same git
 * process and the Git answers from them.
 */
export async function openRepository(cwd: string, repoOption: string | undefined, runner?: GitRunner, wanted?: RevisionQuery): Promise<{ git: Git; top: string; bare: boolean }> {
  const dir = path.resolve(cwd, repoOption ?? ".");
  const named = repoOption === undefined ? `the current directory ${dir}` : `--repo ${dir}`;
  const info = await stat(dir).catch(() => null);
  if (info === null) throw new UsageError(`${named} does not exist: give the folder of a git clone`);
  if (!info.isDirectory()) throw new UsageError(`${named} is a file: give the folder of a git clone`);
  const answers = wanted ? await new Git(dir, runner).answersFor(wanted) : null;
  if (answers) return { git: new Git(answers.top, runner, answers), top: answers.top, bare: false };
  // No batched answer: one question at a time, for git's own complaint.
  let top: string;
  try {
    top = await new Git(dir, runner).topLevel();
  } catch (error) {
    if (isMissingGit(error)) throw new GitError("git was not found on PATH: archreview reads revisions with git; install git or add it to PATH");
    if (error instanceof GitError && /not a git repository/i.test(error.message)) {
      throw new GitError(`${dir} is not inside a git repository: run archreview in a clone, or name one with --repo DIR`);
    }
    const bare = error instanceof GitError ? await bareGitDir(dir, runner) : null;
    if (bare !== null) return { git: new Git(bare, runner), top: bare, bare: true };
    throw error;
  }
  return { git: new Git(top, runner), top, bare: false };
}

/** `spawn git ENOENT`: the program, not the folder, is missing (the folder was checked first). */
export function isMissingGit(error: unknown): boolean {
  // Duck-typed: a spawn error may come from another realm's Error (a test VM).
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT" && "syscall" in error && String(error.syscall).startsWith("spawn");
}

/** `ref` resolved, or a GitError that says how to get it: fetch the remote, or use the local branch. */
export async function resolveNamed(git: Git, clone: WorkingTree, ref: string, flag: string): Promise<{ sha: string; commit: boolean }> {
  try {
    return await git.resolveRevision(ref);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const hints = await refHints(git, clone, ref, flag);
    throw new GitError(hints.length > 0 ? `${error.message}: ${hints.join("; ")}` : error.message);
  }
}

async function exists(git: Git, ref: string): Promise<boolean> {
  return git.resolveRevision(ref).then(
    () => true,
    () => false,
  );
}

async function refHints(git: Git, clone: WorkingTree, ref: string, flag: string): Promise<string[]> {
  const remotes = await clone.remotes();
  const slash = ref.indexOf("/");
  const remote = slash > 0 ? ref.slice(0, slash) : null;
  if (remote === null || !/^[\w.-]+$/.test(remote)) {
    // `main` missing locally but `origin/main` present: a clone that never checked it out.
    for (const r of remotes) if (await exists(git, `${r}/${ref}`)) return [`the remote branch is \`${flag} ${r}/${ref}\``];
    // A CI checkout is often one commit deep: \`HEAD~1\` or an older sha is then not in the clone.
    if (await git.isShallow()) return ["this clone is shallow and may not reach it: `git fetch --deepen=50` (or `--unshallow`) fetches older commits"];
    return [];
  }
  const branch = ref.slice(slash + 1);
  const hints = [
    remotes.includes(remote)
      ? `\`git fetch ${remote} ${branch}\` fetches it`
      : `this clone has no remote "${remote}" (${remotes.length === 0 ? "it has none" : `its remotes: ${remotes.join(", ")}`})`,
  ];
  if (await exists(git, branch)) hints.push(`the local branch is \`${flag} ${branch}\``);
  return hints;
}
