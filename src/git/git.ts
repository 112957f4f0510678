// Every git process the shells (the CLI, the Action) start to find what to review lives here, behind
// one injectable runner: revisions, merge bases, the diff between two trees, fetching a missing commit.
// The trees themselves are read by the engine from git objects (extract/git-objects.ts): nothing here
// writes a tree to disk.
import { spawn, type ChildProcess } from "node:child_process";
import type { FileChange } from "../core/model.js";
import { parseRawDiff } from "./raw-diff.js";
import { batchArgs, parseBatch, type RevisionAnswers, type RevisionQuery } from "./revision-batch.js";

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export type GitRunner = (args: string[], options: { cwd: string; env?: Record<string, string> }) => Promise<GitResult>;

/** git's well-known empty tree: lets a review start from nothing (a repository's first commit). */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** `git ls-tree` of a whole tree as the engine reads it (Git.treeListing). */
export const treeListingArgs = (sha: string): string[] => ["ls-tree", "-r", "-l", "-z", "--full-tree", sha];

/** `git diff` of two trees as a review reads it (Git.changes): raw, NUL-separated, renames found. */
export const changesArgs = (base: string, head: string): string[] => ["diff", "--raw", "-z", "--find-renames", "-l0", base, head];

/** The repository's own folder when the one at `dir` is bare (no working tree: a server's copy, a mirror), else null. */
export async function bareGitDir(dir: string, run: GitRunner = runGit): Promise<string | null> {
  const r = await run(["rev-parse", "--is-bare-repository", "--absolute-git-dir"], { cwd: dir }).catch(() => null);
  if (r?.code !== 0) return null;
  const [bare, gitDir] = r.stdout.toString().split("\n");
  return bare === "true" && gitDir ? gitDir : null;
}

/** git processes still running: stopped before scratch folders are removed on a signal (they may be writing there). */
const liveGit = new Set<ChildProcess>();

/** Kills every running git process and waits (at most `graceMs`) until they are gone. */
export async function stopGitProcesses(graceMs = 2000): Promise<void> {
  const exits = [...liveGit].map((child) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("close", () => resolve()))));
  for (const child of liveGit) child.kill("SIGKILL");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(exits), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
}

export const runGit: GitRunner = (args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: options.cwd, env: { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: "0" } });
    liveGit.add(child);
    child.on("close", () => liveGit.delete(child));
    child.on("error", () => liveGit.delete(child));
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
  });

export class GitError extends Error {}

/** git's first line of complaint, or its exit status. */
export const firstErrorLine = (r: GitResult): string => r.stderr.trim().split("\n")[0] || `exit ${r.code}`;

export class Git {
  /**
   * @param known answers read ahead in one process (answersFor): resolveRevision and mergeBase use them
   *   instead of asking git again; a fetch forgets them (it may move refs).
   */
  constructor(
    private readonly repo: string,
    private readonly run: GitRunner = runGit,
    private known: RevisionAnswers | null = null,
  ) {}

  private async ok(args: string[]): Promise<Buffer> {
    const r = await this.run(args, { cwd: this.repo });
    if (r.code !== 0) throw new GitError(`git ${args[0]} failed: ${firstErrorLine(r)}`);
    return r.stdout;
  }

  async topLevel(): Promise<string> {
    return (await this.ok(["rev-parse", "--show-toplevel"])).toString().trim();
  }

  /**
   * The top level and every answer `query` asks for, from one `git rev-parse` run in this Git's folder;
   * null when git fails, a name is not batchable or the answer is not exactly what was asked (the
   * caller then asks one question at a time, for git's precise complaint).
   */
  async answersFor(query: RevisionQuery): Promise<RevisionAnswers | null> {
    const args = batchArgs(query);
    if (args === null) return null;
    const r = await this.run(args, { cwd: this.repo }).catch(() => null);
    return r?.code === 0 ? parseBatch(query, r.stdout.toString()) : null;
  }

  /** A commit (or tree) id for `ref`, or a GitError naming the ref. */
  async resolve(ref: string): Promise<string> {
    return (await this.resolveRevision(ref)).sha;
  }

  /** `ref` as a commit id (`commit: true`), else as a tree id (git's empty tree), else a GitError. */
  async resolveRevision(ref: string): Promise<{ sha: string; commit: boolean }> {
    const known = this.known?.commits.get(ref);
    if (known !== undefined) return { sha: known, commit: true };
    for (const suffix of ["^{commit}", "^{tree}"]) {
      const r = await this.run(["rev-parse", "--verify", "--quiet", `${ref}${suffix}`], { cwd: this.repo });
      if (r.code === 0) return { sha: r.stdout.toString().trim(), commit: suffix === "^{commit}" };
    }
    throw new GitError(`unknown revision "${ref}" in ${this.repo}`);
  }

  /** Whether the clone holds the commit `sha` (a shallow checkout may not). */
  async hasCommit(sha: string): Promise<boolean> {
    return (await this.run(["cat-file", "-e", `${sha}^{commit}`], { cwd: this.repo })).code === 0;
  }

  /** `git fetch --no-tags --quiet ARGS`: null when it worked, else git's first line of complaint. */
  async fetch(args: string[]): Promise<string | null> {
    this.known = null;
    const r = await this.run(["fetch", "--no-tags", "--quiet", ...args], { cwd: this.repo });
    return r.code === 0 ? null : firstErrorLine(r);
  }

  /** The best common ancestor of two commits, or null when their histories never meet (in this clone). */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const known = this.known?.mergeBase;
    if (known && known.base === a && known.head === b) return known.sha;
    const r = await this.run(["merge-base", a, b], { cwd: this.repo });
    // Exit 1 without a message: no common ancestor. Anything else is an error.
    if (r.code === 1 && r.stderr.trim() === "") return null;
    if (r.code !== 0) throw new GitError(`git merge-base failed: ${firstErrorLine(r)}`);
    return r.stdout.toString().trim().split("\n")[0] || null;
  }

  /** A shallow clone may lack the commits where two histories meet. */
  async isShallow(): Promise<boolean> {
    const r = await this.run(["rev-parse", "--is-shallow-repository"], { cwd: this.repo });
    return r.code === 0 && r.stdout.toString().trim() === "true";
  }

  /**
   * `git ls-tree -r -l -z --full-tree <sha>`, the listing the engine reads a tree of git objects from
   * (extract/git-objects.ts listingArgs): run here while the review worker boots. Null when git fails:
   * the engine then lists the tree itself and words the failure as it always has. In memory of its own:
   * a small Buffer is a view of Node's shared pool, which a structured clone to the worker would copy whole.
   */
  async treeListing(sha: string): Promise<Uint8Array | null> {
    const r = await this.run(treeListingArgs(sha), { cwd: this.repo }).catch(() => null);
    return r?.code === 0 ? new Uint8Array(r.stdout) : null;
  }

  /** Files changed between two trees, renames detected (git's default similarity, 50%). */
  async changes(base: string, head: string): Promise<FileChange[]> {
    const out = (await this.ok(changesArgs(base, head))).toString();
    return parseRawDiff(out);
  }
}
