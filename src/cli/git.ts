// Every git process the CLI spawns lives here, behind one injectable runner.
// Snapshots go through a private index file: the user's working tree and index are never touched.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileChange } from "../core/model.js";
import { SUPPORT_FILE_MAX_BYTES, TreeFileRefusedError } from "../engine/index.js";

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export type GitRunner = (args: string[], options: { cwd: string; env?: Record<string, string> }) => Promise<GitResult>;

/** git's well-known empty tree: lets a review start from nothing (a repository's first commit). */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

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

export class Git {
  constructor(
    private readonly repo: string,
    private readonly run: GitRunner = runGit,
  ) {}

  private async ok(args: string[], env?: Record<string, string>): Promise<Buffer> {
    const r = await this.run(args, { cwd: this.repo, ...(env ? { env } : {}) });
    if (r.code !== 0) throw new GitError(`git ${args[0]} failed: ${r.stderr.trim().split("\n")[0] ?? `exit ${r.code}`}`);
    return r.stdout;
  }

  async topLevel(): Promise<string> {
    return (await this.ok(["rev-parse", "--show-toplevel"])).toString().trim();
  }

  /** A commit (or tree) id for `ref`, or a GitError naming the ref. */
  async resolve(ref: string): Promise<string> {
    return (await this.resolveRevision(ref)).sha;
  }

  /** `ref` as a commit id (`commit: true`), else as a tree id (git's empty tree), else a GitError. */
  async resolveRevision(ref: string): Promise<{ sha: string; commit: boolean }> {
    for (const suffix of ["^{commit}", "^{tree}"]) {
      const r = await this.run(["rev-parse", "--verify", "--quiet", `${ref}${suffix}`], { cwd: this.repo });
      if (r.code === 0) return { sha: r.stdout.toString().trim(), commit: suffix === "^{commit}" };
    }
    throw new GitError(`unknown revision "${ref}" in ${this.repo}`);
  }

  /** The best common ancestor of two commits, or null when their histories never meet (in this clone). */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const r = await this.run(["merge-base", a, b], { cwd: this.repo });
    // Exit 1 without a message: no common ancestor. Anything else is an error.
    if (r.code === 1 && r.stderr.trim() === "") return null;
    if (r.code !== 0) throw new GitError(`git merge-base failed: ${r.stderr.trim().split("\n")[0] ?? `exit ${r.code}`}`);
    return r.stdout.toString().trim().split("\n")[0] || null;
  }

  /** A shallow clone may lack the commits where two histories meet. */
  async isShallow(): Promise<boolean> {
    const r = await this.run(["rev-parse", "--is-shallow-repository"], { cwd: this.repo });
    return r.code === 0 && r.stdout.toString().trim() === "true";
  }

  /** Writes the tree of `sha` into `dir` through a throw-away index file. */
  async materialize(sha: string, dir: string, scratch: string): Promise<void> {
    const env = { GIT_INDEX_FILE: path.join(scratch, `index-${sha.slice(0, 12)}`) };
    await this.ok(["read-tree", sha], env);
    await this.ok(["checkout-index", "--all", "--force", `--prefix=${dir}${path.sep}`], env);
  }

  /**
   * Writes only `files` (those that are regular files at `sha`) into `dir`. Symbolic links and
   * submodules are left out: the readers see them as missing, never as a link to follow.
   */
  async materializeFiles(sha: string, dir: string, files: string[]): Promise<void> {
    const entries = files.length > 0 ? await this.entries(sha, files) : new Map<string, TreeEntry>();
    for (const file of files) {
      const entry = entries.get(file);
      if (!entry || !REGULAR_MODES.has(entry.mode)) continue;
      const text = await this.run(["cat-file", "blob", entry.object], { cwd: this.repo });
      if (text.code !== 0) continue;
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text.stdout);
    }
  }

  /** The tree entries (mode, object, size) of `files` at `sha`; paths that do not exist are absent. */
  async entries(sha: string, files: string[]): Promise<Map<string, TreeEntry>> {
    const out = (await this.ok(["--literal-pathspecs", "ls-tree", "-l", "-z", "--full-tree", sha, "--", ...files])).toString();
    return parseLsTree(out);
  }

  /** Files changed between two trees, renames detected (git's default similarity, 50%). */
  async changes(base: string, head: string): Promise<FileChange[]> {
    const out = (await this.ok(["diff", "--raw", "-z", "--find-renames", "-l0", base, head])).toString();
    return parseRawDiff(out);
  }

  /**
   * A file's text at a commit, or null when it does not exist there. Read from git objects, so it is
   * never a host file: a symbolic link is followed only to another blob of the same tree (as a
   * checkout would), a link out of it or a blob past the size cap is a TreeFileRefusedError.
   */
  async show(sha: string, file: string, named: string = file, hops = 0): Promise<string | null> {
    const entry = (await this.entries(sha, [file])).get(file);
    if (!entry) return null;
    if (entry.mode === SYMLINK_MODE) return this.followLink(sha, file, named, hops, entry);
    if (!REGULAR_MODES.has(entry.mode)) return null; // a directory or a submodule: no such file
    if (entry.size > SUPPORT_FILE_MAX_BYTES) throw new TreeFileRefusedError({ path: named, reason: "too-large" });
    const r = await this.run(["cat-file", "blob", entry.object], { cwd: this.repo });
    return r.code === 0 ? r.stdout.toString("utf8") : null;
  }

  private async followLink(sha: string, file: string, named: string, hops: number, entry: TreeEntry): Promise<string | null> {
    const r = await this.run(["cat-file", "blob", entry.object], { cwd: this.repo });
    const target = linkTarget(file, r.stdout.toString("utf8"));
    if (target === null) throw new TreeFileRefusedError({ path: named, reason: "link-outside" });
    if (hops >= MAX_LINK_HOPS) throw new TreeFileRefusedError({ path: named, reason: "link-broken" });
    return this.show(sha, target, named, hops + 1);
  }
}

export interface TreeEntry {
  mode: string;
  object: string;
  /** Bytes; 0 for trees and submodules. */
  size: number;
}

const SYMLINK_MODE = "120000";
const REGULAR_MODES = new Set(["100644", "100755"]);
/** Linux follows at most 40 links in one path; a tree needs far fewer. */
const MAX_LINK_HOPS = 8;

/** The repo-relative path a link at `file` names, or null when it leaves the tree (absolute, or above the root). */
export function linkTarget(file: string, text: string): string | null {
  if (text.startsWith("/") || text.includes("\0")) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), text));
  return target === ".." || target.startsWith("../") || target === "." ? null : target;
}

/** `git ls-tree -l -z` output: "<mode> <type> <object> <size>\t<path>" entries. */
export function parseLsTree(out: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const line of out.split("\0")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", , object = "", size = "-"] = line.slice(0, tab).trim().split(/\s+/);
    entries.set(line.slice(tab + 1), { mode, object, size: size === "-" ? 0 : Number(size) });
  }
  return entries;
}

/** `git diff --raw -z`: ":<mode> <mode> <object> <object> <status>\0<path>[\0<path>]" entries, as name-status reads. */
export function parseRawDiff(out: string): FileChange[] {
  const fields = out.split("\0");
  const nameStatus: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (!field.startsWith(":")) continue;
    const status = field.split(" ").pop() ?? "";
    const paths = status.startsWith("R") || status.startsWith("C") ? 2 : 1;
    nameStatus.push(status, ...fields.slice(i + 1, i + 1 + paths));
    i += paths;
  }
  return parseNameStatus(nameStatus.join("\0"));
}

export function parseNameStatus(out: string): FileChange[] {
  const parts = out.split("\0").filter((p) => p !== "");
  const changes: FileChange[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++] as string;
    const code = status[0];
    if (code === "R" || code === "C") {
      const previousPath = parts[i++] as string;
      const p = parts[i++] as string;
      changes.push(code === "R" ? { kind: "renamed", path: p, previousPath } : { kind: "added", path: p });
    } else {
      const p = parts[i++] as string;
      changes.push({ kind: code === "A" ? "added" : code === "D" ? "deleted" : "modified", path: p });
    }
  }
  return changes;
}
